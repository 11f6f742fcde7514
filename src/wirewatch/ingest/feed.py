"""RSS, Atom and RDF feeds: one document per entry, parsed with feedparser.

An entry's body is its full content when the feed has it, else its summary; it is ``html``
when it contains tags. Feed-level title and language, and the entry's title, date and authors
go to ``meta``. feedparser reads the feed's own encoding declaration, so it gets raw bytes.
"""

from __future__ import annotations

import calendar
import datetime as dt
import io
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import feedparser

from ..records import RawDocument
from ._common import Result, first_line, reject, sha256_hex
from .decode import normalize_newlines
from .jsonl import meta_string

_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s[^<>]*)?/?>")


def read_feed(data: bytes, source: str) -> Iterator[Result]:
    """Documents ``source#entry<n>`` (1-based) from feed bytes; refusals for empty entries."""
    try:
        # A stream, never bytes: feedparser treats bytes that name a file as a path to open.
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # feedparser catches most errors itself; the rest is bad input
        yield reject(source, f"cannot parse feed: {first_line(exc)}")
        return
    entries: list[Mapping[str, Any]] = list(parsed.get("entries") or [])
    if not entries:
        yield reject(source, _no_entries_reason(parsed))
        return
    shared = _feed_meta(parsed.get("feed") or {})
    for n, entry in enumerate(entries, start=1):
        body = _entry_body(entry)
        if body is None:
            yield reject(source, f"entry {n}: no content or summary")
            continue
        yield _entry_document(entry, body, f"{source}#entry{n}", shared)


def _entry_document(
    entry: Mapping[str, Any], body: str, source: str, shared: dict[str, str]
) -> RawDocument:
    """The document for one entry; raw_hash covers its id, link, title, date and body."""
    meta = dict(shared)
    for key, value in (
        ("title", _string(entry, "title")),
        ("published", _published(entry)),
        ("author", meta_string(entry.get("authors")) or _string(entry, "author")),
    ):
        if value:
            meta[key] = value
    url = _string(entry, "link")
    payload = {
        "id": _string(entry, "id"),
        "link": url,
        "title": meta.get("title"),
        "published": meta.get("published"),
        "body": body,
    }
    return RawDocument(
        source=source,
        kind="html" if _TAG.search(body) else "text",
        text=body,
        url=url,
        meta=meta,
        raw_hash=sha256_hex(json.dumps(payload, sort_keys=True).encode("ascii")),
        container="feed",
    )


def _entry_body(entry: Mapping[str, Any]) -> str | None:
    """The first non-empty ``content`` value, else the summary; None when neither has text."""
    for content in entry.get("content") or []:
        value = content.get("value") if isinstance(content, Mapping) else None
        if isinstance(value, str) and value.strip():
            return normalize_newlines(value)
    summary = _string(entry, "summary")
    return normalize_newlines(summary) if summary else None


def _published(entry: Mapping[str, Any]) -> str | None:
    """ISO date (``YYYY-MM-DD``) or datetime (UTC) of publication, else of last update.

    A feed date written without a time gives a date. A date feedparser could not parse is
    passed on as written, for the clean stage to try.
    """
    for key in ("published", "updated"):
        parsed = entry.get(f"{key}_parsed")
        if parsed:
            when = dt.datetime.fromtimestamp(calendar.timegm(parsed), dt.UTC)
            written = _string(entry, key)
            if written is not None and ":" not in written:
                return when.date().isoformat()
            return when.isoformat()
    return _string(entry, "published") or _string(entry, "updated")


def _feed_meta(feed: Mapping[str, Any]) -> dict[str, str]:
    """Metadata every entry shares: the feed title as outlet, and its language."""
    meta: dict[str, str] = {}
    for key, name in (("outlet", "title"), ("language", "language")):
        value = _string(feed, name)
        if value:
            meta[key] = value
    return meta


def _no_entries_reason(parsed: Mapping[str, Any]) -> str:
    """Why a feed gave nothing, with the XML error when it was not well-formed."""
    if parsed.get("bozo") and parsed.get("bozo_exception") is not None:
        return f"feed has no entries (not well-formed: {first_line(parsed['bozo_exception'])})"
    return "feed has no entries"


def _string(mapping: Mapping[str, Any], key: str) -> str | None:
    """``mapping[key]`` stripped when it is a non-empty string, else None."""
    value = mapping.get(key)
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None
