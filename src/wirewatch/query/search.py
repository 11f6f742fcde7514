"""Full-text search over the stored articles and events: what ``GET /api/search`` and the web
search page show.

Every word of the query must occur (case-insensitive, as a substring: "sanction" finds
"sanctions"); results rank by how often the words occur. Articles are searched in their title
and cleaned text, events in their sentence (and trigger and type). See ``store.search`` for why
this is SQL over the stored text and not DuckDB's ``fts`` extension.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, cast

from ..errors import UsageError
from ..records import DateSource, PublishedDate
from ..store import ArticleHit, Store
from .findings import iso, stored_event_view

#: Characters of context a snippet shows around the first hit.
SNIPPET_CHARS = 160
#: Most words a query may have: each one is a scan of the stored text.
MAX_TERMS = 16


def query_terms(q: str) -> list[str]:
    """The distinct lower-case words of a query, in order.

    Raises:
        UsageError: the query has no words, or more than ``MAX_TERMS``.
    """
    terms = list(dict.fromkeys(w.lower() for w in q.split()))
    if not terms:
        raise UsageError("q: give at least one word to search for")
    if len(terms) > MAX_TERMS:
        raise UsageError(f"q: at most {MAX_TERMS} words (got {len(terms)})")
    return terms


def snippet(text: str, terms: Sequence[str], width: int = SNIPPET_CHARS) -> str:
    """About ``width`` characters of ``text`` around the first occurrence of any term
    (case-insensitive), cut at spaces, whitespace collapsed, "…" where text was cut; the start
    of the text when no term occurs in it. Plain text: the caller escapes it for HTML."""
    pattern = "|".join(re.escape(t) for t in terms if t)
    found = re.search(pattern, text, re.IGNORECASE) if pattern else None
    hit = found.start() if found else 0
    start = max(0, hit - width // 3)
    end = min(len(text), start + width)
    if start > 0:
        space = text.find(" ", start, hit)
        start = space + 1 if space != -1 else start
    if end < len(text):
        space = text.rfind(" ", max(hit, start), end)
        end = space if space > hit else end
    body = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + body + ("…" if end < len(text) else "")


def article_hit_view(hit: ArticleHit, terms: Sequence[str]) -> dict[str, Any]:
    """An article in search results: ``{id, title, outlet, published, url, file, snippet,
    score}`` (``published`` an ISO day when known to the day, else null)."""
    source = cast(DateSource, hit.published_source)
    published = PublishedDate(hit.published_start, hit.published_end, source)
    return {
        "id": hit.id,
        "title": hit.title,
        "outlet": hit.outlet,
        "published": iso(published.point),
        "url": hit.url,
        "file": hit.source,
        "snippet": snippet(hit.text, terms),
        "score": hit.score,
    }


def search(store: Store, q: str, limit: int, offset: int = 0) -> dict[str, Any]:
    """Articles and events matching the words of ``q``: a page of each (the same ``limit`` and
    ``offset``) with its total.

    ``{"query": q, "articles": {"items": [...], "total": N}, "events": {"items": [...],
    "total": M}}``; article items as ``article_hit_view``, events as ``stored_event_view``.

    Raises:
        UsageError: ``q`` has no words or too many, or a negative limit or offset.
        StoreError: the store cannot be read.
    """
    terms = query_terms(q)
    hits, n_articles = store.search_articles(terms, limit, offset)
    events, n_events = store.search_events(terms, limit, offset)
    return {
        "query": q,
        "articles": {"items": [article_hit_view(h, terms) for h in hits], "total": n_articles},
        "events": {"items": [stored_event_view(e, ref) for e, ref in events], "total": n_events},
    }
