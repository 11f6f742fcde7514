"""Planned happenings across a story's articles ("a pro-war rally scheduled for Tuesday").

Two kinds are compared. Events the extract stage flagged ``future`` are keyed like dated events
(source code, type, target code). Happenings named by a noun (``compare.yaml``
``planned_nouns``: rally, summit, election ...) with a planning word beside it in the same
sentence (``planned_markers``: planned, scheduled, plans ...) are keyed by the noun. Their date is
the nearest date expression of the sentence after the noun (then before it), or, for "scheduled to
coincide with the anniversary of the invasion", the day the story's articles give that
anniversary in the article's year (said in the note). Dates that overlap are compatible: the
slot agrees when all dated values are equal.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from ..records import Comparison, Statement
from .dates import Anniversary, anniversary_event, event_key, key_text
from .lexicon import lexicon
from .statements import Item, date_relation, date_value, dates_near, judge, refine_day

UNDATED = "date not given"


def _relation(a: str, b: str) -> str:
    if UNDATED in (a, b):
        return "same" if a == b else "compatible"
    return date_relation(a, b)


def _singular(noun: str) -> str:
    low = noun.lower()
    if low.endswith("ies"):
        return low[:-3] + "y"
    if low.endswith("s") and not low.endswith("ss") and low != "talks":
        return low[:-1]
    return low


def _nouns(item: Item) -> list[re.Match[str]]:
    lex = lexicon()
    words = "|".join(sorted(lex.planned_nouns, key=len, reverse=True))
    found = []
    for m in re.finditer(rf"\b(?:{words})\b", item.article.text, re.IGNORECASE):
        start, end = item.sentence_at(m.start())
        low = max(start, m.start() - lex.planned_window)
        high = min(end, m.end() + lex.planned_window)
        if lex.planned_markers.search(item.article.text, low, high):
            found.append(m)
    return found


def _anniversary_day(
    item: Item, m: re.Match[str], anniversaries: Sequence[Anniversary]
) -> tuple[str, str] | None:
    """The day of the anniversary the happening is set on, from the story's anniversaries."""
    _, end = item.sentence_at(m.start())
    ref = lexicon().anniversary_refs.search(item.article.text, m.end(), end)
    if ref is None:
        return None
    group = "np" if ref.group("np") else "np2"
    key = anniversary_event(item, ref.start(group), ref.end(group), ref.start())
    year = item.article.published.start.year if item.article.published.start else None
    days = Counter(
        a.day for a in anniversaries if a.key == key and (year is None or a.day.year == year)
    )
    if not days:
        return None
    day, _ = days.most_common(1)[0]
    sources = sorted({a.statement.article_id for a in anniversaries if a.day == day})
    return (
        day.isoformat(),
        f"{item.article.id}: the anniversary's day as {', '.join(sources)} give it",
    )


def _planned_nouns(
    item: Item, anniversaries: Sequence[Anniversary]
) -> list[tuple[str, Statement, str]]:
    """(slot, statement, note) for each planned happening named by a noun in the article."""
    out = []
    for m in _nouns(item):
        start, end = item.sentence_at(m.start())
        near = dates_near(item.extraction.dates, m.end(), m.end(), lexicon().planned_window)
        near = [d for d in near if start <= d.start < end]
        value, note = UNDATED, ""
        if near:
            value = date_value(refine_day(near[0], item.article.text))
        elif (found := _anniversary_day(item, m, anniversaries)) is not None:
            value, note = found
        noun = _singular(m.group())
        slot = f"planned {lexicon().planned_kinds.get(noun, noun)}"
        out.append((slot, item.statement(m.start(), value), note))
    return out


def _future_events(item: Item) -> list[tuple[str, Statement, str]]:
    out = []
    for event in item.extraction.events:
        if event.future and not event.negated and event.source.code:
            value = date_value(event.date) if event.date else UNDATED
            slot = f"planned {key_text(event_key(event))}"
            out.append((slot, item.statement(event.trigger_start, value), ""))
    return out


def compare_planned(
    story_id: str, items: Sequence[Item], anniversaries: Sequence[Anniversary]
) -> list[Comparison]:
    """One slot per planned happening, with each article's date for it."""
    slots: dict[str, list[Statement]] = defaultdict(list)
    notes: dict[str, list[str]] = defaultdict(list)
    for item in items:
        for slot, statement, note in [
            *_planned_nouns(item, anniversaries),
            *_future_events(item),
        ]:
            slots[slot].append(statement)
            if note:
                notes[slot].append(note)
    comparisons = []
    for slot, found in slots.items():
        status, note = judge(found, _relation)
        if (
            status == "complement"
            and {s.value for s in found} - {UNDATED}
            and all(
                _relation(a.value, b.value) == "same"
                for a in found
                for b in found
                if UNDATED not in (a.value, b.value)
            )
        ):
            status = "agree"
        comparisons.append(
            Comparison(
                story_id, slot, status, tuple(found), "; ".join(filter(None, [note, *notes[slot]]))
            )
        )
    return comparisons
