"""Mechanisms shared by every slot: sentences, date values, statements and how a slot's
statements are judged (``agree``, ``contradict``, ``complement``, ``only one source``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..records import Article, ComparisonStatus, DateRange, Extraction, Statement, TimeExpression

#: How two values of a slot stand: the same, compatible (one narrows or adds to the other),
#: or in conflict.
Relation = Callable[[str, str], str]

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“‘'])|\n+")


@dataclass(frozen=True, slots=True)
class Item:
    """One article of the story with its extraction and its sentence spans."""

    article: Article
    extraction: Extraction
    sentences: tuple[tuple[int, int], ...]

    @classmethod
    def of(cls, article: Article, extraction: Extraction) -> Item:
        return cls(article, extraction, sentence_spans(article))

    def sentence_at(self, offset: int) -> tuple[int, int]:
        """The span of the sentence holding ``offset`` (the whole text when none does)."""
        for start, end in self.sentences:
            if start <= offset < end:
                return start, end
        return 0, len(self.article.text)

    def statement(
        self, offset: int, value: str, claimant: str | None = None, when: DateRange | None = None
    ) -> Statement:
        """A statement of ``value`` by this article, with the sentence around ``offset``."""
        start, end = self.sentence_at(offset)
        text = self.article.text[start:end].strip()
        return Statement(self.article.id, value, text, start, end, claimant, when)


def sentence_spans(article: Article) -> tuple[tuple[int, int], ...]:
    """The article's sentences as (start, end); split on end punctuation when the cleaner gave
    none (hand-built records)."""
    if article.sentences:
        return tuple((s.start, s.end) for s in article.sentences)
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(article.text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(article.text)))
    return tuple(s for s in spans if s[1] > s[0])


def date_value(value: DateRange) -> str:
    """An ISO date, or an ISO interval ``start/end`` with ``..`` for an open side."""
    if value.point is not None:
        return value.point.isoformat()
    start = value.start.isoformat() if value.start else ".."
    end = value.end.isoformat() if value.end else ".."
    return f"{start}/{end}"


def parse_date_value(value: str) -> tuple[dt.date | None, dt.date | None]:
    """The inverse of ``date_value``."""
    start, _, end = value.partition("/")
    first = None if start == ".." else dt.date.fromisoformat(start)
    last = first if not end else (None if end == ".." else dt.date.fromisoformat(end))
    return first, last


def date_relation(a: str, b: str) -> str:
    """``same`` for equal values, ``compatible`` when the ranges overlap, else ``conflict``."""
    if a == b:
        return "same"
    a0, a1 = parse_date_value(a)
    b0, b1 = parse_date_value(b)
    low = max((d for d in (a0, b0) if d is not None), default=None)
    high = min((d for d in (a1, b1) if d is not None), default=None)
    return "compatible" if low is None or high is None or low <= high else "conflict"


def judge(statements: Sequence[Statement], relation: Relation) -> tuple[ComparisonStatus, str]:
    """The status of a slot and a note naming what decided it.

    A conflict between two articles is a contradiction; a conflict inside one article is one too,
    said in the note. Equal values from several articles agree; values that only narrow or add to
    each other complement; a slot only one article speaks to is ``only one source``.
    """
    across: set[tuple[str, str]] = set()
    inside: set[str] = set()
    for i, first in enumerate(statements):
        for second in statements[i + 1 :]:
            if relation(first.value, second.value) != "conflict":
                continue
            if first.article_id == second.article_id:
                inside.add(first.article_id)
            else:
                a, b = sorted((first.article_id, second.article_id))
                across.add((a, b))
    if across or inside:
        notes = [f"{a} and {b} differ" for a, b in sorted(across)]
        notes += [f"contradiction inside one source: {a}" for a in sorted(inside)]
        return "contradict", "; ".join(notes)
    articles = {s.article_id for s in statements}
    if len(articles) < 2:
        return "only one source", ""
    values = {s.value for s in statements}
    return ("agree", "") if len(values) == 1 else ("complement", "")


def dates_near(
    dates: Sequence[TimeExpression], start: int, end: int, gap: int
) -> list[TimeExpression]:
    """Resolved date expressions within ``gap`` characters of [start, end): those after first,
    nearest first, then those before."""
    resolved = [d for d in dates if d.value.start is not None or d.value.end is not None]
    after = sorted((d for d in resolved if start <= d.start and d.start - end <= gap), key=_at)
    before = sorted(
        (d for d in resolved if d.end <= start and start - d.end <= gap), key=lambda d: -d.end
    )
    return after + before


def _at(expr: TimeExpression) -> int:
    return expr.start


def refine_day(expr: TimeExpression, text: str) -> DateRange:
    """A month expression followed by a day number ("this February 24") narrowed to that day."""
    value = expr.value
    if value.start is None or value.end is None or value.start.day != 1:
        return value
    m = re.match(r"\s+(\d{1,2})\b(?!\s*(?:,\s*)?\d{4}|\s*(?:years?|days?|%))", text[expr.end :])
    if m is None or value.start.month != value.end.month:
        return value
    try:
        day = value.start.replace(day=int(m.group(1)))
    except ValueError:
        return value
    return DateRange(day, day, value.basis)
