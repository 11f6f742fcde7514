"""`wirewatch stories`, `story`, `entities` and `brief` on the examples, end to end."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cli import run
from tests.conftest import EXAMPLES

STATUSES = {"agree", "contradict", "complement", "only one source", "compare with care"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("stories") / "w.duckdb")
    proc = run("ingest", "--db", path, str(EXAMPLES))
    assert proc.returncode == 0, proc.stderr
    return path


@pytest.fixture(scope="module")
def listed(db: str) -> list[dict[str, Any]]:
    proc = run("stories", "--db", db, "--json")
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


def test_stories_group_the_two_banner_reports(listed: list[dict[str, Any]]) -> None:
    places = sorted(
        sorted(Path(a.get("file") or a["url"]).name for a in s["articles"]) for s in listed
    )
    assert len(listed) == 3
    assert ["banner_scraped.txt", "seoul-russia-embassy-banner"] in places
    for s in listed:
        for a in s["articles"]:
            assert {"id", "outlet", "title", "published"} <= set(a)
            assert ("url" in a) != ("file" in a)


def test_story_json_has_timeline_and_comparison_with_sentences(
    db: str, listed: list[dict[str, Any]]
) -> None:
    banner = next(s for s in listed if len(s["articles"]) == 2)
    proc = run("story", banner["id"], "--db", db, "--json")
    assert proc.returncode == 0, proc.stderr
    view = json.loads(proc.stdout)
    assert view["id"] == banner["id"]
    assert view["timeline"] and all(r["sentence"] for c in view["timeline"] for r in c["reports"])
    assert view["comparison"]
    for row in view["comparison"]:
        assert row["status"] in STATUSES
        assert all(st["sentence"] and st["file"] for st in row["statements"])


def test_unknown_story_is_a_one_line_error(db: str) -> None:
    proc = run("story", "s-nope", "--db", db)
    assert proc.returncode == 2
    assert "no story 's-nope'" in proc.stderr


def test_entities_merge_capitals_with_their_state(db: str) -> None:
    proc = run("entities", "--db", db, "--json")
    assert proc.returncode == 0, proc.stderr
    views = [json.loads(line) for line in proc.stdout.splitlines()]
    korea = next(v for v in views if v["id"] == "state:KOR")
    assert {"South Korea", "Seoul"} <= set(korea["aliases"])
    zinoviev = [v for v in views if v["kind"] == "person" and "Zinoviev" in v["name"]]
    assert len(zinoviev) == 1


def test_brief_prints_every_story_with_timeline_and_comparison(db: str) -> None:
    proc = run("brief", "--db", db)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.count("timeline") == 3
    assert "where the sources agree and differ" in proc.stdout


def test_a_one_article_story_says_there_is_nothing_to_compare(
    db: str, listed: list[dict[str, Any]]
) -> None:
    single = next(s for s in listed if len(s["articles"]) == 1)
    proc = run("story", single["id"], "--db", db)
    assert "nothing to compare across sources" in proc.stdout
    full = json.loads(run("story", single["id"], "--db", db, "--json").stdout)
    assert all(row["status"] in STATUSES for row in full["comparison"])
