"""One actor across the corpus: the entity with its spellings and roles, and the events it
took part in as source and as target. What ``GET /api/actors/{key}`` and the web actor page
show.

An actor is named by an entity id, as ``entity_view`` gives it (``person:georgy-zinoviev``,
``state:RUS``, ``group:RUS.DIP``, ``org:NATO``), or by an actor code as the CLI's filters take
it (``RUS``, ``RUS.GOV``, ``NATO``). Events are found:

* for a person, where the event's actor is one of the person's mentions (every event actor is a
  stored mention, at the same offsets), so an event of "he" resolved to the person counts and
  another person of the same surname does not;
* for a state, organisation or group entity, by its code (``RUS``; a group by code and sector,
  ``RUS.DIP``), as ``wirewatch events --source`` matches: a state's events include those of
  its bodies (embassy, troops), as CAMEO codes them (``RUSDIP`` is Russia);
* for an actor code, by that code exactly as ``--source``/``--target`` match it.
"""

from __future__ import annotations

import re
from typing import Any

from ..errors import UsageError
from ..link.entities import actor_key, merge_entities
from ..records import Actor, Entity, Event
from ..store import ArticleRef, EventFilter, Store
from .findings import stored_event_view
from .stories import entity_view

_CODE = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?")

Rows = list[tuple[Event, ArticleRef]]


def actor_detail(
    store: Store, key: str, limit: int | None = None, offset: int = 0
) -> dict[str, Any] | None:
    """The actor ``key`` names, with its events; None when the store knows no such actor.

    ``{id, kind, name, code, sector, role, aliases, mentions, articles, roles, as_source,
    as_target, source_events, target_events}``: ``entity_view``'s keys, ``roles`` the distinct
    roles and titles its mentions give ("Ambassador", "First Vice Foreign Minister"),
    ``as_source``/``as_target`` its events (``stored_event_view``, date order; a page of each,
    ``offset`` skipped and at most ``limit`` kept) and ``source_events``/``target_events`` how
    many there are in all.

    Raises:
        UsageError: ``key`` is neither an entity id nor an actor code, or a negative limit or
            offset.
        StoreError: the store cannot be read.
    """
    if (limit is not None and limit < 0) or offset < 0:
        raise UsageError(f"limit and offset must not be negative (got {limit}, {offset})")
    mentions = store.mentions()
    found = merge_entities(mentions.items())
    if ":" in key:
        entity = next((e for e in found if e.id == key), None)
        if entity is None:
            return None
        as_source, as_target = _entity_events(store, entity)
    else:
        code = _code(key)
        entity = next((e for e in found if e.id == _entity_id(code)), None)
        as_source = store.events(EventFilter(source=code))
        as_target = store.events(EventFilter(target=code))
        if entity is None and not as_source and not as_target:
            return None
    if entity is not None:
        view = entity_view(entity) | {"roles": _roles(entity, mentions)}
    else:
        view = _bare_view(code)
    end = None if limit is None else offset + limit
    view["as_source"] = [stored_event_view(e, ref) for e, ref in as_source[offset:end]]
    view["as_target"] = [stored_event_view(e, ref) for e, ref in as_target[offset:end]]
    view["source_events"] = len(as_source)
    view["target_events"] = len(as_target)
    return view


def _code(key: str) -> str:
    """An actor code key, upper-cased.

    Raises:
        UsageError: not a code (``RUS``, ``RUS.GOV``) nor an entity id (``state:RUS``).
    """
    if not _CODE.fullmatch(key):
        raise UsageError(
            f"actor {key!r}: give an entity id (state:RUS, person:...) or a code (RUS, RUS.GOV)"
        )
    return key.upper()


def _split(code: str) -> tuple[str, str | None]:
    main, _, sector = code.partition(".")
    return main, sector or None


def _entity_id(code: str) -> str | None:
    """The id of the entity a code stands for (``RUS.GOV`` is the state ``state:RUS``)."""
    main, sector = _split(code)
    key = actor_key(Actor(main, sector, main))
    return key[1] if key else None


def _bare_view(code: str) -> dict[str, Any]:
    """An actor that events name by code but no stored mention merged into an entity."""
    main, sector = _split(code)
    key = actor_key(Actor(main, sector, main))
    return {
        "id": key[1] if key else code,
        "kind": key[0] if key else "org",
        "name": code,
        "code": main,
        "sector": sector,
        "role": None,
        "aliases": [],
        "mentions": 0,
        "articles": 0,
        "roles": [],
    }


def _entity_events(store: Store, entity: Entity) -> tuple[Rows, Rows]:
    """An entity's events as source and as target (see the module docstring)."""
    if entity.kind == "person":
        spans = [(m.article_id, m.start, m.end) for m in entity.mentions]
        return store.actor_events("source", spans), store.actor_events("target", spans)
    code = entity.code or ""
    if entity.kind == "group" and entity.sector:
        code = f"{code}.{entity.sector}"
    return store.events(EventFilter(source=code)), store.events(EventFilter(target=code))


def _roles(entity: Entity, mentions: dict[str, list[Actor]]) -> list[str]:
    """The distinct roles its mentions state, in corpus order; spellings differing only in
    case are one (the first kept)."""
    spans = {(m.article_id, m.start, m.end) for m in entity.mentions}
    seen: dict[str, str] = {}
    for article_id, actors in mentions.items():
        for a in actors:
            if a.role and (article_id, a.start, a.end) in spans:
                seen.setdefault(a.role.casefold(), a.role)
    return list(seen.values())
