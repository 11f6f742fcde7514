"""Plain text: the whole input is one document."""

from __future__ import annotations

from ..records import RawDocument
from ._common import sha256_hex

#: The source name that means standard input.
STDIN = "-"


def read_text(text: str, data: bytes, source: str) -> RawDocument:
    """One ``kind="text"`` document holding all of ``text`` (decoded from ``data``)."""
    return RawDocument(
        source=source,
        kind="text",
        text=text,
        raw_hash=sha256_hex(data),
        container="stdin" if source == STDIN else "file",
    )
