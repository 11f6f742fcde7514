"""Acceptance: events, quotes, relative dates and claims of the five shared sample articles.

Reads ../shared/eval/seeds.gold.yaml and checks, over the five articles (matching rules in
``wirewatch.evaluate``):
- at least 90% of the gold events found with the right type (any listed alternative), source and
  target code, a sentence overlapping the evidence and, where the gold has one, a date inside
  the gold range;
- none of the ``not_events``;
- every gold quote with its speaker; every ``relative_dates`` entry resolved as the gold says;
  every gold claim with its value.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import GOLD, SHARED
from wirewatch import pipeline
from wirewatch.evaluate import (
    article_by_file,
    claim_matches,
    date_matches,
    event_matches,
    load_gold,
    quote_matches,
    score_events,
)
from wirewatch.records import Article, Extraction
from wirewatch.settings import Options

if not GOLD.is_file():
    pytest.skip(
        f"shared sample not found at {SHARED} (set WIREWATCH_SHARED to its path)",
        allow_module_level=True,
    )

GOLD_ARTICLES: list[dict[str, Any]] = load_gold(GOLD)["articles"]
Results = list[tuple[Article, Extraction]]


@pytest.fixture(scope="module")
def results(seeds_dir: Path) -> Results:
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    options = Options(event_model=os.environ.get("WIREWATCH_EVENT_MODEL", ""))  # shipped model
    out = [r for r in pipeline.extract_paths(files, options) if isinstance(r, tuple)]
    assert len(out) == len(files)
    return out


def _of(results: Results, file: str) -> tuple[Article, Extraction]:
    i = article_by_file(results, file)
    assert i is not None, f"{file} was not extracted"
    return results[i]


def test_at_least_90_percent_of_gold_events_are_found(results: Results) -> None:
    found: list[bool] = []
    missed: list[str] = []
    for gold in GOLD_ARTICLES:
        article, x = _of(results, gold["file"])
        happened = [e for e in x.events if e.happened]  # planned or negated ones don't count
        hits, _ = score_events(gold.get("events", []), happened, article.text)
        found += hits
        missed += [
            f"{gold['file']}: {g['source']} {g['type']} {g['target']}: {g['evidence']}"
            for g, hit in zip(gold.get("events", []), hits, strict=True)
            if not hit
        ]
    share = sum(found) / len(found)
    assert share >= 0.9, f"{sum(found)}/{len(found)} gold events found; missed:\n" + "\n".join(
        missed
    )


@pytest.mark.parametrize(
    "gold", [g for g in GOLD_ARTICLES if g.get("not_events")], ids=lambda g: g["file"]
)
def test_no_not_events(results: Results, gold: dict[str, Any]) -> None:
    article, x = _of(results, gold["file"])
    for bad in gold["not_events"]:
        wrong = [e for e in x.events if event_matches(bad, e, article.text)]
        assert not wrong, f"not an event of this article: {bad['evidence']}"


QUOTES = [(g["file"], q) for g in GOLD_ARTICLES for q in g.get("quotes", [])]


@pytest.mark.parametrize("file,gold", QUOTES, ids=[f"{f}:{q['starts'][:30]}" for f, q in QUOTES])
def test_every_gold_quote_with_its_speaker(
    results: Results, file: str, gold: dict[str, Any]
) -> None:
    _, x = _of(results, file)
    got = [(q.text[:60], q.speaker_text, q.speaker) for q in x.quotes]
    assert any(quote_matches(gold, q) for q in x.quotes), f"{gold} not in {got}"


DATES = [(g["file"], d) for g in GOLD_ARTICLES for d in g.get("relative_dates", [])]


@pytest.mark.parametrize("file,gold", DATES, ids=[f"{f}:{d['text']}" for f, d in DATES])
def test_every_relative_date_resolved(results: Results, file: str, gold: dict[str, Any]) -> None:
    _, x = _of(results, file)
    got = [(d.text, d.value.start, d.value.end) for d in x.dates]
    assert any(date_matches(gold, d) for d in x.dates), f"{gold} not in {got}"


CLAIMS = [(g["file"], c) for g in GOLD_ARTICLES for c in g.get("claims", [])]


@pytest.mark.parametrize("file,gold", CLAIMS, ids=[f"{f}:{c['value']}" for f, c in CLAIMS])
def test_every_gold_claim_with_its_value(results: Results, file: str, gold: dict[str, Any]) -> None:
    _, x = _of(results, file)
    got = [(c.value, c.what, c.sentence[:50]) for c in x.claims]
    assert any(claim_matches(gold, c) for c in x.claims), f"{gold} not in {got}"
