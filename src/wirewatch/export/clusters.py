"""The event clusters of every stored story, read for the event exports.

An exported event is an event cluster (``link.clusters``: the same event reported by several
articles of a story) or one report of it, so both exports walk the stories in order and
cluster each one's events as ``wirewatch story`` does. Articles and extractions are read for
several stories at a time (about ``CHUNK_ARTICLES`` articles per read), so a large store is
neither read one story per query nor held in memory whole.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pyarrow.compute as pc

from ..link.clusters import cluster_events
from ..query import stories as story_query
from ..records import Article, Event, EventCluster, Extraction, Story
from ..store import Store

__all__ = ["CHUNK_ARTICLES", "ClusteredStory", "Report", "clustered_stories", "ingest_times"]

#: About how many articles are read from the store at once.
CHUNK_ARTICLES = 512


@dataclass(frozen=True, slots=True)
class Report:
    """One article's report of a clustered event."""

    article: Article
    idx: int
    event: Event


@dataclass(frozen=True, slots=True)
class ClusteredStory:
    """A story, its articles with their extractions (by article id), and its event clusters."""

    story: Story
    items: dict[str, tuple[Article, Extraction]]
    clusters: list[EventCluster]

    def reports(self, cluster: EventCluster) -> list[Report]:
        """The cluster's reports, earliest published article first (then article id, index):
        the first is the one an export cites as *the* source of the event."""
        out = []
        for ref in cluster.reports:
            article, found = self.items[ref.article_id]
            out.append(Report(article, ref.idx, found.events[ref.idx]))
        return sorted(out, key=_report_order)


def _report_order(report: Report) -> tuple[bool, dt.date, str, int]:
    day = report.article.published.start
    return (day is None, day or dt.date.min, report.article.id, report.idx)


def _chunks(stories: Sequence[Story]) -> Iterator[list[Story]]:
    """Consecutive stories, about ``CHUNK_ARTICLES`` articles per chunk (a story is never
    split)."""
    chunk: list[Story] = []
    size = 0
    for story in stories:
        chunk.append(story)
        size += len(story.article_ids)
        if size >= CHUNK_ARTICLES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def clustered_stories(store: Store) -> Iterator[ClusteredStory]:
    """Every story of the store (oldest first) with its event clusters (in timeline order).

    Raises:
        StoreError: the store cannot be read.
    """
    for chunk in _chunks(story_query.stories(store)):
        ids = [i for story in chunk for i in story.article_ids]
        articles = {a.id: a for a in store.articles_by_id(ids)}
        found = store.extractions(ids)
        for story in chunk:
            items = story_query.story_items(story.article_ids, articles, found)
            clusters = cluster_events(story.id, list(items.values()))
            yield ClusteredStory(story, items, clusters)


def ingest_times(store: Store) -> dict[str, dt.datetime]:
    """When each stored article was first ingested (UTC, from the ``documents`` table).

    Raises:
        StoreError: the store cannot be read.
    """
    docs = store.table("documents")
    stored = docs.filter(pc.equal(docs["status"], "stored"))
    out: dict[str, dt.datetime] = {}
    for article_id, at in zip(
        stored["article_id"].to_pylist(), stored["ingested_at"].to_pylist(), strict=True
    ):
        if article_id is not None and (article_id not in out or at < out[article_id]):
            out[article_id] = at
    return out
