"""`wirewatch extract` and `wirewatch events`, end to end in subprocesses on the examples."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from tests.cli.test_cli import run
from tests.conftest import EXAMPLES
from wirewatch.query.findings import EVENT_CSV_COLUMNS, EVENT_KEYS, EXTRACTION_KEYS

WIRE = str(EXAMPLES / "wire.jsonl")


@pytest.fixture(scope="module")
def extracted() -> list[dict[str, Any]]:
    proc = run("extract", "--json", WIRE)
    assert proc.returncode == 0, proc.stderr
    return [json.loads(line) for line in proc.stdout.splitlines()]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("events") / "w.duckdb")
    proc = run("ingest", "--db", path, str(EXAMPLES))
    assert proc.returncode == 0, proc.stderr
    return path


def test_extract_json_gives_one_object_per_line_of_a_jsonl_file(
    extracted: list[dict[str, Any]],
) -> None:
    assert [Path(x["file"]).name for x in extracted] == [
        "wire.jsonl#L1",
        "wire.jsonl#L2",
        "wire.jsonl#L3",
    ]
    for x in extracted:
        assert set(EXTRACTION_KEYS) <= set(x)
        for event in x["events"]:
            assert set(EVENT_KEYS) <= set(event)
            assert {"code", "sector", "text"} <= set(event["source"])


def test_extract_finds_the_summons_dated_by_the_article(extracted: list[dict[str, Any]]) -> None:
    first = extracted[0]
    summons = [
        e
        for e in first["events"]
        if e["source"]["code"] == "KOR" and (e["target"] or {}).get("code") == "RUS"
    ]
    assert summons, first["events"]
    assert any(
        e["date"] and e["date"]["start"] == e["date"]["end"] == "2024-10-21" for e in summons
    )
    monday = [d for d in first["dates"] if d["text"].lower().endswith("monday")]
    assert monday and monday[0]["start"] == monday[0]["end"] == "2024-10-21"


def test_extract_spans_point_into_the_cleaned_text(extracted: list[dict[str, Any]]) -> None:
    proc = run("clean", "--json", WIRE)
    texts = {
        json.loads(line)["file"]: json.loads(line)["text"] for line in proc.stdout.splitlines()
    }
    for x in extracted:
        text = texts[x["file"]]
        for e in x["events"]:
            start, end = e["span"]
            assert text[start:end] == e["sentence"]
        for d in x["dates"]:
            assert text[d["span"][0] : d["span"][1]] == d["text"]


def test_a_planned_summit_is_marked_future(extracted: list[dict[str, Any]]) -> None:
    summit = extracted[2]
    meets = [e for e in summit["events"] if e["type"] == "CONSULT"]
    assert meets and all(e["future"] or e["hypothetical"] for e in meets), summit["events"]


def test_extract_reports_refused_input(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", "utf-8")
    proc = run("extract", "--json", str(empty))
    assert proc.returncode == 1
    assert f"wirewatch: refused {empty}: empty file" in proc.stderr


def test_extract_with_an_unknown_model_is_a_usage_error(tmp_path: Path) -> None:
    proc = run("extract", "--model", "no_such_pipeline", WIRE)
    assert proc.returncode == 2
    assert "spaCy pipeline 'no_such_pipeline' is not installed" in proc.stderr


def test_events_filters_by_source_target_type_and_date(db: str) -> None:
    every = [json.loads(x) for x in run("events", "--db", db, "--json").stdout.splitlines()]
    assert every and all(e["file"] and e["sentence"] for e in every)
    kor = [
        json.loads(x)
        for x in run("events", "--db", db, "--json", "--source", "kor").stdout.splitlines()
    ]
    assert kor and all(e["source"]["code"] == "KOR" for e in kor)
    assert len(kor) < len(every)
    kinds = {e["type"] for e in every}
    one = sorted(kinds)[0]
    typed = run("events", "--db", db, "--json", "--type", one.lower()).stdout.splitlines()
    assert typed and all(json.loads(x)["type"] == one for x in typed)
    late = run("events", "--db", db, "--json", "--since", "2025-01-01").stdout.splitlines()
    assert late and all(json.loads(x)["date"]["end"] >= "2025-01-01" for x in late)
    early = run("events", "--db", db, "--json", "--until", "2024-12-31").stdout.splitlines()
    assert early and all(json.loads(x)["date"]["start"] <= "2024-12-31" for x in early)
    assert len(late) + len(early) <= len(every)


def test_events_csv_has_a_header_and_one_row_per_event(db: str) -> None:
    proc = run("events", "--db", db, "--csv", "--target", "RUS")
    rows = list(csv.reader(io.StringIO(proc.stdout)))
    assert rows[0] == list(EVENT_CSV_COLUMNS)
    assert len(rows) > 1
    assert all(r[EVENT_CSV_COLUMNS.index("target_code")] == "RUS" for r in rows[1:])


def test_events_table_and_bad_date(db: str) -> None:
    table = run("events", "--db", db)
    assert table.returncode == 0 and "events in" in table.stdout
    bad = run("events", "--db", db, "--since", "last tuesday")
    assert bad.returncode == 2
    assert "'last tuesday' is not a date (YYYY-MM-DD)" in bad.stderr


def test_user_actor_and_pattern_files_extend_the_builtin_ones(tmp_path: Path) -> None:
    article = tmp_path / "a.jsonl"
    text = (
        "The Harbour League snubbed the Chilean government on Tuesday, declining an invitation "
        "to the regional fisheries talks in Valparaiso, officials said."
    )
    article.write_text(json.dumps({"text": text, "published": "2025-05-08"}) + "\n", "utf-8")
    actors = tmp_path / "actors.csv"
    actors.write_text("name,aliases,code,sector\nHarbour League,HL,HBL,IGO\n", "utf-8")
    patterns = tmp_path / "patterns.yaml"
    patterns.write_text(
        "verbs:\n  - {id: snub, verb: snub, type: REJECT, cameo: '12', target: [dobj]}\n", "utf-8"
    )
    before = json.loads(run("extract", "--json", str(article)).stdout)
    assert not [e for e in before["events"] if e["source"]["code"] == "HBL"]
    proc = run(
        "extract", "--json", "--actors", str(actors), "--patterns", str(patterns), str(article)
    )
    assert proc.returncode == 0, proc.stderr
    events = json.loads(proc.stdout)["events"]
    snub = [e for e in events if e["type"] == "REJECT" and e["source"]["code"] == "HBL"]
    assert snub and snub[0]["target"]["code"] == "CHL"
    assert snub[0]["date"]["start"] == "2025-05-06"


def test_a_bad_pattern_file_is_a_one_line_usage_error(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns.yaml"
    patterns.write_text("verbs: {snub: REJECT}\n", "utf-8")
    proc = run("extract", "--patterns", str(patterns), WIRE)
    assert proc.returncode == 2
    assert proc.stderr.startswith(f"wirewatch: error: {patterns}")
    assert len(proc.stderr.strip().splitlines()) == 1


def test_dyad_gives_timeline_and_trend_either_way_round(db: str) -> None:
    proc = run("dyad", "kor", "RUS", "--db", db, "--json")
    assert proc.returncode == 0, proc.stderr
    view = json.loads(proc.stdout)
    assert view["actors"] == ["KOR", "RUS"]
    pairs = {(e["source"]["code"], (e["target"] or {}).get("code")) for e in view["timeline"]}
    assert pairs and pairs <= {("KOR", "RUS"), ("RUS", "KOR")}
    assert view["trend"] and all(row["period"].endswith("-01") for row in view["trend"])
    assert isinstance(view["numbers"], list)
    weekly = json.loads(run("dyad", "RUS", "KOR", "--db", db, "--json", "--by", "week").stdout)
    assert sum(r["events"] for r in weekly["trend"]) == sum(r["events"] for r in view["trend"])
    table = run("dyad", "RUS", "KOR", "--db", db)
    assert "RUS <-> KOR" in table.stdout and "timeline" in table.stdout
