"""Gazetteer names found in a Doc, and the rule each kind of name records.

A name is found longest first from left to right; one that spaCy places inside a longer entity
of another kind is no mention of its own ("Jordan" in "Michael Jordan", "Korean" in "the
Korean War"), unless that entity is itself an actor phrase ("the Russian Embassy").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .gazetteer import Entry, Gazetteer

if TYPE_CHECKING:
    from collections.abc import Sequence

    from spacy.tokens import Doc, Span, Token

#: Entity labels that, when they extend past a gazetteer name, show it is part of another
#: name ("Jordan" in "Michael Jordan", "Korean" in "the Korean War").
VETO_LABELS = frozenset(
    {"PERSON", "LOC", "FAC", "EVENT", "WORK_OF_ART", "LAW", "PRODUCT", "GPE", "LANGUAGE"}
)
#: The rule a mention records, by the kind of name that codes it.
_RULES = {
    "country": "actors.country.v1",
    "demonym": "actors.demonym.v1",
    "capital": "actors.capital.v1",
    "org": "actors.org.v1",
    "person": "actors.person.dict.v1",
    "place": "actors.place.v1",
}
#: The rule of a phrase coded from a city or region it names ("Delhi Police").
LOCAL_RULE = "actors.local.v1"
#: Kinds of name that are where something is ("the police in Lagos").
PLACE_KINDS = ("country", "capital", "place")


@dataclass(frozen=True, slots=True)
class Hit:
    """A gazetteer name found at tokens ``[start, end)``."""

    start: int
    end: int
    entry: Entry


def rule_for(entry: Entry) -> str:
    return _RULES.get(entry.kind, "actors.org.v1")


def find_hits(doc: Doc, gaz: Gazetteer, words: Sequence[str] = ()) -> list[Hit]:
    """Gazetteer names in ``doc``, longest first from left to right, without those spaCy
    places inside a longer name of another kind; ``words``: its token texts, if at hand."""
    words = words or [t.text for t in doc]
    ents: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
    out: list[Hit] = []
    i = 0
    while i < len(words):
        match = gaz.match(words, i)
        if match is not None and match[0] > 1 and words[i].lower() == "the":
            inner = gaz.match(words, i + 1)
            if inner is not None and inner[0] + 1 > match[0]:
                i += 1  # "the U.S." of "the U.S. Supreme Court": the longer name wins
                continue
        if match is not None and not _vetoed(doc, ents, i, i + match[0], gaz):
            out.append(Hit(i, i + match[0], match[1]))
            i += match[0]
        else:
            i += 1
    return out


def _vetoed(doc: Doc, ents: dict[int, Span], start: int, end: int, gaz: Gazetteer) -> bool:
    """Whether spaCy puts the name inside a longer entity of another kind, unless that entity
    is itself an actor phrase ("the Russian Embassy" tagged FAC)."""
    for i in range(start, end):
        ent = ents.get(i)
        if ent is None or ent.label_ not in VETO_LABELS:
            continue
        outside = [t for t in doc[ent.start : ent.end] if not start <= t.i < end]
        if any(is_actor_word(t, gaz) for t in outside):
            return False
        if any(t.is_alpha and t.lower_ not in ("the", "s") for t in outside):
            return True
    return False


def is_actor_word(tok: Token, gaz: Gazetteer) -> bool:
    return any(gaz.sector_of([form])[0] for form in word_forms(tok))


def word_forms(tok: Token) -> tuple[str, ...]:
    """The word as written, its lemma and, for a Doc without lemmas, a plural stripped of -s."""
    lower = tok.lower_
    lemma = tok.lemma_.lower()
    if lemma and lemma != lower:
        return lower, lemma
    return (lower, lower[:-1]) if lower.endswith("s") and len(lower) > 3 else (lower,)
