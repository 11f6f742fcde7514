"""The wirewatch command, end to end in subprocesses: each input format, refusals, exit codes,
idempotent re-ingest, export, and an ingest killed with SIGKILL midway."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from tests.conftest import EXAMPLES

PARAS = [
    "The harbour authority of Westmouth said on Monday that it had closed the northern quay "
    "after inspectors found damage to the sea wall during last week's storm.",
    "Fishing crews were told to use the southern basin until repairs are finished, which the "
    "authority expects to take about three weeks, a spokeswoman said.",
    "The town's mayor asked the regional government for emergency funds and said that the "
    "closure would cost local businesses several thousand pounds a day.",
]


def run(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "wirewatch", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        timeout=300,
    )


def article_text(n: int) -> str:
    lines = [f"Westmouth quay update number {n}", "By Ruth Adebayo | June 3, 2025 8:00 AM"]
    body = [
        p.replace("three weeks", f"{n % 9 + 2} weeks").replace("Monday", f"day {n}") for p in PARAS
    ]
    return "\n\n".join([*lines, *body, f"Story code {n} " * (n % 7 + 1)])


def test_clean_json_each_format(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(article_text(1), "utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps(
            {
                "text": "\n\n".join(PARAS),
                "title": "Quay shut",
                "published": "2025-06-02",
                "outlet": "Coast Radio",
                "url": "https://example.org/q",
            }
        )
        + "\n",
        "utf-8",
    )
    html = (
        "<html lang='en'><head><title>Quay shut</title><meta property='og:site_name' "
        "content='Westmouth Echo'></head><body><article><h1>Quay shut</h1>"
        + "".join(f"<p>{p}</p>" for p in PARAS)
        + "</article></body></html>"
    )
    (tmp_path / "c.html").write_text(html, "utf-8")
    proc = run("clean", "--json", str(tmp_path))
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [Path(r["file"].split("#")[0]).name for r in rows] == ["a.txt", "b.jsonl", "c.html"]
    for row in rows:
        assert {
            "file",
            "title",
            "byline",
            "outlet",
            "published",
            "published_source",
            "language",
            "text",
            "removed",
            "elided_dates",
            "duplicate_of",
        } <= row.keys()
        assert "harbour authority" in row["text"] and row["language"] == "en"
    assert rows[0]["byline"] == "Ruth Adebayo" and rows[0]["published_source"] == "byline"
    assert rows[1]["outlet"] == "Coast Radio" and rows[1]["published"] == "2025-06-02"
    assert rows[2]["outlet"] == "Westmouth Echo"
    # the JSON Lines copy has the same body as the HTML page: linked, not a new article
    assert rows[2]["duplicate_of"] == rows[1]["file"]


def test_clean_reads_stdin_and_explains() -> None:
    proc = run("clean", "--explain", "-", stdin="Skip to content\n\n" + "\n\n".join(PARAS))
    assert proc.returncode == 0, proc.stderr
    assert "harbour authority" in proc.stdout
    assert "navigation" in proc.stdout and "Skip to content" in proc.stdout


def test_refusals_are_one_line_each_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(article_text(2), "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "doc.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    proc = run("clean", "--json", str(tmp_path), str(tmp_path / "missing.txt"))
    assert proc.returncode == 1
    assert len(proc.stdout.splitlines()) == 1
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 3, errors
    assert all(line.startswith("wirewatch: refused ") for line in errors)
    assert any("empty.txt" in e and "empty" in e for e in errors)
    assert any("doc.pdf" in e and "PDF" in e for e in errors)
    assert "Traceback" not in proc.stderr


def test_ingest_is_idempotent_and_exports(tmp_path: Path) -> None:
    db = str(tmp_path / "w.duckdb")
    first = run("ingest", str(EXAMPLES), "--db", db)
    assert first.returncode == 0, first.stderr
    second = run("ingest", str(EXAMPLES), "--db", db)
    assert second.returncode == 0
    with duckdb.connect(db, read_only=True) as conn:
        articles = conn.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone()
        docs = conn.execute("SELECT count(*) FROM documents").fetchone()
    assert articles is not None and docs is not None
    assert articles[0] == articles[1] >= 3
    assert docs[0] == 5  # three files, one of them JSON Lines with three articles
    listing = run("articles", "--db", db, "--json")
    assert len(listing.stdout.splitlines()) == articles[0]
    out = tmp_path / "articles.parquet"
    exported = run(
        "export", "--table", "articles", "--format", "parquet", "--out", str(out), "--db", db
    )
    assert exported.returncode == 0, exported.stderr
    assert pq.read_table(out).num_rows == articles[0]
    bad = run("export", "--table", "nope", "--db", db)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "nope" in bad.stderr


def test_store_errors_are_one_line(tmp_path: Path) -> None:
    junk = tmp_path / "junk.duckdb"
    junk.write_bytes(b"this is not a database" * 100)
    proc = run("articles", "--db", str(junk))
    assert proc.returncode == 2
    assert proc.stderr.startswith("wirewatch: error: ") and proc.stderr.count("\n") == 1
    assert "junk.duckdb" in proc.stderr


def _wait_for_committed_batches(wal: Path, timeout: float = 120) -> None:
    """DuckDB appends to the write-ahead log at each commit: the schema migration writes it
    first, then every batch makes it grow. Wait for a few batches' worth of growth."""
    deadline = time.monotonic() + timeout
    while not (wal.exists() and wal.stat().st_size > 0) and time.monotonic() < deadline:
        time.sleep(0.01)
    after_migration = wal.stat().st_size
    while wal.stat().st_size < after_migration + 40_000 and time.monotonic() < deadline:
        time.sleep(0.01)


@pytest.mark.slow
def test_ingest_killed_midway_then_rerun_completes(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    total = 400
    for n in range(total):
        (corpus / f"{n:04d}.txt").write_text(article_text(n), "utf-8")
    db = tmp_path / "w.duckdb"
    env = {**os.environ, "WIREWATCH_BATCH_SIZE": "4"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "wirewatch", "ingest", str(corpus), "--db", str(db)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _wait_for_committed_batches(Path(str(db) + ".wal"))
    proc.send_signal(signal.SIGKILL)
    assert proc.wait() == -signal.SIGKILL, "ingest finished before it could be killed"
    with duckdb.connect(str(db), read_only=True) as conn:
        partial = conn.execute("SELECT count(*) FROM documents").fetchone()
        orphans = conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS "
            "(SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)"
        ).fetchone()
    assert partial is not None and orphans == (0,)
    assert 0 < partial[0] < total
    rerun = run("ingest", str(corpus), "--db", str(db), env={"WIREWATCH_BATCH_SIZE": "64"})
    assert rerun.returncode == 0, rerun.stderr
    with duckdb.connect(str(db), read_only=True) as conn:
        docs = conn.execute("SELECT count(*), count(DISTINCT raw_hash) FROM documents").fetchone()
        stored = conn.execute("SELECT count(*) FROM articles").fetchone()
        dups = conn.execute("SELECT count(*) FROM duplicates").fetchone()
    assert docs == (total, total)
    assert stored is not None and dups is not None and stored[0] + dups[0] == total


def test_user_lexicon_adds_boilerplate_phrases(tmp_path: Path) -> None:
    promo = "Tune in to Harbour Radio every morning"
    page = tmp_path / "p.txt"
    page.write_text("\n\n".join([PARAS[0], promo, *PARAS[1:]]), "utf-8")
    plain = run("clean", "--json", str(page))
    assert promo in json.loads(plain.stdout)["text"]
    lexicon = tmp_path / "mine.yaml"
    lexicon.write_text("categories:\n  station-promo:\n    - 'tune in to \\w+ radio'\n", "utf-8")
    custom = run("clean", "--json", "--lexicon", str(lexicon), str(page))
    row = json.loads(custom.stdout)
    assert promo not in row["text"]
    assert {"text": promo, "reason": "station-promo", "rule": "clean.text.phrase.v1"} in row[
        "removed"
    ]
    broken = tmp_path / "broken.yaml"
    broken.write_text("categories:\n  x:\n    - '(unclosed'\n", "utf-8")
    bad = run("clean", "--lexicon", str(broken), str(page))
    assert bad.returncode == 2 and "broken.yaml" in bad.stderr and bad.stderr.count("\n") == 1
