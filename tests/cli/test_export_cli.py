"""`wirewatch export` (tables, GDELT, PLOVER) and `wirewatch report` on a store with the
examples and one hostile article ingested; the commands run in-process (the store is built
once per module by a real ingest)."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import duckdb
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from tests.cli.test_cli import run
from tests.conftest import EXAMPLES
from wirewatch.cli import app
from wirewatch.export import GDELT_COLUMNS, PLOVER_KEYS
from wirewatch.store import Store

EVIL_URL = "https://example.net/2026/03/04/finland-estonia-file"
EVIL = {
    "text": "Finland's foreign minister Aino Virtanen accused Estonia on Monday of hiding "
    "<script>alert(1)</script> in a customs file.\n\n"
    '"This <script>alert(2)</script> trick is unacceptable," Virtanen told reporters in '
    "Helsinki.\n\nEstonia's government rejected the accusation on Tuesday and said the customs "
    "file was clean.",
    "title": "Finland accuses Estonia <script>alert(3)</script>",
    "url": EVIL_URL,
    "published": "2026-03-04",
    "outlet": "Nordic <b>Post</b>",
}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("export")
    (folder / "evil.jsonl").write_text(json.dumps(EVIL) + "\n", "utf-8")
    path = str(folder / "w.duckdb")
    proc = run("ingest", "--db", path, str(EXAMPLES), str(folder / "evil.jsonl"))
    assert proc.returncode == 0, proc.stderr
    return path


def cli(*args: str) -> Result:
    return CliRunner().invoke(app, list(args))


def one_line_error(result: Result, *words: str) -> None:
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("wirewatch: error: ")
    for word in words:
        assert word in result.stderr


def story_with(db: str, needle: str) -> dict[str, Any]:
    listed = [json.loads(x) for x in cli("stories", "--db", db, "--json").stdout.splitlines()]
    return next(s for s in listed if any(needle in json.dumps(a) for a in s["articles"]))


# --- GDELT ------------------------------------------------------------------------------------


def test_gdelt_loads_in_duckdb_with_the_61_columns_in_order(db: str, tmp_path: Path) -> None:
    with_header, bare = tmp_path / "h.tsv", tmp_path / "n.tsv"
    for args, out in ((["--header"], with_header), ([], bare)):
        result = cli("export", "--format", "gdelt", *args, "--out", str(out), "--db", db)
        assert result.exit_code == 0, result.stderr
        assert re.match(r"wrote \d+ GDELT events", result.stderr)
    con = duckdb.connect()
    named = con.sql(f"SELECT * FROM read_csv('{with_header}', delim='\t', header=true)")
    assert len(named.columns) == 61 and tuple(named.columns) == GDELT_COLUMNS
    given = con.execute(
        "SELECT * FROM read_csv(?, delim='\t', header=false, names=?, all_varchar=true)",
        [str(bare), list(GDELT_COLUMNS)],
    )
    assert [d[0] for d in given.description] == list(GDELT_COLUMNS)
    rows = given.fetchall()
    assert len(rows) == len(named.fetchall()) > 5
    assert not bare.read_text("utf-8").startswith("GLOBALEVENTID")  # GDELT files have no header


def gdelt_rows(db: str) -> list[dict[str, str]]:
    result = cli("export", "--format", "gdelt", "--db", db)  # stdout by default
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert all(line.count("\t") == 60 for line in lines)
    return [dict(zip(GDELT_COLUMNS, line.split("\t"), strict=True)) for line in lines]


def test_gdelt_row_values(db: str) -> None:
    rows = gdelt_rows(db)
    assert len({r["GLOBALEVENTID"] for r in rows}) == len(rows)
    summons = next(
        r
        for r in rows
        if r["Actor1Code"].startswith("KOR") and r["EventCode"] == "114" and r["Year"] == "2024"
    )
    assert summons["SQLDATE"] == "20241021"
    assert summons["Actor2Code"] == "RUSGOV"  # the ambassador: DIP exported as GOV
    assert (summons["Actor2CountryCode"], summons["Actor2Name"]) == ("RUS", "RUSSIA")
    assert (summons["EventBaseCode"], summons["EventRootCode"]) == ("114", "11")
    assert (summons["QuadClass"], summons["IsRootEvent"]) == ("3", "1")
    assert summons["SOURCEURL"].startswith("https://news.example.org/asia/2024/10/21/")
    assert re.fullmatch(r"20\d{12}", summons["DATEADDED"])
    banner = [r for r in rows if r["NumSources"] == "2"]
    assert banner and all(r["NumArticles"] == "2" for r in banner)
    assert gdelt_rows(db) == rows  # the same store exports the same rows


# --- PLOVER -----------------------------------------------------------------------------------


def test_plover_lines_parse_and_carry_provenance(db: str, tmp_path: Path) -> None:
    out = tmp_path / "events.jsonl"
    result = cli("export", "--format", "plover", "--out", str(out), "--db", db)
    assert result.exit_code == 0, result.stderr
    records = [json.loads(x) for x in out.read_text("utf-8").splitlines()]
    # the event model's score follows the PLOVER keys on the events it scored
    assert records and all(tuple(r) in (PLOVER_KEYS, (*PLOVER_KEYS, "score")) for r in records)
    with Store.open(db, read_only=True) as store:
        texts = {a.id: a.text for a in store.articles()}
    for r in records:
        prov = r["provenance"]
        start, end = prov["sentence_span"]
        assert texts[prov["article_id"]][start:end] == r["event_text"]
        assert prov["url"] or prov["file"]
        assert r["event_id"].startswith(prov["article_id"] + "-")
    ids = {r["GLOBALEVENTID"] for r in gdelt_rows(db)}
    assert {str(r["gdelt_event_id"]) for r in records} == ids


# --- tables -----------------------------------------------------------------------------------


def test_parquet_without_table_writes_every_table(db: str, tmp_path: Path) -> None:
    out = tmp_path / "dump"
    result = cli("export", "--format", "parquet", "--out", str(out), "--db", db)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.parquet" for t in Store.tables())
    with Store.open(db, read_only=True) as store:
        counts = store.counts()
    for table, n in counts.items():
        assert pq.read_table(out / f"{table}.parquet").num_rows == n
    one = tmp_path / "events.jsonl"
    result = cli("export", "--table", "events", "--format", "jsonl", "--out", str(one), "--db", db)
    assert result.exit_code == 0 and len(one.read_text("utf-8").splitlines()) == counts["events"]


def test_bad_combinations_are_one_line_errors(db: str, tmp_path: Path) -> None:
    one_line_error(cli("export", "--format", "csv", "--db", db), "'csv'", "gdelt, plover")
    one_line_error(cli("export", "--format", "gdelt", "--table", "events", "--db", db), "--table")
    one_line_error(cli("export", "--format", "plover", "--header", "--db", db), "--header")
    a_file = tmp_path / "x.parquet"
    a_file.write_text("", "utf-8")
    one_line_error(cli("export", "--out", str(a_file), "--db", db), "directory")
    missing = tmp_path / "no" / "such" / "g.tsv"
    one_line_error(cli("export", "--format", "gdelt", "--out", str(missing), "--db", db), "--out")


# --- report -----------------------------------------------------------------------------------


def test_markdown_report_has_sections_and_citations(db: str) -> None:
    story = story_with(db, "banner")
    result = cli("report", story["id"], "--db", db)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    for heading in (
        "What happened",
        "Timeline",
        "Who said what",
        "Numbers and who claims them",
        "Where sources differ",
        "Sources",
    ):
        assert f"\n## {heading}\n" in text
    happened = text.split("## What happened")[1].split("##")[0]
    lines = [x for x in happened.splitlines() if x.startswith("- ")]
    assert lines and all(re.search(r"(\[\d\])+$", x) for x in lines)
    assert re.search(r"South Korea \(GOV\) made a request to Russia", happened)
    sources = text.split("## Sources")[1]
    assert "- [1] Harbour Post" in sources and "- [2] The Meridian Ledger" in sources


def test_html_report_escapes_what_articles_contain(db: str, tmp_path: Path) -> None:
    story = story_with(db, EVIL_URL)
    out = tmp_path / "r.html"
    result = cli("report", story["id"], "--format", "html", "--out", str(out), "--db", db)
    assert result.exit_code == 0, result.stderr
    html = out.read_text("utf-8")

    class Tags(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[str] = []
            self.links: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append(tag)
            self.links += [v or "" for k, v in attrs if k in ("href", "src")]

    parser = Tags()
    parser.feed(html)
    assert "script" not in parser.tags and "b" not in parser.tags
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in html
    assert [x for x in parser.links if not x.startswith("#")] == [EVIL_URL]
    assert "<style>" in html and "<link" not in html


def test_report_errors(db: str) -> None:
    one_line_error(cli("report", "s-nope", "--db", db), "no story 's-nope'")
    story = story_with(db, "banner")
    one_line_error(cli("report", story["id"], "--format", "pdf", "--db", db), "'pdf'")
