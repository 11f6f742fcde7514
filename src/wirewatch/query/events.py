"""Event filters from what a user types: the checks the HTTP API and the web pages share with
the CLI's ``wirewatch events`` options (actor codes, a PLOVER type, YYYY-MM-DD days, a
minimum model score)."""

from __future__ import annotations

import datetime as dt
import re

from ..errors import UsageError
from ..extract.events import PLOVER_TYPES
from ..store import EventFilter

_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_CODE = re.compile(r"[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)?")

#: The PLOVER event types, as the ``type`` filter takes them.
EVENT_TYPES: tuple[str, ...] = PLOVER_TYPES


def parse_day(value: str | None, name: str) -> dt.date | None:
    """``YYYY-MM-DD`` as a date; None for None or "".

    Raises:
        UsageError: anything else, or a day that does not exist; the message names ``name``.
    """
    if not value:
        return None
    try:
        if _DAY.fullmatch(value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise UsageError(f"{name}: {value!r} is not a date (YYYY-MM-DD)")


def parse_type(value: str | None) -> str | None:
    """A PLOVER type in capitals (any case accepted); None for None or "".

    Raises:
        UsageError: not one of ``EVENT_TYPES``; the message lists them.
    """
    if not value:
        return None
    if value.upper() not in EVENT_TYPES:
        raise UsageError(f"type: {value!r} is not a PLOVER type; one of {', '.join(EVENT_TYPES)}")
    return value.upper()


def parse_code(value: str | None, name: str) -> str | None:
    """An actor code (``RUS``, ``NATO``) or code and sector (``RUS.GOV``), upper-cased; None
    for None or "".

    Raises:
        UsageError: anything else; the message names ``name``.
    """
    if not value:
        return None
    if not _CODE.fullmatch(value):
        raise UsageError(f"{name}: {value!r} is not an actor code (RUS, NATO, RUS.GOV)")
    return value.upper()


def parse_min_score(value: float | None, name: str = "min_score") -> float | None:
    """A minimum event model score: a number from 0 to 1, or None for no filter.

    Raises:
        UsageError: anything outside 0-1 (or not a number); the message names ``name``.
    """
    if value is None:
        return None
    if not 0.0 <= value <= 1.0:  # NaN fails too
        raise UsageError(f"{name}: must be from 0 to 1, a model probability (got {value!r})")
    return float(value)


def event_filter(
    source: str | None = None,
    target: str | None = None,
    type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    happened: bool = False,
    limit: int | None = None,
    offset: int = 0,
    min_score: float | None = None,
) -> EventFilter:
    """The ``EventFilter`` of these parameters, checked (empty strings mean no filter).

    Raises:
        UsageError: a bad code, type, day or minimum score, or ``since`` after ``until``; one
            line naming the parameter.
    """
    first, last = parse_day(since, "since"), parse_day(until, "until")
    if first and last and first > last:
        raise UsageError(f"since: {first} is after until ({last})")
    return EventFilter(
        source=parse_code(source, "source"),
        target=parse_code(target, "target"),
        type=parse_type(type),
        since=first,
        until=last,
        happened=happened,
        limit=limit,
        offset=offset,
        min_score=parse_min_score(min_score),
    )
