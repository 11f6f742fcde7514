"""Uncoded officials, police, courts or troops given the one state the text names around them.

"Police arrested two men" after "Protests spread across Algeria." names Algeria's police; so
does "Turkish police detained 110 people, mostly soldiers". A mention with no code whose sector
is a state's own (``state_carry_sectors``: GOV, MIL, COP, JUD, LEG, SPY) takes the code of the
one state named in its sentence and the previous one, when that state is named before it. With
two states named, or none before it, there is no guess. Phrases that name someone else are left
alone: another capitalised name ("Catalan government", "Vietminh forces"), a word for outsiders
("foreign forces", ``state_carry_blockers``) or a third party joined by a hyphen ("U.N.-backed
government").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from typing import TYPE_CHECKING

from .links import HYPHENS

if TYPE_CHECKING:
    from spacy.tokens import Doc

    from .gazetteer import Gazetteer
    from .phrases import Found

RULE = "actors.carry.state.v1"


def state_codes(found: list[Found], sentence: list[int], gaz: Gazetteer) -> dict[int, set[str]]:
    """Sentence number -> the states named in it (by names, not by people)."""
    out: dict[int, set[str]] = defaultdict(set)
    for f in found:
        if not f.person and gaz.is_state(f.code) and f.code is not None:
            out[sentence[f.head]].add(f.code)
    return out


def carry_state(
    doc: Doc,
    f: Found,
    out: list[Found],
    sentence: list[int],
    named: dict[int, set[str]],
    gaz: Gazetteer,
) -> Found:
    """``f`` with the code of the one state named around it, if the rule applies."""
    if f.code is not None or f.person or f.pending or f.sector not in gaz.state_carry_sectors:
        return f
    n = sentence[f.head]
    codes = named.get(n, set()) | named.get(n - 1, set())
    if len(codes) != 1 or _names_other(doc, f, gaz):
        return f
    code = next(iter(codes))
    before = any(p.code == code and not p.person and sentence[p.head] >= n - 1 for p in out)
    return replace(f, code=code, rule=RULE) if before else f


def _names_other(doc: Doc, f: Found, gaz: Gazetteer) -> bool:
    """Whether the phrase names another body: a proper name of its own, a word for outsiders,
    or a third party joined by a hyphen."""
    for t in doc[f.start : f.end]:
        if t.lower_ in gaz.state_carry_blockers:
            return True
        sentence_start = t.i == t.sent.start  # capitalised whatever it is
        if not sentence_start and t.text[:1].isupper() and t.is_alpha and t.i != f.head:
            return True
        if t.lower_ in gaz.hyphen_links and t.i > 0 and doc[t.i - 1].text in HYPHENS:
            return True
        if "-" in t.text and t.text.rpartition("-")[2].lower() in gaz.hyphen_links:
            return True  # "U.N.-backed", one token
    return False
