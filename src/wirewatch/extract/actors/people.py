"""Tests on a phrase that decide whether it names a person, beyond what the parser says.

- A capitalised name right after a person's title is a person's name even when the parser tags
  it as a place or not at all ("President Buhari", "cleric Gulen", "Mr. Obi").
- A name the parser tags as a person is no person when it is written in another script than
  its sentence (a name repeated in Hangul, Cyrillic or Arabic script, a caption fragment), or
  when a lone word stands where English puts a place ("the town of Gjilan", "Idlib province",
  "Lahore, Multan and Faisalabad").
- A demonym on a noun for something said ("South Korean assertions") stands for the actor who
  said it.
"""

from __future__ import annotations

import unicodedata
from functools import cache
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Entity labels of places; a lone "person" joined to one is part of a list or name of places.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _forms(tok: Token) -> tuple[str, ...]:
    """The word lowercased, its lemma, and (for a Doc without lemmas) a plural stripped of -s."""
    lower = tok.lower_
    return lower, tok.lemma_.lower() or lower, lower[:-1] if lower.endswith("s") else lower


def _any_in(tok: Token, words: frozenset[str]) -> bool:
    return any(form in words for form in _forms(tok))


def is_title(tok: Token, gaz: Gazetteer) -> bool:
    """A word that makes the name after it a person's ("President", "cleric", "Mr.")."""
    return _any_in(tok, gaz.person_titles)


def _name_word(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and tok.text[:1].isupper()


def titled_name_start(doc: Doc, head: Token, start: int, gaz: Gazetteer) -> int | None:
    """Where the name ending at ``head`` starts, when a person's title stands right before it
    inside the phrase ``[start, head]``; None when no title does."""
    if not _name_word(head) or is_title(head, gaz) or _sector_word(head, gaz):
        return None  # "the Foreign Minister", "General Assembly"
    i = head.i
    while i > start and _name_word(doc[i - 1]) and not is_title(doc[i - 1], gaz):
        i -= 1
    return i if i > start and is_title(doc[i - 1], gaz) else None


def _sector_word(tok: Token, gaz: Gazetteer) -> bool:
    return any(gaz.sector_of([w])[0] for w in _forms(tok))


def owns_speech(tok: Token, gaz: Gazetteer) -> bool:
    """Whether ``tok`` modifies a noun for something said or asked ("South Korean assertions",
    "the Japanese proposal"): it then names the actor who said it."""
    head = tok.head
    if tok.dep_ not in ("amod", "compound", "nmod", "poss") or head.i == tok.i:
        return False
    return head.pos_ == "NOUN" and _any_in(head, gaz.speech_nouns)


def is_junk_person(doc: Doc, head: Token, start: int, end: int, gaz: Gazetteer) -> bool:
    """Whether a phrase the parser took for a person is none (see the module docstring)."""
    if _foreign_script(doc[start:end].text, head.sent.text):
        return True
    names = [t for t in doc[start:end] if t.ent_type_ == "PERSON"]
    return len(names) == 1 and names[0].i == head.i and _in_place_slot(head, gaz)


def _foreign_script(name: str, sentence: str) -> bool:
    """A name with letters of another script than the Latin of its sentence."""
    letters = [c for c in name if c.isalpha()]
    if not letters or all(_latin(c) for c in letters):
        return False
    context = [c for c in sentence if c.isalpha()]
    return sum(map(_latin, context)) > len(context) / 2


@cache
def _latin(char: str) -> bool:
    return char.isascii() or unicodedata.name(char, "").startswith("LATIN")


def _in_place_slot(tok: Token, gaz: Gazetteer) -> bool:
    """A lone word where English puts a place name: after "the town of", before "province",
    beside places in a list, or inside a longer place name."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and _any_in(head.head, gaz.place_words):
        return True
    if tok.dep_ == "compound" and _any_in(head, gaz.place_words):
        return True
    if tok.dep_ == "compound" and head.ent_type_ in PLACE_LABELS:
        return True
    listed = [*tok.conjuncts, *(c for c in tok.children if c.dep_ == "appos")]
    if tok.dep_ == "appos":
        listed.append(head)
    return any(t.ent_type_ in PLACE_LABELS for t in listed)
