"""The read side of stories, entities and comparisons: what ``wirewatch stories``, ``story``,
``entities`` and ``brief`` show, built from the store (story index, articles, extractions) by
the link and compare stages. Views are plain dicts, the JSON shape every interface prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..compare import compare_numbers, compare_story
from ..link.clusters import cluster_events
from ..link.entities import merge_entities
from ..link.stories import StoryIndex, StoryRow, StoryRows
from ..records import Article, Comparison, Entity, EventCluster, Extraction, Story
from ..store import EventFilter, Store
from .findings import date_view, iso


@dataclass(frozen=True, slots=True)
class StoryDetail:
    """One story with its articles, their extractions, event clusters and comparison."""

    story: Story
    items: list[tuple[Article, Extraction]]
    clusters: list[EventCluster]
    comparisons: list[Comparison]


def stories(store: Store) -> list[Story]:
    """Every story of the store, oldest first.

    Raises:
        StoreError: the store cannot be read.
    """
    rows, related = store.story_rows()
    return StoryIndex.from_rows(StoryRows([StoryRow(*r) for r in rows], related)).stories()


def find_story(store: Store, story_id: str) -> Story | None:
    """The stored story with this id, or None.

    Raises:
        StoreError: the store cannot be read.
    """
    return next((s for s in stories(store) if s.id == story_id), None)


def story_items(
    article_ids: Sequence[str],
    articles: dict[str, Article],
    found: dict[str, Extraction],
) -> dict[str, tuple[Article, Extraction]]:
    """The articles of ``article_ids`` that are stored with an extraction, in that order."""
    return {i: (articles[i], found[i]) for i in article_ids if i in articles and i in found}


def story_detail(store: Store, story: Story) -> StoryDetail:
    """A story's articles with their extractions, its event clusters and its comparison.

    Raises:
        StoreError: the store cannot be read.
    """
    articles = {a.id: a for a in store.articles_by_id(story.article_ids)}
    items = list(
        story_items(story.article_ids, articles, store.extractions(story.article_ids)).values()
    )
    clusters = cluster_events(story.id, items)
    return StoryDetail(story, items, clusters, compare_story(story, items, clusters))


def dyad_numbers(store: Store, a: str, b: str) -> list[dict[str, Any]]:
    """The numbers stated in the articles that report events between ``a`` and ``b``,
    compared across those articles (any story): what the dyad's sources count, side by side.

    Raises:
        StoreError: the store cannot be read.
    """
    ids = list(dict.fromkeys(ref.article_id for _, ref in store.events(EventFilter(dyad=(a, b)))))
    articles = {x.id: x for x in store.articles_by_id(ids)}
    items = story_items(ids, articles, store.extractions(ids))
    rows = compare_numbers(f"dyad:{a.upper()}-{b.upper()}", list(items.values()))
    return [comparison_view(row, items) for row in rows]


def entities(store: Store) -> list[Entity]:
    """One entity per real actor across the stored corpus, most mentioned first.

    Raises:
        StoreError: the store cannot be read.
    """
    return merge_entities(store.mentions().items())


def article_ref(article: Article) -> dict[str, Any]:
    """How a story lists an article: ``url`` or ``file``, whichever the input had."""
    pub = article.published
    ref: dict[str, Any] = {"id": article.id}
    if article.url:
        ref["url"] = article.url
    else:
        ref["file"] = article.source
    ref |= {
        "outlet": article.outlet,
        "title": article.title,
        "published": iso(pub.point),
        "published_range": [iso(pub.start), iso(pub.end)],
    }
    return ref


def story_view(story: Story, articles: Sequence[Article]) -> dict[str, Any]:
    """A story as ``wirewatch stories --json`` prints it."""
    return {
        "id": story.id,
        "title": story.title,
        "start": iso(story.start),
        "end": iso(story.end),
        "articles": [article_ref(a) for a in articles],
        "outlets": sorted({a.outlet or a.source for a in articles}),
        "related": list(story.related),
    }


def _where(article: Article) -> str:
    return article.url or article.source


def cluster_view(
    cluster: EventCluster, items: dict[str, tuple[Article, Extraction]]
) -> dict[str, Any]:
    """A timeline entry: the event and every report of it with its sentence."""
    reports = []
    for report in cluster.reports:
        article, found = items[report.article_id]
        event = found.events[report.idx]
        reports.append(
            {
                "article": article.id,
                "file": _where(article),
                "outlet": article.outlet,
                "sentence": event.sentence,
                "span": [event.sentence_start, event.sentence_end],
            }
        )
    return {
        "id": cluster.id,
        "type": cluster.type,
        "source": cluster.source_code,
        "target": cluster.target_code,
        "date": date_view(cluster.date),
        "num_articles": cluster.num_articles,
        "num_sources": cluster.num_sources,
        "reports": reports,
    }


def comparison_view(
    row: Comparison, items: dict[str, tuple[Article, Extraction]]
) -> dict[str, Any]:
    """A comparison row: slot, status, and each side with its sentence and file."""
    sides = []
    for st in row.statements:
        article = items[st.article_id][0] if st.article_id in items else None
        sides.append(
            {
                "article": st.article_id,
                "file": _where(article) if article else None,
                "outlet": article.outlet if article else None,
                "value": st.value,
                "claimant": st.claimant,
                "when": None if st.when is None else [iso(st.when.start), iso(st.when.end)],
                "sentence": st.sentence,
                "span": [st.start, st.end],
            }
        )
    return {"slot": row.slot, "status": row.status, "note": row.note, "statements": sides}


def story_detail_view(detail: StoryDetail) -> dict[str, Any]:
    """A story with its timeline and comparison, as ``wirewatch story ID --json`` prints it."""
    items = {a.id: (a, x) for a, x in detail.items}
    view = story_view(detail.story, [a for a, _ in detail.items])
    view["timeline"] = [cluster_view(c, items) for c in _timeline(detail.clusters)]
    view["comparison"] = [comparison_view(c, items) for c in detail.comparisons]
    return view


def _timeline(clusters: Sequence[EventCluster]) -> list[EventCluster]:
    """Clusters in date order; undated ones last."""
    far = dt.date.max
    return sorted(
        clusters,
        key=lambda c: (
            c.date is None or c.date.start is None,
            (c.date.start if c.date and c.date.start else far),
        ),
    )


def entity_view(entity: Entity) -> dict[str, Any]:
    """An entity with its aliases and how many mentions support it."""
    return {
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "code": entity.code,
        "sector": entity.sector,
        "role": entity.role,
        "aliases": list(entity.aliases),
        "mentions": len(entity.mentions),
        "articles": len({m.article_id for m in entity.mentions}),
    }
