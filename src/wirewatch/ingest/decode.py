"""Bytes to text: find the encoding, decode strictly, normalise newlines.

Order, from the most to the least certain evidence:

1. a byte order mark (UTF-8, UTF-16, UTF-32);
2. UTF-16/32 without a BOM, seen as NUL bytes alternating with text bytes;
3. any other NUL byte: the input is refused as probably binary;
4. strict UTF-8 (valid UTF-8 with non-ASCII bytes is almost never another encoding by chance,
   so it wins over labels, which are often wrong in exactly that direction);
5. a declared charset that decodes cleanly: the caller's (an HTTP ``Content-Type``), then an
   HTML ``<meta charset>`` / ``http-equiv`` or an XML ``encoding=`` in the first bytes;
6. charset-normalizer's best guess, for legacy encodings (cp1251, latin-1, Shift JIS, EUC-KR).

Nothing else in the text is changed: cleaning is a later stage.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SNIFF_BYTES = 4096

_DECLARED = re.compile(
    rb"""<meta\b[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)"""
    rb"""|<\?xml\b[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)""",
    re.IGNORECASE,
)

_CONTENT_TYPE_CHARSET = re.compile(r"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)

#: Labels that browsers read as windows-1252 (WHATWG Encoding standard).
_WINDOWS_1252_ALIASES = frozenset({"iso8859_1", "ascii"})

NUL_REASON = "contains NUL bytes: binary file?"
UNDECODABLE_REASON = "cannot decode text: not UTF-8, and no other encoding fits"


class DecodeError(ValueError):
    """Bytes that cannot be read as text; ``str(e)`` is the one-line refusal reason."""


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` to text with newlines normalised to ``\\n``.

    ``declared`` is a charset named outside the bytes (an HTTP header); it is tried after strict
    UTF-8 and only kept when it decodes without errors.

    Raises:
        DecodeError: NUL bytes in what is not UTF-16/32, or no encoding decodes the bytes.
    """
    bom = bom_encoding(data)
    if bom is not None:
        try:
            return normalize_newlines(data.decode(bom))
        except UnicodeDecodeError:
            raise DecodeError(f"invalid {bom.removesuffix('-sig')} text after its BOM") from None
    if b"\x00" in data:
        wide = _wide_without_bom(data[:_SNIFF_BYTES])
        if wide is None:
            raise DecodeError(NUL_REASON)
        try:
            return normalize_newlines(data.decode(wide))
        except UnicodeDecodeError:
            raise DecodeError(NUL_REASON) from None
    text = _decode_ascii_compatible(data, declared)
    if text is None:
        raise DecodeError(UNDECODABLE_REASON)
    return normalize_newlines(text)


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a byte order mark at the start of ``data``, if any."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec
    return None


def _wide_without_bom(head: bytes) -> str | None:
    """A UTF-16/32 codec when NULs sit where that layout puts them, else None.

    UTF-16/32 of mostly Latin-script text has NUL bytes at fixed positions (the high bytes of
    each code unit); binary files have NULs anywhere.
    """
    head = head[: len(head) - len(head) % 4]
    if not head:
        return None
    ratio = [_nul_ratio(head, i, 4) for i in range(4)]
    if min(ratio[2], ratio[3]) > 0.95 and ratio[0] < 0.5:
        return "utf-32-le"
    if min(ratio[0], ratio[1]) > 0.95 and ratio[3] < 0.5:
        return "utf-32-be"
    even, odd = _nul_ratio(head, 0, 2), _nul_ratio(head, 1, 2)
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def charset_from_content_type(content_type: str | None) -> str | None:
    """The ``charset=`` parameter of an HTTP ``Content-Type`` value, if any."""
    if not content_type:
        return None
    match = _CONTENT_TYPE_CHARSET.search(content_type)
    return match.group(1) if match else None


def declared_charset(data: bytes) -> str | None:
    """A charset declared inside the document: HTML ``<meta>`` or the XML declaration."""
    match = _DECLARED.search(data[:_SNIFF_BYTES])
    if match is None:
        return None
    label = match.group(1) or match.group(2)
    return label.decode("ascii")


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` become ``\\n``; nothing else changes."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_ascii_compatible(data: bytes, declared: str | None) -> str | None:
    """Steps 4 to 6 of the module order, for data without NULs."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for label in (declared, declared_charset(data)):
        text = _decode_declared(data, label)
        if text is not None:
            return text
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def _decode_declared(data: bytes, label: str | None) -> str | None:
    """Decode with a declared charset label when it names a known codec and fits the bytes."""
    if not label:
        return None
    try:
        name = codecs.lookup(label).name.replace("-", "_")
    except LookupError:
        return None
    codecs_to_try = ["cp1252", name] if name in _WINDOWS_1252_ALIASES else [name]
    for codec in codecs_to_try:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            continue
    return None


def _nul_ratio(head: bytes, offset: int, step: int) -> float:
    """Share of NUL bytes among ``head[offset::step]``."""
    picked = head[offset::step]
    return picked.count(0) / len(picked) if picked else 0.0
