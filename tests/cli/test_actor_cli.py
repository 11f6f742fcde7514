"""`wirewatch actor`: how a phrase is coded and why, end to end in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.test_cli import run


def test_actor_json_gives_the_coding_the_entry_and_the_article_country() -> None:
    proc = run(
        "actor", "--json", "--date", "2019-03-01", "--context", "NAIROBI (Reuters) -",
        "Senate Democrats", "the Supreme Court",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    democrats, court = (json.loads(line) for line in proc.stdout.splitlines())
    assert democrats["mention"]["code"] == "USA" and democrats["mention"]["sector"] == "LEG"
    assert democrats["knowledge_base"]["name"] == "Democratic Party"
    assert (court["mention"]["code"], court["mention"]["basis"]) == ("KEN", "context")
    assert court["article_country"] == {"code": "KEN", "why": "dateline"}


def test_actor_table_shows_the_dated_roles_behind_a_person() -> None:
    proc = run("actor", "--date", "2008-05-01", "Barack Obama")
    assert proc.returncode == 0, proc.stderr
    assert "USA.LEG" in proc.stdout and "senator (LEG)" in proc.stdout
    assert "heads_americas.yaml" in proc.stdout


def test_actor_with_a_user_file_and_a_bad_date(tmp_path: Path) -> None:
    user = tmp_path / "actors.csv"
    user.write_text("name,aliases,code,sector\nHarbour League,,HBL,IGO\n", "utf-8")
    proc = run("actor", "--json", "--actors", str(user), "the Harbour League")
    assert json.loads(proc.stdout)["mention"]["code"] == "HBL"
    bad = run("actor", "--date", "next week", "the Senate")
    assert bad.returncode == 2 and "'next week' is not a date (YYYY-MM-DD)" in bad.stderr
