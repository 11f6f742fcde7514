"""The core of ingest: bytes in, documents or refusals out.

:func:`read_bytes` does no I/O, so the same code runs in-process, in a process pool or as a Ray
Data step. It refuses what is not text before any format reader sees it, in this order: empty,
over ``max_bytes``, binary by magic number (a gzipped WARC is let through), NUL bytes or an
undecodable encoding, whitespace only. Then the format is sniffed and its reader runs.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..settings import Options
from ._common import Result, oversize_reason, reject
from .decode import DecodeError, decode_text
from .feed import read_feed
from .html import read_html
from .jsonl import read_json
from .sniff import binary_kind, is_warc, sniff_text
from .text import read_text
from .warc import read_warc

EMPTY_REASON = "empty file"
WHITESPACE_REASON = "no text (only whitespace)"


def read_bytes(data: bytes, source: str, options: Options) -> Iterator[Result]:
    """Read one input's bytes as documents; ``source`` names it (a path, or ``-`` for stdin).

    Yields a :class:`RawDocument` per article and a :class:`Rejected` per refused input or
    part (a JSON line, a feed entry, a WARC record); one bad part never stops the others.
    """
    refusal = _refusal(data, options)
    if refusal is not None:
        yield reject(source, refusal)
        return
    if is_warc(data):
        yield from read_warc(data, source)
        return
    binary = binary_kind(data)
    if binary is not None:
        yield reject(source, f"binary file ({binary})")
        return
    try:
        text = decode_text(data)
    except DecodeError as exc:
        yield reject(source, str(exc))
        return
    if not text.strip():
        yield reject(source, WHITESPACE_REASON)
        return
    yield from _read_format(text, data, source)


def _refusal(data: bytes, options: Options) -> str | None:
    """Why ``data`` is refused before looking at its content, if it is."""
    if not data:
        return EMPTY_REASON
    if len(data) > options.max_bytes:
        return oversize_reason(len(data), options.max_bytes)
    return None


def _read_format(text: str, data: bytes, source: str) -> Iterator[Result]:
    """Run the reader for the sniffed format of decoded ``text``."""
    fmt = sniff_text(text, source)
    if fmt == "json":
        yield from read_json(text, data, source)
    elif fmt == "feed":
        yield from read_feed(data, source)
    elif fmt == "html":
        yield read_html(text, data, source)
    else:
        yield read_text(text, data, source)
