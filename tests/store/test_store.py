from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from wirewatch.errors import StoreError, UsageError
from wirewatch.records import Rejected
from wirewatch.store import TABLES, BatchResult, Store

from .factory import make_article, make_batch


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(":memory:") as s:
        yield s


# -- opening -------------------------------------------------------------------------------------


def test_garbage_file_is_a_store_error(tmp_path: Path) -> None:
    db = tmp_path / "notes.duckdb"
    db.write_bytes(b"these bytes are no database \x00\x01\x02" * 200)
    with pytest.raises(StoreError) as err:
        Store.open(db)
    assert str(err.value) == f"{db}: cannot open: not a DuckDB database file"


@pytest.mark.parametrize(
    ("name", "read_only", "reason"),
    [
        ("missing/w.duckdb", False, "directory {tmp}/missing does not exist"),
        ("absent.duckdb", True, "no such database file"),
        (".", False, "is a directory"),
    ],
)
def test_unopenable_paths_name_the_path_and_reason(
    tmp_path: Path, name: str, read_only: bool, reason: str
) -> None:
    path = tmp_path / name
    with pytest.raises(StoreError) as err:
        Store.open(path, read_only=read_only)
    assert str(err.value) == f"{path}: cannot open: {reason.format(tmp=tmp_path)}"


#: Opens the database named by argv[1], says so, and holds it until stdin closes.
_HOLD_OPEN = """
import sys, duckdb
conn = duckdb.connect(sys.argv[1])
print("open", flush=True)
sys.stdin.read()
"""


def test_file_locked_by_another_process(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_OPEN, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(StoreError) as err:
            Store.open(db)
        assert str(err.value) == (
            f"{db}: cannot open: file is locked by another process (is an ingest running?)"
        )
    finally:
        holder.communicate("")


def test_memory_store_cannot_be_read_only() -> None:
    with pytest.raises(UsageError):
        Store.open(":memory:", read_only=True)


def test_read_only_store_reads_but_refuses_writes(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    with Store.open(db) as s:
        s.write_batch(make_batch(0, 3), [])
    with Store.open(str(db), read_only=True) as s:
        assert s.read_only and s.label == str(db)
        assert len(s.articles()) == 3
        with pytest.raises(StoreError, match="read-only"):
            s.write_batch([make_article(9)], [])


def test_closed_store_raises_store_error() -> None:
    s = Store.open(":memory:")
    s.close()
    s.close()
    with pytest.raises(StoreError, match="store is closed"):
        s.counts()


# -- writing and reading ------------------------------------------------------------------------


def test_write_batch_stores_articles_and_parts(store: Store) -> None:
    articles = make_batch(0, 5)
    rejected = [Rejected("doc/bad.bin", "not text: binary content", "ingest")]
    assert store.write_batch(articles, rejected) == BatchResult(stored=5, rejected=1)
    assert store.articles() == sorted(articles, key=lambda a: (a.published.start, a.id))
    counts = store.counts()
    assert counts["articles"] == counts["documents"] == 5
    assert counts["paragraphs"] == sum(len(a.paragraphs) for a in articles)
    assert counts["sentences"] == sum(len(a.sentences) for a in articles)
    assert counts["elided_dates"] == sum(len(a.elided_dates) for a in articles)
    assert counts["rejected"] == 1 and counts["duplicates"] == 0
    assert set(counts) == set(store.tables()) == {t.name for t in TABLES}


def test_article_by_id_limit_and_offset(store: Store) -> None:
    articles = sorted(make_batch(0, 6), key=lambda a: (a.published.start, a.id))
    store.write_batch(articles, [])
    assert store.article(articles[2].id) == articles[2]
    assert store.article("0000000000000000") is None
    assert store.articles(limit=2, offset=3) == articles[3:5]
    assert store.articles(limit=0) == []
    with pytest.raises(UsageError):
        store.articles(offset=-1)


def test_exact_duplicate_id_goes_to_duplicates(store: Store) -> None:
    original = make_article(1)
    copy = dataclasses.replace(original, source="mirror/1.txt", raw_hash="f" * 64)
    twice = dataclasses.replace(original, source="mirror/1b.txt", raw_hash="e" * 64)
    assert store.write_batch([original], []) == BatchResult(stored=1)
    assert store.write_batch([copy, twice], []) == BatchResult(duplicates=2)
    counts = store.counts()
    assert counts["articles"] == 1 and counts["duplicates"] == 2 and counts["documents"] == 3
    assert counts["paragraphs"] == len(original.paragraphs)
    table = (
        store._conn()
        .execute("SELECT source, duplicate_of, similarity FROM duplicates ORDER BY source")
        .fetchall()
    )
    assert table == [("mirror/1.txt", original.id, 1.0), ("mirror/1b.txt", original.id, 1.0)]


def test_same_id_twice_in_one_batch(store: Store) -> None:
    original = make_article(2)
    copy = dataclasses.replace(original, raw_hash="d" * 64)
    assert store.write_batch([original, copy], []) == BatchResult(stored=1, duplicates=1)


def test_near_duplicate_is_recorded_without_text(store: Store) -> None:
    original, near = make_article(3), make_article(4)
    near = dataclasses.replace(near, duplicate_of=original.id, similarity=0.91)
    assert store.write_batch([original, near], []) == BatchResult(stored=1, duplicates=1)
    assert store.article(near.id) is None
    conn = store._conn()
    assert conn.execute(
        "SELECT article_id, duplicate_of, similarity FROM duplicates"
    ).fetchall() == [(near.id, original.id, 0.91)]
    statuses = conn.execute("SELECT status, article_id FROM documents ORDER BY status").fetchall()
    assert statuses == [("duplicate", original.id), ("stored", original.id)]


def test_seen_raw_hashes_and_skipping(store: Store) -> None:
    batch = make_batch(0, 4)
    store.write_batch(batch[:2], [])
    hashes = [a.raw_hash for a in batch]
    assert store.seen_raw_hashes([*hashes, ""]) == set(hashes[:2])
    assert store.seen_raw_hashes([]) == set()
    assert store.write_batch(batch, []) == BatchResult(stored=2, skipped=2)
    assert store.counts()["articles"] == 4


def test_failed_batch_is_rolled_back(store: Store) -> None:
    good = make_article(5)
    bad = dataclasses.replace(make_article(6), paragraphs=(make_article(6).paragraphs[0],) * 2)
    with pytest.raises(StoreError, match="batch not written"):
        store.write_batch([good, bad], [Rejected("x", "why", "clean")])
    assert all(n == 0 for n in store.counts().values())
    assert store.write_batch([good], []) == BatchResult(stored=1)


def test_minhash_signatures_and_arrow_table(store: Store) -> None:
    articles = make_batch(0, 5)
    store.write_batch(articles, [])
    assert dict(store.minhash_signatures()) == {a.id: a.minhash for a in articles}
    table = store.articles_table()
    assert table.num_rows == 5
    assert {"id", "text", "authors", "minhash"} <= set(table.column_names)
    assert store.table("paragraphs").num_rows == sum(len(a.paragraphs) for a in articles)
    with pytest.raises(UsageError, match="unknown table 'stories'"):
        store.table("stories")


# -- export -------------------------------------------------------------------------------------


def test_export_parquet_and_jsonl(store: Store, tmp_path: Path) -> None:
    articles = make_batch(0, 7)
    store.write_batch(articles, [Rejected("a.bin", "empty file", "ingest")])
    assert store.export("articles", "parquet", tmp_path / "a.parquet") == 7
    parquet = pq.read_table(tmp_path / "a.parquet")
    assert parquet.num_rows == 7
    assert sorted(parquet.column("id").to_pylist()) == sorted(a.id for a in articles)
    n = store.export("paragraphs", "jsonl", tmp_path / "p.jsonl")
    lines = (tmp_path / "p.jsonl").read_text(encoding="utf-8").splitlines()
    assert n == len(lines) == sum(len(a.paragraphs) for a in articles)
    assert {"article_id", "idx", "start", "end", "language"} == set(json.loads(lines[0]))
    assert store.export("articles", "jsonl", tmp_path / "a.jsonl") == 7
    with (tmp_path / "a.jsonl").open(encoding="utf-8") as f:
        texts = {json.loads(line)["text"] for line in f}
    assert texts == {a.text for a in articles}
    assert store.export("rejected", "jsonl", tmp_path / "r.jsonl") == 1
    assert store.export("duplicates", "parquet", tmp_path / "d.parquet") == 0


def test_export_unknown_table_or_format(store: Store, tmp_path: Path) -> None:
    with pytest.raises(UsageError) as err:
        store.export("stories", "parquet", tmp_path / "s.parquet")
    assert str(err.value) == f"unknown table 'stories'; valid tables: {', '.join(store.tables())}"
    with pytest.raises(UsageError, match="unknown export format 'csv'"):
        store.export("articles", "csv", tmp_path / "a.csv")  # type: ignore[arg-type]
    with pytest.raises(StoreError, match="cannot export articles"):
        store.export("articles", "parquet", tmp_path / "no" / "dir" / "a.parquet")
