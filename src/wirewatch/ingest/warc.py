"""WARC web archives (plain or gzipped): one ``html`` document per successful HTML response.

Only ``response`` records with HTTP status 200 and an HTML content type (``text/html``,
``application/xhtml+xml``) are articles; requests, metadata, images and redirects are skipped
without a word. The body is decoded with the HTTP charset when it fits, else by
:mod:`.decode`'s usual order.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from warcio.archiveiterator import ArchiveIterator

from ..records import RawDocument
from ._common import Result, first_line, reject, sha256_hex
from .decode import DecodeError, charset_from_content_type, decode_text

_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})


def read_warc(data: bytes, source: str) -> Iterator[Result]:
    """Documents ``source#record-<uuid>`` from WARC bytes; a refusal when none is HTML.

    A damaged archive yields the documents before the damage, then one refusal.
    """
    records = iter(ArchiveIterator(io.BytesIO(data)))
    seen = found = 0
    while True:
        try:
            record = next(records)
        except StopIteration:
            break
        except Exception as exc:  # warcio fails on bad input with any exception type
            state = "not a valid WARC file" if seen == 0 else f"damaged after record {seen}"
            yield reject(source, f"{state}: {first_line(exc)}")
            return
        seen += 1
        result = _record_result(record, source)
        if result is not None:
            found += isinstance(result, RawDocument)
            yield result
    if found == 0:
        yield reject(source, f"WARC file has no HTML responses with status 200 ({seen} records)")


def _record_result(record: Any, source: str) -> Result | None:
    """The document for one record, a refusal when its body cannot be read, None to skip it."""
    content_type = _html_content_type(record)
    if content_type is None:
        return None
    record_id = _record_id(record.rec_headers.get_header("WARC-Record-ID"))
    where = f"{source}#record-{record_id}"
    try:
        body: bytes = record.content_stream().read()
    except Exception as exc:  # bad chunked or compressed encoding inside the record
        return reject(where, f"cannot read response body: {first_line(exc)}")
    if not body.strip():
        return reject(where, "empty response body")
    try:
        text = decode_text(body, declared=charset_from_content_type(content_type))
    except DecodeError as exc:
        return reject(where, str(exc))
    url = record.rec_headers.get_header("WARC-Target-URI")
    return RawDocument(
        source=where,
        kind="html",
        text=text,
        url=url if isinstance(url, str) and url else None,
        raw_hash=sha256_hex(body),
        container="warc",
    )


def _html_content_type(record: Any) -> str | None:
    """The HTTP ``Content-Type`` of a status-200 HTML response record, else None."""
    if record.rec_type != "response" or record.http_headers is None:
        return None
    if record.http_headers.get_statuscode() != "200":
        return None
    content_type = record.http_headers.get_header("Content-Type")
    if not isinstance(content_type, str):
        return None
    media_type = content_type.split(";", 1)[0].strip().lower()
    return content_type if media_type in _HTML_TYPES else None


def _record_id(raw: object) -> str:
    """``<urn:uuid:1234>`` becomes ``1234``; other ids lose only their angle brackets."""
    text = raw.strip() if isinstance(raw, str) else ""
    return text.removeprefix("<").removesuffix(">").removeprefix("urn:uuid:") or "unknown"
