"""Event clusters: the same event reported by several articles of a story.

Within a story, reports of events that happened (not negated, hypothetical or planned) are
grouped when they have the same PLOVER type, the same source code and the same target code, and
compatible dates. Dates are compatible when the day ranges have a day in common, or when a
report is undated. Dated reports are placed narrowest first, each joining the first cluster
whose reports all share a day with it (for day ranges, that is: it meets the days they all have
in common); undated reports then join the cluster of that key reported by the most articles, or
form one of their own. An event whose source has no code stays a cluster of its own, since two
uncoded actors need not be the same one.

A cluster counts its articles and its sources (GDELT's NumArticles / NumSources): a source is an
outlet; an article without an outlet counts as its own source. Its date is the best-supported
one: the date given by the most articles, the narrowest first, then the earliest, then the one
stated most directly (explicit, relative, the article's date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..records import Article, DateRange, Event, EventCluster, EventReport, Extraction

__all__ = ["cluster_events"]

_BASIS_RANK = {"explicit": 0, "relative": 1, "article": 2, "unresolved": 3}
_OPEN_START = dt.date.min
_OPEN_END = dt.date.max
#: How far before its article's date an event dated only by the article may have happened.
ARTICLE_DATE_SLACK = dt.timedelta(days=7)


@dataclass(frozen=True, slots=True)
class _Report:
    article: Article
    idx: int
    event: Event

    @property
    def dated(self) -> bool:
        date = self.event.date
        return date is not None and (date.start is not None or date.end is not None)

    def days(self) -> tuple[dt.date, dt.date]:
        """The days the event may have happened on. A date taken from the article
        (``basis == "article"``) only bounds it: the report says it happened by then, so it
        is widened back by ``ARTICLE_DATE_SLACK`` days for matching reports."""
        date = self.event.date
        assert date is not None
        start, end = date.start or _OPEN_START, date.end or _OPEN_END
        if date.basis == "article" and start > _OPEN_START + ARTICLE_DATE_SLACK:
            start -= ARTICLE_DATE_SLACK
        return start, end


@dataclass(slots=True)
class _Group:
    reports: list[_Report] = field(default_factory=list)
    common: tuple[dt.date, dt.date] | None = None
    """The days every dated report of the group has in common."""

    def admits(self, days: tuple[dt.date, dt.date]) -> bool:
        return self.common is None or (days[0] <= self.common[1] and self.common[0] <= days[1])

    def add(self, report: _Report) -> None:
        self.reports.append(report)
        if report.dated:
            days = report.days()
            if self.common is None:
                self.common = days
            else:
                self.common = (max(self.common[0], days[0]), min(self.common[1], days[1]))

    def articles(self) -> int:
        return len({r.article.id for r in self.reports})


def _key(report: _Report) -> tuple[str, ...]:
    event = report.event
    target = event.target.code if event.target and event.target.code else ""
    if not event.source.code:
        return (event.type, "", target, report.article.id, str(report.idx))
    return (event.type, event.source.code, target)


def _width(report: _Report) -> int:
    start, end = report.days()
    return (end - start).days if start > _OPEN_START and end < _OPEN_END else 10**6


def _group(reports: list[_Report]) -> list[_Group]:
    """The clusters of reports that share a key (see the module docstring)."""
    groups: list[_Group] = []
    dated = sorted((r for r in reports if r.dated), key=lambda r: (_width(r), r.days()))
    for report in dated:
        home = next((g for g in groups if g.admits(report.days())), None)
        if home is None:
            home = _Group()
            groups.append(home)
        home.add(report)
    undated = [r for r in reports if not r.dated]
    if undated:
        if not groups:
            groups.append(_Group())
        home = max(groups, key=lambda g: g.articles())
        for report in undated:
            home.add(report)
    return groups


def _best_date(reports: Sequence[_Report]) -> DateRange | None:
    """The date most articles give; ties go to the narrowest, earliest, most direct one."""
    support: dict[tuple[dt.date | None, dt.date | None], set[str]] = {}
    basis: dict[tuple[dt.date | None, dt.date | None], str] = {}
    for report in reports:
        date = report.event.date
        if date is None or not report.dated:
            continue
        span = (date.start, date.end)
        support.setdefault(span, set()).add(report.article.id)
        known = basis.get(span)
        if known is None or _BASIS_RANK[date.basis] < _BASIS_RANK[known]:
            basis[span] = date.basis
    if not support:
        return None

    def rank(span: tuple[dt.date | None, dt.date | None]) -> tuple[int, int, dt.date, int]:
        start, end = span[0] or _OPEN_START, span[1] or _OPEN_END
        width = (end - start).days if span[0] and span[1] else 10**6
        return (-len(support[span]), width, start, _BASIS_RANK[basis[span]])

    best = min(support, key=rank)
    return DateRange(best[0], best[1], basis[best])  # type: ignore[arg-type]


def _source_of(article: Article) -> str:
    return article.outlet.casefold().strip() if article.outlet else f"article:{article.id}"


def _cluster(story_id: str, group: _Group) -> EventCluster:
    reports = sorted(group.reports, key=lambda r: (r.article.id, r.idx))
    first = min(group.reports, key=lambda r: (r.article.id, r.idx))
    event = first.event
    return EventCluster(
        id=f"e-{first.article.id}-{first.idx}",
        story_id=story_id,
        type=event.type,
        source_code=event.source.code,
        target_code=event.target.code if event.target else None,
        date=_best_date(reports),
        reports=tuple(EventReport(r.article.id, r.idx) for r in reports),
        num_articles=group.articles(),
        num_sources=len({_source_of(r.article) for r in reports}),
    )


def cluster_events(
    story_id: str, items: Sequence[tuple[Article, Extraction]]
) -> list[EventCluster]:
    """The event clusters of one story's articles, by date (undated last), then type.

    Each report is an event's index in its article's ``Extraction.events``; every event that
    happened is in exactly one cluster.
    """
    by_key: dict[tuple[str, ...], list[_Report]] = {}
    for article, found in items:
        for idx, event in enumerate(found.events):
            if event.happened:
                report = _Report(article, idx, event)
                by_key.setdefault(_key(report), []).append(report)
    clusters = [_cluster(story_id, g) for reports in by_key.values() for g in _group(reports)]
    return sorted(clusters, key=_cluster_order)


def _cluster_order(cluster: EventCluster) -> tuple[bool, dt.date, str, str]:
    date = cluster.date
    day = (date.start or date.end) if date else None
    return (day is None, day or _OPEN_START, cluster.type, cluster.id)
