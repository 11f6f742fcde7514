from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from tests.store.factory import make_article
from wirewatch.errors import SchemaVersionError, StoreError
from wirewatch.records import Actor, Event, Extraction
from wirewatch.store import TABLES, Store
from wirewatch.store.migrations import (
    LATEST,
    MIGRATIONS,
    Migration,
    check_version,
    current_version,
    migrate,
)
from wirewatch.store.schema import Column, Table, schema_sql


def _columns(conn: duckdb.DuckDBPyConnection, table: str) -> list[tuple[str, str]]:
    rows = conn.execute(
        "SELECT column_name, data_type FROM information_schema.columns "
        "WHERE table_name = ? ORDER BY ordinal_position",
        [table],
    ).fetchall()
    return [(str(name), str(kind)) for name, kind in rows]


def test_migrations_are_numbered_from_one() -> None:
    assert [m.version for m in MIGRATIONS] == list(range(1, LATEST + 1))


def test_migrate_from_empty_creates_the_schema_tables() -> None:
    conn = duckdb.connect(":memory:")
    assert current_version(conn) == 0
    assert migrate(conn) == [m.version for m in MIGRATIONS]
    assert current_version(conn) == LATEST
    for table in TABLES:
        assert _columns(conn, table.name) == [(c.name, c.type) for c in table.columns]
    rows = conn.execute("SELECT version, description, applied_at FROM schema_migrations").fetchall()
    assert [r[0] for r in rows] == list(range(1, LATEST + 1))
    assert rows[0][1] and rows[0][2] is not None


def test_migrate_twice_applies_nothing(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    conn = duckdb.connect(str(db))
    assert migrate(conn, str(db)) == []
    assert conn.execute("SELECT count(*) FROM schema_migrations").fetchone() == (LATEST,)
    conn.close()


def test_newer_database_raises_schema_version_error(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    Store.open(db).close()
    conn = duckdb.connect(str(db))
    future = LATEST + 1
    conn.execute(f"INSERT INTO schema_migrations VALUES ({future}, 'from the future', now())")
    conn.close()
    with pytest.raises(SchemaVersionError) as err:
        Store.open(db)
    assert str(err.value) == (
        f"{db}: database schema version {LATEST + 1} is newer than this wirewatch ({LATEST}); "
        "upgrade wirewatch"
    )
    with pytest.raises(SchemaVersionError):
        Store.open(db, read_only=True)


def test_read_only_open_of_an_older_database_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "plain.duckdb"
    duckdb.connect(str(db)).close()
    with pytest.raises(StoreError, match=r"version 0 is older .* without read-only"):
        Store.open(db, read_only=True)


def _events_step(conn: duckdb.DuckDBPyConnection) -> None:
    conn.execute("INSERT INTO events VALUES ('e1')")


def test_a_later_migration_is_applied_in_order() -> None:
    conn = duckdb.connect(":memory:")
    first = MIGRATIONS[:1]
    migrate(conn, ":memory:", first)
    later = (
        *first,
        Migration(2, "events table", "CREATE TABLE events (id VARCHAR PRIMARY KEY)"),
        Migration(3, "first event", _events_step),
    )
    assert migrate(conn, ":memory:", later) == [2, 3]
    assert conn.execute("SELECT id FROM events").fetchall() == [("e1",)]
    assert current_version(conn) == 3
    with pytest.raises(SchemaVersionError, match="version 3 is newer than this wirewatch"):
        check_version(conn, "db", first)


def test_a_failing_migration_is_rolled_back() -> None:
    conn = duckdb.connect(":memory:")
    broken = (
        *MIGRATIONS[:1],
        Migration(2, "half done", "CREATE TABLE half (x INTEGER); SELECT * FROM no_such_table"),
    )
    with pytest.raises(StoreError, match=r"db: migration 2 \(half done\) failed: .*no_such_table"):
        migrate(conn, "db", broken)
    assert current_version(conn) == 1
    tables = {r[0] for r in conn.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
    assert "half" not in tables


def test_misnumbered_migrations_are_refused() -> None:
    conn = duckdb.connect(":memory:")
    with pytest.raises(StoreError, match="numbered 1, 2, 3"):
        migrate(conn, "db", (*MIGRATIONS, Migration(LATEST + 2, "gap", "")))


def test_schema_sql_creates_tables_and_adds_columns_at_their_version() -> None:
    notes = Table(
        "notes",
        "A table created at 2 that gains a column at 3.",
        (Column("a", "VARCHAR", nullable=False), Column("b", "INTEGER", since=3)),
        primary_key=("a",),
        since=2,
    )
    assert schema_sql(2, (notes,)) == (
        'CREATE TABLE "notes" (\n    "a" VARCHAR NOT NULL,\n    PRIMARY KEY ("a")\n);'
    )
    assert schema_sql(3, (notes,)) == 'ALTER TABLE "notes" ADD COLUMN "b" INTEGER;'
    assert schema_sql(LATEST + 1) == ""
    conn = duckdb.connect(":memory:")
    steps = (*MIGRATIONS[:1], Migration(2, "notes", schema_sql(2, (notes,))))
    migrate(conn, "db", steps)
    conn.execute("INSERT INTO notes VALUES ('kept')")
    migrate(conn, "db", (*steps, Migration(3, "notes.b", schema_sql(3, (notes,)))))
    assert _columns(conn, "notes") == [("a", "VARCHAR"), ("b", "INTEGER")]
    assert conn.execute("SELECT * FROM notes").fetchall() == [("kept", None)]


def test_a_version_1_database_gains_the_extraction_tables_and_keeps_its_rows(
    tmp_path: Path,
) -> None:
    db = tmp_path / "v1.duckdb"
    conn = duckdb.connect(str(db))
    migrate(conn, str(db), MIGRATIONS[:1])
    conn.execute(
        "INSERT INTO rejected VALUES ('a.txt', 'empty file', 'ingest', TIMESTAMP '2026-01-01')"
    )
    conn.close()
    with Store.open(db) as store:
        assert store.counts()["rejected"] == 1
        assert store.table("events").num_rows == 0
        assert "nlp_model" in store.table("articles").column_names


def test_migration_6_adds_a_nullable_events_score() -> None:
    assert MIGRATIONS[5].version == 6
    assert schema_sql(6) == 'ALTER TABLE "events" ADD COLUMN "score" DOUBLE;'


def _as_version_5(db: Path) -> None:
    """Turn ``db`` into a store as schema version 5 wrote it: no ``events.score``."""
    conn = duckdb.connect(str(db))
    for table in TABLES:
        for column in table.columns:
            if column.since >= 6:
                conn.execute(f'ALTER TABLE {table.name} DROP COLUMN "{column.name}"')
    conn.execute("DELETE FROM schema_migrations WHERE version >= 6")
    conn.close()


def test_a_version_5_store_keeps_its_events_and_gets_a_null_score(tmp_path: Path) -> None:
    db = tmp_path / "v5.duckdb"
    a = make_article(7)
    end = a.text.index(".") + 1
    events = tuple(
        Event(
            type=kind,
            source=Actor("NOR", "GOV", "The harbour council", 0, 19, id="org:harbour"),
            target=None,
            mode=None,
            cameo=cameo,
            quad_class=1,
            goldstein=1.0,
            date=None,
            location=None,
            sentence=a.text[:end],
            sentence_start=0,
            sentence_end=end,
            trigger="approved",
            trigger_start=20,
            trigger_end=28,
            rule="events.test.v1",
        )
        for kind, cameo in (("CONSULT", "04"), ("COOPERATE", "05"))
    )
    with Store.open(db) as store:
        store.write_batch([a], [], {a.id: Extraction(a.id, events=events)})
    _as_version_5(db)
    conn = duckdb.connect(str(db))
    assert current_version(conn) == 5
    assert "score" not in [name for name, _ in _columns(conn, "events")]
    conn.close()
    with Store.open(db) as store:  # migrates to version 6
        assert store.counts()["events"] == 2 and store.counts()["articles"] == 1
        assert store.table("events").column("score").to_pylist() == [None, None]
        assert [e for e, _ in store.events()] == list(events)
    conn = duckdb.connect(str(db))
    assert current_version(conn) == LATEST
    assert _columns(conn, "events")[-1] == ("score", "DOUBLE")
    conn.close()
