"""The public Python API: a pinned set of names, and the extraction entry points working."""

from __future__ import annotations

from pathlib import Path

import pytest

import wirewatch
from tests.conftest import EXAMPLES

PUBLIC = {
    "Actor",
    "Article",
    "Claim",
    "Corpus",
    "DateRange",
    "ElidedDate",
    "Event",
    "Extraction",
    "IngestReport",
    "InputError",
    "PublishedDate",
    "Quote",
    "RawDocument",
    "Rejected",
    "RemovedBlock",
    "SchemaVersionError",
    "Span",
    "StoreError",
    "TimeExpression",
    "UsageError",
    "WirewatchError",
    "__version__",
    "extract_articles",
    "read",
}


def test_exported_members_are_pinned() -> None:
    assert set(wirewatch.__all__) == PUBLIC
    for name in wirewatch.__all__:
        assert getattr(wirewatch, name) is not None


def test_extract_returns_each_article_with_its_findings() -> None:
    found = wirewatch.extract_articles(EXAMPLES / "wire.jsonl")
    assert len(found) == 3
    for article, extraction in found:
        assert extraction.article_id == article.id
        assert extraction.model
        for event in extraction.events:
            assert article.text[event.sentence_start : event.sentence_end] == event.sentence


def test_extract_raises_on_refused_input_when_asked(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    assert wirewatch.extract_articles(empty) == []
    with pytest.raises(wirewatch.InputError, match="empty file"):
        wirewatch.extract_articles(empty, errors="raise")


def test_corpus_events_filters(tmp_path: Path) -> None:
    corpus = wirewatch.Corpus(tmp_path / "w.duckdb")
    corpus.ingest(EXAMPLES / "wire.jsonl")
    every = corpus.events()
    assert every
    kor = corpus.events(source="KOR")
    assert kor and all(e.source.code == "KOR" for e, _ in kor)
    assert all(ref.source.endswith(("#L1", "#L3")) for _, ref in every)


def test_read_cleans_without_storing_and_raises_when_asked(tmp_path: Path) -> None:
    articles = wirewatch.read(EXAMPLES)
    assert len(articles) == 5 and sum(a.duplicate_of is not None for a in articles) == 1
    assert wirewatch.read(tmp_path / "missing.txt") == []
    with pytest.raises(wirewatch.InputError, match="no such file or directory"):
        wirewatch.read(tmp_path / "missing.txt", errors="raise")
