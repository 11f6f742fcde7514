"""Plain text (and whole HTML pages): the whole input is one document."""

from __future__ import annotations

from ..records import DocumentKind, RawDocument
from ._common import sha256_hex

#: The source name that means standard input.
STDIN = "-"


def read_text(
    text: str, data: bytes, source: str, kind: DocumentKind = "text", url: str | None = None
) -> RawDocument:
    """One document of ``kind`` holding all of ``text`` (decoded from ``data``)."""
    return RawDocument(
        source=source,
        kind=kind,
        text=text,
        url=url,
        raw_hash=sha256_hex(data),
        container="stdin" if source == STDIN else "file",
    )
