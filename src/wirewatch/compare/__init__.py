"""Where a story's sources agree, contradict or complement each other.

``compare_story`` reads the articles of one story with their extractions and returns one
``Comparison`` per slot: the date of each event (stated outright or through an anniversary), each
thing counted or measured, each planned happening, the outcome of a request, and every date an
article's source removed. Each slot carries every article's statement with its sentence, and a
status: ``agree``, ``contradict`` (between sources, or inside one, said in the note),
``complement``, ``compare with care`` (numbers from different claimants or times) or ``only one
source``. Pure over records: no I/O.

Counts are compared inside the story given. To set numbers side by side across stories (troop
numbers reported in 2024 and in 2026), pass a story that holds all the articles to compare.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from ..records import Article, Comparison, EventCluster, Extraction, Statement, Story
from .counts import compare_counts
from .dates import compare_dates
from .outcomes import compare_outcomes
from .planned import compare_planned
from .statements import Item

__all__ = ["compare_numbers", "compare_story"]


def compare_story(
    story: Story,
    items: Sequence[tuple[Article, Extraction]],
    clusters: Sequence[EventCluster] = (),
) -> list[Comparison]:
    """Every comparison slot of ``story``, in order: event dates, counts, planned happenings,
    outcomes, elided dates.

    ``items`` are the story's articles with their extractions; articles not in
    ``story.article_ids`` are left out, and the order is the story's (publication order).
    ``clusters`` is accepted for the pipeline's contract but not used yet: events are matched by
    source code, type and target code, which is what clusters group on.
    """
    del clusters
    order = {article_id: i for i, article_id in enumerate(story.article_ids)}
    chosen = sorted(
        (Item.of(a, x) for a, x in items if a.id in order), key=lambda it: order[it.article.id]
    )
    dates, anniversaries = compare_dates(story.id, chosen)
    return [
        *dates,
        *compare_counts(story.id, chosen),
        *compare_planned(story.id, chosen, anniversaries),
        *compare_outcomes(story.id, chosen),
        *_elided(story.id, chosen),
    ]


def compare_numbers(
    slot_id: str, items: Sequence[tuple[Article, Extraction]]
) -> list[Comparison]:
    """The counts and measures of articles that need not report one happening (a dyad, an
    actor across stories), in publication order; only slots stated by two or more articles.
    Numbers from different claimants or times stay "compare with care", never contradictions.
    """
    chosen = sorted(
        (Item.of(a, x) for a, x in items),
        key=lambda it: (it.article.published.start or dt.date.max, it.article.id),
    )
    return [
        row
        for row in compare_counts(slot_id, chosen)
        if len({st.article_id for st in row.statements}) >= 2
    ]


def _elided(story_id: str, items: Sequence[Item]) -> list[Comparison]:
    """One ``elided date`` slot per place an article's source removed a date."""
    out = []
    for item in items:
        for gap in item.article.elided_dates:
            start, end = item.sentence_at(gap.start)
            text = item.article.text[start:end].strip()
            statement = Statement(item.article.id, "date removed", text, start, end)
            note = f"the source removed a date here: {gap.context!r}; not filled in"
            out.append(Comparison(story_id, "elided date", "only one source", (statement,), note))
    return out
