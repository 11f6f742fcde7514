"""Paragraph and sentence spans of a cleaned text.

Sentences here are a light rule-based split (terminal punctuation followed by a capital, not
after a known abbreviation or an initial), enough to store offsets at ingest. The extract
stage re-segments with spaCy where it needs syntax.
"""

from __future__ import annotations

import re

from ..records import Span

_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "sgt",
        "sen",
        "rep",
        "gov",
        "pres",
        "amb",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "no",
        "vs",
        "etc",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "u.s",
        "u.n",
        "u.k",
        "e.u",
        "a.m",
        "p.m",
        "e.g",
        "i.e",
        "dept",
        "univ",
        "est",
        "approx",
        "fig",
    ]
)
_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+(?=[\"'“‘«(\[]?[A-Z0-9\u0400-\u04ff])")


def paragraph_spans(paragraphs: list[str]) -> tuple[str, list[Span]]:
    """Join paragraphs with blank lines; return the text and each paragraph's span."""
    spans, pos = [], 0
    for i, para in enumerate(paragraphs):
        spans.append(Span(i, pos, pos + len(para)))
        pos += len(para) + 2
    return "\n\n".join(paragraphs), spans


def sentence_spans(text: str, paragraphs: list[Span]) -> list[Span]:
    """Sentence spans inside each paragraph, numbered across the article."""
    out: list[Span] = []
    for para in paragraphs:
        start = para.start
        chunk = text[para.start : para.end]
        for match in _BOUNDARY.finditer(chunk):
            word = chunk[: match.start() + 1].rsplit(None, 1)[-1].rstrip(".!?…").lower()
            if word in _ABBREVIATIONS or re.fullmatch(r"[a-z]", word):
                continue
            end = para.start + match.end()
            out.append(Span(len(out), start, para.start + len(chunk[: match.end()].rstrip())))
            start = end
        if start < para.end:
            out.append(Span(len(out), start, para.end))
    return out
