"""JSON views of what the extract stage finds: the one shape that ``extract --json``,
``events --json`` and (later) the HTTP API print. Tests pin the keys."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..records import (
    Actor,
    Article,
    Claim,
    DateRange,
    Event,
    Extraction,
    Quote,
    TimeExpression,
)
from ..store import ArticleRef

EXTRACTION_KEYS = ("file", "url", "title", "published", "events", "quotes", "claims", "dates")
EVENT_KEYS = (
    "source",
    "target",
    "type",
    "mode",
    "cameo",
    "goldstein",
    "date",
    "location",
    "sentence",
    "span",
    "negated",
    "hypothetical",
)


def iso(day: dt.date | None) -> str | None:
    """An ISO day, or None."""
    return day.isoformat() if day is not None else None


def actor_view(actor: Actor | None) -> dict[str, Any] | None:
    """``{code, sector, text}`` plus a person's ``name`` and ``role``, and the actor's
    knowledge-base ``id``, ``region`` and ``basis``, when known."""
    if actor is None:
        return None
    view: dict[str, Any] = {"code": actor.code, "sector": actor.sector, "text": actor.text}
    if actor.name:
        view["name"] = actor.name
    if actor.role:
        view["role"] = actor.role
    for key in ("id", "region", "basis"):
        value = getattr(actor, key)
        if value:
            view[key] = value
    return view


def date_view(value: DateRange | None) -> dict[str, Any] | None:
    """``{start, end, basis}``: a single day has start = end; null when there is no date."""
    if value is None:
        return None
    return {"start": iso(value.start), "end": iso(value.end), "basis": value.basis}


def event_view(event: Event) -> dict[str, Any]:
    """An event: actors, type and codes, date, location, and the sentence with its span; and
    the event model's ``score`` (0-1) only when a model scored it."""
    view: dict[str, Any] = {
        "source": actor_view(event.source),
        "target": actor_view(event.target),
        "type": event.type,
        "mode": event.mode,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "date": date_view(event.date),
        "location": event.location,
        "sentence": event.sentence,
        "span": [event.sentence_start, event.sentence_end],
        "trigger": event.trigger,
        "trigger_span": [event.trigger_start, event.trigger_end],
        "negated": event.negated,
        "hypothetical": event.hypothetical,
        "future": event.future,
        "rule": event.rule,
    }
    if event.score is not None:
        view["score"] = event.score
    return view


def quote_view(quote: Quote) -> dict[str, Any]:
    """A quote; ``speaker`` is the resolved actor, else the words naming the speaker."""
    return {
        "speaker": actor_view(quote.speaker) or quote.speaker_text,
        "speaker_text": quote.speaker_text,
        "text": quote.text,
        "span": [quote.start, quote.end],
        "rule": quote.rule,
    }


def claim_view(claim: Claim) -> dict[str, Any]:
    return {
        "value": claim.value,
        "unit": claim.unit,
        "what": claim.what,
        "claimant": actor_view(claim.claimant),
        "date": date_view(claim.date),
        "text": claim.text,
        "span": [claim.start, claim.end],
        "sentence": claim.sentence,
        "rule": claim.rule,
    }


def time_view(expr: TimeExpression) -> dict[str, Any]:
    return {
        "text": expr.text,
        "span": [expr.start, expr.end],
        "start": iso(expr.value.start),
        "end": iso(expr.value.end),
        "basis": expr.value.basis,
        "rule": expr.rule,
    }


def extraction_view(article: Article, found: Extraction) -> dict[str, Any]:
    """One article's findings, as ``wirewatch extract --json`` prints them."""
    pub = article.published
    return {
        "file": article.source,
        "url": article.url,
        "title": article.title,
        "published": iso(pub.point),
        "published_range": [iso(pub.start), iso(pub.end)],
        "published_source": pub.source,
        "outlet": article.outlet,
        "id": article.id,
        "language": article.language,
        "events": [event_view(e) for e in found.events],
        "quotes": [quote_view(q) for q in found.quotes],
        "claims": [claim_view(c) for c in found.claims],
        "dates": [time_view(d) for d in found.dates],
        "mentions": [_mention_view(m) for m in found.mentions],
        "model": found.model,
    }


def _mention_view(actor: Actor) -> dict[str, Any]:
    return {**(actor_view(actor) or {}), "span": [actor.start, actor.end], "rule": actor.rule}


def stored_event_view(event: Event, ref: ArticleRef) -> dict[str, Any]:
    """A stored event with the article it came from (``wirewatch events --json``)."""
    return event_view(event) | {
        "id": f"{ref.article_id}-{ref.idx}",
        "article": ref.article_id,
        "file": ref.source,
        "outlet": ref.outlet,
        "url": ref.url,
        "title": ref.title,
        "published": [iso(ref.published_start), iso(ref.published_end)],
    }


#: Columns of ``wirewatch events --csv``, in order.
EVENT_CSV_COLUMNS = (
    "id",
    "date_start",
    "date_end",
    "date_basis",
    "source_code",
    "source_sector",
    "source_text",
    "type",
    "mode",
    "cameo",
    "quad_class",
    "goldstein",
    "target_code",
    "target_sector",
    "target_text",
    "location",
    "negated",
    "hypothetical",
    "future",
    "outlet",
    "file",
    "url",
    "sentence",
    "score",
)


def event_csv_row(event: Event, ref: ArticleRef) -> list[Any]:
    """One CSV row in ``EVENT_CSV_COLUMNS`` order (``score`` empty where no model scored)."""
    src, tgt, when = event.source, event.target, event.date
    return [
        f"{ref.article_id}-{ref.idx}",
        iso(when.start) if when else None,
        iso(when.end) if when else None,
        when.basis if when else None,
        src.code,
        src.sector,
        src.text,
        event.type,
        event.mode,
        event.cameo,
        event.quad_class,
        event.goldstein,
        tgt.code if tgt else None,
        tgt.sector if tgt else None,
        tgt.text if tgt else None,
        event.location,
        event.negated,
        event.hypothetical,
        event.future,
        ref.outlet,
        ref.source,
        ref.url,
        event.sentence,
        event.score,
    ]


def trend_view(rows: list[tuple[dt.date, str, int, float]]) -> list[dict[str, Any]]:
    """Relation trend rows: ``{period, type, events, goldstein}`` (Goldstein summed)."""
    return [
        {"period": p.isoformat(), "type": t, "events": n, "goldstein": round(g, 2)}
        for p, t, n, g in rows
    ]
