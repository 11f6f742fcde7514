"""JSON Lines (one article per line), or one JSON array of articles, or one JSON object.

Each record needs a ``text`` or ``html`` field (``html`` wins when both are there). Optional
fields go to :attr:`RawDocument.meta` as strings, under the names the later stages expect:

========== =========================================
meta key   accepted record fields, first found wins
========== =========================================
title      ``title``
published  ``published``, ``date``, ``published_at``
outlet     ``outlet``, ``source``, ``site_name``
author     ``author``, ``byline``, ``authors``
language   ``language``, ``lang``
========== =========================================

``url`` comes from ``url`` (or ``link``). A bad line is refused with its 1-based line number and
the other lines go on.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from ..records import DocumentKind, RawDocument
from ._common import Result, reject, sha256_hex
from .decode import normalize_newlines
from .html import canonical_url

_META_FIELDS: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "published": ("published", "date", "published_at"),
    "outlet": ("outlet", "source", "site_name"),
    "author": ("author", "byline", "authors"),
    "language": ("language", "lang"),
}
_URL_FIELDS = ("url", "link")
_BODY_FIELDS: tuple[tuple[str, DocumentKind], ...] = (("html", "html"), ("text", "text"))
_TOO_DEEP = "not valid JSON: nested too deeply"
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


class _BadRecord(ValueError):
    """A record that cannot become a document; the message is the reason."""


def read_json(text: str, data: bytes, source: str) -> Iterator[Result]:
    """Documents from decoded JSON ``text`` (raw ``data``): Lines, an array, or one object."""
    try:
        whole: object = json.loads(text)
    except json.JSONDecodeError as exc:
        if text.lstrip().startswith("["):
            where = f"line {exc.lineno}, column {exc.colno}"
            yield reject(source, f"not valid JSON: {exc.msg} ({where})")
            return
        whole = None
    except RecursionError:
        yield reject(source, _TOO_DEEP)
        return
    if isinstance(whole, list):
        yield from _read_array(whole, source)
    elif isinstance(whole, dict) and sum(1 for line in text.split("\n") if line.strip()) > 1:
        yield _checked(whole, source, source, "record", sha256_hex(data))
    else:
        yield from _read_lines(text, source)


def _read_lines(text: str, source: str) -> Iterator[Result]:
    """One document per non-blank line, ``source#L<n>``; raw_hash is the line's sha256."""
    for lineno, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        where = f"line {lineno}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            detail = f"invalid JSON: {exc.msg} at column {exc.colno}"
            yield reject(source, f"{where}: not a JSON object ({detail})")
            continue
        except RecursionError:
            yield reject(source, f"{where}: {_TOO_DEEP}")
            continue
        raw_hash = sha256_hex(line.strip().encode("utf-8"))
        yield _checked(record, f"{source}#L{lineno}", source, where, raw_hash)


def _read_array(items: list[object], source: str) -> Iterator[Result]:
    """One document per array item, ``source#item<n>``; raw_hash of the item's canonical JSON."""
    if not items:
        yield reject(source, "JSON array has no items")
        return
    for n, item in enumerate(items, start=1):
        canonical = json.dumps(item, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
        yield _checked(
            item, f"{source}#item{n}", source, f"item {n}", sha256_hex(canonical.encode())
        )


def _checked(record: object, doc_source: str, source: str, where: str, raw_hash: str) -> Result:
    """The document for ``record``, or a refusal naming ``where`` it was in ``source``."""
    try:
        return _record_document(record, doc_source, raw_hash)
    except _BadRecord as exc:
        return reject(source, f"{where}: {exc}")


def _record_document(record: object, source: str, raw_hash: str) -> RawDocument:
    """A document from one parsed JSON record.

    Raises:
        _BadRecord: not an object, or no usable ``text``/``html`` field.
    """
    if not isinstance(record, dict):
        raise _BadRecord("not a JSON object")
    kind, body = _body(record)
    meta: dict[str, str] = {}
    for key, names in _META_FIELDS.items():
        value = _first_value(record, names)
        if value is not None:
            meta[key] = value
    url = _first_value(record, _URL_FIELDS)
    if url is None and kind == "html":
        url = canonical_url(body)
    return RawDocument(
        source=source,
        kind=kind,
        text=body,
        url=url,
        meta=meta,
        raw_hash=raw_hash,
        container="jsonl",
    )


def _body(record: dict[str, object]) -> tuple[DocumentKind, str]:
    """The ``html`` (preferred) or ``text`` field, newlines normalised."""
    for name, kind in _BODY_FIELDS:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return kind, _valid_unicode(normalize_newlines(value))
    present = [name for name, _ in _BODY_FIELDS if name in record]
    if present:
        raise _BadRecord(f"'{present[0]}' field is empty or not a string")
    raise _BadRecord("no 'text' or 'html' field")


def _first_value(record: dict[str, object], names: tuple[str, ...]) -> str | None:
    """The first of ``names`` whose value converts to a non-empty string."""
    for name in names:
        value = meta_string(record.get(name))
        if value:
            return value
    return None


def meta_string(value: object) -> str | None:
    """A metadata value as one string: lists joined with ``"; "``, ``{"name": ...}`` unwrapped."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, str):
        text = value.strip()
    elif isinstance(value, int | float):
        text = str(value)
    elif isinstance(value, dict):
        return meta_string(value.get("name"))
    elif isinstance(value, list):
        text = "; ".join(part for part in map(meta_string, value) if part)
    else:
        return None
    return _valid_unicode(text) or None


def _valid_unicode(text: str) -> str:
    """``text`` with lone surrogates (possible via JSON ``\\ud800`` escapes) made U+FFFD,
    so that it can be encoded as UTF-8 later."""
    return _LONE_SURROGATE.sub("\ufffd", text)
