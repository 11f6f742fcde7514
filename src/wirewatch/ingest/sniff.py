"""Tell formats apart by content; the file extension only breaks ties.

Two steps. :func:`binary_kind` and :func:`is_warc` look at raw bytes (magic numbers), before
any decoding. :func:`sniff_text` looks at the decoded text: JSON (Lines or one array/object),
an RSS/Atom/RDF feed, HTML, or else plain text. Users mislabel files (JSON Lines saved as
``.txt``, HTML as ``.dat``), so content decides whenever it is clear.
"""

from __future__ import annotations

import json
import os
import re
import zlib
from typing import Literal

#: What a decoded input is read as.
TextFormat = Literal["json", "feed", "html", "text"]

_HEAD_CHARS = 4096
_FEED_HEAD_CHARS = 2048

#: Magic numbers of binary formats that are refused, with a name for the refusal reason.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"PK\x03\x04", "ZIP"),
    (b"PK\x05\x06", "ZIP"),
    (b"PK\x07\x08", "ZIP"),
    (b"\x1f\x8b", "gzip"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"\xff\xd8\xff", "JPEG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"\x7fELF", "ELF"),
    (b"\xfd7zXZ\x00", "xz"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"Rar!\x1a\x07", "RAR"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office"),
    (b"SQLite format 3\x00", "SQLite"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
    (b"OggS", "Ogg"),
    (b"fLaC", "FLAC"),
    (b"wOFF", "WOFF"),
    (b"wOF2", "WOFF2"),
    (b"\x00asm", "WebAssembly"),
    (b"\xca\xfe\xba\xbe", "Java class"),
)

_JSON_EXTENSIONS = frozenset({".json", ".jsonl", ".ndjson", ".jsonlines"})
_HTML_EXTENSIONS = frozenset({".html", ".htm", ".xhtml", ".shtml"})

_XML_PROLOG = re.compile(r"(?:\s+|<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>\[]*(?:\[.*?\])?\s*>)*", re.S)
_FEED_ROOT = re.compile(r"<(?:[\w.-]+:)?(?:rss|feed|RDF)\b")
_HTML_START = re.compile(r"<!doctype\s+html\b|<html\b", re.IGNORECASE)
_COMMON_TAG = re.compile(
    r"<(p|div|body|head|article|section|main|header|footer|nav|title|h[1-6]|span|br|a|"
    r"ul|ol|li|table|meta|script|style|img|figure|blockquote)\b[^<>]*>",
    re.IGNORECASE,
)


def is_warc(data: bytes) -> bool:
    """Whether ``data`` is a WARC file, plain or gzipped (``.warc.gz`` is gzip per record)."""
    if data.startswith(b"WARC/"):
        return True
    if not data.startswith(b"\x1f\x8b"):
        return False
    try:
        start = zlib.decompressobj(wbits=31).decompress(data[:65536], 16)
    except zlib.error:
        return False
    return start.startswith(b"WARC/")


def binary_kind(data: bytes) -> str | None:
    """The name of a binary format recognised by its magic number (``"PDF"``), else None.

    Call :func:`is_warc` first: a gzipped WARC starts with the gzip magic number.
    """
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    if data.startswith(b"BZh") and data[4:10] == b"1AY&SY":
        return "bzip2"
    if data[4:8] == b"ftyp":
        return "MP4/MOV"
    if data.startswith(b"RIFF") and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return data[8:12].decode("ascii").strip()
    return None


def sniff_text(text: str, name: str = "") -> TextFormat:
    """The format of decoded ``text``; ``name`` (a path) is only used when content is unclear."""
    head = text[:_HEAD_CHARS].lstrip("\ufeff \t\n")
    extension = _extension(name)
    if head.startswith(("{", "[")) and _looks_like_json(text, head, extension):
        return "json"
    if head.startswith("<") and _is_feed(head):
        return "feed"
    if _is_html(head, extension):
        return "html"
    return "text"


def _looks_like_json(text: str, head: str, extension: str) -> bool:
    """JSON Lines (first line is an object), a JSON array of objects, or one JSON object."""
    if extension in _JSON_EXTENSIONS:
        return True
    if head.startswith("["):
        return head[1:].lstrip()[:1] in ("{", "]")
    first_line = head.split("\n", 1)[0]
    if _is_json_object(first_line):
        return True
    return _is_json_object(text)


def _is_json_object(text: str) -> bool:
    """Whether ``text`` parses as one JSON object."""
    try:
        return isinstance(json.loads(text), dict)
    except (ValueError, RecursionError):
        return False


def _is_feed(head: str) -> bool:
    """Whether the XML root element, after any declaration, comments and doctype, is a feed."""
    prolog = _XML_PROLOG.match(head, 0, _FEED_HEAD_CHARS)
    start = prolog.end() if prolog else 0
    return _FEED_ROOT.match(head, start) is not None


def _is_html(head: str, extension: str) -> bool:
    """A doctype or ``<html>``, several distinct common tags, or one tag in a ``.html`` file."""
    if _HTML_START.search(head):
        return True
    tags = {match.group(1).lower() for match in _COMMON_TAG.finditer(head)}
    return len(tags) >= 2 or (bool(tags) and extension in _HTML_EXTENSIONS)


def _extension(name: str) -> str:
    """The lower-case extension of a path, ignoring a ``#fragment`` and a ``.gz`` suffix."""
    base = name.split("#", 1)[0].lower().removesuffix(".gz")
    return os.path.splitext(base)[1]
