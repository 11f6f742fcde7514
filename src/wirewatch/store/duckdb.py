"""The DuckDB store: the one place in wirewatch that runs SQL.

``Store.open`` opens (or creates) a database file and brings its schema up to date;
``write_batch`` writes one batch of cleaned articles in one transaction, so a killed ingest
leaves whole batches only, and re-running it with ``seen_raw_hashes`` filtering finishes the
job without duplicates. DuckDB allows one writing process per file: a second ``Store.open`` of a
file that another process has open fails with ``StoreError`` naming the lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any, Literal, cast

import duckdb
import pyarrow as pa

from ..errors import StoreError, UsageError
from ..records import Actor, Article, Event, Extraction, Rejected
from .migrations import check_version, migrate, one_line, rollback, utcnow
from .rows import (
    ARTICLE_COLUMNS,
    EVENT_COLUMNS,
    FINDING_READERS,
    BatchResult,
    Parts,
    Row,
    article_from_row,
    build_batch,
    event_from_row,
    extraction_from_rows,
    mention_from_row,
    to_arrow,
)
from .schema import (
    ARTICLES,
    BY_NAME,
    DOCUMENTS,
    STORY_INDEX,
    STORY_RELATED,
    TABLES,
    Table,
    quote,
)
from .search import (
    ARTICLE_DOC,
    EVENT_DOC,
    HIT_COLUMNS,
    ArticleHit,
    match_sql,
    score_sql,
)

ExportFormat = Literal["parquet", "jsonl"]

_MEMORY = ":memory:"
_FORMATS: dict[str, str] = {"parquet": "PARQUET", "jsonl": "JSON"}
_FETCH_ROWS = 4096

#: DuckDB messages when opening fails, and the reason wirewatch gives for each.
_OPEN_REASONS: tuple[tuple[str, str], ...] = (
    ("Could not set lock", "file is locked by another process (is an ingest running?)"),
    ("not a valid DuckDB database file", "not a DuckDB database file"),
    ("database does not exist", "no such database file"),
    ("No such file or directory", "its directory does not exist"),
    ("Permission denied", "permission denied"),
)

_CHILD_QUERIES: tuple[tuple[str, str], ...] = (
    ("paragraphs", 'article_id, idx, start, "end", language'),
    ("sentences", 'article_id, idx, start, "end"'),
    ("removed_blocks", "article_id, idx, text, reason, rule"),
    ("elided_dates", 'article_id, idx, context, start, "end"'),
)


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which stored events to read. Codes match the actor code (``RUS``, ``NATO``) or code and
    sector (``RUS.GOV``); dates keep events whose date range overlaps ``[since, until]``
    (events with no date are left out when either bound is given)."""

    source: str | None = None
    target: str | None = None
    type: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    happened: bool = False
    """Only events stated as having happened (not negated, hypothetical or planned)."""
    limit: int | None = None
    dyad: tuple[str, str] | None = None
    """Only events between these two actors, either way round (codes as for ``source``)."""
    offset: int = 0
    """Events to skip (after ordering) before the ``limit``: a page of the results."""
    min_score: float | None = None
    """Leave out events whose model score is below this; events with no score (rules only)
    are kept (``Event.meets`` in SQL)."""

    def sql(self) -> tuple[str, list[Any]]:
        """The ``WHERE`` clause (or "") and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for role, value in (("source", self.source), ("target", self.target)):
            if value:
                clause, more = _actor_clause(role, value)
                clauses.append(clause)
                params.extend(more)
        if self.dyad is not None:
            a, a_params = _actor_clause("source", self.dyad[0])
            b, b_params = _actor_clause("target", self.dyad[1])
            c, c_params = _actor_clause("source", self.dyad[1])
            d, d_params = _actor_clause("target", self.dyad[0])
            clauses.append(f"(({a} AND {b}) OR ({c} AND {d}))")
            params.extend([*a_params, *b_params, *c_params, *d_params])
        if self.type:
            clauses.append("e.type = ?")
            params.append(self.type.upper())
        if self.since is not None:
            clauses.append("e.date_end >= ?")
            params.append(self.since)
        if self.until is not None:
            clauses.append("e.date_start <= ?")
            params.append(self.until)
        if self.happened:
            clauses.append("NOT (e.negated OR e.hypothetical OR e.future)")
        if self.min_score is not None:
            clauses.append("(e.score IS NULL OR e.score >= ?)")
            params.append(self.min_score)
        return (("WHERE " + " AND ".join(clauses)) if clauses else ""), params


def _actor_clause(role: str, value: str) -> tuple[str, list[Any]]:
    """SQL matching an event's ``role`` actor to ``RUS`` or ``RUS.GOV``."""
    code, _, sector = value.upper().partition(".")
    if sector:
        return f"(e.{role}_code = ? AND e.{role}_sector = ?)", [code, sector]
    return f"e.{role}_code = ?", [code]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """The article a stored finding came from, as a reader needs it to check the finding."""

    article_id: str
    idx: int
    source: str
    outlet: str | None
    url: str | None
    title: str | None
    published_start: dt.date | None
    published_end: dt.date | None


class Store:
    """A wirewatch database. Open it with ``Store.open``; use it as a context manager.

    Every method raises ``StoreError`` when DuckDB fails or the store is closed.
    """

    def __init__(self, conn: duckdb.DuckDBPyConnection, label: str, read_only: bool) -> None:
        """Wrap an open, migrated connection; use ``Store.open`` instead."""
        self._connection: duckdb.DuckDBPyConnection | None = conn
        self._label = label
        self._read_only = read_only
        self._pinned = False
        """Inside ``snapshot()``: reads join its transaction instead of opening their own."""

    @classmethod
    def open(cls, path: str | Path, read_only: bool = False) -> Store:
        """Open the database at ``path`` (``":memory:"`` for a temporary one).

        A writable open creates the file if needed and applies missing migrations; a
        read-only one only checks that the schema is current.

        Raises:
            StoreError: the file cannot be opened (missing directory, not a DuckDB file,
                locked by another process ...) or migrated; the message names the path.
            SchemaVersionError: the database was written by a newer wirewatch.
            UsageError: ``":memory:"`` opened read-only.
        """
        label = str(path)
        if label == _MEMORY and read_only:
            raise UsageError(":memory: cannot be opened read-only")
        if label != _MEMORY:
            _check_path(Path(path), label, read_only)
        try:
            conn = duckdb.connect(label, read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{label}: cannot open: {_open_reason(exc)}") from exc
        try:
            if read_only:
                check_version(conn, label, read_only=True)
            else:
                migrate(conn, label)
        except duckdb.Error as exc:
            conn.close()
            raise StoreError(f"{label}: cannot read schema version: {one_line(exc)}") from exc
        except BaseException:
            conn.close()
            raise
        return cls(conn, label, read_only)

    @property
    def label(self) -> str:
        """The path the store was opened with, as given."""
        return self._label

    @property
    def read_only(self) -> bool:
        return self._read_only

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def cursor(self) -> Store:
        """Another handle on the same open database, with its own transactions: one per thread
        (a DuckDB connection must not be shared between threads). Reads through a cursor see
        committed data only, so a server can read while another cursor ingests. Close it when
        done; closing it leaves this store open.

        Raises:
            StoreError: the store is closed.
        """
        with self._failing("cannot open a cursor") as conn:
            return Store(conn.cursor(), self._label, self._read_only)

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Store]:
        """Every read inside the block sees one state of the database: the last one committed
        when the block began, whatever another cursor commits meanwhile. For a server request
        that counts and then pages, so that the count and the page agree during an ingest.
        Writes are refused inside the block.

        Raises:
            StoreError: the store is closed, or a snapshot is already open on this handle.
        """
        if self._pinned:
            raise StoreError(f"{self._label}: a read snapshot is already open on this handle")
        with self._failing("cannot begin a read snapshot") as conn:
            conn.execute("BEGIN TRANSACTION")
            try:  # DuckDB takes a transaction's snapshot when it first reads a table
                conn.execute("SELECT 1 FROM articles LIMIT 0").fetchall()
            except BaseException:
                rollback(conn)
                raise
        self._pinned = True
        try:
            yield self
        finally:
            self._pinned = False
            rollback(conn)

    def close(self) -> None:
        """Close the database; committed batches are durable. Closing twice is harmless."""
        conn, self._connection = self._connection, None
        if conn is not None:
            with contextlib.suppress(duckdb.Error):
                conn.close()

    @staticmethod
    def tables() -> list[str]:
        """The names of the store's tables, as ``export`` and ``counts`` know them."""
        return [t.name for t in TABLES]

    def counts(self) -> dict[str, int]:
        """Rows per table, for every table of ``tables()``.

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        with self._failing("cannot count rows") as conn:
            return {t.name: _scalar(conn, f"SELECT count(*) FROM {quote(t.name)}") for t in TABLES}

    def seen_raw_hashes(self, hashes: Iterable[str]) -> set[str]:
        """The given raw hashes that ``documents`` already records (for idempotent re-ingest).

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        wanted = list(dict.fromkeys(h for h in hashes if h))
        if not wanted:
            return set()
        with self._failing("cannot read documents") as conn:
            return _seen(conn, wanted)

    def write_batch(
        self,
        articles: Sequence[Article],
        rejected: Sequence[Rejected],
        extractions: Mapping[str, Extraction] | None = None,
    ) -> BatchResult:
        """Write one batch in one transaction: all of it, or on failure none of it.

        A new article goes to ``articles`` with its paragraphs, sentences, removed blocks and
        elided dates, and its extraction (``extractions[article.id]``: mentions, date
        expressions, events, quotes, claims) when given; one with ``duplicate_of`` set, or
        whose id is already stored, to ``duplicates``. Each article with a raw hash gets a
        ``documents`` row; an article whose raw hash ``documents`` already has is skipped.
        Rejections go to ``rejected``.

        Raises:
            StoreError: the store is read-only or closed, or the batch could not be written
                (it was rolled back).
        """
        with self._writing("batch not written") as conn:
            batch = build_batch(
                articles,
                rejected,
                _stored_ids(conn, [a.id for a in articles if a.duplicate_of is None]),
                _seen(conn, [a.raw_hash for a in articles if a.raw_hash]),
                utcnow(),
                extractions,
            )
            for name, rows in batch.rows.items():
                if rows:
                    _insert(conn, BY_NAME[name], rows)
        return batch.result

    def minhash_signatures(self) -> Iterator[tuple[str, bytes]]:
        """``(article_id, minhash)`` of every stored article, by id, read in chunks.

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        with self._failing("cannot read signatures") as conn:
            cursor = conn.cursor()
        try:
            with self._failing("cannot read signatures"):
                cursor.execute("SELECT id, minhash FROM articles ORDER BY id")
                while chunk := cursor.fetchmany(_FETCH_ROWS):
                    for article_id, minhash in chunk:
                        yield str(article_id), bytes(minhash)
        finally:
            with contextlib.suppress(duckdb.Error):
                cursor.close()

    def articles(self, limit: int | None = None, offset: int = 0) -> list[Article]:
        """Stored articles, by publication day (unknown last) then id, rebuilt in full.

        Raises:
            UsageError: a negative ``limit`` or ``offset``.
            StoreError: the store is closed or DuckDB fails.
        """
        if (limit is not None and limit < 0) or offset < 0:
            raise UsageError(f"limit and offset must not be negative (got {limit}, {offset})")
        ids = f"SELECT id FROM articles ORDER BY {ARTICLES.order_sql()} LIMIT ? OFFSET ?"
        return self._load(ids, [limit, offset])

    def article(self, article_id: str) -> Article | None:
        """The stored article with this id, or None.

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        found = self._load("SELECT ?::VARCHAR", [article_id])
        return found[0] if found else None

    def articles_by_id(self, article_ids: Sequence[str]) -> list[Article]:
        """The stored articles with these ids (unknown ids are left out), in articles order.

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        return self._load("SELECT unnest(?::VARCHAR[])", [list(article_ids)])

    def article_ids(self) -> list[str]:
        """Every stored article's id, in articles order.

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        with self._failing("cannot read articles") as conn:
            rows = conn.execute(f"SELECT id FROM articles ORDER BY {ARTICLES.order_sql()}")
            return [str(r[0]) for r in rows.fetchall()]

    def articles_table(self) -> pa.Table:
        """The ``articles`` table (text included) as a pyarrow Table, in ``articles`` order.

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        return self.table("articles")

    def table(self, name: str) -> pa.Table:
        """A whole table as a pyarrow Table, in its natural order (``Table.order_by``).

        Raises:
            UsageError: an unknown table.
            StoreError: the store is closed or DuckDB fails.
        """
        spec = self._spec(name)
        with self._failing(f"cannot read {name}") as conn:
            return conn.sql(
                f"SELECT * FROM {quote(spec.name)} ORDER BY {spec.order_sql()}"
            ).to_arrow_table()

    def export(self, table: str, fmt: ExportFormat, out: Path) -> int:
        """Write a whole table to ``out`` as Parquet or JSON Lines; returns the rows written.

        Raises:
            UsageError: an unknown table or format.
            StoreError: the store is closed or the file cannot be written.
        """
        spec = self._spec(table)
        if fmt not in _FORMATS:
            raise UsageError(f"unknown export format {fmt!r}; valid formats: parquet, jsonl")
        query = (
            f"COPY (SELECT * FROM {quote(spec.name)} ORDER BY {spec.order_sql()}) "
            f"TO ? (FORMAT {_FORMATS[fmt]})"
        )
        with self._failing(f"cannot export {table} to {out}") as conn:
            return _scalar(conn, query, [str(out)])

    def events(self, where: EventFilter | None = None) -> list[tuple[Event, ArticleRef]]:
        """Stored events matching ``where``, in date order, each with the article it came from
        (``where.limit`` and ``where.offset`` select a page of them).

        Raises:
            UsageError: a negative limit or offset.
            StoreError: the store is closed or DuckDB fails.
        """
        where = where or EventFilter()
        clauses, params = where.sql()
        page, more = _page_sql(where.limit, where.offset)
        with self._failing("cannot read events") as conn:
            rows = conn.execute(f"{_EVENTS_SQL} {clauses} {_EVENTS_ORDER}{page}", params + more)
            return _event_rows(rows.fetchall())

    def count_events(self, where: EventFilter | None = None) -> int:
        """How many stored events match ``where`` (its limit and offset aside).

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        clauses, params = (where or EventFilter()).sql()
        with self._failing("cannot count events") as conn:
            return _scalar(conn, f"SELECT count(*) FROM events e {clauses}", params)

    def article_count(self) -> int:
        """How many articles the store holds.

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        with self._failing("cannot count articles") as conn:
            return _scalar(conn, "SELECT count(*) FROM articles")

    def actor_events(
        self, role: Literal["source", "target"], spans: Sequence[tuple[str, int, int]]
    ) -> list[tuple[Event, ArticleRef]]:
        """Stored events whose ``role`` actor is one of these mentions, given as
        ``(article_id, start, end)`` of its words (an entity's mentions), in date order.

        Raises:
            UsageError: ``role`` is neither ``source`` nor ``target``.
            StoreError: the store is closed or DuckDB fails.
        """
        if role not in ("source", "target"):
            raise UsageError(f"unknown actor role {role!r}; valid roles: source, target")
        keys = [f"{aid}:{start}:{end}" for aid, start, end in spans]
        where = (
            f"WHERE e.article_id || ':' || e.{role}_start || ':' || e.{role}_end "
            "IN (SELECT unnest(?::VARCHAR[]))"
        )
        with self._failing("cannot read events") as conn:
            rows = conn.execute(f"{_EVENTS_SQL} {where} {_EVENTS_ORDER}", [keys])
            return _event_rows(rows.fetchall())

    def search_articles(
        self, terms: Sequence[str], limit: int, offset: int = 0
    ) -> tuple[list[ArticleHit], int]:
        """A page of the articles whose title and text contain every one of ``terms``
        (lower-case words; see ``store.search``), most occurrences first, and how many match
        in all; both from one snapshot.

        Raises:
            UsageError: no terms, or a negative limit or offset.
            StoreError: the store is closed or DuckDB fails.
        """
        match, match_params = match_sql(ARTICLE_DOC, _terms(terms))
        score, score_params = score_sql(ARTICLE_DOC, terms)
        page, more = _page_sql(limit, offset)
        columns = ", ".join(f"a.{quote(c)}" for c in HIT_COLUMNS)
        query = (
            f"SELECT {columns}, {score} AS score FROM articles a WHERE {match} "
            "ORDER BY score DESC, a.published_start DESC NULLS LAST, a.id" + page
        )
        with self._snapshot("cannot search articles") as conn:
            total = _scalar(conn, f"SELECT count(*) FROM articles a WHERE {match}", match_params)
            rows = conn.execute(query, score_params + match_params + more).fetchall()
        return [ArticleHit(*r) for r in rows], total

    def search_events(
        self, terms: Sequence[str], limit: int, offset: int = 0
    ) -> tuple[list[tuple[Event, ArticleRef]], int]:
        """A page of the events whose sentence, trigger or type contain every one of
        ``terms`` (lower-case words), most occurrences first, then in date order; and how many
        match in all; both from one snapshot.

        Raises:
            UsageError: no terms, or a negative limit or offset.
            StoreError: the store is closed or DuckDB fails.
        """
        match, match_params = match_sql(EVENT_DOC, _terms(terms))
        score, score_params = score_sql(EVENT_DOC, terms)
        page, more = _page_sql(limit, offset)
        order = _EVENTS_ORDER.replace("ORDER BY", f"ORDER BY {score} DESC,", 1)
        with self._snapshot("cannot search events") as conn:
            total = _scalar(conn, f"SELECT count(*) FROM events e WHERE {match}", match_params)
            rows = conn.execute(
                f"{_EVENTS_SQL} WHERE {match} {order}{page}", match_params + score_params + more
            )
            return _event_rows(rows.fetchall()), total

    def extractions(self, article_ids: Sequence[str]) -> dict[str, Extraction]:
        """What the extract stage stored for these articles, by id (in one snapshot).

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        ids = list(dict.fromkeys(article_ids))
        found: dict[str, dict[str, list[Any]]] = {aid: {} for aid in ids}
        with self._snapshot("cannot read extractions") as conn:
            models = dict(
                conn.execute(
                    "SELECT id, nlp_model FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                    [ids],
                ).fetchall()
            )
            for name, read in FINDING_READERS.items():
                columns = ", ".join(quote(c) for c in BY_NAME[name].column_names()[2:])
                rows = conn.execute(
                    f"SELECT article_id, {columns} FROM {quote(name)} WHERE article_id IN "
                    "(SELECT unnest(?::VARCHAR[])) ORDER BY article_id, idx",
                    [ids],
                ).fetchall()
                for row in rows:
                    found[row[0]].setdefault(name, []).append(read(row[1:]))
        return {
            aid: extraction_from_rows(aid, models.get(aid), parts)
            for aid, parts in found.items()
            if aid in models
        }

    def mentions(self) -> dict[str, list[Actor]]:
        """Every stored actor mention, by article id (for merging entities across the corpus).

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        columns = ", ".join(quote(c) for c in BY_NAME["mentions"].column_names()[2:])
        out: dict[str, list[Actor]] = {}
        with self._failing("cannot read mentions") as conn:
            cursor = conn.execute(
                f"SELECT article_id, {columns} FROM mentions ORDER BY article_id, idx"
            )
            while chunk := cursor.fetchmany(_FETCH_ROWS):
                for row in chunk:
                    out.setdefault(str(row[0]), []).append(mention_from_row(row[1:]))
        return out

    def story_rows(self) -> tuple[list[Row], list[tuple[str, str]]]:
        """The persisted story index: ``story_index`` rows (column order, arrival order) and
        the related article pairs, read in one snapshot (see ``link.stories.StoryRows``).

        Raises:
            StoreError: the store is closed or DuckDB fails.
        """
        columns = ", ".join(quote(c) for c in STORY_INDEX.column_names())
        with self._snapshot("cannot read the story index") as conn:
            rows = conn.execute(f"SELECT {columns} FROM story_index ORDER BY seq").fetchall()
            related = conn.execute(
                "SELECT article_id, related_id FROM story_related ORDER BY ALL"
            ).fetchall()
        return [tuple(r) for r in rows], [(str(a), str(b)) for a, b in related]

    def save_stories(self, rows: Sequence[Row], related: Sequence[tuple[str, str]]) -> None:
        """Write story index rows (replacing those of the same articles) and related pairs,
        in one transaction.

        Raises:
            StoreError: read-only or closed store, or the write failed (rolled back).
        """
        with self._writing("stories not written") as conn:
            ids = [r[0] for r in rows]
            conn.execute(
                "DELETE FROM story_index WHERE article_id IN (SELECT unnest(?::VARCHAR[]))", [ids]
            )
            if rows:
                _insert(conn, STORY_INDEX, rows)
            if related:
                _insert(conn, STORY_RELATED, list(dict.fromkeys(related)))

    def trend(
        self,
        a: str,
        b: str,
        period: Literal["week", "month"] = "month",
        min_score: float | None = None,
    ) -> list[tuple[dt.date, str, int, float]]:
        """Events between ``a`` and ``b`` (either way) stated as having happened, per
        ``period`` (its first day) and PLOVER type: ``(period, type, events, goldstein)``.
        Undated events are left out, and with ``min_score`` those scored below it (see
        ``EventFilter.min_score``).

        Raises:
            UsageError: ``period`` is neither ``week`` nor ``month``.
            StoreError: the store is closed or DuckDB fails.
        """
        if period not in ("week", "month"):
            raise UsageError(f"unknown period {period!r}; valid periods: week, month")
        clauses, params = EventFilter(dyad=(a, b), happened=True, min_score=min_score).sql()
        query = (
            f"SELECT date_trunc('{period}', e.date_start)::DATE AS period, e.type, count(*), "
            f"sum(e.goldstein) FROM events e {clauses} AND e.date_start IS NOT NULL "
            "GROUP BY ALL ORDER BY period, e.type"
        )
        with self._failing("cannot read events") as conn:
            rows = conn.execute(query, params).fetchall()
        return [(r[0], str(r[1]), int(r[2]), float(r[3])) for r in rows]

    def _spec(self, name: str) -> Table:
        """The table called ``name``.

        Raises:
            UsageError: there is none; the message lists the valid names.
        """
        spec = BY_NAME.get(name)
        if spec is None:
            raise UsageError(f"unknown table {name!r}; valid tables: {', '.join(self.tables())}")
        return spec

    def _load(self, ids_query: str, params: list[Any]) -> list[Article]:
        """Articles whose ids ``ids_query`` selects, with their parts, from one snapshot."""
        columns = ", ".join(quote(c) for c in ARTICLE_COLUMNS)
        with self._snapshot("cannot read articles") as conn:
            rows = conn.execute(
                f"SELECT {columns} FROM articles WHERE id IN ({ids_query}) "
                f"ORDER BY {ARTICLES.order_sql()}",
                params,
            ).fetchall()
            parts = _parts(conn, ids_query, params) if rows else Parts()
        return [article_from_row(row, parts) for row in rows]

    def _conn(self) -> duckdb.DuckDBPyConnection:
        """The open connection.

        Raises:
            StoreError: the store is closed.
        """
        if self._connection is None:
            raise StoreError(f"{self._label}: store is closed")
        return self._connection

    @contextlib.contextmanager
    def _writing(self, failed: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """One write transaction: committed when the block ends, rolled back when anything
        (an interrupt included) escapes it.

        Raises:
            StoreError: the store is read-only or closed, or the block failed (``failed`` says
                what was not written).
        """
        conn = self._conn()
        if self._read_only:
            raise StoreError(f"{self._label}: opened read-only; cannot write")
        if self._pinned:
            raise StoreError(f"{self._label}: cannot write inside a read snapshot")
        try:
            conn.execute("BEGIN TRANSACTION")
            yield conn
            conn.execute("COMMIT")
        except Exception as exc:
            rollback(conn)
            raise StoreError(f"{self._label}: {failed}: {one_line(exc)}") from exc
        except BaseException:
            rollback(conn)
            raise

    @contextlib.contextmanager
    def _snapshot(self, action: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection inside a read transaction, so that several queries see one state of
        the database even while another process writes; DuckDB errors become ``StoreError``.

        Raises:
            StoreError: the store is closed, or DuckDB failed inside the block.
        """
        with self._failing(action) as conn:
            if self._pinned:  # already inside snapshot(): its transaction holds the state
                yield conn
                return
            conn.execute("BEGIN TRANSACTION")
            try:
                yield conn
            finally:
                rollback(conn)

    @contextlib.contextmanager
    def _failing(self, action: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """The connection, with DuckDB errors turned into one-line ``StoreError``.

        Raises:
            StoreError: the store is closed, or DuckDB failed inside the block.
        """
        conn = self._conn()
        try:
            yield conn
        except duckdb.Error as exc:
            raise StoreError(f"{self._label}: {action}: {one_line(exc)}") from exc


_EVENTS_SQL = (
    f"SELECT {', '.join(f'e.{quote(c)}' for c in EVENT_COLUMNS)}, e.article_id, e.idx, "
    "a.source, a.outlet, a.url, a.title, a.published_start, a.published_end "
    "FROM events e JOIN articles a ON a.id = e.article_id"
)
_EVENTS_ORDER = (
    "ORDER BY e.date_start NULLS LAST, a.published_start NULLS LAST, e.article_id, e.idx"
)


def _event_rows(rows: list[tuple[Any, ...]]) -> list[tuple[Event, ArticleRef]]:
    """Rows of ``_EVENTS_SQL`` as events with their articles."""
    n = len(EVENT_COLUMNS)
    return [(event_from_row(r[:n]), ArticleRef(*r[n:])) for r in rows]


def _page_sql(limit: int | None, offset: int) -> tuple[str, list[Any]]:
    """`` LIMIT ? OFFSET ?`` (no limit when None) and its parameters.

    Raises:
        UsageError: a negative limit or offset.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise UsageError(f"limit and offset must not be negative (got {limit}, {offset})")
    return " LIMIT ? OFFSET ?", [limit, offset]


def _terms(terms: Sequence[str]) -> Sequence[str]:
    """The search terms, checked.

    Raises:
        UsageError: none, or an empty one.
    """
    if not terms or not all(terms):
        raise UsageError("search needs at least one word, and no empty ones")
    return terms


def _check_path(path: Path, label: str, read_only: bool) -> None:
    """Reasons found before DuckDB tries: a directory, a missing parent, a missing file.

    Raises:
        StoreError: one of those.
    """
    if path.is_dir():
        reason = "is a directory"
    elif not path.parent.is_dir():
        reason = f"directory {path.parent} does not exist"
    elif read_only and not path.exists():
        reason = "no such database file"
    else:
        return
    raise StoreError(f"{label}: cannot open: {reason}")


def _open_reason(exc: duckdb.Error) -> str:
    """Why DuckDB could not open a file, in wirewatch's words where it knows them."""
    message = str(exc)
    for needle, reason in _OPEN_REASONS:
        if needle in message:
            return reason
    return one_line(exc)


def _scalar(conn: duckdb.DuckDBPyConnection, query: str, params: list[Any] | None = None) -> int:
    """The single integer a query returns (fetched whole: DuckDB 2 refuses further work on a
    connection whose last result was not read to the end)."""
    rows = conn.execute(query, params).fetchall()
    return int(rows[0][0]) if rows else 0


def _seen(conn: duckdb.DuckDBPyConnection, hashes: list[str]) -> set[str]:
    """Those of ``hashes`` that ``documents`` records."""
    if not hashes:
        return set()
    rows = conn.execute(
        "SELECT raw_hash FROM documents WHERE raw_hash IN (SELECT unnest(?::VARCHAR[]))",
        [hashes],
    ).fetchall()
    return {cast(str, r[0]) for r in rows}


def _stored_ids(conn: duckdb.DuckDBPyConnection, ids: list[str]) -> set[str]:
    """Those of ``ids`` that ``articles`` holds."""
    if not ids:
        return set()
    rows = conn.execute(
        "SELECT id FROM articles WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids]
    ).fetchall()
    return {cast(str, r[0]) for r in rows}


def _insert(conn: duckdb.DuckDBPyConnection, table: Table, rows: Sequence[Row]) -> None:
    """Insert rows into ``table`` through a registered pyarrow Table (one statement)."""
    view = f"_wirewatch_new_{table.name}"
    columns = ", ".join(quote(c) for c in table.column_names())
    # A raw hash already recorded keeps its first documents row (see build_batch); a related
    # pair already recorded stays as it is.
    verb = "INSERT OR IGNORE INTO" if table in (DOCUMENTS, STORY_RELATED) else "INSERT INTO"
    conn.register(view, to_arrow(table, rows))
    try:
        conn.execute(f"{verb} {quote(table.name)} ({columns}) SELECT {columns} FROM {view}")
    finally:
        conn.unregister(view)


def _parts(conn: duckdb.DuckDBPyConnection, ids_query: str, params: list[Any]) -> Parts:
    """Paragraphs, sentences, removed blocks and elided dates of the selected articles."""
    parts = Parts()
    adders = (parts.add_paragraphs, parts.add_sentences, parts.add_removed, parts.add_elided)
    for (table, columns), add in zip(_CHILD_QUERIES, adders, strict=True):
        add(
            conn.execute(
                f"SELECT {columns} FROM {table} WHERE article_id IN ({ids_query}) "
                "ORDER BY article_id, idx",
                params,
            ).fetchall()
        )
    return parts
