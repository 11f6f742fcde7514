"""What each web page shows, built from the ``query`` views the CLI prints: plain dicts for the
templates, with evidence links and charts. No HTML is written here except the charts (from
``charts``, escaped there); the templates escape everything else.

Evidence links point at ``/articles/{id}?start=S&end=E#evidence``: character offsets in the
stored article text, as the views give them (an event's sentence span, a comparison
statement's sentence span, a quote's span).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any
from urllib.parse import quote, urlencode

from ..query import article_view
from ..query import stories as story_query
from ..query.actors import actor_detail
from ..query.findings import extraction_view, stored_event_view, trend_view
from ..query.search import query_terms, search
from ..query.stories import (
    dyad_numbers,
    entities,
    entity_view,
    stories,
    story_detail,
    story_detail_view,
    story_view,
)
from ..records import Article, Story
from ..store import EventFilter, Store
from . import charts

PAGE_SIZE = 50
SEARCH_PAGE = 20
#: Most events an actor page lists on each side (the counts say how many there are).
ACTOR_EVENTS = 200
#: An actor code as the CLI takes it: ``RUS``, ``NATO`` or code and sector, ``RUS.GOV``.
ACTOR_CODE = re.compile(r"[A-Za-z0-9]{2,12}(\.[A-Za-z0-9]{2,6})?")
#: Status words as shown: a contradiction says so in words, not only in colour.
STATUS_LABELS = {
    "contradict": "⚠ contradiction",
    "compare with care": "compare with care",
    "agree": "agree",
    "complement": "complement",
    "only one source": "only one source",
}


class PageError(Exception):
    """A request the pages cannot answer: ``status`` 400 (bad parameter) or 404 (unknown id)."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def parse_int(raw: str | None, name: str, default: int, low: int, high: int) -> int:
    """A whole-number query parameter in ``[low, high]``.

    Raises:
        PageError: 400, not a whole number or out of range.
    """
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"-?\d{1,12}", raw.strip()):
        raise PageError(400, f"{name}: expected a whole number, got {raw!r}")
    value = int(raw)
    if not low <= value <= high:
        raise PageError(400, f"{name}: must be between {low} and {high}, got {value}")
    return value


def evidence_href(article_id: str, span: Sequence[int] | None) -> str:
    """The article page with ``span`` marked, scrolled to the mark."""
    path = f"/articles/{quote(article_id, safe='')}"
    if not span:
        return path
    return f"{path}?{urlencode({'start': span[0], 'end': span[1]})}#evidence"


def actor_href(key: str) -> str:
    return f"/actors/{quote(key, safe=':')}"


def _web_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address, the only kind worth a link; else None."""
    return url if url and re.match(r"https?://", url, re.IGNORECASE) else None


def _when(date: dict[str, Any] | None) -> str:
    if not date or (date["start"] is None and date["end"] is None):
        return "undated"
    start, end = date["start"] or "…", date["end"] or "…"
    return start if start == end else f"{start} – {end}"


def _page(offset: int, total: int, base: str, size: int = PAGE_SIZE) -> dict[str, Any]:
    """Previous/next links for a list shown ``size`` at a time."""

    def link(at: int) -> str:
        return f"{base}{'&' if '?' in base else '?'}offset={at}"

    return {
        "offset": offset,
        "total": total,
        "shown": min(size, max(total - offset, 0)),
        "prev": link(max(offset - size, 0)) if offset > 0 else None,
        "next": link(offset + size) if offset + size < total else None,
    }


def stories_context(store: Store, offset: int) -> dict[str, Any]:
    """The stories list, ``PAGE_SIZE`` at a time."""
    found = stories(store)
    shown = found[offset : offset + PAGE_SIZE]
    articles = {a.id: a for a in store.articles_by_id([i for s in shown for i in s.article_ids])}
    rows = []
    for s in shown:
        view = story_view(s, [articles[i] for i in s.article_ids if i in articles])
        rows.append(view | {"href": f"/stories/{quote(s.id, safe='')}"})
    return {"stories": rows, "page": _page(offset, len(found), "/")}


def find_story(store: Store, story_id: str) -> Story:
    """The story with this id.

    Raises:
        PageError: 404, no such story.
    """
    found = story_query.find_story(store, story_id)
    if found is None:
        raise PageError(404, f"no story {story_id!r} in this store")
    return found


def story_context(store: Store, story: Story) -> dict[str, Any]:
    """A story: its articles, timeline (chart and table), and comparison table."""
    view = story_detail_view(story_detail(store, story))
    timeline = [_cluster_row(c) for c in view["timeline"]]
    rows = view["comparison"]
    single = len(view["articles"]) < 2
    if single:  # one source: only its gaps and self-contradictions matter (as the CLI shows)
        rows = [r for r in rows if r["status"] == "contradict" or r["slot"] == "elided date"]
    comparison = [comparison_row(r) for r in rows]
    spans = [s for s in (_cluster_span(c) for c in timeline) if s is not None]
    return {
        "story": view,
        "articles": [
            a | {"href": evidence_href(a["id"], None), "where": a.get("url") or a.get("file")}
            for a in view["articles"]
        ],
        "timeline": timeline,
        "chart": charts.timeline(spans, f"timeline of {view['title'] or view['id']}"),
        "undated": len(timeline) - len(spans),
        "not_drawn": max(len(spans) - charts.MAX_LANES, 0),
        "comparison": comparison,
        "single": single,
        "contradictions": sum(r["status"] == "contradict" for r in comparison),
        "related": [{"id": r, "href": f"/stories/{quote(r, safe='')}"} for r in view["related"]],
    }


def _cluster_row(cluster: dict[str, Any]) -> dict[str, Any]:
    label = f"{cluster['source'] or '?'} {cluster['type']} {cluster['target'] or '–'}"
    reports = [r | {"href": evidence_href(r["article"], r["span"])} for r in cluster["reports"]]
    return cluster | {"label": label, "when": _when(cluster["date"]), "reports": reports}


def _cluster_span(row: dict[str, Any]) -> charts.Span | None:
    """A timeline bar for a dated cluster (open ends take the other end)."""
    date = row["date"]
    if not date or not (date["start"] or date["end"]):
        return None
    start = dt.date.fromisoformat(date["start"] or date["end"])
    end = dt.date.fromisoformat(date["end"] or date["start"])
    n = row["num_sources"]
    tip = f"{row['when']}: {row['label']} ({n} source{'s' if n != 1 else ''})"
    return charts.Span(row["label"], start, end, row["type"], tip, f"#{row['id']}")


def comparison_row(row: dict[str, Any]) -> dict[str, Any]:
    """A comparison row with its status label and CSS class, each side linked to its sentence."""
    sides = [s | {"href": evidence_href(s["article"], s["span"])} for s in row["statements"]]
    return row | {
        "label": STATUS_LABELS.get(row["status"], row["status"]),
        "css": "status-" + re.sub(r"[^a-z]+", "-", row["status"].lower()),
        "statements": sides,
    }


def find_article(store: Store, article_id: str) -> Article:
    """The stored article with this id.

    Raises:
        PageError: 404, no such article.
    """
    article = store.article(article_id)
    if article is None:
        raise PageError(404, f"no article {article_id!r} in this store")
    return article


def evidence_span(article: Article, start: str | None, end: str | None) -> tuple[int, int] | None:
    """The marked span: both offsets or neither, inside the text, start before end.

    Raises:
        PageError: 400, one offset without the other or offsets outside the text.
    """
    if (start in (None, "")) != (end in (None, "")):
        raise PageError(400, "start and end: give both offsets or neither")
    if start in (None, ""):
        return None
    size = len(article.text)
    first = parse_int(start, "start", 0, 0, size)
    last = parse_int(end, "end", 0, 0, size)
    if first >= last:
        raise PageError(400, f"end: must be after start ({first}), got {last}")
    return first, last


def article_context(store: Store, article: Article, span: tuple[int, int] | None) -> dict[str, Any]:
    """An article: metadata, the text with the evidence marked, and what was found in it."""
    text = article.text
    parts: dict[str, str | None] = {"before": text, "evidence": None, "after": ""}
    if span is not None:
        parts = {
            "before": text[: span[0]],
            "evidence": text[span[0] : span[1]],
            "after": text[span[1] :],
        }
    found = store.extractions([article.id]).get(article.id)
    findings = extraction_view(article, found) if found else {}
    story = next((s for s in stories(store) if article.id in s.article_ids), None)
    return {
        "article": article_view(article),
        "web_url": _web_url(article.url),
        "parts": parts,
        "events": [event_row(e | {"article": article.id}) for e in findings.get("events", [])],
        "quotes": _linked(article.id, findings.get("quotes", [])),
        "claims": _linked(article.id, findings.get("claims", [])),
        "story": None if story is None else _story_link(story),
    }


def _linked(article_id: str, items: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    return [x | {"href": evidence_href(article_id, x["span"])} for x in items]


def _story_link(story: Story) -> dict[str, Any]:
    return {"id": story.id, "title": story.title, "href": f"/stories/{quote(story.id, safe='')}"}


def actor_code(raw: str | None, name: str) -> str:
    """An actor code (``RUS``, ``RUS.GOV``), upper-cased.

    Raises:
        PageError: 400, missing or not a code.
    """
    value = (raw or "").strip()
    if not value:
        raise PageError(400, f"{name}: give an actor code, e.g. RUS or RUS.GOV")
    if not ACTOR_CODE.fullmatch(value):
        raise PageError(400, f"{name}: {value!r} is not an actor code (e.g. RUS or RUS.GOV)")
    return value.upper()


def period_of(raw: str | None) -> str:
    """``week`` or ``month`` (the default).

    Raises:
        PageError: 400, anything else.
    """
    value = (raw or "month").strip().lower()
    if value not in ("week", "month"):
        raise PageError(400, f"by: must be week or month, got {raw!r}")
    return value


def known_codes(store: Store) -> list[str]:
    """Actor codes seen in the corpus, for the dyad form's suggestions."""
    return sorted({e.code for e in entities(store) if e.code})


def dyad_context(store: Store, a: str, b: str, by: str) -> dict[str, Any]:
    """Relations between two actors: trend charts, the timeline, the numbers side by side."""
    events = store.events(EventFilter(dyad=(a, b)))
    trend = trend_view(store.trend(a, b, "week" if by == "week" else "month"))
    periods = fill_periods([dt.date.fromisoformat(r["period"]) for r in trend], by)
    label = (lambda d: d.isoformat()[:7]) if by == "month" else dt.date.isoformat
    names = [label(p) for p in periods]
    counts: dict[tuple[str, str], int] = {}
    goldstein: dict[str, float] = {}
    for r in trend:
        key = label(dt.date.fromisoformat(r["period"]))
        counts[(key, r["type"])] = counts.get((key, r["type"]), 0) + r["events"]
        goldstein[key] = goldstein.get(key, 0.0) + r["goldstein"]
    rows = [stored_event_view(e, ref) for e, ref in events]
    return {
        "a": a,
        "b": b,
        "by": by,
        "trend": trend,
        "trend_chart": charts.stacked_bars(names, counts, f"events between {a} and {b} per {by}"),
        "goldstein_chart": charts.diverging_bars(names, goldstein, f"Goldstein total per {by}"),
        "timeline": [event_row(r) for r in rows],
        "numbers": [comparison_row(r) for r in dyad_numbers(store, a, b)],
    }


def fill_periods(starts: Sequence[dt.date], by: str, most: int = 400) -> list[dt.date]:
    """Every week or month from the first to the last of ``starts`` (empty ones too, so the
    chart's axis is even); just ``starts`` when that would be more than ``most`` periods."""
    if not starts:
        return []
    first, last = min(starts), max(starts)
    out = [first]
    while out[-1] < last and len(out) <= most:
        day = out[-1]
        out.append(day + dt.timedelta(days=7) if by == "week" else charts.next_month(day))
    return out if len(out) <= most else sorted(set(starts))


def event_row(view: dict[str, Any]) -> dict[str, Any]:
    """A stored event for a table: who, what, whom, when, flags, and its evidence link."""
    flags = [f for f in ("negated", "hypothetical", "future") if view.get(f)]
    return view | {
        "when": _when(view["date"]),
        "who": _actor_label(view["source"]),
        "whom": _actor_label(view["target"]),
        "flags": flags,
        "href": evidence_href(view["article"], view["span"]),
    }


def _actor_label(actor: dict[str, Any] | None) -> dict[str, str | None] | None:
    if actor is None:
        return None
    code = ".".join(x for x in (actor.get("code"), actor.get("sector")) if x) or "?"
    href = actor_href(code) if actor.get("code") else None
    return {"code": code, "text": actor.get("text") or "", "href": href}


def entities_context(store: Store, offset: int) -> dict[str, Any]:
    """Every entity of the corpus, most mentioned first, ``PAGE_SIZE`` at a time."""
    found = entities(store)
    rows = [entity_view(e) | {"href": actor_href(e.id)} for e in found[offset : offset + PAGE_SIZE]]
    return {"entities": rows, "page": _page(offset, len(found), "/actors")}


def actor_context(store: Store, key: str) -> dict[str, Any]:
    """An actor: its spellings and roles, its events as source and as target, and the actors
    it deals with most (links to their dyad pages).

    Raises:
        PageError: 404, the store knows no such actor.
        UsageError: ``key`` is neither an entity id nor an actor code.
    """
    detail = actor_detail(store, key, limit=ACTOR_EVENTS)
    if detail is None:
        raise PageError(404, f"no actor {key!r} in this store")
    as_source = [event_row(e) for e in detail["as_source"]]
    as_target = [event_row(e) for e in detail["as_target"]]
    return {
        "actor": detail,
        "code": ".".join(x for x in (detail["code"], detail["sector"]) if x),
        "as_source": as_source,
        "as_target": as_target,
        "partners": _partners(detail["code"], as_source, as_target),
    }


def _partners(
    code: str | None, as_source: Sequence[dict[str, Any]], as_target: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The other side of the actor's events, most frequent first, each with a dyad link."""
    if not code:
        return []
    counts: dict[str, int] = {}
    for row, other in [(r, "target") for r in as_source] + [(r, "source") for r in as_target]:
        party = (row.get(other) or {}).get("code")
        if party and party != code:
            counts[party] = counts.get(party, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        {"code": c, "events": n, "href": f"/dyads/{quote(code, safe='')}/{quote(c, safe='')}"}
        for c, n in ranked[:12]
    ]


def search_context(store: Store, q: str, offset: int) -> dict[str, Any]:
    """Search results: articles (with a snippet, the words marked) and events, a page of each.

    Raises:
        UsageError: too many words.
    """
    found = search(store, q, SEARCH_PAGE, offset)
    terms = query_terms(q)
    articles = [
        hit | {"href": evidence_href(hit["id"], None), "parts": marked(hit["snippet"], terms)}
        for hit in found["articles"]["items"]
    ]
    events = [event_row(e) for e in found["events"]["items"]]
    total = max(found["articles"]["total"], found["events"]["total"])
    base = f"/search?{urlencode({'q': q})}"
    page = _page(offset, total, base, SEARCH_PAGE)
    return {
        "q": q,
        "articles": articles,
        "articles_total": found["articles"]["total"],
        "events": events,
        "events_total": found["events"]["total"],
        "page": page,
    }


def marked(text: str, terms: Sequence[str]) -> list[tuple[str, bool]]:
    """``text`` cut into pieces, each saying whether it is one of ``terms`` (any case), so the
    template can mark the hits and escape every piece."""
    pattern = "|".join(re.escape(t) for t in sorted(terms, key=len, reverse=True) if t)
    if not pattern:
        return [(text, False)]
    out: list[tuple[str, bool]] = []
    at = 0
    for hit in re.finditer(pattern, text, re.IGNORECASE):
        if hit.start() > at:
            out.append((text[at : hit.start()], False))
        out.append((hit.group(0), True))
        at = hit.end()
    if at < len(text):
        out.append((text[at:], False))
    return out
