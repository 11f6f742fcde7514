"""Runs the stages in order over batches: ingest -> clean -> extract -> store.

Stages are pure functions over batches (``clean.clean_batch``); this module owns the loop, the
batching, and what happens to failures: every refused input becomes a ``Rejected`` value with
the stage that refused it, reported to the caller and stored, never dropped silently.

Idempotency: each input document has a ``raw_hash``; documents whose hash the store already
holds are skipped, so re-running an ingest (also after it was killed) completes the work
without duplicates. Each batch is written in one transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain, islice
from typing import BinaryIO

from .clean import clean_batch
from .clean.dedup import DuplicateIndex
from .extract.stage import iter_extractions, resources
from .ingest import iter_paths, read_bytes, read_paths
from .link.stories import StoryIndex, StoryRow, StoryRows, renew_row
from .records import Article, Extraction, RawDocument, Rejected
from .settings import Options
from .store import Store

Progress = Callable[[int], None]


@dataclass
class IngestReport:
    """What an ingest did, for the summary table and the exit status."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    already_stored: int = 0
    refused: list[Rejected] = field(default_factory=list)
    events: int = 0
    """Events (and below: quotes, claims) found in the stored articles."""
    quotes: int = 0
    claims: int = 0


def new_index(options: Options) -> DuplicateIndex:
    return DuplicateIndex(options.dedup_threshold, options.minhash_perm)


def batches(
    items: Iterable[RawDocument | Rejected], size: int
) -> Iterator[tuple[list[RawDocument], list[Rejected]]]:
    """Group documents into batches of ``size``; refusals travel with the batch they came in."""
    it = iter(items)
    while chunk := list(islice(it, size)):
        docs = [x for x in chunk if isinstance(x, RawDocument)]
        refused = [x for x in chunk if isinstance(x, Rejected)]
        yield docs, refused


def estimate_documents(paths: Sequence[str]) -> int | None:
    """Documents to expect, for a progress bar: one per input file, one per line of a JSON
    Lines file (by its extension; the exact count is only known once read)."""
    total = 0
    for item in iter_paths(paths):
        if isinstance(item, Rejected) or item == "-":
            continue
        if item.endswith((".jsonl", ".ndjson")):
            with open(item, "rb") as fh:
                total += sum(1 for line in fh if line.strip())
        else:
            total += 1
    return total or None


def clean_paths(
    paths: Sequence[str], options: Options, stdin: BinaryIO | None = None
) -> Iterator[Article | Rejected]:
    """Read and clean, no store: what ``wirewatch clean`` and ``wirewatch.read`` do."""
    index = new_index(options)
    for docs, refused in batches(read_paths(paths, options, stdin), options.batch_size):
        yield from refused
        yield from clean_batch(docs, options, index)


def extract_paths(
    paths: Sequence[str], options: Options, stdin: BinaryIO | None = None
) -> Iterator[tuple[Article, Extraction] | Rejected]:
    """Read, clean and extract, no store: what ``wirewatch extract`` does. An article on which
    extraction failed comes with an empty extraction, followed by its ``Rejected`` (stage
    ``extract``).

    Raises:
        UsageError: the spaCy pipeline or a user lexicon cannot be loaded.
    """
    index = new_index(options)
    for docs, refused in batches(read_paths(paths, options, stdin), options.batch_size):
        yield from refused
        cleaned = clean_batch(docs, options, index)
        yield from (r for r in cleaned if isinstance(r, Rejected))
        articles = [r for r in cleaned if isinstance(r, Article)]
        for article, found, failure in iter_extractions(articles, options):
            yield article, found
            if failure is not None:
                yield failure


def extract_stored(
    articles: Sequence[Article], options: Options
) -> tuple[dict[str, Extraction], list[Rejected]]:
    """Extractions of the articles that will be stored (not duplicates), by article id, and
    the failures."""
    found: dict[str, Extraction] = {}
    failed: list[Rejected] = []
    originals = [a for a in articles if a.duplicate_of is None]
    for article, extraction, failure in iter_extractions(originals, options):
        found[article.id] = extraction
        if failure is not None:
            failed.append(failure)
    return found, failed


#: How many old story rows are renewed per read of their articles (bounds memory).
_RENEW_CHUNK = 256


class Stories:
    """The online story index of a store: loaded once per ingest, articles added after each
    batch is stored, the changed rows saved in their own transaction.

    A run killed between a batch and its story rows leaves stored articles outside the index;
    the next ingest adds them first (from their stored extractions), so nothing is lost. Rows
    stored before schema version 4 lack the articles' terms: they are computed again from the
    stored articles when the index is loaded (``link.stories.renew_row``), stories unchanged.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        rows, related = store.story_rows()
        stored = self._renewed([StoryRow(*r) for r in rows])
        self.index = StoryIndex.from_rows(StoryRows(stored, related))
        self.saved = {r.article_id: r.story_id for r in stored}
        self._catch_up()

    def add(self, items: Sequence[tuple[Article, Extraction]]) -> None:
        """Add stored articles (already-indexed ones change nothing) and save what changed."""
        for article, found in items:
            self.index.add(article, found)
        changed = [aid for aid, sid in self.saved.items() if self.index.story_of(aid) != sid]
        fresh = [a.id for a, _ in items if a.id not in self.saved]
        if not changed and not fresh:
            return
        rows = self.index.to_rows([*changed, *fresh])
        self.store.save_stories([tuple(r) for r in rows.articles], rows.related)
        self.saved.update((r.article_id, r.story_id) for r in rows.articles)

    def _renewed(self, rows: list[StoryRow]) -> list[StoryRow]:
        """``rows``, those without terms renewed from their stored article and extraction and
        saved (one transaction)."""
        stale = [r for r in rows if r.terms is None]
        renewed: dict[str, StoryRow] = {}
        for start in range(0, len(stale), _RENEW_CHUNK):
            chunk = stale[start : start + _RENEW_CHUNK]
            ids = [r.article_id for r in chunk]
            articles = {a.id: a for a in self.store.articles_by_id(ids)}
            found = self.store.extractions(ids)
            for row in chunk:
                if row.article_id in articles:
                    article = articles[row.article_id]
                    renewed[row.article_id] = renew_row(row, article, found.get(article.id))
        if renewed:
            self.store.save_stories([tuple(r) for r in renewed.values()], [])
        return [renewed.get(r.article_id, r) for r in rows]

    def _catch_up(self) -> None:
        missing = [aid for aid in self.store.article_ids() if aid not in self.saved]
        for start in range(0, len(missing), 256):
            chunk = missing[start : start + 256]
            found = self.store.extractions(chunk)
            articles = {a.id: a for a in self.store.articles_by_id(chunk)}
            self.add([(articles[aid], found[aid]) for aid in chunk if aid in articles])


def ingest(
    paths: Sequence[str],
    store: Store,
    options: Options,
    stdin: BinaryIO | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Read, clean, extract and store; one transaction per batch.

    Raises:
        StoreError: the store cannot be written (the current batch is rolled back).
        UsageError: the spaCy pipeline or a user lexicon cannot be loaded (nothing is written).
    """
    return _ingest(read_paths(paths, options, stdin), store, options, progress)


def ingest_bytes(
    inputs: Sequence[tuple[str, bytes]],
    store: Store,
    options: Options,
    progress: Progress | None = None,
) -> IngestReport:
    """``ingest`` for inputs already in memory, each ``(label, bytes)``: what ``POST
    /api/ingest`` does with uploaded files. The label names the input as a path would (the
    uploaded file's name), so stored articles and refusals say where they came from.

    Raises:
        StoreError: the store cannot be written (the current batch is rolled back).
        UsageError: the spaCy pipeline or a user lexicon cannot be loaded (nothing is written).
    """
    items = chain.from_iterable(read_bytes(data, label, options) for label, data in inputs)
    return _ingest(items, store, options, progress)


def _ingest(
    items: Iterable[RawDocument | Rejected],
    store: Store,
    options: Options,
    progress: Progress | None,
) -> IngestReport:
    """The ingest loop over documents and refusals (read lazily, after the checks)."""
    resources(options)  # fail on a missing pipeline or a bad lexicon before reading anything
    report = IngestReport()
    index = new_index(options)
    index.seed(store.minhash_signatures())
    stories = Stories(store)
    for docs, refused in batches(items, options.batch_size):
        seen = store.seen_raw_hashes(d.raw_hash for d in docs)
        fresh = [d for d in docs if d.raw_hash not in seen]
        report.read += len(docs) + len(refused)
        report.already_stored += len(docs) - len(fresh)
        results = clean_batch(fresh, options, index)
        articles = [r for r in results if isinstance(r, Article)]
        extractions, failed = extract_stored(articles, options)
        rejected = refused + [r for r in results if isinstance(r, Rejected)] + failed
        written = store.write_batch(articles, rejected, extractions)
        stories.add([(a, extractions[a.id]) for a in articles if a.id in extractions])
        report.events += written.events
        report.quotes += written.quotes
        report.claims += written.claims
        report.stored += written.stored
        report.duplicates += written.duplicates
        report.refused.extend(rejected)
        if progress is not None:
            progress(len(docs) + len(refused))
    return report
