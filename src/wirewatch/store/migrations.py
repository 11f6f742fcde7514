"""Schema migrations: an ordered list, each applied once, in its own transaction.

The database records what it has in ``schema_migrations(version, description, applied_at)``.
``migrate`` applies the migrations newer than the database's highest version, in order; a
database whose version is newer than this code raises ``SchemaVersionError``.

Adding a migration (say, version 2 for an ``events`` table):

1. In ``schema.py`` define ``EVENTS = Table("events", "...", (...columns...), since=2)`` and
   append it to ``TABLES``. A new column on an existing table is a ``Column(..., since=2)``
   added to that table instead; it must be nullable, as existing rows get NULL.
2. Append ``Migration(2, "events table", schema_sql(2))`` to ``MIGRATIONS`` below.

``schema_sql(2)`` renders exactly what changed at version 2, so migration 1 stays as released.
A step that is not DDL (moving data, backfilling a column) is a plain SQL string or a function
``apply(conn)``; it runs inside the migration's transaction, so it must not commit. Versions
are consecutive integers from 1; never edit or reorder a released migration.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Sequence
from typing import NamedTuple

import duckdb

from ..errors import SchemaVersionError, StoreError
from .schema import schema_sql

#: A migration step: DDL or DML text (one or more statements), or a function of the connection.
Step = str | Callable[[duckdb.DuckDBPyConnection], None]


class Migration(NamedTuple):
    """One schema change: its version, a one-line description and what to run."""

    version: int
    description: str
    apply: Step


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "articles, text spans, duplicates, documents and rejections", schema_sql(1)),
    Migration(2, "extraction: mentions, date expressions, events, quotes, claims", schema_sql(2)),
    Migration(3, "stories: the online story index and related stories", schema_sql(3)),
    Migration(4, "stories: each indexed article's salient terms", schema_sql(4)),
    Migration(5, "actors: knowledge-base id, region and basis of each stored actor", schema_sql(5)),
    Migration(6, "events: the event model's score of each stored event", schema_sql(6)),
)

#: The schema version this code writes.
LATEST: int = MIGRATIONS[-1].version

_CREATE_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    description VARCHAR NOT NULL,
    applied_at TIMESTAMP NOT NULL
)
"""


def current_version(conn: duckdb.DuckDBPyConnection) -> int:
    """The highest migration applied to the database; 0 for one wirewatch never migrated.

    Raises:
        duckdb.Error: the query failed.
    """
    exists = conn.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'main' "
        "AND table_name = 'schema_migrations'"
    ).fetchall()
    if not exists or not exists[0][0]:
        return 0
    rows = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchall()
    return int(rows[0][0]) if rows else 0


def check_version(
    conn: duckdb.DuckDBPyConnection,
    label: str,
    migrations: Sequence[Migration] = MIGRATIONS,
    *,
    read_only: bool = False,
) -> int:
    """The database's schema version, after checking that this code can use it.

    ``label`` names the database in messages (its path, as the user gave it).

    Raises:
        SchemaVersionError: the database is newer than ``migrations``.
        StoreError: ``read_only`` and the database is older than ``migrations`` (it cannot be
            upgraded without writing).
        duckdb.Error: reading the current version failed.
    """
    latest = migrations[-1].version if migrations else 0
    version = current_version(conn)
    if version > latest:
        raise SchemaVersionError(
            f"{label}: database schema version {version} is newer than this wirewatch "
            f"({latest}); upgrade wirewatch"
        )
    if read_only and version < latest:
        raise StoreError(
            f"{label}: database schema version {version} is older than this wirewatch "
            f"({latest}); open it once without read-only to upgrade it"
        )
    return version


def migrate(
    conn: duckdb.DuckDBPyConnection,
    label: str = ":memory:",
    migrations: Sequence[Migration] = MIGRATIONS,
) -> list[int]:
    """Apply the migrations the database lacks, in order, each in its own transaction.

    Returns the versions applied (empty when the database was up to date).

    Raises:
        SchemaVersionError: the database is newer than ``migrations``.
        StoreError: a migration failed (it is rolled back; the ones before it stay applied),
            ``schema_migrations`` could not be created, or ``migrations`` is not numbered
            1, 2, 3 ...
        duckdb.Error: reading the current version failed.
    """
    _check_order(migrations)
    try:
        conn.execute(_CREATE_LEDGER)
    except duckdb.Error as exc:
        raise StoreError(f"{label}: cannot create schema_migrations: {one_line(exc)}") from exc
    version = check_version(conn, label, migrations)
    applied: list[int] = []
    for migration in migrations:
        if migration.version > version:
            _apply(conn, label, migration)
            applied.append(migration.version)
    return applied


def _apply(conn: duckdb.DuckDBPyConnection, label: str, migration: Migration) -> None:
    """Run one migration and record it, all in one transaction.

    Raises:
        StoreError: it failed; it was rolled back.
    """
    conn.execute("BEGIN TRANSACTION")
    try:
        if isinstance(migration.apply, str):
            if migration.apply.strip():
                conn.execute(migration.apply)
        else:
            migration.apply(conn)
        conn.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, ?)",
            [migration.version, migration.description, utcnow()],
        )
        conn.execute("COMMIT")
    except Exception as exc:
        rollback(conn)
        raise StoreError(
            f"{label}: migration {migration.version} ({migration.description}) failed: "
            f"{one_line(exc)}"
        ) from exc


def _check_order(migrations: Sequence[Migration]) -> None:
    """Fail loudly on a programming error in the migration list.

    Raises:
        StoreError: the versions are not 1, 2, 3 ... in order.
    """
    versions = [m.version for m in migrations]
    if versions != list(range(1, len(versions) + 1)):
        raise StoreError(f"migrations must be numbered 1, 2, 3 ... in order; got {versions}")


def rollback(conn: duckdb.DuckDBPyConnection) -> None:
    """Roll back the open transaction, if there is one; never raises a DuckDB error."""
    with contextlib.suppress(duckdb.Error):
        conn.execute("ROLLBACK")


def one_line(exc: BaseException) -> str:
    """An exception's message as one line, without DuckDB's ``IO Error:`` style prefix."""
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    head, sep, rest = text.partition(": ")
    if sep and head.endswith(("Error", "Exception")) and " " in head.strip():
        return rest
    return text


def utcnow() -> dt.datetime:
    """The current time in UTC, naive, as stored in ``TIMESTAMP`` columns."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)
