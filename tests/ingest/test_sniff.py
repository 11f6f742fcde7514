"""Format sniffing by content, with the extension only as a tie-breaker."""

from __future__ import annotations

import pytest

from wirewatch.ingest.sniff import TextFormat, sniff_text

from .helpers import document, read_one

CASES: list[tuple[str, str, TextFormat]] = [
    ('{"text": "The pier vote passed."}\n', "a.txt", "json"),
    ('[\n  {"text": "The pier vote passed."}\n]', "a.dat", "json"),
    ("{not json at all", "a.jsonl", "json"),
    ("{not json at all", "a.txt", "text"),
    ('<?xml version="1.0"?>\n<!-- c -->\n<rdf:RDF xmlns:rdf="x"></rdf:RDF>', "a", "feed"),
    ('<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"></feed>', "a.txt", "feed"),
    ('<?xml version="1.0"?><!DOCTYPE html><html xmlns="x"><body/></html>', "a.xml", "html"),
    ("<!doctype html><title>Vote</title>", "a.txt", "html"),
    ("<p>One tag only.</p>", "a.txt", "text"),
    ("<p>One tag only.</p>", "a.html", "html"),
    ("[Updated] The council voted.", "a.txt", "text"),
    ("The council voted five to two.", "a.html", "text"),
]


@pytest.mark.parametrize(("text", "name", "expected"), CASES)
def test_sniff_text(text: str, name: str, expected: TextFormat) -> None:
    assert sniff_text(text, name) == expected


def test_lone_surrogate_escape_in_json_is_replaced() -> None:
    doc = document(read_one(b'{"text": "The pier \\ud800 vote."}', "x.jsonl"))
    assert doc.text == "The pier \ufffd vote."
