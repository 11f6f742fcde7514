"""PLOVER events as JSON Lines, in the shape of POLECAT records: one event report per line.

Each line is one article's report of an event that happened (negated, hypothetical and planned
events are left out, as in the GDELT export): PLOVER/POLECAT fields where they fit, the CAMEO
code, QuadClass and Goldstein score as extras, and the provenance a reader needs to check it.
Reports of the same event share ``cluster_id`` and ``gdelt_event_id`` (the GDELT export's
``GLOBALEVENTID`` of that event), so the two exports join.

Field names follow POLECAT (actor / recipient rather than source / target, ``story_date`` for
the article's publication date, ``publisher`` for the outlet, ``placename`` for the raw place
name); see README "Exports and reports" for the full mapping.
"""

from __future__ import annotations

import json
from typing import Any, TextIO

from ..query.findings import iso
from ..query.names import code_name, is_state
from ..records import Actor, EventCluster
from ..store import Store
from .clusters import Report, clustered_stories
from .gdelt import global_event_id

__all__ = ["PLOVER_KEYS", "plover_record", "write_plover"]

_ACTOR_PARTS = ("name", "name_raw", "code", "country", "sector", "title")

#: Top-level keys of every exported line, in order (a scored event adds ``score`` after them).
PLOVER_KEYS: tuple[str, ...] = (
    "event_id",
    "event_date",
    "event_date_range",
    "event_date_basis",
    "event_type",
    "event_mode",
    "event_text",
    "contexts",
    *(f"{role}_{part}" for role in ("actor", "recipient") for part in _ACTOR_PARTS),
    "placename",
    "story_date",
    "story_id",
    "headline",
    "publisher",
    "language",
    "cameo",
    "quad_class",
    "goldstein",
    "cluster_id",
    "gdelt_event_id",
    "provenance",
)


def _actor_fields(role: str, actor: Actor | None) -> dict[str, Any]:
    """``{role}_name`` (a person's name, else the code's name, else the words), ``_name_raw``
    (the words), ``_code``, ``_country`` (ISO3 when a state), ``_sector``, ``_title`` (role)."""
    if actor is None:
        return {f"{role}_{part}": None for part in _ACTOR_PARTS}
    name = actor.name or (code_name(actor.code) if actor.code else actor.text)
    return {
        f"{role}_name": name,
        f"{role}_name_raw": actor.text,
        f"{role}_code": actor.code,
        f"{role}_country": actor.code if is_state(actor.code) else None,
        f"{role}_sector": actor.sector,
        f"{role}_title": actor.role,
    }


def plover_record(story_id: str, cluster: EventCluster, report: Report) -> dict[str, Any]:
    """One report of a clustered event as a POLECAT-style record (keys: ``PLOVER_KEYS``, then
    the event model's ``score`` only when a model scored the event)."""
    event, article = report.event, report.article
    date = event.date
    day = (date.start or date.end) if date else None
    record: dict[str, Any] = {
        "event_id": f"{article.id}-{report.idx}",
        "event_date": iso(day),
        "event_date_range": [iso(date.start), iso(date.end)] if date else None,
        "event_date_basis": date.basis if date else None,
        "event_type": event.type,
        "event_mode": event.mode,
        "event_text": event.sentence,
        "contexts": [],
        **_actor_fields("actor", event.source),
        **_actor_fields("recipient", event.target),
        "placename": event.location,
        "story_date": iso(article.published.point),
        "story_id": story_id,
        "headline": article.title,
        "publisher": article.outlet,
        "language": article.language,
        "cameo": event.cameo,
        "quad_class": event.quad_class,
        "goldstein": event.goldstein,
        "cluster_id": cluster.id,
        "gdelt_event_id": global_event_id(cluster.id),
        "provenance": {
            "article_id": article.id,
            "url": article.url,
            "file": article.source,
            "sentence_span": [event.sentence_start, event.sentence_end],
            "trigger": event.trigger,
            "trigger_span": [event.trigger_start, event.trigger_end],
            "rule": event.rule,
        },
    }
    if event.score is not None:
        record["score"] = event.score
    return record


def write_plover(store: Store, out: TextIO) -> int:
    """Write every clustered event report of the store to ``out`` as JSON Lines; returns the
    lines written.

    Raises:
        StoreError: the store cannot be read.
    """
    lines = 0
    for found in clustered_stories(store):
        for cluster in found.clusters:
            for report in found.reports(cluster):
                record = plover_record(found.story.id, cluster, report)
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                lines += 1
    return lines
