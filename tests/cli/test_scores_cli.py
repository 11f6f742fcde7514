"""Event model scores on the command line: `score` in the JSON and CSV of events, and
`--min-score` on `extract`, `events` and `dyad` (below it dropped, at or above it kept, events
with no score kept). The commands run in-process on a store of hand-made events."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tests.store.factory import make_article
from wirewatch import pipeline
from wirewatch.cli import app
from wirewatch.query.findings import EVENT_CSV_COLUMNS
from wirewatch.records import Actor, Article, DateRange, Event, Extraction
from wirewatch.store import Store

#: Each event's type and the score the model gave it (None: found by rules only).
SCORES: tuple[tuple[str, float | None], ...] = (
    ("ACCUSE", 0.2),
    ("THREATEN", None),
    ("CONSULT", 0.5),
    ("REJECT", 0.9),
)


def scored_events(a: Article) -> tuple[Event, ...]:
    end = a.text.index(".") + 1
    day = dt.date(2024, 5, 14)
    return tuple(
        Event(
            type=kind,
            source=Actor("KOR", "GOV", "The harbour council", 0, 19),
            target=Actor("RUS", None, "the ferry operator", 30, 48),
            mode=None,
            cameo="10",
            quad_class=1,
            goldstein=-1.0,
            date=DateRange(day, day, "explicit"),
            location=None,
            sentence=a.text[:end],
            sentence_start=0,
            sentence_end=end,
            trigger="postponed",
            trigger_start=20,
            trigger_end=29,
            rule="events.test.v1",
            score=score,
        )
        for kind, score in SCORES
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("scores") / "w.duckdb"
    a = make_article(11)
    with Store.open(path) as store:
        store.write_batch([a], [], {a.id: Extraction(a.id, events=scored_events(a), model="m-1")})
    return str(path)


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def _json_lines(result: Result) -> list[dict[str, Any]]:
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_events_json_has_score_only_where_the_model_scored(db: str) -> None:
    found = _json_lines(cli("events", "--db", db, "--json"))
    assert [(e["type"], e.get("score")) for e in found] == list(SCORES)
    assert "score" not in found[1]  # never a null score: the key is left out
    assert all("trigger" in e and "negated" in e for e in found)  # the other keys stay


def test_events_min_score_drops_lower_scores_and_keeps_unscored(db: str) -> None:
    def kept(threshold: str) -> list[str]:
        return [
            e["type"]
            for e in _json_lines(cli("events", "--db", db, "--json", "--min-score", threshold))
        ]

    assert kept("0") == ["ACCUSE", "THREATEN", "CONSULT", "REJECT"]
    assert kept("0.5") == ["THREATEN", "CONSULT", "REJECT"]  # at the threshold: kept
    assert kept("0.6") == ["THREATEN", "REJECT"]
    assert kept("1") == ["THREATEN"]  # no score: always kept


def test_events_csv_ends_with_the_score_column(db: str) -> None:
    result = cli("events", "--db", db, "--csv", "--min-score", "0.5")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == list(EVENT_CSV_COLUMNS) and rows[0][-1] == "score"
    assert [(r[EVENT_CSV_COLUMNS.index("type")], r[-1]) for r in rows[1:]] == [
        ("THREATEN", ""),
        ("CONSULT", "0.5"),
        ("REJECT", "0.9"),
    ]


def test_events_table_shows_the_score(db: str) -> None:
    result = cli("events", "--db", db, "--min-score", "0.9")
    assert result.exit_code == 0, result.output
    assert "2 events in" in result.stdout
    assert "score 0.90" in result.stdout and "score 0.20" not in result.stdout


def test_dyad_min_score_filters_timeline_and_trend(db: str) -> None:
    every = _json_lines(cli("dyad", "KOR", "RUS", "--db", db, "--json"))[0]
    assert sum(r["events"] for r in every["trend"]) == len(every["timeline"]) == 4
    view = _json_lines(cli("dyad", "RUS", "KOR", "--db", db, "--json", "--min-score", "0.5"))[0]
    assert [e["type"] for e in view["timeline"]] == ["THREATEN", "CONSULT", "REJECT"]
    assert sorted(r["type"] for r in view["trend"]) == ["CONSULT", "REJECT", "THREATEN"]


def test_extract_min_score_filters_the_events_found(monkeypatch: pytest.MonkeyPatch) -> None:
    a = make_article(12)

    def found(paths: Sequence[str], *_: object) -> Iterator[tuple[Article, Extraction]]:
        yield a, Extraction(a.id, events=scored_events(a))

    monkeypatch.setattr(pipeline, "extract_paths", found)
    every = _json_lines(cli("extract", "--json", "in.txt"))[0]["events"]
    assert [(e["type"], e.get("score")) for e in every] == list(SCORES)
    kept = _json_lines(cli("extract", "--json", "--min-score", "0.5", "in.txt"))[0]["events"]
    assert [e["type"] for e in kept] == ["THREATEN", "CONSULT", "REJECT"]
    table = cli("extract", "--min-score", "0.6", "in.txt")
    assert table.exit_code == 0, table.output
    assert "2 events" in table.stdout and "score 0.90" in table.stdout


@pytest.mark.parametrize("command", ["extract", "events"])
@pytest.mark.parametrize("value", ["1.5", "-0.1", "nan"])
def test_a_min_score_outside_0_to_1_is_a_one_line_usage_error(
    db: str, command: str, value: str, tmp_path: Path
) -> None:
    args = [str(tmp_path / "none.txt")] if command == "extract" else ["--db", db]
    result = cli(command, *args, "--min-score", value)
    assert result.exit_code == 2
    assert result.stderr.startswith("wirewatch: error: --min-score: must be from 0 to 1")
    assert result.stderr.count("\n") == 1
