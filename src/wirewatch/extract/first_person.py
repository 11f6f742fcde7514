"""First-person pronouns inside an attributed quote stand for its speaker.

In ``"We condemn the strikes," the minister said`` the subject of *condemn* is the minister's
side. Once quotes are attributed, each "we"/"I"/"us"/"our"/"my" inside a quote whose speaker
resolved to a coded actor becomes a mention of that actor (rule ``actors.quote_speaker.v1``),
so events stated inside quotes get their source like any other sentence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from ..records import Actor, Quote
from .mentions import MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc

FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
RULE = "actors.quote_speaker.v1"


def quote_speaker_mentions(
    doc: Doc, quotes: Sequence[Quote], mentions: MentionIndex
) -> list[Actor]:
    """New mentions for first-person pronouns inside quotes with a coded speaker."""
    found: list[Actor] = []
    for quote in quotes:
        speaker = quote.speaker
        if speaker is None or speaker.code is None:
            continue
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        if span is None:
            continue
        for token in span:
            if token.lower_ not in FIRST_PERSON or token.pos_ != "PRON":
                continue
            if mentions.for_token(token) is not None:
                continue
            found.append(
                replace(
                    speaker,
                    text=token.text,
                    start=token.idx,
                    end=token.idx + len(token.text),
                    rule=RULE,
                )
            )
    return found
