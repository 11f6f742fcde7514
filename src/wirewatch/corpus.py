"""The Python API for notebooks and scripts: ``wirewatch.read`` and ``wirewatch.Corpus``.

>>> import wirewatch
>>> articles = wirewatch.read("examples/")          # clean only, nothing stored
>>> corpus = wirewatch.Corpus("news.duckdb")
>>> report = corpus.ingest(["examples/"])
>>> corpus.articles()[0].title
>>> corpus.table("articles").to_pandas()          # Arrow table (pandas if installed)
>>> found = wirewatch.extract_articles("examples/wire.jsonl")  # [(Article, Extraction)]
>>> corpus.events(source="KOR", type="ACCUSE")        # [(Event, ArticleRef)]
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal, TypeVar

import pyarrow as pa

from . import pipeline
from .errors import InputError
from .records import Article, Event, Extraction, Rejected
from .settings import Options, load_options
from .store import ArticleRef, EventFilter, Store


def _as_list(paths: str | Path | Sequence[str | Path]) -> list[str]:
    if isinstance(paths, (str, Path)):
        return [str(paths)]
    return [str(p) for p in paths]


def read(
    paths: str | Path | Sequence[str | Path],
    *,
    errors: Literal["skip", "raise"] = "skip",
    **settings: Any,
) -> list[Article]:
    """Read and clean articles from files, folders or globs; nothing is stored.

    Refused inputs are skipped (``errors="skip"``) or raise ``InputError`` (``"raise"``).
    Settings (see ``wirewatch.settings.SETTINGS``) may be given as keyword arguments.

    Raises:
        InputError: with ``errors="raise"``, the first refused input.
    """
    return _kept(pipeline.clean_paths(_as_list(paths), load_options(**settings)), errors)


def extract_articles(
    paths: str | Path | Sequence[str | Path],
    *,
    errors: Literal["skip", "raise"] = "skip",
    **settings: Any,
) -> list[tuple[Article, Extraction]]:
    """Read, clean and extract: each article with its events, quotes, claims, dates and actor
    mentions; nothing is stored. Refused inputs and failed extractions are skipped or raise.

    Raises:
        InputError: with ``errors="raise"``, the first refused input or failed extraction.
        UsageError: the spaCy pipeline or a user lexicon cannot be loaded.
    """
    return _kept(pipeline.extract_paths(_as_list(paths), load_options(**settings)), errors)


T = TypeVar("T")


def _kept(results: Iterable[T | Rejected], errors: Literal["skip", "raise"]) -> list[T]:
    """The results that are not refusals; with ``errors="raise"`` the first refusal raises.

    Raises:
        InputError: with ``errors="raise"``, the first refused input.
    """
    out: list[T] = []
    for result in results:
        if isinstance(result, Rejected):
            if errors == "raise":
                raise InputError(result.source, result.reason)
            continue
        out.append(result)
    return out


class Corpus:
    """A wirewatch store: ingest into it, read articles and tables out of it."""

    def __init__(self, db: str | Path = "wirewatch.duckdb", **settings: Any) -> None:
        self.options: Options = load_options(db=str(db), **settings)

    def ingest(self, paths: str | Path | Sequence[str | Path]) -> pipeline.IngestReport:
        """Read, clean and store; already stored documents are skipped."""
        with Store.open(self.options.db) as store:
            return pipeline.ingest(_as_list(paths), store, self.options)

    def articles(self, limit: int | None = None) -> list[Article]:
        with Store.open(self.options.db, read_only=True) as store:
            return store.articles(limit=limit)

    def table(self, name: str = "articles") -> pa.Table:
        """A stored table as an Arrow table."""
        with Store.open(self.options.db, read_only=True) as store:
            return store.table(name)

    def events(self, **where: Any) -> list[tuple[Event, ArticleRef]]:
        """Stored events with the article each came from; filters as ``wirewatch events``:
        ``source``, ``target`` (codes, ``RUS`` or ``RUS.GOV``), ``type``, ``since``, ``until``
        (``datetime.date``), ``happened``, ``limit``, ``min_score`` (events scored below it
        are left out; unscored ones kept)."""
        with Store.open(self.options.db, read_only=True) as store:
            return store.events(EventFilter(**where))
