"""Stories persisted by ingest: the online index survives between runs, later articles join
existing stories, and stored articles left outside the index (a killed run) are added back."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb

from tests.conftest import EXAMPLES
from wirewatch import Corpus
from wirewatch.store import Store
from wirewatch.store.schema import TABLES


def _grouping(db: Path) -> dict[str, set[str]]:
    with Store.open(db, read_only=True) as store:
        rows, _ = store.story_rows()
        sources = {a.id: Path(a.source).name for a in store.articles()}
    groups: dict[str, set[str]] = {}
    for row in rows:
        groups.setdefault(row[1], set()).add(sources[row[0]])
    return groups


def test_later_articles_join_the_stories_of_an_earlier_ingest(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(EXAMPLES / "banner_page.html", first)
    shutil.copy(EXAMPLES / "wire.jsonl", first)
    shutil.copy(EXAMPLES / "banner_scraped.txt", second)
    db = tmp_path / "w.duckdb"
    Corpus(db).ingest(first)
    before = _grouping(db)
    Corpus(db).ingest(second)
    after = _grouping(db)
    banner = next(sid for sid, files in before.items() if "banner_page.html" in files)
    assert after[banner] == {"banner_page.html", "banner_scraped.txt"}
    assert sorted(map(sorted, after.values())) == sorted(
        [["banner_page.html", "banner_scraped.txt"], ["wire.jsonl#L1"], ["wire.jsonl#L3"]]
    )


def test_articles_missing_from_the_index_are_added_on_the_next_run(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    Corpus(db).ingest(EXAMPLES)
    complete = _grouping(db)
    conn = duckdb.connect(str(db))
    conn.execute("DELETE FROM story_index WHERE article_id IN (SELECT id FROM articles LIMIT 2)")
    conn.close()
    assert sum(map(len, _grouping(db).values())) == 2
    report = Corpus(db).ingest(EXAMPLES)  # nothing new to store: only the catch-up
    assert report.stored == 0
    assert sorted(map(sorted, _grouping(db).values())) == sorted(map(sorted, complete.values()))


def _as_version_3(db: Path) -> None:
    """Turn ``db`` into a store as schema version 3 wrote it: no ``story_index.terms`` and
    none of the later columns."""
    conn = duckdb.connect(str(db))
    for table in TABLES:
        for column in table.columns:
            if column.since >= 4:
                conn.execute(f'ALTER TABLE {table.name} DROP COLUMN "{column.name}"')
    conn.execute("DELETE FROM schema_migrations WHERE version >= 4")
    conn.close()


def _terms(db: Path) -> list[bytes | None]:
    with Store.open(db, read_only=True) as store:
        return [row[-1] for row in store.story_rows()[0]]


def test_a_version_3_store_keeps_its_stories_and_gets_terms_on_the_next_ingest(
    tmp_path: Path,
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    shutil.copy(EXAMPLES / "banner_page.html", first)
    shutil.copy(EXAMPLES / "wire.jsonl", first)
    shutil.copy(EXAMPLES / "banner_scraped.txt", second)
    db = tmp_path / "w.duckdb"
    Corpus(db).ingest(first)
    before = _grouping(db)
    _as_version_3(db)
    with Store.open(db) as store:  # migrates to version 4: the rows have no terms yet
        assert store.table("story_index").column("terms").null_count == 3
    assert _grouping(db) == before
    Corpus(db).ingest(second)
    assert all(_terms(db))
    after = _grouping(db)
    banner = next(sid for sid, files in before.items() if "banner_page.html" in files)
    assert after[banner] == {"banner_page.html", "banner_scraped.txt"}
    assert {sid: files for sid, files in after.items() if sid != banner} == {
        sid: files for sid, files in before.items() if sid != banner
    }
