"""Statements made in direct quotes: the speaker's act toward the actor the words are about.

"We will never forget the courage of the Korean soldiers," the ambassador said -> the
ambassador's SUPPORT of Korea. A quote with a coded speaker is read for the statement cues
(praise, condemnation, threat words); the target is the nearest actor in the smallest phrase
around the cue that names one other than the speaker's side.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...records import Actor, Quote
from ..mentions import MentionIndex
from .arguments import is_actor
from .fallbacks import PLACE_RULE
from .patterns import Pattern, Patterns
from .statements import agent_of, cue_at, names_harm

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


@dataclass(frozen=True, slots=True)
class QuoteAct:
    """One cue in a quote with the speaker, the target and whether the cue is negated."""

    pattern: Pattern
    cue: Token
    speaker: Actor
    target: Actor
    negated: bool


def _negated(cue: Token) -> bool:
    """ "is not illegal": the cue or the predicate it completes carries a negation."""
    if any(c.dep_ == "neg" for c in cue.children):
        return True
    return cue.dep_ in ("acomp", "attr", "oprd") and any(c.dep_ == "neg" for c in cue.head.children)


def _about(
    cue: Token, speaker: Actor, mentions: MentionIndex, span: range, patterns: Patterns
) -> Actor | None:
    """The actor nearest ``cue`` in the smallest phrase around it that names one (not the
    speaker's own side, not a place), inside the quote. In a phrase naming a hostile act
    ("Russia's invasion of Ukraine is illegal") the act's agent is meant, never its victim."""
    for head in [cue, *cue.ancestors]:
        if head.i not in span:
            return None
        sub = cue.doc[head.left_edge.i : head.right_edge.i + 1]
        victims: set[int] = set()
        for tok in sub:
            if names_harm(tok, patterns):
                agent = agent_of(tok, mentions)
                if agent is not None and agent.code != speaker.code:
                    return agent
                victims.update(t.i for t in tok.subtree if t.i != tok.i)
        found = [
            a
            for a in mentions.for_span(sub)
            if a.code is not None
            and a.code != speaker.code
            and a.rule != PLACE_RULE
            and not _inside(a, victims, cue.doc)
        ]
        if found:
            return min(found, key=lambda a: abs(a.start - cue.idx))
    return None


def _inside(actor: Actor, tokens: set[int], doc: Doc) -> bool:
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
    return span is not None and any(t.i in tokens for t in span)


def quote_acts(
    doc: Doc, quotes: Sequence[Quote], mentions: MentionIndex, patterns: Patterns
) -> Iterator[QuoteAct]:
    """One act per (quote, cue group) whose cue is about an actor other than the speaker."""
    for quote in quotes:
        speaker = quote.speaker
        if speaker is None or speaker.code is None or not is_actor(speaker):
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="contract")
        if span is None or not len(span):
            continue
        tokens = list(span)
        indices = range(span.start, span.end)
        for pattern in (p for p in patterns.cues if p.in_quotes):
            for words in pattern.words:
                cue = cue_at(tokens, words)
                target = (
                    _about(cue, speaker, mentions, indices, patterns) if cue is not None else None
                )
                if cue is not None and target is not None:
                    yield QuoteAct(pattern, cue, speaker, target, _negated(cue))
                    break
