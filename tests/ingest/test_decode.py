"""Encodings: BOMs, UTF-16 without BOM, legacy code pages, HTML meta charset."""

from __future__ import annotations

import codecs

import pytest

from wirewatch.ingest.decode import DecodeError, decode_text

from .helpers import ARTICLE, document, read_one

RUSSIAN = (
    "Городской совет Милбрука проголосовал за ремонт старого причала. "
    "Мэр Ада Квилл сказала, что работы начнутся весной.\n"
)
FRENCH = (
    "Le conseil municipal de Millbrook a voté la rénovation du vieux quai. "
    "Les élus étaient très partagés, a précisé la maire.\n"
)


def test_utf8_bom_is_removed() -> None:
    doc = document(read_one(codecs.BOM_UTF8 + ARTICLE.encode()))
    assert doc.text == ARTICLE


def test_utf16_le_with_bom() -> None:
    data = codecs.BOM_UTF16_LE + FRENCH.encode("utf-16-le")
    assert document(read_one(data)).text == FRENCH


def test_utf16_without_bom_le_and_be() -> None:
    assert document(read_one(ARTICLE.encode("utf-16-le"))).text == ARTICLE
    assert document(read_one(ARTICLE.encode("utf-16-be"))).text == ARTICLE


def test_utf32_with_bom() -> None:
    assert document(read_one(ARTICLE.encode("utf-32"))).text == ARTICLE


def test_cp1251_russian() -> None:
    assert document(read_one(RUSSIAN.encode("cp1251"))).text == RUSSIAN


def test_latin1_accents() -> None:
    assert document(read_one(FRENCH.encode("latin-1"))).text == FRENCH


def test_html_meta_charset_windows_1252() -> None:
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "</head><body><p>Le conseil a voté « oui » – 5 contre 2.</p></body></html>"
    )
    doc = document(read_one(page.encode("cp1252")))
    assert doc.kind == "html"
    assert doc.text == page


def test_meta_charset_iso_8859_1_read_as_windows_1252() -> None:
    page = "<html><head><meta charset='iso-8859-1'></head><body><p>“Oui”, dit-elle.</p></body>"
    assert decode_text(page.encode("cp1252")) == page


def test_valid_utf8_wins_over_a_wrong_label() -> None:
    page = '<meta charset="iso-8859-1"><p>Le conseil a voté.</p>'
    assert decode_text(page.encode("utf-8")) == page


def test_declared_charset_from_http_header() -> None:
    assert decode_text(RUSSIAN.encode("koi8-r"), declared="koi8-r") == RUSSIAN


def test_undecodable_raises() -> None:
    with pytest.raises(DecodeError, match="NUL"):
        decode_text(b"\x00\x01\x02\x03\xfe\x00\x9a\x00")
