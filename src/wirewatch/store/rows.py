"""Records to rows and back: ``Article`` to the rows of each table, and stored rows to ``Article``.

Pure conversion, no SQL: ``build_batch`` decides which table each article goes to and
``to_arrow`` turns the rows of a table into a pyarrow Table typed as the schema says, which
``duckdb.py`` then inserts with one ``INSERT ... SELECT`` per table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa

from ..records import (
    Actor,
    Article,
    Claim,
    DateRange,
    ElidedDate,
    Event,
    Extraction,
    PublishedDate,
    Quote,
    Rejected,
    RemovedBlock,
    Span,
    TimeExpression,
)
from .schema import ARTICLES, EVENTS, TABLES, Table

Row = tuple[Any, ...]

_ARROW_TYPES: dict[str, pa.DataType] = {
    "VARCHAR": pa.string(),
    "VARCHAR[]": pa.list_(pa.string()),
    "DATE": pa.date32(),
    "INTEGER": pa.int32(),
    "DOUBLE": pa.float64(),
    "BLOB": pa.binary(),
    "TIMESTAMP": pa.timestamp("us"),
    "BOOLEAN": pa.bool_(),
}

#: The ``articles`` columns an ``Article`` is rebuilt from, in ``article_from_row`` order.
ARTICLE_COLUMNS: tuple[str, ...] = tuple(
    c for c in ARTICLES.column_names() if c not in ("ingested_at", "nlp_model")
)


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What one ``Store.write_batch`` did.

    ``stored``: articles written to ``articles``; ``duplicates``: articles recorded in
    ``duplicates`` instead (near-duplicates and exact copies of a stored id); ``rejected``:
    rows written to ``rejected``; ``skipped``: articles left out because their raw hash was
    already in ``documents`` (a re-ingest of the same input); ``events``, ``quotes``,
    ``claims``: rows written for the stored articles.
    """

    stored: int = 0
    duplicates: int = 0
    rejected: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    claims: int = 0


@dataclass(slots=True)
class Batch:
    """The rows of one batch, per table name, and the counts to report."""

    rows: dict[str, list[Row]] = field(default_factory=lambda: {t.name: [] for t in TABLES})
    result: BatchResult = field(default_factory=BatchResult)


def build_batch(
    articles: Sequence[Article],
    rejected: Sequence[Rejected],
    stored_ids: Iterable[str],
    seen_hashes: Iterable[str],
    at: dt.datetime,
    extractions: Mapping[str, Extraction] | None = None,
) -> Batch:
    """Rows for every table from one batch.

    ``stored_ids`` are article ids already in the database and ``seen_hashes`` raw hashes
    already in ``documents``. An article with ``duplicate_of`` set, or whose id is stored
    (earlier or in this batch), becomes a ``duplicates`` row; one whose raw hash was seen is
    skipped. Each new non-empty raw hash gets one ``documents`` row. A stored article's
    extraction (``extractions[article.id]``, when given) goes to the extraction tables.
    """
    batch = Batch()
    known, hashes = set(stored_ids), set(seen_hashes)
    stored = duplicates = skipped = 0
    for article in articles:
        if article.raw_hash and article.raw_hash in hashes:
            skipped += 1
            continue
        if article.duplicate_of is None and article.id not in known:
            known.add(article.id)
            found = (extractions or {}).get(article.id)
            _add_article(batch.rows, article, at, found.model if found else None)
            if found is not None:
                _add_extraction(batch.rows, article.id, found)
            stored, status = stored + 1, "stored"
        else:
            batch.rows["duplicates"].append(_duplicate_row(article, at))
            duplicates, status = duplicates + 1, "duplicate"
        if article.raw_hash:
            hashes.add(article.raw_hash)
            batch.rows["documents"].append(_document_row(article, status, at))
    batch.rows["rejected"] = [(r.source, r.reason, r.stage, at) for r in rejected]
    batch.result = BatchResult(
        stored,
        duplicates,
        len(rejected),
        skipped,
        *(len(batch.rows[name]) for name in ("events", "quotes", "claims")),
    )
    return batch


def _add_article(
    rows: dict[str, list[Row]], a: Article, at: dt.datetime, model: str | None
) -> None:
    """The rows of a stored article: itself and its spans, removed blocks and elided dates."""
    p = a.published
    rows["articles"].append(
        (
            *(a.id, a.source, a.url, a.outlet, a.title, list(a.authors)),
            *(p.start, p.end, p.source, p.evidence, a.language, a.text),
            *(a.kind, a.container, a.raw_hash, a.minhash, at, model),
        )
    )
    rows["paragraphs"].extend((a.id, s.index, s.start, s.end, s.language) for s in a.paragraphs)
    rows["sentences"].extend((a.id, s.index, s.start, s.end) for s in a.sentences)
    rows["removed_blocks"].extend(
        (a.id, i, b.text, b.reason, b.rule) for i, b in enumerate(a.removed)
    )
    rows["elided_dates"].extend(
        (a.id, i, e.context, e.start, e.end) for i, e in enumerate(a.elided_dates)
    )


def _actor(actor: Actor | None) -> Row:
    """An actor's columns (see ``schema._actor``)."""
    if actor is None:
        return (None,) * 7
    start, end = (actor.start, actor.end) if actor.start >= 0 else (None, None)
    return (actor.code, actor.sector, actor.text, actor.name, actor.role, start, end)


def _more(actor: Actor | None) -> Row:
    """An actor's version-5 columns (see ``schema._actor_more``)."""
    return (None,) * 3 if actor is None else (actor.id, actor.region, actor.basis)


def _range(value: DateRange | None) -> Row:
    return (None, None, None) if value is None else (value.start, value.end, value.basis)


def _add_extraction(rows: dict[str, list[Row]], aid: str, x: Extraction) -> None:
    """The extraction tables' rows of one stored article (see schema version 2)."""
    rows["mentions"].extend(
        (aid, i, m.code, m.sector, m.text, m.start, m.end, m.name, m.role, m.rule, *_more(m))
        for i, m in enumerate(x.mentions)
    )
    rows["date_expressions"].extend(
        (aid, i, d.text, d.start, d.end, *_range(d.value), d.rule) for i, d in enumerate(x.dates)
    )
    rows["events"].extend(
        (
            *(aid, i, e.type, e.mode, e.cameo, e.quad_class, e.goldstein),
            *(*_actor(e.source), *_actor(e.target), *_range(e.date), e.location),
            *(e.sentence, e.sentence_start, e.sentence_end),
            *(e.trigger, e.trigger_start, e.trigger_end),
            *(e.negated, e.hypothetical, e.future, e.rule),
            *(*_more(e.source), *_more(e.target), e.score),
        )
        for i, e in enumerate(x.events)
    )
    rows["quotes"].extend(
        (
            *(aid, i, q.text, q.start, q.end, *_speaker(q.speaker, q.speaker_text), q.rule),
            *_more(q.speaker),
        )
        for i, q in enumerate(x.quotes)
    )
    rows["claims"].extend(
        (
            *(aid, i, c.value, c.unit, c.what, c.text, c.start, c.end),
            *(*_actor(c.claimant), *_range(c.date)),
            *(c.sentence, c.sentence_start, c.sentence_end, c.rule),
            *_more(c.claimant),
        )
        for i, c in enumerate(x.claims)
    )


def _speaker(actor: Actor | None, words: str | None) -> Row:
    """A quote's speaker: the resolved actor, or just the words that name the speaker."""
    code, sector, text, *rest = _actor(actor)
    return (code, sector, words if words is not None else text, *rest)


def _duplicate_row(a: Article, at: dt.datetime) -> Row:
    """A ``duplicates`` row; an exact copy (no ``duplicate_of``) has similarity 1.0."""
    near = a.duplicate_of is not None
    return (
        *(a.id, a.source, a.url, a.outlet, a.title, a.published.start, a.published.end),
        *(a.duplicate_of if near else a.id, a.similarity if near else 1.0, a.raw_hash, at),
    )


def _document_row(a: Article, status: str, at: dt.datetime) -> Row:
    """A ``documents`` row; ``article_id`` is the stored article that holds this content."""
    holder = a.duplicate_of if a.duplicate_of is not None else a.id
    return (a.raw_hash, a.source, a.container, a.kind, holder, status, at)


def arrow_schema(table: Table) -> pa.Schema:
    """The pyarrow schema of ``table``'s columns."""
    return pa.schema(
        [pa.field(c.name, _ARROW_TYPES[c.type], nullable=c.nullable) for c in table.columns]
    )


def to_arrow(table: Table, rows: Sequence[Row]) -> pa.Table:
    """Rows (tuples in column order) as a pyarrow Table with ``table``'s schema."""
    schema = arrow_schema(table)
    columns = list(zip(*rows, strict=True)) if rows else [() for _ in table.columns]
    arrays = [pa.array(col, type=f.type) for col, f in zip(columns, schema, strict=True)]
    return pa.Table.from_arrays(arrays, schema=schema)


@dataclass(slots=True)
class Parts:
    """The child rows of stored articles, grouped by article id and in index order."""

    paragraphs: dict[str, list[Span]] = field(default_factory=dict)
    sentences: dict[str, list[Span]] = field(default_factory=dict)
    removed: dict[str, list[RemovedBlock]] = field(default_factory=dict)
    elided: dict[str, list[ElidedDate]] = field(default_factory=dict)

    def add_paragraphs(self, rows: Iterable[Row]) -> None:
        for aid, idx, start, end, language in rows:
            self.paragraphs.setdefault(aid, []).append(Span(idx, start, end, language))

    def add_sentences(self, rows: Iterable[Row]) -> None:
        for aid, idx, start, end in rows:
            self.sentences.setdefault(aid, []).append(Span(idx, start, end))

    def add_removed(self, rows: Iterable[Row]) -> None:
        for aid, _idx, text, reason, rule in rows:
            self.removed.setdefault(aid, []).append(RemovedBlock(text, reason, rule))

    def add_elided(self, rows: Iterable[Row]) -> None:
        for aid, _idx, context, start, end in rows:
            self.elided.setdefault(aid, []).append(ElidedDate(context, start, end))


def article_from_row(row: Row, parts: Parts) -> Article:
    """An ``Article`` from an ``articles`` row (``ARTICLE_COLUMNS`` order) and its parts."""
    (aid, source, url, outlet, title, authors, start, end, date_source, evidence) = row[:10]
    (language, text, kind, container, raw_hash, minhash) = row[10:]
    return Article(
        id=aid,
        source=source,
        text=text,
        title=title,
        authors=tuple(authors),
        outlet=outlet,
        url=url,
        published=PublishedDate(start, end, date_source, evidence),
        language=language,
        paragraphs=tuple(parts.paragraphs.get(aid, ())),
        sentences=tuple(parts.sentences.get(aid, ())),
        removed=tuple(parts.removed.get(aid, ())),
        elided_dates=tuple(parts.elided.get(aid, ())),
        raw_hash=raw_hash,
        kind=kind,
        container=container,
        minhash=bytes(minhash),
    )


def _actor_from(row: Row, more: Row = (None, None, None)) -> Actor | None:
    """An actor from its seven columns (see ``schema._actor``) and its three version-5 ones."""
    code, sector, text, name, role, start, end = row
    if text is None and code is None:
        return None
    actor_id, region, basis = more
    return Actor(
        id=actor_id,
        region=region,
        basis=basis,
        code=code,
        sector=sector,
        text=text or "",
        start=-1 if start is None else start,
        end=-1 if end is None else end,
        name=name,
        role=role,
    )


def event_from_row(row: Row) -> Event:
    """An ``Event`` from an ``events`` row without its two key columns (``EVENT_COLUMNS``)."""
    (etype, mode, cameo, quad, goldstein) = row[:5]
    source = _actor_from(row[5:12], row[33:36])
    target = _actor_from(row[12:19], row[36:39])
    (d_start, d_end, basis, location) = row[19:23]
    (sentence, s_start, s_end, trigger, t_start, t_end) = row[23:29]
    (negated, hypothetical, future, rule) = row[29:33]
    score = row[39]
    return Event(
        type=etype,
        source=source or Actor(None, None, ""),
        target=target,
        mode=mode,
        cameo=cameo,
        quad_class=quad,
        goldstein=goldstein,
        date=_range_from(d_start, d_end, basis),
        location=location,
        sentence=sentence,
        sentence_start=s_start,
        sentence_end=s_end,
        trigger=trigger,
        trigger_start=t_start,
        trigger_end=t_end,
        negated=negated,
        hypothetical=hypothetical,
        future=future,
        rule=rule,
        score=score,
    )


#: The ``events`` columns ``event_from_row`` reads, in order.
EVENT_COLUMNS: tuple[str, ...] = EVENTS.column_names()[2:]


def _range_from(start: Any, end: Any, basis: Any) -> DateRange | None:
    return DateRange(start, end, basis) if basis is not None else None


def mention_from_row(row: Row) -> Actor:
    """An ``Actor`` from a ``mentions`` row without its key columns."""
    code, sector, text, start, end, name, role, rule, actor_id, region, basis = row
    return Actor(
        code,
        sector,
        text,
        start,
        end,
        name=name,
        role=role,
        rule=rule,
        id=actor_id,
        region=region,
        basis=basis,
    )


def time_from_row(row: Row) -> TimeExpression:
    """A ``TimeExpression`` from a ``date_expressions`` row without its key columns."""
    text, start, end, d_start, d_end, basis, rule = row
    value = _range_from(d_start, d_end, basis) or DateRange(None, None, "unresolved")
    return TimeExpression(text, start, end, value, rule)


def quote_from_row(row: Row) -> Quote:
    """A ``Quote`` from a ``quotes`` row without its key columns; the speaker is an actor when
    it was resolved to a code or a person's name, else only its words."""
    text, start, end = row[:3]
    code, sector, words, name, role, s_start, s_end = row[3:10]
    speaker = None
    if code is not None or name is not None:
        speaker = _actor_from((code, sector, words, name, role, s_start, s_end), row[11:14])
    return Quote(text, start, end, speaker, words, rule=row[10])


def claim_from_row(row: Row) -> Claim:
    """A ``Claim`` from a ``claims`` row without its key columns."""
    value, unit, what, text, start, end = row[:6]
    claimant = _actor_from(row[6:13], row[20:23])
    when = _range_from(*row[13:16])
    sentence, s_start, s_end, rule = row[16:20]
    return Claim(
        value, unit, what, claimant, when, text, start, end, sentence, s_start, s_end, rule=rule
    )


#: Per extraction table: the reader of its rows (without ``article_id, idx``).
FINDING_READERS: dict[str, Any] = {
    "mentions": mention_from_row,
    "date_expressions": time_from_row,
    "events": event_from_row,
    "quotes": quote_from_row,
    "claims": claim_from_row,
}


def extraction_from_rows(aid: str, model: str | None, found: dict[str, list[Any]]) -> Extraction:
    """An ``Extraction`` from the records read out of each extraction table."""
    return Extraction(
        article_id=aid,
        events=tuple(found.get("events", ())),
        quotes=tuple(found.get("quotes", ())),
        claims=tuple(found.get("claims", ())),
        dates=tuple(found.get("date_expressions", ())),
        mentions=tuple(found.get("mentions", ())),
        model=model or "",
    )
