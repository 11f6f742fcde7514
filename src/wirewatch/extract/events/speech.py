"""The owner of a speech act named as a noun: "rejected Washington's demands", "dismissed South
Korean assertions that ...", "welcomed the Japanese proposal", "the claims by Kyiv".

Rejecting, welcoming or answering what an actor said is an act toward that actor, not toward
whoever the said thing mentions: in "dismissed South Korean assertions that North Korea sent
troops" the target is South Korea. The owner is the noun's possessor, an actor modifier (its
mention, else the gazetteer's reading of the modifier words) or an "of"/"by"/"from" phrase.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...records import Actor
from ..mentions import MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Token

    from ..actors import Gazetteer

MODIFIERS = frozenset({"amod", "compound", "nmod", "poss"})
OWNER_PREPS = frozenset({"of", "by", "from"})
RULE = "events.speech_owner.v1"


def _owner_phrases(noun: Token) -> list[Token]:
    """Objects of "of"/"by"/"from" on the noun, or of "by" on a participle modifying it."""
    out: list[Token] = []
    for child in noun.rights:
        if child.dep_ in ("prep", "agent") and child.lower_ in OWNER_PREPS:
            out += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            for prep in child.children:
                if prep.dep_ in ("agent", "prep") and prep.lower_ == "by":
                    out += [c for c in prep.children if c.dep_ == "pobj"]
    return out


@dataclass(frozen=True)
class SpeechOwners:
    """Finds who owns a speech noun; ``gazetteer`` reads modifiers no mention covers."""

    nouns: frozenset[str]
    mentions: MentionIndex
    gazetteer: Gazetteer | None = None

    def is_speech(self, tok: Token) -> bool:
        return tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in self.nouns

    def owner(self, noun: Token) -> Actor | None:
        """The actor whose words ``noun`` names: a possessor or actor modifier, an "of"/"by"/
        "from" phrase (also of a participle: "an appeal filed by X") or a demonym the gazetteer
        knows. None when the text does not say whose words they are."""
        for child in noun.lefts:
            found = self.mentions.for_token(child) if child.dep_ in MODIFIERS else None
            if found is not None and (found.code or found.sector or child.dep_ == "poss"):
                return found
        for obj in _owner_phrases(noun):
            found = self.mentions.for_token(obj)
            if found is not None:
                return found
        return self._from_gazetteer(noun)

    def _from_gazetteer(self, noun: Token) -> Actor | None:
        """A demonym or name modifying ``noun`` that no mention covers ("South Korean")."""
        if self.gazetteer is None:
            return None
        mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound", "nmod")]
        if not mods:
            return None
        doc = noun.doc
        start = min(m.left_edge.i for m in mods)
        words = [t.text for t in doc[start : noun.i]]
        for i in range(len(words)):
            hit = self.gazetteer.match(words, i)
            if hit is not None and hit[1].code is not None:
                span = doc[start + i : start + i + hit[0]]
                entry = hit[1]
                return Actor(
                    entry.code, entry.sector, span.text, span.start_char, span.end_char, rule=RULE
                )
        return None
