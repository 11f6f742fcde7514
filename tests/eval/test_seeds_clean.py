"""Acceptance: `wirewatch clean --json` on the five shared sample articles, against the gold.

Reads ../shared/eval/seeds.gold.yaml: every `keep` string kept, every `drop` string dropped,
the publication date with its provenance (or the inferred range), the title where the gold has
one, every elided date listed.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import GOLD, SHARED

if not GOLD.is_file():
    pytest.skip(
        f"shared sample not found at {SHARED} (set WIREWATCH_SHARED to its path)",
        allow_module_level=True,
    )


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _gold_articles() -> list[dict[str, Any]]:
    if not GOLD.is_file():
        return []
    return list(yaml.safe_load(GOLD.read_text("utf-8"))["articles"])


def _expected_provenance(file: str) -> str:
    """The gold states how a date is known in the comment beside it ("in the byline")."""
    lines = GOLD.read_text("utf-8").splitlines()
    start = next(i for i, ln in enumerate(lines) if file in ln)
    line = next(ln for ln in lines[start:] if re.match(r"\s+published:", ln))
    return "byline" if "byline" in line.partition("#")[2] else "metadata"


@pytest.fixture(scope="module")
def cleaned(seeds_dir: Path) -> dict[str, dict[str, Any]]:
    files = sorted(str(p) for p in seeds_dir.glob("*.txt"))
    proc = subprocess.run(
        [sys.executable, "-m", "wirewatch", "clean", "--json", *files],
        capture_output=True,
        text=True,
        check=True,
    )
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    return {Path(r["file"]).name: r for r in rows}


GOLD_ARTICLES = _gold_articles()
IDS = [a["file"] for a in GOLD_ARTICLES]


@pytest.mark.parametrize("gold", GOLD_ARTICLES, ids=IDS)
def test_keeps_and_drops(gold: dict[str, Any], cleaned: dict[str, dict[str, Any]]) -> None:
    text = _norm(cleaned[gold["file"]]["text"])
    for keep in gold.get("keep", []):
        assert _norm(str(keep)) in text, f"lost body text: {keep!r}"
    for drop in gold.get("drop", []):
        assert _norm(str(drop)) not in text, f"boilerplate left in: {drop!r}"


@pytest.mark.parametrize("gold", GOLD_ARTICLES, ids=IDS)
def test_published_date(gold: dict[str, Any], cleaned: dict[str, dict[str, Any]]) -> None:
    out = cleaned[gold["file"]]
    if gold.get("published") is not None:
        assert out["published"] == str(gold["published"])
        assert out["published_source"] == _expected_provenance(gold["file"])
    else:
        assert out["published"] is None
        expected = [str(d) for d in gold["published_inferred"]]
        assert out["published_source"] == "inferred"
        assert out["published_range"] == expected


@pytest.mark.parametrize("gold", GOLD_ARTICLES, ids=IDS)
def test_title_language_byline(gold: dict[str, Any], cleaned: dict[str, dict[str, Any]]) -> None:
    out = cleaned[gold["file"]]
    if gold.get("title"):
        assert out["title"] == gold["title"]
    assert out["language"] == gold["language"]
    byline = gold.get("byline")
    for name in [byline] if isinstance(byline, str) else byline or []:
        assert name in (out["byline"] or ""), f"byline misses {name!r}"


@pytest.mark.parametrize("gold", GOLD_ARTICLES, ids=IDS)
def test_elided_dates(gold: dict[str, Any], cleaned: dict[str, dict[str, Any]]) -> None:
    found = [_norm(e["context"]) for e in cleaned[gold["file"]]["elided_dates"]]
    expected = [_norm(str(e)) for e in gold.get("elided_dates", [])]
    for gap in expected:
        assert any(gap in context for context in found), f"elided date not reported: {gap!r}"
    assert len(found) == len(expected), f"unexpected elided dates: {found}"
