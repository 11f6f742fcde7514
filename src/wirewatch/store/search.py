"""SQL for full-text search over the stored text, without DuckDB's ``fts`` extension.

The ``fts`` extension is installed over the network, so an offline store cannot count on it.
Search here is plain SQL over the stored strings: every query term must occur in the searched
text (case-insensitive substring, ``contains``: no ``LIKE`` pattern, so ``%`` and ``_`` in a
term are literal), and hits rank by how often the terms occur there. That is a scan of the
text, linear in the corpus, which is fine for the corpora one DuckDB file holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

#: The searched text of an article: its title and body, lower-cased.
ARTICLE_DOC = "lower(coalesce(a.title, '') || chr(10) || a.text)"
#: The searched text of an event: its sentence, trigger and PLOVER type, lower-cased.
EVENT_DOC = "lower(e.sentence || chr(10) || e.trigger || chr(10) || e.type)"


@dataclass(frozen=True, slots=True)
class ArticleHit:
    """An article that a search found: what a result list shows, its text (for a snippet) and
    its score (occurrences of the query terms in title and text)."""

    id: str
    title: str | None
    outlet: str | None
    published_start: dt.date | None
    published_end: dt.date | None
    published_source: str
    url: str | None
    source: str
    text: str
    score: int


#: ``articles`` columns an ``ArticleHit`` is built from, in its field order (score last).
HIT_COLUMNS = (
    "id",
    "title",
    "outlet",
    "published_start",
    "published_end",
    "published_source",
    "url",
    "source",
    "text",
)


def match_sql(doc: str, terms: Sequence[str]) -> tuple[str, list[Any]]:
    """A condition true when ``doc`` (an SQL expression) contains every term, and its
    parameters. Terms are compared as given: the caller lower-cases them."""
    return " AND ".join(f"contains({doc}, ?)" for _ in terms), list(terms)


def score_sql(doc: str, terms: Sequence[str]) -> tuple[str, list[Any]]:
    """An expression counting the occurrences of the terms in ``doc``, and its parameters:
    for each term, the bytes that removing it takes away, divided by its length in bytes."""
    parts = [f"((strlen({doc}) - strlen(replace({doc}, ?, ''))) // strlen(?))" for _ in terms]
    params: list[Any] = []
    for term in terms:
        params.extend([term, term])
    return " + ".join(parts), params
