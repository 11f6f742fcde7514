"""Scoring extraction against an analyst's gold file (the shape of ``seeds.gold.yaml``).

Used by the acceptance test and by ``benchmarks/events_eval.py``, so the two cannot disagree on
what "found" means. A gold event is found when one extracted event of the same article:

- has one of the gold types (a gold ``type`` may list defensible alternatives),
- has the gold source code and one of the gold target codes,
- states it in a sentence that overlaps the gold ``evidence`` in the article text, and
- where the gold gives a date, has a date inside the gold range.

The gold is not exhaustive (an analyst lists what matters), so an extracted event that matches
no gold event counts against precision only as an estimate; the benchmark says so.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .records import Article, Claim, Event, Extraction, Quote, TimeExpression

_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def norm(text: str) -> str:
    """Text for comparison: straight quotes, single spaces, lower case."""
    return re.sub(r"\s+", " ", text.translate(_QUOTES)).strip().lower()


def _as_list(value: Any) -> list[Any]:
    return list(value) if isinstance(value, list) else [value]


def _day(value: Any) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def gold_range(value: Any) -> tuple[dt.date, dt.date] | None:
    """A gold date (a day or ``[first, last]``) as a range; None for null."""
    if value is None:
        return None
    days = [_day(v) for v in _as_list(value)]
    return days[0], days[-1]


def load_gold(path: str | Path) -> dict[str, Any]:
    """The gold file as parsed YAML."""
    data: dict[str, Any] = yaml.safe_load(Path(path).read_text("utf-8"))
    return data


def _sentence_overlaps(text: str, start: int, end: int, evidence: str) -> bool:
    """Whether the sentence ``text[start:end]`` and the evidence share words in place."""
    sentence = norm(text[start:end])
    key = norm(evidence)
    return key in sentence or sentence in key or _shared_run(sentence, key) >= 6


def _shared_run(a: str, b: str) -> int:
    """The longest run of consecutive words the two texts share."""
    wa, wb = a.split(), b.split()
    best = 0
    prev = [0] * (len(wb) + 1)
    for x in wa:
        cur = [0] * (len(wb) + 1)
        for j, y in enumerate(wb, 1):
            if x == y:
                cur[j] = prev[j - 1] + 1
                best = max(best, cur[j])
        prev = cur
    return best


def event_matches(gold: dict[str, Any], event: Event, text: str) -> bool:
    """Whether ``event`` is the gold event (type, source, target, date, evidence)."""
    if event.type not in _as_list(gold["type"]):
        return False
    if event.source.code != gold["source"]:
        return False
    if event.target is None or event.target.code not in _as_list(gold["target"]):
        return False
    wanted = gold_range(gold.get("date"))
    if wanted is not None:
        got = event.date
        if got is None or got.start is None or got.end is None:
            return False
        if got.start < wanted[0] or got.end > wanted[1]:
            return False
    return _sentence_overlaps(text, event.sentence_start, event.sentence_end, gold["evidence"])


def _words(text: str) -> set[str]:
    return {w for w in re.split(r"[\s\-]+", norm(text)) if len(w) > 3}


def quote_matches(gold: dict[str, Any], quote: Quote) -> bool:
    """The quote starts as the gold says and its speaker shares a name word with the gold's."""
    if not norm(quote.text).startswith(norm(gold["starts"])[:40]):
        return False
    speaker = quote.speaker
    names = [quote.speaker_text]
    if speaker is not None:
        names += [speaker.text, speaker.name]
    return bool(_words(gold["speaker"]) & _words(" ".join(n for n in names if n)))


def date_matches(gold: dict[str, Any], expr: TimeExpression) -> bool:
    """The expression covers the gold text and means the gold day or range."""
    key = norm(gold["text"])
    found = norm(expr.text)
    if not (key in found or found in key):
        return False
    wanted = gold_range(gold["means"])
    return wanted is not None and (expr.value.start, expr.value.end) == wanted


def claim_matches(gold: dict[str, Any], claim: Claim) -> bool:
    """Same value, stated in the gold evidence's sentence."""
    if abs(claim.value - float(gold["value"])) > 1e-6:
        return False
    return _shared_run(norm(claim.sentence), norm(gold["evidence"])) >= 3


@dataclass
class Tally:
    """Counts for precision, recall and F1."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_events(
    gold_events: Sequence[dict[str, Any]], events: Sequence[Event], text: str
) -> tuple[list[bool], list[bool]]:
    """For each gold event whether it was found, and for each event whether it matches one."""
    found = [any(event_matches(g, e, text) for e in events) for g in gold_events]
    used = [any(event_matches(g, e, text) for g in gold_events) for e in events]
    return found, used


def article_by_file(results: Sequence[tuple[Article, Extraction]], file: str) -> int | None:
    """Index of the result whose source file is named ``file``."""
    for i, (article, _) in enumerate(results):
        if Path(article.source).name == file:
            return i
    return None
