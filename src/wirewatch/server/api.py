"""The JSON API under ``/api``: the same views the CLI prints with ``--json``.

Every list is a page: ``{"items": [...], "total": N, "limit": L, "offset": O, "next": URL}``
(``next`` is the path of the following page, null on the last). ``limit`` is 1 to
``MAX_LIMIT`` (default ``DEFAULT_LIMIT``), ``offset`` 0 or more. Errors are
``{"error": "<one line>"}`` (see ``app``): 400 for a bad parameter, 404 for an unknown id.
Reads go through the request's cursor, so they go on while ``POST /api/ingest`` writes
(``ingest.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from pydantic import BaseModel, Field

from ..query import article_view
from ..query import stories as story_query
from ..query.actors import actor_detail
from ..query.events import EVENT_TYPES, event_filter, parse_code, parse_min_score
from ..query.findings import extraction_view, stored_event_view, trend_view
from ..query.search import search as search_store
from ..records import Article
from ..store import EventFilter, Store
from .app import cursor

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class ErrorBody(BaseModel):
    """Every error of the API: one line saying what is wrong."""

    error: str = Field(examples=["limit: must be at most 500 (got 501)"])


class Listing(BaseModel):
    """A page of a list."""

    items: list[dict[str, Any]]
    total: int = Field(description="Items in the whole list.")
    limit: int
    offset: int
    next: str | None = Field(description="Path of the next page; null on the last page.")


router = APIRouter(
    prefix="/api",
    tags=["api"],
    responses={
        400: {"model": ErrorBody, "description": "A bad parameter, named in the message."},
        500: {"model": ErrorBody, "description": "The store cannot be read."},
    },
)
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "No such item."}
}

StoreDep = Annotated[Store, Depends(cursor)]


@dataclass(frozen=True, slots=True)
class Page:
    """Which part of a list a request wants."""

    limit: int
    offset: int

    def of(self, items: list[Any]) -> list[Any]:
        """This page of a whole list."""
        return items[self.offset : self.offset + self.limit]


def page(
    limit: Annotated[
        int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page, 1 to {MAX_LIMIT}.")
    ] = DEFAULT_LIMIT,
    offset: Annotated[int, Query(ge=0, description="Items to skip: where the page starts.")] = 0,
) -> Page:
    return Page(limit, offset)


PageDep = Annotated[Page, Depends(page)]


def listing(request: Request, items: list[Any], total: int, at: Page) -> dict[str, Any]:
    """A page of a list, with the path of the next page when there is one."""
    following = None
    if at.offset + at.limit < total:
        url = request.url.include_query_params(limit=at.limit, offset=at.offset + at.limit)
        following = f"{url.path}?{url.query}"
    return {
        "items": items,
        "total": total,
        "limit": at.limit,
        "offset": at.offset,
        "next": following,
    }


@router.get("/health", summary="Row counts of the store")
def health(store: StoreDep) -> dict[str, Any]:
    """Row counts per table: a cheap check that the server reads its store."""
    return {"store": store.label, "counts": store.counts()}


@router.get("/articles", summary="List the stored articles", response_model=Listing)
def articles(request: Request, store: StoreDep, at: PageDep) -> dict[str, Any]:
    """Stored articles by publication day (unknown last), then id: each with its id, title,
    outlet, publication day, url or file, and language. ``GET /api/articles/{id}`` gives the
    text and findings of one."""
    found = store.articles(limit=at.limit, offset=at.offset)
    return listing(request, [_article_item(a) for a in found], store.article_count(), at)


def _article_item(article: Article) -> dict[str, Any]:
    view = article_view(article)
    keys = ("id", "title", "outlet", "published", "published_range", "url", "file", "language")
    return {k: view[k] for k in keys}


ArticleId = Annotated[str, Path(description="Article id, as `GET /api/articles` lists it.")]


@router.get("/articles/{article_id}", summary="One article with its findings", responses=NOT_FOUND)
def article(article_id: ArticleId, store: StoreDep) -> dict[str, Any]:
    """One article as ``wirewatch articles --json`` prints it (cleaned ``text``, what cleaning
    removed and why), with the ``events``, ``quotes``, ``claims`` and ``dates`` found in it,
    each with its sentence and character span in ``text``."""
    found = store.article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r} (see /api/articles)")
    extraction = store.extractions([article_id]).get(article_id)
    view = article_view(found)
    if extraction is not None:
        findings = extraction_view(found, extraction)
        view |= {k: findings[k] for k in ("events", "quotes", "claims", "dates")}
    else:
        view |= {"events": [], "quotes": [], "claims": [], "dates": []}
    return view


CodeQuery = Annotated[
    str | None, Query(description="Actor code, e.g. RUS, NATO, or code and sector, RUS.GOV.")
]
MinScoreQuery = Annotated[
    float | None,
    Query(
        description="Leave out events the event model scored below this (0 to 1); events with "
        "no score (found by rules only) are kept."
    ),
]


@router.get("/events", summary="Query the stored events", response_model=Listing)
def events(
    request: Request,
    store: StoreDep,
    at: PageDep,
    source: CodeQuery = None,
    target: CodeQuery = None,
    type: Annotated[
        str | None, Query(description="PLOVER event type: " + ", ".join(EVENT_TYPES) + ".")
    ] = None,
    since: Annotated[
        str | None, Query(description="Events dated on or after this day (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, Query(description="Events dated on or before this day (YYYY-MM-DD).")
    ] = None,
    happened: Annotated[
        bool,
        Query(
            description="Only events stated as having happened (not negated, hypothetical "
            "or planned)."
        ),
    ] = False,
    min_score: MinScoreQuery = None,
) -> dict[str, Any]:
    """Stored events in date order (undated last), filtered as ``wirewatch events`` filters
    them; each with its sentence and the article it came from. With ``since``/``until``,
    undated events are left out; with ``min_score``, those the model scored below it."""
    where = event_filter(
        source, target, type, since, until, happened, at.limit, at.offset, min_score
    )
    rows = store.events(where)
    items = [stored_event_view(e, ref) for e, ref in rows]
    return listing(request, items, store.count_events(where), at)


@router.get("/stories", summary="List the stories", response_model=Listing)
def stories(request: Request, store: StoreDep, at: PageDep) -> dict[str, Any]:
    """Stories, oldest first: articles from any outlet that report the same happening, as
    ``wirewatch stories --json`` prints them."""
    found = story_query.stories(store)
    shown = at.of(found)
    by_id = {a.id: a for a in store.articles_by_id([i for s in shown for i in s.article_ids])}
    items = [
        story_query.story_view(s, [by_id[i] for i in s.article_ids if i in by_id]) for s in shown
    ]
    return listing(request, items, len(found), at)


StoryId = Annotated[str, Path(description="Story id, as `GET /api/stories` lists it.")]


@router.get(
    "/stories/{story_id}", summary="One story: timeline and comparison", responses=NOT_FOUND
)
def story(story_id: StoryId, store: StoreDep) -> dict[str, Any]:
    """One story as ``wirewatch story ID --json`` prints it: its articles, the ``timeline`` of
    its events (each with every report of it) and the ``comparison`` of what its sources say
    (agree, contradict, complement, only one source)."""
    match = story_query.find_story(store, story_id)
    if match is None:
        raise HTTPException(404, f"no story {story_id!r} (see /api/stories)")
    return story_query.story_detail_view(story_query.story_detail(store, match))


ActorPath = Annotated[str, Path(description="Actor code, e.g. RUS, or code and sector, RUS.GOV.")]


@router.get("/dyads/{a}/{b}", summary="Relations between two actors")
def dyad(
    request: Request,
    a: ActorPath,
    b: ActorPath,
    store: StoreDep,
    at: PageDep,
    by: Annotated[Literal["week", "month"], Query(description="Trend period.")] = "month",
    min_score: MinScoreQuery = None,
) -> dict[str, Any]:
    """Events between ``a`` and ``b`` either way round, as ``wirewatch dyad --json``: the
    ``timeline`` (a page of the events, in date order), the ``trend`` (events stated as
    having happened, per period and type, with their Goldstein total) and the ``numbers``
    their articles state, compared across the articles."""
    first, second = parse_code(a, "a") or a, parse_code(b, "b") or b
    threshold = parse_min_score(min_score)
    where = EventFilter(dyad=(first, second), limit=at.limit, offset=at.offset, min_score=threshold)
    timeline = [stored_event_view(e, ref) for e, ref in store.events(where)]
    return {
        "actors": [first, second],
        "timeline": listing(request, timeline, store.count_events(where), at),
        "trend": trend_view(store.trend(first, second, by, threshold)),
        "numbers": story_query.dyad_numbers(store, first, second),
    }


@router.get("/entities", summary="List the actors across the corpus", response_model=Listing)
def entities(request: Request, store: StoreDep, at: PageDep) -> dict[str, Any]:
    """One entity per real actor (person, state, organisation, group), most mentioned first,
    with every spelling used for it. ``GET /api/actors/{id}`` gives one with its events."""
    found = story_query.entities(store)
    return listing(request, [story_query.entity_view(e) for e in at.of(found)], len(found), at)


ActorKey = Annotated[
    str,
    Path(
        description="An entity id as `GET /api/entities` gives it (state:RUS, "
        "person:georgy-zinoviev, group:RUS.DIP, org:NATO) or an actor code (RUS, RUS.GOV)."
    ),
]


@router.get("/actors/{key}", summary="One actor with its events", responses=NOT_FOUND)
def actor(key: ActorKey, store: StoreDep, at: PageDep) -> dict[str, Any]:
    """An actor: its entity (name, code, every spelling, the roles it is given) and the
    events it took part in, ``as_source`` and ``as_target`` (a page of each, ``limit`` and
    ``offset`` applying to both; ``source_events`` and ``target_events`` count them all).
    A person's events are those whose actor is one of its mentions; a state's or an
    organisation's, those with its code."""
    found = actor_detail(store, key, limit=at.limit, offset=at.offset)
    if found is None:
        raise HTTPException(404, f"no actor {key!r} (see /api/entities)")
    return found | {"limit": at.limit, "offset": at.offset}


@router.get("/search", summary="Search articles and events")
def search(
    request: Request,
    store: StoreDep,
    at: PageDep,
    q: Annotated[
        str,
        Query(description="Words that must all occur (any case; 'sanction' finds 'sanctions')."),
    ],
) -> dict[str, Any]:
    """Articles (title and text) and events (sentence) containing every word of ``q``, most
    occurrences first; a page of each, with ``total`` per list. Article hits carry a plain-text
    ``snippet`` around the first occurrence."""
    found = search_store(store, q, at.limit, at.offset)
    total = max(found["articles"]["total"], found["events"]["total"])
    more = listing(request, [], total, at)
    return found | {"limit": at.limit, "offset": at.offset, "next": more["next"]}
