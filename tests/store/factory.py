"""Invented articles for the store tests, built deterministically from a number.

Also imported by the child process of the durability test (by path, as ``factory``), so it
depends on nothing but wirewatch.
"""

from __future__ import annotations

import datetime as dt
import hashlib

from wirewatch.records import Article, ElidedDate, PublishedDate, RemovedBlock, Span

_SUBJECTS = ("The harbour council", "A ferry operator", "Two inspectors", "The lighthouse trust")
_VERBS = ("postponed", "approved", "questioned", "published")
_OBJECTS = ("the dredging plan", "a new timetable", "the salt-marsh survey", "its winter budget")


def sentence(n: int, k: int) -> str:
    """The k-th sentence of article n; distinct for every (n, k)."""
    subject = _SUBJECTS[(n + k) % len(_SUBJECTS)]
    verb = _VERBS[(n * 3 + k) % len(_VERBS)]
    obj = _OBJECTS[(n + 2 * k) % len(_OBJECTS)]
    return f"{subject} {verb} {obj} on day {k} of case {n}."


def paragraph_count(n: int) -> int:
    """How many paragraphs article n has (2 to 6), so atomicity checks can count them."""
    return 2 + n % 5


def make_article(n: int, *, sentences_per_paragraph: int = 3, prefix: str = "doc") -> Article:
    """Article number ``n``: paragraphs of sentences, a removed block, an elided date."""
    text = ""
    paragraphs: list[Span] = []
    sentences: list[Span] = []
    for p in range(paragraph_count(n)):
        if text:
            text += "\n\n"
        p_start = len(text)
        for s in range(sentences_per_paragraph):
            if s:
                text += " "
            s_start = len(text)
            text += sentence(n, p * sentences_per_paragraph + s)
            sentences.append(Span(len(sentences), s_start, len(text)))
        paragraphs.append(Span(p, p_start, len(text), "en"))
    day = dt.date(2024, 1 + n % 12, 1 + n % 28)
    return Article(
        id=hashlib.sha256(text.encode()).hexdigest()[:16],
        source=f"{prefix}/{n}.txt",
        text=text,
        title=f"Harbour notes {n}",
        authors=("Mira Okonkwo", "Jan de Wit") if n % 2 else (),
        outlet="The Coastal Ledger",
        url=f"https://ledger.example/{n}",
        published=PublishedDate(day, day, "metadata", f"Published {day:%d %B %Y}"),
        language="en",
        paragraphs=tuple(paragraphs),
        sentences=tuple(sentences),
        removed=(RemovedBlock("Support local reporting today.", "donation-appeal", "r.v1"),),
        elided_dates=(ElidedDate("As of , the ferry", 6, 6),) if n % 3 == 0 else (),
        raw_hash=hashlib.sha256(f"{prefix}:{n}".encode()).hexdigest(),
        minhash=n.to_bytes(8, "little") * 16,
    )


def make_batch(b: int, size: int) -> list[Article]:
    """Batch ``b`` of ``size`` consecutive articles."""
    return [make_article(n) for n in range(b * size, (b + 1) * size)]
