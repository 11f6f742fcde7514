"""Shared builders for the ingest tests: short made-up articles and input files."""

from __future__ import annotations

import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from wirewatch.ingest import read_bytes, read_paths
from wirewatch.records import RawDocument, Rejected
from wirewatch.settings import Options

ARTICLE = (
    "The Millbrook city council voted five to two on Tuesday to rebuild the old ferry pier.\n"
    "Mayor Ada Quill said work would begin in the spring and end before the regatta.\n"
)

PAGE = (
    "<!DOCTYPE html>\n<html><head><title>Pier vote</title>"
    '<link rel="canonical" href="https://millbrook-gazette.example/pier-vote">'
    "</head><body><article><p>The Millbrook city council voted to rebuild the pier.</p>"
    "</article></body></html>\n"
)

Result = RawDocument | Rejected


def read_file(tmp_path: Path, name: str, data: bytes, **changes: object) -> list[Result]:
    """Write ``data`` to ``tmp_path/name`` and read it back through the public API."""
    path = tmp_path / name
    path.write_bytes(data)
    return list(read_paths([str(path)], Options().with_(**changes)))


def read_one(data: bytes, source: str = "input", **changes: object) -> Result:
    """The single result of :func:`read_bytes` on ``data``."""
    results = list(read_bytes(data, source, Options().with_(**changes)))
    assert len(results) == 1, results
    return results[0]


def document(result: object) -> RawDocument:
    """``result`` as a document, failing the test with the refusal reason otherwise."""
    assert isinstance(result, RawDocument), result
    return result


def reason(result: object) -> str:
    """The refusal reason of ``result``, failing the test when it is a document."""
    assert isinstance(result, Rejected), result
    assert result.stage == "ingest"
    return result.reason


def warc_bytes(responses: list[tuple[str, bytes, str, str]], *, gzip: bool) -> bytes:
    """A WARC file of ``response`` records ``(uri, body, content type, HTTP status line)``."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    for uri, body, content_type, status in responses:
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), length=len(body), http_headers=headers
        )
        writer.write_record(record)
    return buffer.getvalue()
