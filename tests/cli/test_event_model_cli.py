"""`--event-model` on `extract`: `none` gives the rules' events alone (no score), a folder with
no model stops with one line naming it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from wirewatch.cli import app

TEXT = (
    "SEOUL, March 3 (Wirewatch) - South Korea's foreign ministry on Monday condemned North "
    "Korea's missile launch and urged Pyongyang to return to talks, officials said.\n"
)


def test_rules_alone_give_unscored_events(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, "utf-8")
    done = CliRunner().invoke(app, ["extract", str(path), "--json", "--event-model", "none"])
    assert done.exit_code == 0, done.output
    events = [e for line in done.output.splitlines() for e in json.loads(line)["events"]]
    assert events, "the rules find the condemnation"
    assert all("score" not in e and e["rule"] != "events.learned.v1" for e in events)


def test_a_folder_without_a_model_is_one_clear_line(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, "utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    done = CliRunner().invoke(app, ["extract", str(path), "--event-model", str(empty)])
    assert done.exit_code == 2
    assert str(empty) in done.output and "no event model" in done.output
    assert len(done.output.strip().splitlines()) == 1
