"""Each input format becomes the right documents, with source, kind, url, meta and raw_hash."""

from __future__ import annotations

import hashlib
import io
import json
from pathlib import Path

from wirewatch.ingest import read_paths
from wirewatch.records import RawDocument
from wirewatch.settings import Options

from .helpers import ARTICLE, PAGE, document, read_file, reason, warc_bytes


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def test_plain_text_is_one_document(tmp_path: Path) -> None:
    data = ARTICLE.encode()
    [result] = read_file(tmp_path, "pier.txt", data)
    doc = document(result)
    assert doc.kind == "text"
    assert doc.text == ARTICLE
    assert doc.source == str(tmp_path / "pier.txt")
    assert doc.container == "file"
    assert doc.raw_hash == sha(data)
    assert doc.url is None and doc.meta == {}


def test_crlf_newlines_are_normalised(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "pier.txt", ARTICLE.replace("\n", "\r\n").encode())
    assert document(result).text == ARTICLE


def test_html_keeps_markup_and_reads_canonical_url(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "pier.html", PAGE.encode())
    doc = document(result)
    assert doc.kind == "html"
    assert doc.text == PAGE
    assert doc.url == "https://millbrook-gazette.example/pier-vote"


def test_html_og_url_when_no_canonical(tmp_path: Path) -> None:
    page = (
        "<html><head><meta content='https://gazette.example/a?x=1&amp;y=2' property='og:url'>"
        "</head><body><p>The pier vote passed.</p></body></html>"
    )
    [result] = read_file(tmp_path, "a.html", page.encode())
    assert document(result).url == "https://gazette.example/a?x=1&y=2"


def jsonl_lines() -> list[bytes]:
    return [
        json.dumps(
            {
                "text": "The council approved the pier budget on Tuesday evening.",
                "url": "https://gazette.example/budget",
                "title": "Pier budget approved",
                "date": "2024-03-05",
                "site_name": "Millbrook Gazette",
                "authors": ["Ada Quill", {"name": "Ben Oduya"}],
                "lang": "en",
            }
        ).encode(),
        b"",
        b"this line is not json",
        json.dumps({"html": "<p>Ferry service resumes in May.</p>", "text": "ignored"}).encode(),
        b"[1, 2]",
        json.dumps({"title": "A record with no body"}).encode(),
    ]


def test_jsonl_one_document_per_line_and_bad_lines_refused(tmp_path: Path) -> None:
    lines = jsonl_lines()
    path = str(tmp_path / "news.jsonl")
    results = read_file(tmp_path, "news.jsonl", b"\n".join(lines) + b"\n")
    first, bad_json, second, not_object, no_body = results
    doc = document(first)
    assert doc.source == f"{path}#L1"
    assert doc.kind == "text" and doc.container == "jsonl"
    assert doc.url == "https://gazette.example/budget"
    assert doc.raw_hash == sha(lines[0])
    assert doc.meta == {
        "title": "Pier budget approved",
        "published": "2024-03-05",
        "outlet": "Millbrook Gazette",
        "author": "Ada Quill; Ben Oduya",
        "language": "en",
    }
    assert reason(bad_json).startswith("line 3: not a JSON object (invalid JSON")
    assert bad_json.source == path
    html_doc = document(second)
    assert html_doc.source == f"{path}#L4"
    assert (html_doc.kind, html_doc.text) == ("html", "<p>Ferry service resumes in May.</p>")
    assert reason(not_object) == "line 5: not a JSON object"
    assert reason(no_body) == "line 6: no 'text' or 'html' field"


def test_json_array_of_objects(tmp_path: Path) -> None:
    items = [{"text": "The pier vote passed."}, {"text": "The regatta was moved."}, "oops"]
    path = str(tmp_path / "batch.json")
    results = read_file(tmp_path, "batch.json", json.dumps(items, indent=2).encode())
    first, second, third = results
    assert document(first).source == f"{path}#item1"
    assert document(second).text == "The regatta was moved."
    assert document(first).raw_hash != document(second).raw_hash
    assert reason(third) == "item 3: not a JSON object"


def test_pretty_printed_single_object(tmp_path: Path) -> None:
    data = json.dumps({"text": "The ferry pier will reopen.", "title": "Pier"}, indent=2)
    [result] = read_file(tmp_path, "one.txt", data.encode())
    doc = document(result)
    assert (doc.text, doc.meta["title"], doc.container) == (
        "The ferry pier will reopen.",
        "Pier",
        "jsonl",
    )


RSS = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- made-up feed for tests -->
<rss version="2.0"><channel><title>Millbrook Gazette</title><language>en</language>
<item><title>Pier vote</title><link>https://gazette.example/pier</link>
<description>The council &lt;b&gt;approved&lt;/b&gt; the pier.</description>
<pubDate>Tue, 05 Mar 2024 18:30:00 GMT</pubDate><author>desk@millbrook.org (Ada Quill)</author>
</item>
<item><title>Regatta moved</title><link>https://gazette.example/regatta</link>
<description>The regatta moves to June.</description></item>
<item><title>Empty</title></item>
</channel></rss>"""


def test_rss_entries(tmp_path: Path) -> None:
    path = str(tmp_path / "feed.xml")
    first, second, empty = read_file(tmp_path, "feed.xml", RSS)
    doc = document(first)
    assert doc.source == f"{path}#entry1"
    assert doc.kind == "html" and doc.container == "feed"
    assert doc.text == "The council <b>approved</b> the pier."
    assert doc.url == "https://gazette.example/pier"
    assert doc.meta == {
        "title": "Pier vote",
        "published": "2024-03-05T18:30:00+00:00",
        "author": "Ada Quill",
        "outlet": "Millbrook Gazette",
        "language": "en",
    }
    assert len(doc.raw_hash) == 64
    assert document(second).kind == "text"
    assert reason(empty) == "entry 3: no content or summary"


def test_atom_entry_prefers_content_and_joins_authors(tmp_path: Path) -> None:
    atom = b"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Ridge Daily</title>
<entry><title>Bridge reopens</title><link href="https://ridge.example/bridge"/><id>urn:r:1</id>
<updated>2024-04-02</updated><author><name>Al Brink</name></author><author><name>Bo Dale</name>
</author><summary>Short.</summary>
<content type="html">&lt;p&gt;The Ridge bridge reopened on Monday.&lt;/p&gt;</content></entry>
</feed>"""
    [result] = read_file(tmp_path, "ridge.atom", atom)
    doc = document(result)
    assert doc.text == "<p>The Ridge bridge reopened on Monday.</p>"
    assert doc.meta["published"] == "2024-04-02"
    assert doc.meta["author"] == "Al Brink; Bo Dale"
    assert doc.meta["outlet"] == "Ridge Daily"


def check_warc(tmp_path: Path, name: str, *, gzip: bool) -> None:
    body = "<html><body><p>Le conseil de Millbrook a voté.</p></body></html>".encode("latin-1")
    data = warc_bytes(
        [
            ("https://gazette.example/vote", body, "text/html; charset=iso-8859-1", "200 OK"),
            ("https://gazette.example/logo.png", b"\x89PNG\r\n\x1a\n", "image/png", "200 OK"),
            ("https://gazette.example/old", b"<p>moved</p>", "text/html", "301 Moved"),
        ],
        gzip=gzip,
    )
    [result] = read_file(tmp_path, name, data)
    doc = document(result)
    assert doc.kind == "html" and doc.container == "warc"
    assert doc.url == "https://gazette.example/vote"
    assert "a voté" in doc.text
    assert doc.source.startswith(f"{tmp_path / name}#record-")
    assert "<" not in doc.source and "urn:uuid" not in doc.source
    assert doc.raw_hash == sha(body)


def test_warc_plain(tmp_path: Path) -> None:
    check_warc(tmp_path, "crawl.warc", gzip=False)


def test_warc_gzipped_is_not_refused_as_gzip(tmp_path: Path) -> None:
    check_warc(tmp_path, "crawl.warc.gz", gzip=True)


def test_stdin(tmp_path: Path) -> None:
    stream = io.BytesIO(ARTICLE.encode())
    [result] = list(read_paths(["-"], Options(), stdin=stream))
    doc = document(result)
    assert (doc.source, doc.container, doc.text) == ("-", "stdin", ARTICLE)


def test_stdin_jsonl_sources(tmp_path: Path) -> None:
    stream = io.BytesIO(b'{"text": "The pier vote passed."}\n{"text": "The regatta moved."}\n')
    results = list(read_paths(["-"], Options(), stdin=stream))
    assert [document(r).source for r in results] == ["-#L1", "-#L2"]


def test_jsonl_sniffed_in_txt_file(tmp_path: Path) -> None:
    data = b'{"text": "The pier vote passed."}\n{"text": "The regatta moved."}\n'
    results = read_file(tmp_path, "export.txt", data)
    assert [document(r).container for r in results] == ["jsonl", "jsonl"]


def test_html_sniffed_in_dat_file(tmp_path: Path) -> None:
    page = "<div><p>The council met on Tuesday.</p></div>"
    [result] = read_file(tmp_path, "page.dat", page.encode())
    assert document(result).kind == "html"


def test_text_mentioning_a_tag_stays_text(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "note.txt", b"Use the <p> tag for paragraphs, said the clerk.")
    assert document(result).kind == "text"


def test_all_results_are_frozen_records(tmp_path: Path) -> None:
    [result] = read_file(tmp_path, "pier.txt", ARTICLE.encode())
    assert isinstance(result, RawDocument)
