"""The store's tables as data: one ``Table`` per table, its columns with DuckDB types.

The DDL that migrations run is rendered from these definitions, so the table layout is written
once. Each table and each column records the migration ``since`` which it exists: migration *N*
creates the tables whose ``since`` is *N* (with their columns of ``since <= N``) and adds the
columns of ``since == N`` to tables created earlier (see ``schema_sql``). A released migration
therefore never changes when a later one adds a column, and a database migrated step by step has
the same layout as one created at the latest version.

Types: text is ``VARCHAR``, lists of names ``VARCHAR[]``, days ``DATE``, character offsets
``INTEGER``, the MinHash signatures and the term values ``BLOB``, ingest times ``TIMESTAMP`` in
UTC, flags ``BOOLEAN``.

Version 2 adds what the extract stage finds in each stored article: ``mentions`` (actors),
``date_expressions``, ``events``, ``quotes`` and ``claims``, each row keyed by
``(article_id, idx)`` and carrying its character offsets in the article text and its rule.

Version 3 adds the story index (``story_index``, ``story_related``); version 4 adds each
indexed article's salient terms (``story_index.terms``, sorted uint32 CRC-32 values), from
which the index counts how rare each term is. Rows stored at version 3 get NULL there and are
filled in from their article's text the next time the index is loaded for an ingest.

Version 5 adds to every stored actor (mentions, event sources and targets, quote speakers,
claimants) its knowledge-base ``id``, its first-level ``region`` (ISO 3166-2) and the ``basis``
of its code (see ``records.Actor``); rows stored earlier have NULL there.

Version 6 adds ``events.score``: the event model's probability for the event's type, source and
target (see ``records.Event``); NULL where no model scored it (rules only), as for every row
stored earlier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Column:
    """One column: its name, DuckDB type, whether it may be NULL, and its first version."""

    name: str
    type: str
    nullable: bool = True
    since: int = 1
    check: str | None = None
    """An SQL ``CHECK`` expression on this column, if any."""

    def ddl(self) -> str:
        """The column as it stands in ``CREATE TABLE`` or ``ALTER TABLE ... ADD COLUMN``."""
        sql = f"{quote(self.name)} {self.type}"
        if not self.nullable:
            sql += " NOT NULL"
        if self.check is not None:
            sql += f" CHECK ({self.check})"
        return sql


@dataclass(frozen=True, slots=True)
class Table:
    """One table: columns in order, primary key, the order rows are read and exported in."""

    name: str
    doc: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...] = ()
    order_by: tuple[str, ...] = ("rowid",)
    since: int = 1

    def column_names(self, version: int | None = None) -> tuple[str, ...]:
        """Names of the columns that exist at ``version`` (all of them when None)."""
        return tuple(c.name for c in self.columns if version is None or c.since <= version)

    def create_sql(self, version: int) -> str:
        """``CREATE TABLE`` for this table as it is at ``version``."""
        parts = [c.ddl() for c in self.columns if c.since <= version]
        if self.primary_key:
            parts.append(f"PRIMARY KEY ({', '.join(quote(k) for k in self.primary_key)})")
        body = ",\n    ".join(parts)
        return f"CREATE TABLE {quote(self.name)} (\n    {body}\n);"

    def order_sql(self) -> str:
        """The ``ORDER BY`` list that reads rows in their natural order."""
        return ", ".join(k if k == "rowid" else quote(k) for k in self.order_by)


def quote(name: str) -> str:
    """An SQL identifier in double quotes (``end`` is a keyword)."""
    return '"' + name.replace('"', '""') + '"'


def _text(name: str, nullable: bool = True) -> Column:
    return Column(name, "VARCHAR", nullable)


def _int(name: str) -> Column:
    return Column(name, "INTEGER", nullable=False)


ARTICLES = Table(
    "articles",
    "Cleaned articles, one row each; the body is in ``text``.",
    (
        _text("id", nullable=False),
        _text("source", nullable=False),
        _text("url"),
        _text("outlet"),
        _text("title"),
        Column("authors", "VARCHAR[]", nullable=False),
        Column("published_start", "DATE"),
        Column("published_end", "DATE"),
        _text("published_source", nullable=False),
        _text("published_evidence"),
        _text("language"),
        _text("text", nullable=False),
        _text("kind", nullable=False),
        _text("container", nullable=False),
        _text("raw_hash", nullable=False),
        Column("minhash", "BLOB", nullable=False),
        Column("ingested_at", "TIMESTAMP", nullable=False),
        Column("nlp_model", "VARCHAR", since=2),
    ),
    primary_key=("id",),
    order_by=("published_start", "id"),
)

PARAGRAPHS = Table(
    "paragraphs",
    "Paragraph spans of each article's text.",
    (_text("article_id", False), _int("idx"), _int("start"), _int("end"), _text("language")),
    primary_key=("article_id", "idx"),
    order_by=("article_id", "idx"),
)

SENTENCES = Table(
    "sentences",
    "Sentence spans of each article's text.",
    (_text("article_id", False), _int("idx"), _int("start"), _int("end")),
    primary_key=("article_id", "idx"),
    order_by=("article_id", "idx"),
)

REMOVED_BLOCKS = Table(
    "removed_blocks",
    "Input blocks left out of an article body, with the reason and the rule.",
    (
        _text("article_id", False),
        _int("idx"),
        _text("text", False),
        _text("reason", False),
        _text("rule", False),
    ),
    primary_key=("article_id", "idx"),
    order_by=("article_id", "idx"),
)

ELIDED_DATES = Table(
    "elided_dates",
    "Places where the source dropped a date.",
    (_text("article_id", False), _int("idx"), _text("context", False), _int("start"), _int("end")),
    primary_key=("article_id", "idx"),
    order_by=("article_id", "idx"),
)

DUPLICATES = Table(
    "duplicates",
    "Articles not stored because they copy a stored one (exact: similarity 1.0).",
    (
        _text("article_id", False),
        _text("source", False),
        _text("url"),
        _text("outlet"),
        _text("title"),
        Column("published_start", "DATE"),
        Column("published_end", "DATE"),
        _text("duplicate_of", False),
        Column("similarity", "DOUBLE"),
        _text("raw_hash", False),
        Column("ingested_at", "TIMESTAMP", nullable=False),
    ),
)

DOCUMENTS = Table(
    "documents",
    "Every raw input seen, by the sha256 of its bytes: the idempotency key of ingest.",
    (
        _text("raw_hash", False),
        _text("source", False),
        _text("container", False),
        _text("kind", False),
        _text("article_id"),
        Column(
            "status",
            "VARCHAR",
            nullable=False,
            check="status IN ('stored', 'duplicate', 'rejected')",
        ),
        Column("ingested_at", "TIMESTAMP", nullable=False),
    ),
    primary_key=("raw_hash",),
)

REJECTED = Table(
    "rejected",
    "Inputs refused by a stage, with a one-line reason.",
    (
        _text("source", False),
        _text("reason", False),
        _text("stage", False),
        Column("at", "TIMESTAMP", nullable=False),
    ),
)


def _finding_table(
    name: str, doc: str, *columns: Column, order_by: tuple[str, ...] = ("article_id", "idx")
) -> Table:
    """A version-2 table of what the extract stage found: one row per finding, keyed by its
    article and its index there."""
    key = (_text("article_id", False), _int("idx"))
    return Table(
        name,
        doc,
        tuple(
            Column(c.name, c.type, c.nullable, max(2, c.since), c.check) for c in (*key, *columns)
        ),
        primary_key=("article_id", "idx"),
        order_by=order_by,
        since=2,
    )


def _actor(role: str) -> tuple[Column, ...]:
    """An actor as columns ``<role>_code``, ``_sector``, ``_text``, ``_name``, ``_role``
    and the offsets ``_start``, ``_end`` of its words in the article text (null if unknown)."""
    words = tuple(_text(f"{role}_{part}") for part in ("code", "sector", "text", "name", "role"))
    return (*words, Column(f"{role}_start", "INTEGER"), Column(f"{role}_end", "INTEGER"))


def _actor_more(role: str) -> tuple[Column, ...]:
    """An actor's version-5 columns ``<role>_id``, ``_region``, ``_basis`` (see ``Actor``)."""
    return tuple(Column(f"{role}_{part}", "VARCHAR", since=5) for part in ("id", "region", "basis"))


def _range(prefix: str = "date") -> tuple[Column, ...]:
    return (Column(f"{prefix}_start", "DATE"), Column(f"{prefix}_end", "DATE"), _text("basis"))


def _where(prefix: str) -> tuple[Column, ...]:
    """Text and offsets of a sentence or trigger."""
    return (_text(prefix, False), _int(f"{prefix}_start"), _int(f"{prefix}_end"))


MENTIONS = _finding_table(
    "mentions",
    "Actor mentions in each article, resolved to a code (ISO3 or organisation) and sector.",
    _text("code"),
    _text("sector"),
    _text("text", False),
    _int("start"),
    _int("end"),
    _text("name"),
    _text("role"),
    _text("rule", False),
    *_actor_more("actor"),
)

DATE_EXPRESSIONS = _finding_table(
    "date_expressions",
    "Date expressions in each article, resolved against its date (basis says how).",
    _text("text", False),
    _int("start"),
    _int("end"),
    *_range(),
    _text("rule", False),
)

EVENTS = _finding_table(
    "events",
    "Political events (PLOVER type, CAMEO code, Goldstein), each tied to its sentence.",
    _text("type", False),
    _text("mode"),
    _text("cameo", False),
    _int("quad_class"),
    Column("goldstein", "DOUBLE", nullable=False),
    *_actor("source"),
    *_actor("target"),
    *_range(),
    _text("location"),
    *_where("sentence"),
    *_where("trigger"),
    Column("negated", "BOOLEAN", nullable=False),
    Column("hypothetical", "BOOLEAN", nullable=False),
    Column("future", "BOOLEAN", nullable=False),
    _text("rule", False),
    *_actor_more("source"),
    *_actor_more("target"),
    Column("score", "DOUBLE", since=6),
    order_by=("date_start", "article_id", "idx"),
)

QUOTES = _finding_table(
    "quotes",
    "Direct quotations with their speakers.",
    _text("text", False),
    _int("start"),
    _int("end"),
    *_actor("speaker"),
    _text("rule", False),
    *_actor_more("speaker"),
)

CLAIMS = _finding_table(
    "claims",
    "Numbers stated in articles: value, unit, what they count, who claims them and when.",
    Column("value", "DOUBLE", nullable=False),
    _text("unit"),
    _text("what", False),
    _text("text", False),
    _int("start"),
    _int("end"),
    *_actor("claimant"),
    *_range(),
    *_where("sentence"),
    _text("rule", False),
    *_actor_more("claimant"),
)

STORY_INDEX = Table(
    "story_index",
    "Each stored article's story and what the online story index compares (link.stories).",
    (
        Column("article_id", "VARCHAR", False, 3),
        Column("story_id", "VARCHAR", False, 3),
        Column("seq", "INTEGER", False, 3),
        Column("date_start", "DATE", since=3),
        Column("date_end", "DATE", since=3),
        Column("label", "VARCHAR", False, 3),
        Column("has_title", "BOOLEAN", False, 3),
        Column("signature", "BLOB", False, 3),
        Column("entities", "VARCHAR[]", False, 3),
        Column("events", "VARCHAR[]", False, 3),
        Column("duplicate_of", "VARCHAR", since=3),
        Column("terms", "BLOB", since=4),
    ),
    primary_key=("article_id",),
    order_by=("seq",),
    since=3,
)

STORY_RELATED = Table(
    "story_related",
    "Articles of different stories about the same actors (related stories), as id pairs.",
    (Column("article_id", "VARCHAR", False, 3), Column("related_id", "VARCHAR", False, 3)),
    primary_key=("article_id", "related_id"),
    order_by=("article_id", "related_id"),
    since=3,
)

#: Every table of the store, in creation order.
TABLES: tuple[Table, ...] = (
    ARTICLES,
    PARAGRAPHS,
    SENTENCES,
    REMOVED_BLOCKS,
    ELIDED_DATES,
    DUPLICATES,
    DOCUMENTS,
    REJECTED,
    MENTIONS,
    DATE_EXPRESSIONS,
    EVENTS,
    QUOTES,
    CLAIMS,
    STORY_INDEX,
    STORY_RELATED,
)

#: Tables by name.
BY_NAME: dict[str, Table] = {t.name: t for t in TABLES}


def schema_sql(version: int, tables: Sequence[Table] = TABLES) -> str:
    """The DDL that takes a database from ``version - 1`` to ``version``.

    It creates the tables whose ``since`` is ``version`` and adds to older tables the columns
    whose ``since`` is ``version``. Empty when nothing in the schema changes at ``version``.
    """
    statements = [t.create_sql(version) for t in tables if t.since == version]
    for table in tables:
        if table.since < version:
            statements.extend(
                f"ALTER TABLE {quote(table.name)} ADD COLUMN {c.ddl()};"
                for c in table.columns
                if c.since == version
            )
    return "\n".join(statements)
