"""Looking up actor mentions by position: the glue between actors.py and the extractors that
need "which actor is this token / phrase" (events, quotes, claims)."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..records import Actor

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class MentionIndex:
    """Actor mentions of one article, sorted by start offset, searchable by character range."""

    def __init__(self, mentions: Iterable[Actor]) -> None:
        self.mentions: list[Actor] = sorted(mentions, key=lambda m: (m.start, -m.end))
        self._starts = [m.start for m in self.mentions]

    def __len__(self) -> int:
        return len(self.mentions)

    def within(self, start: int, end: int) -> list[Actor]:
        """Mentions lying wholly inside ``[start, end)``, in text order."""
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def covering(self, start: int, end: int) -> Actor | None:
        """The shortest mention that contains ``[start, end)``, if any."""
        i = bisect_right(self._starts, start)
        best: Actor | None = None
        for m in self.mentions[max(0, i - 8) : i]:  # mentions are short: look back a few
            if (
                m.start <= start
                and m.end >= end
                and (best is None or m.end - m.start < best.end - best.start)
            ):
                best = m
        return best

    def for_token(self, token: Token) -> Actor | None:
        """The mention containing ``token``."""
        return self.covering(token.idx, token.idx + len(token.text))

    def for_span(self, span: Span) -> list[Actor]:
        """Mentions inside a spaCy span (a phrase, a subtree, a sentence)."""
        return self.within(span.start_char, span.end_char)
