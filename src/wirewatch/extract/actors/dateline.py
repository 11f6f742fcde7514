"""Datelines: the place (and agency, date) an article or paragraph starts with.

"SEOUL (Reuters) -", "WASHINGTON, Oct 21 (AP) —", "KYIV, Ukraine —" name where the story was
filed, not who acted: a country or capital named there is a place (``actors.place.v1``, coded,
no sector), and nothing else in a dateline is an actor (the agency credits the story).

A dateline starts a line, opens with a word in capitals that is a country, a capital or no
known name ("SAN FRANCISCO"), holds only capitalised words, numbers, commas, full stops and one
parenthesised credit, and ends with a dash within a dozen words.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from .phrases import Found

PLACE_RULE = "actors.place.v1"
DASHES = frozenset({"-", "--", "—", "–", "―"})
#: The most words a dateline holds before its dash.
MAX_WORDS = 12


def dateline_spans(doc: Doc) -> list[tuple[int, int]]:
    """Token spans ``[start, dash]`` of the datelines that open the text or a line of it."""
    out: list[tuple[int, int]] = []
    for tok in doc:
        starts_line = tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
        if starts_line and _capitals(tok):
            dash = _dash_after(doc, tok.i)
            if dash is not None:
                out.append((tok.i, dash))
    return out


def _capitals(tok: Token) -> bool:
    return tok.is_alpha and tok.is_upper and len(tok.text) > 1


def _dash_after(doc: Doc, start: int) -> int | None:
    """The dash that closes a dateline starting at ``start``, if the words before it fit."""
    in_credit = False
    for tok in doc[start : start + MAX_WORDS + 1]:
        if tok.text in DASHES:
            return tok.i if tok.i > start and not in_credit else None
        if tok.text == "(":
            in_credit = True
        elif tok.text == ")":
            in_credit = False
        elif not (in_credit or _dateline_word(tok)):
            return None
    return None


def _dateline_word(tok: Token) -> bool:
    """A word a dateline's place and date are made of: "KYIV", "Ukraine", "Oct", "21", ","."""
    text = tok.text
    return text in (",", ".") or text.isdigit() or (text[:1].isupper() and not tok.is_space)


def mark_datelines(doc: Doc, found: list[Found], spans: list[tuple[int, int]]) -> list[Found]:
    """``found`` with the coded names of each dateline's place (``spans``, from
    ``dateline_spans``) made places and everything else inside a dateline dropped."""
    if not spans:
        return found
    out: list[Found] = []
    for f in found:
        span = next((s for s in spans if s[0] <= f.start < s[1]), None)
        if span is None:
            out.append(f)
        elif f.code is not None and _before_credit(doc, span[0], f.start):
            out.append(replace(f, sector=None, rule=PLACE_RULE, definite=False))
    return out


def _before_credit(doc: Doc, start: int, i: int) -> bool:
    """Whether token ``i`` stands before the dateline's parenthesised credit."""
    return all(t.text != "(" for t in doc[start:i])
