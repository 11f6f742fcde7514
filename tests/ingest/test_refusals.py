"""Input that is not an article is refused with a one-line reason; the batch goes on."""

from __future__ import annotations

import gzip
import io
from pathlib import Path

from wirewatch.ingest import read_paths
from wirewatch.records import Rejected
from wirewatch.settings import Options

from .helpers import ARTICLE, document, read_file, read_one, reason, warc_bytes


def test_empty_file(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "empty.txt", b"")
    assert reason(result) == "empty file"
    assert isinstance(result, Rejected) and result.source == str(tmp_path / "empty.txt")


def test_whitespace_only(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "blank.txt", b" \n\t\r\n  \n")
    assert reason(result) == "no text (only whitespace)"


def test_whitespace_only_utf16() -> None:
    assert reason(read_one("  \n ".encode("utf-16"))) == "no text (only whitespace)"


def test_nul_bytes() -> None:
    data = b"The council met\x00\x17\x00\x00\xff\x10 on Tuesday" * 3
    assert reason(read_one(data)) == "contains NUL bytes: binary file?"


def test_pdf_magic() -> None:
    assert reason(read_one(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")) == "binary file (PDF)"


def test_other_magic_numbers() -> None:
    assert reason(read_one(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")) == "binary file (PNG)"
    assert reason(read_one(b"PK\x03\x04\x14\x00\x00\x00")) == "binary file (ZIP)"
    assert reason(read_one(b"\x7fELF\x02\x01\x01")) == "binary file (ELF)"


def test_gzip_that_is_not_warc() -> None:
    assert reason(read_one(gzip.compress(ARTICLE.encode()))) == "binary file (gzip)"


def test_undecodable_bytes() -> None:
    data = bytes(range(0x80, 0x100)) * 4
    assert reason(read_one(data)) == "cannot decode text: not UTF-8, and no other encoding fits"


def test_oversize_file_refused_from_its_size(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "big.txt", ARTICLE.encode(), max_bytes=100)
    size = len(ARTICLE.encode())
    assert reason(result) == f"file is {size} bytes, over the limit of 100 (setting max_bytes)"


def test_oversize_stdin() -> None:
    data = b"x" * 250
    [result] = list(read_paths(["-"], Options().with_(max_bytes=100), stdin=io.BytesIO(data)))
    assert reason(result) == "file is 250 bytes, over the limit of 100 (setting max_bytes)"
    assert isinstance(result, Rejected) and result.source == "-"


def test_oversize_in_read_bytes() -> None:
    assert reason(read_one(b"y" * 101, max_bytes=100)).startswith("file is 101 bytes")


def test_missing_path_and_unmatched_glob(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.txt")
    pattern = str(tmp_path / "*.jsonl")
    results = list(read_paths([missing, pattern], Options()))
    assert [(r.source, reason(r)) for r in results if isinstance(r, Rejected)] == [
        (missing, "no such file or directory"),
        (pattern, "pattern matched no files"),
    ]


def test_jsonl_without_text(tmp_path: Path) -> None:
    data = b'{"title": "Pier", "url": "https://gazette.example/p"}\n{"text": "  "}\n'
    first, second = read_file(tmp_path, "x.jsonl", data)
    assert reason(first) == "line 1: no 'text' or 'html' field"
    assert reason(second) == "line 2: 'text' field is empty or not a string"


def test_broken_json_array(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "x.json", b'[{"text": "The pier."},\n {"text": }]')
    assert reason(result).startswith("not valid JSON: Expecting value (line 2")


def test_empty_json_array(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "x.json", b"[]")
    assert reason(result) == "JSON array has no items"


def test_feed_without_entries(tmp_path: Path) -> None:
    data = b'<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>'
    [result] = read_file(tmp_path, "quiet.rss", data)
    assert reason(result) == "feed has no entries"


def test_warc_without_html(tmp_path: Path) -> None:
    data = warc_bytes(
        [("https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "200 OK")],
        gzip=True,
    )
    [result] = read_file(tmp_path, "images.warc.gz", data)
    assert reason(result) == "WARC file has no HTML responses with status 200 (1 records)"


def test_damaged_warc(tmp_path: Path) -> None:
    data = b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 9999\r\n\r\nshort"
    [result] = read_file(tmp_path, "bad.warc", data)
    assert reason(result).startswith("not a valid WARC file: ")


def test_batch_goes_on_after_refusals(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4\n")
    (tmp_path / "c.txt").write_text(ARTICLE, encoding="utf-8")
    results = list(read_paths([str(tmp_path)], Options()))
    assert [type(r).__name__ for r in results] == ["Rejected", "Rejected", "RawDocument"]
    assert document(results[2]).text == ARTICLE


def test_stdin_terminal_is_refused() -> None:
    class Terminal(io.BytesIO):
        def isatty(self) -> bool:
            return True

    [result] = list(read_paths(["-"], Options(), stdin=Terminal(b"")))
    assert reason(result) == "stdin is a terminal: pipe input in, or name files"


def test_deeply_nested_json(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "deep.json", b"[" * 100_000 + b"]" * 100_000)
    assert reason(result) == "not valid JSON: nested too deeply"
