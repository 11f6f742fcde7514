"""Event dates across a story's articles, including dates stated through anniversaries.

An event is "the same" when its source code, PLOVER type and target code are: the invasion is
``RUS ASSAULT UKR`` whether one article says "Putin launched a war against Ukraine on 22 February
2022" or another "Russia's invasion of Ukraine". An anniversary states a date too: "ahead of the
fourth anniversary of Russia's invasion of Ukraine on February 24" in a 2026 article says the
invasion began on 2022-02-24; "the war, which enters its fifth year on Tuesday" says it began four
years before that Tuesday. The anniversary's noun phrase is mapped to the event the extract stage
found in it (nominal patterns code "Russia's invasion of Ukraine"), or, for a bare "the war", to
the article's event whose trigger is that noun.

Only dates the text gives count (``explicit`` or ``relative``): the ``article`` basis is the
publication date standing in for an undated event, not a statement about it. Inside one article,
explicit and anniversary dates are all kept (two of them that differ are a contradiction inside
the source); relative dates are kept only when the article has no explicit one, and then only the
first report, since the same actors often do the same kind of thing twice in one story.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import Comparison, Event, Statement
from .lexicon import AnniversaryRule, lexicon, ordinal_value
from .statements import Item, date_relation, date_value, dates_near, judge, refine_day

EventKey = tuple[str | None, str, str | None]


@dataclass(frozen=True, slots=True)
class Anniversary:
    """A dated anniversary: the event it counts from, the day it falls on and what it implies."""

    key: EventKey
    day: dt.date
    years: int
    statement: Statement
    rule: str

    @property
    def event_date(self) -> dt.date:
        return _years_before(self.day, self.years)


def event_key(event: Event) -> EventKey:
    return (event.source.code, event.type, event.target.code if event.target else None)


def key_text(key: EventKey) -> str:
    return " ".join(part or "?" for part in key)


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def find_anniversaries(item: Item) -> list[Anniversary]:
    """Every anniversary in the article that names its day and an event it can be tied to."""
    found: list[Anniversary] = []
    for rule in lexicon().anniversaries:
        for m in rule.regex.finditer(item.article.text):
            got = _anniversary(item, rule, m)
            if got is not None:
                found.append(got)
    return found


def _anniversary(item: Item, rule: AnniversaryRule, m: re.Match[str]) -> Anniversary | None:
    count = ordinal_value(m.group("ord"))
    key = anniversary_event(item, m.start("np") if m.group("np") else -1, m.end("np"), m.start())
    if count is None or key is None:
        return None
    lex = lexicon()
    gap = lex.anniversary_date_gap if rule.years_back == 0 else lex.year_date_gap
    near = dates_near(item.extraction.dates, m.end(), m.end(), gap)
    if rule.years_back == 0:
        near = [d for d in near if d.start >= m.end()]
    days = [refine_day(d, item.article.text).point for d in near]
    day = next((d for d in days if d is not None), None)
    if day is None:
        return None
    years = count - rule.years_back
    value = _years_before(day, years).isoformat()
    return Anniversary(key, day, years, item.statement(m.start(), value), rule.name)


def anniversary_event(item: Item, np_start: int, np_end: int, before: int) -> EventKey | None:
    """The event a phrase names: one found inside ``[np_start, np_end)``, else the article's
    event whose trigger is the phrase's last word, else (no phrase: "..., which enters its fifth
    year") the nearest event of the sentence before ``before``."""
    events = item.extraction.events
    if np_start >= 0:
        inside = [e for e in events if np_start <= e.trigger_start < np_end]
        if inside:
            return event_key(inside[0])
        head = item.article.text[np_start:np_end].split()[-1].lower()
        same = [e for e in events if e.trigger.lower() == head and e.source.code]
        return event_key(same[0]) if same else None
    start, _ = item.sentence_at(before)
    prior = [e for e in events if start <= e.trigger_start < before and e.source.code]
    return event_key(prior[-1]) if prior else None


def _reported(item: Item) -> dict[EventKey, list[Statement]]:
    """Per event key, the dates this article gives its events (see the module docstring)."""
    explicit: dict[EventKey, list[Statement]] = defaultdict(list)
    relative: dict[EventKey, list[Statement]] = defaultdict(list)
    for event in item.extraction.events:
        if not event.happened or event.date is None or event.source.code is None:
            continue
        if event.date.basis not in ("explicit", "relative"):
            continue
        bucket = explicit if event.date.basis == "explicit" else relative
        bucket[event_key(event)].append(item.statement(event.trigger_start, date_value(event.date)))
    for key, found in relative.items():
        if key not in explicit:
            explicit[key].append(found[0])
    return explicit


def compare_dates(
    story_id: str, items: Sequence[Item]
) -> tuple[list[Comparison], list[Anniversary]]:
    """One ``date of ...`` slot per event key dated by at least one article; also returns the
    anniversaries found (planned happenings are dated by them)."""
    slots: dict[EventKey, list[Statement]] = defaultdict(list)
    notes: dict[EventKey, list[str]] = defaultdict(list)
    anniversaries: list[Anniversary] = []
    for item in items:
        for key, found in _reported(item).items():
            slots[key].extend(found)
        for ann in find_anniversaries(item):
            anniversaries.append(ann)
            slots[ann.key].append(ann.statement)
            notes[ann.key].append(
                f"{item.article.id}: {ann.years} years before {ann.day.isoformat()} "
                f"(an anniversary, {ann.rule})"
            )
    comparisons = []
    for key, found in slots.items():
        unique = list({(s.article_id, s.value, s.start): s for s in found}.values())
        status, note = judge(unique, date_relation)
        comparisons.append(
            Comparison(
                story_id,
                f"date of {key_text(key)}",
                status,
                tuple(unique),
                "; ".join(dict.fromkeys(filter(None, [note, *notes[key]]))),
            )
        )
    return comparisons, anniversaries
