"""A writer killed with SIGKILL leaves whole batches only, and a re-run completes the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from wirewatch.store import Store

from .factory import make_batch, paragraph_count

BATCHES = 20
BATCH_SIZE = 50
KILL_AFTER = 3

#: The child: writes the batches, skipping seen raw hashes, and says when each one starts
#: writing and when it has committed.
_WRITER = """
import sys, time
sys.path.insert(0, sys.argv[1])
from factory import make_batch
from wirewatch.store import Store

db, batches, size = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with Store.open(db) as store:
    for b in range(batches):
        batch = make_batch(b, size)
        seen = store.seen_raw_hashes(a.raw_hash for a in batch)
        print(f"writing {b}", flush=True)
        store.write_batch([a for a in batch if a.raw_hash not in seen], [])
        print(f"committed {b}", flush=True)
        time.sleep(0.005)
"""


def _run_writer_until_killed(db: Path) -> int:
    """Start the writer and SIGKILL it once it has committed KILL_AFTER batches and begun
    writing the next (so the kill most likely lands inside that transaction); returns the
    commits it reported."""
    args = [str(Path(__file__).parent), str(db), str(BATCHES), str(BATCH_SIZE)]
    child = subprocess.Popen(
        [sys.executable, "-c", _WRITER, *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    committed = 0
    try:
        while True:
            line = child.stdout.readline()
            assert line, "the writer ended before it was killed"
            if line.startswith("committed"):
                committed += 1
            elif committed >= KILL_AFTER:
                break
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait(timeout=30)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL, "the writer finished before it was killed"
    return committed


@pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")
def test_killed_writer_leaves_whole_batches_and_rerun_completes(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    committed = _run_writer_until_killed(db)

    with Store.open(db) as store:
        counts = store.counts()
        stored = store.articles()
        assert counts["articles"] >= committed * BATCH_SIZE
        assert counts["articles"] % BATCH_SIZE == 0, "a batch was partly written"
        assert counts["documents"] == counts["articles"]
        for article in stored:
            n = int(article.source.split("/")[1].removesuffix(".txt"))
            assert len(article.paragraphs) == paragraph_count(n)
        assert counts["paragraphs"] == sum(len(a.paragraphs) for a in stored)

        for b in range(BATCHES):
            batch = make_batch(b, BATCH_SIZE)
            seen = store.seen_raw_hashes(a.raw_hash for a in batch)
            store.write_batch([a for a in batch if a.raw_hash not in seen], [])

        counts = store.counts()
        total = BATCHES * BATCH_SIZE
        assert counts["articles"] == counts["documents"] == total
        assert counts["duplicates"] == 0
        ids = [a.id for a in store.articles()]
        assert len(ids) == len(set(ids)) == total
        expected = [make_batch(b, BATCH_SIZE) for b in range(BATCHES)]
        assert counts["paragraphs"] == sum(len(a.paragraphs) for b in expected for a in b)
