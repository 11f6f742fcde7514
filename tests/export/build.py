"""Hand-built articles, events and clusters for the export and report tests (no spaCy)."""

from __future__ import annotations

import datetime as dt

from wirewatch.records import (
    Actor,
    Article,
    Claim,
    DateRange,
    Event,
    EventCluster,
    EventReport,
    Extraction,
    PublishedDate,
    Quote,
    Span,
)

LEAD = "Finland's foreign ministry accused Estonia's embassy of spying on Tuesday."
BODY = "Finland's navy seized two Estonian trawlers in the Gulf of Finland."


def article(
    aid: str,
    outlet: str | None,
    day: dt.date | None,
    url: str | None = None,
    text: str = LEAD + "\n\n" + BODY,
    title: str | None = "Finland accuses Estonia",
) -> Article:
    """An article whose first paragraph is ``LEAD`` (when the default text is kept)."""
    first_end = text.find("\n\n") if "\n\n" in text else len(text)
    second = (first_end + 2, len(text)) if "\n\n" in text else None
    paragraphs = [Span(0, 0, first_end, "en")]
    if second:
        paragraphs.append(Span(1, *second, "en"))
    published = PublishedDate(day, day, "metadata") if day else PublishedDate.unknown()
    return Article(
        id=aid,
        source=f"inbox/{aid}.txt",
        text=text,
        title=title,
        outlet=outlet,
        url=url,
        published=published,
        language="en",
        paragraphs=tuple(paragraphs),
    )


def event(
    type_: str = "ACCUSE",
    cameo: str = "112",
    source: Actor | None = None,
    target: Actor | None = None,
    date: DateRange | None = None,
    start: int = 0,
    sentence: str = LEAD,
    location: str | None = None,
) -> Event:
    """An event stated as having happened."""
    src = source or Actor("FIN", "GOV", "Finland's foreign ministry")
    return Event(
        type=type_,
        source=src,
        target=target,
        mode=None,
        cameo=cameo,
        quad_class=3,
        goldstein=-2.0,
        date=date,
        location=location,
        sentence=sentence,
        sentence_start=start,
        sentence_end=start + len(sentence),
        trigger="accused",
        trigger_start=start + 27,
        trigger_end=start + 34,
        rule="events.test.v1",
    )


def extraction(aid: str, events: tuple[Event, ...] = (), **more: object) -> Extraction:
    return Extraction(aid, events=events, **more)  # type: ignore[arg-type]


def cluster(
    cid: str,
    reports: list[tuple[str, int]],
    source: str | None,
    target: str | None,
    date: DateRange | None,
    articles: int,
    sources: int,
    type_: str = "ACCUSE",
) -> EventCluster:
    return EventCluster(
        id=cid,
        story_id="s-test",
        type=type_,
        source_code=source,
        target_code=target,
        date=date,
        reports=tuple(EventReport(a, i) for a, i in reports),
        num_articles=articles,
        num_sources=sources,
    )


def day(iso: str, basis: str = "explicit") -> DateRange:
    d = dt.date.fromisoformat(iso)
    return DateRange(d, d, basis)  # type: ignore[arg-type]


__all__ = [
    "BODY",
    "LEAD",
    "Actor",
    "Claim",
    "DateRange",
    "Quote",
    "article",
    "cluster",
    "day",
    "event",
    "extraction",
]
