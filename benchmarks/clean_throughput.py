"""Ingest + clean throughput on a synthetic corpus built from the bundled examples.

Builds N articles (default 2,000) by recombining the examples' paragraphs with varied names and
numbers around their boilerplate, writes them as scraped-text files, HTML pages and JSON Lines,
then measures in the same process:

  baseline  reading and decoding the inputs (ingest stage only)
  clean     ingest + clean (boilerplate, metadata, language, near-duplicates), no store
  ingest    ingest + clean + store into a fresh DuckDB file (what `wirewatch ingest` does)

and prints articles/s for each, the ratio of each to the baseline, and peak memory (RSS).

    .venv/bin/python benchmarks/clean_throughput.py [--articles 2000]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import sys
import tempfile
import time
from pathlib import Path

from wirewatch import pipeline
from wirewatch.ingest import read_paths
from wirewatch.settings import load_options
from wirewatch.store import Store

ROOT = Path(__file__).resolve().parents[1]
NAMES = ["Harbour", "Northport", "Valley", "Meridian", "Coastal", "Summit", "Riverside", "Lakeland"]


def _example_paragraphs() -> tuple[list[str], list[str]]:
    """Body paragraphs and boilerplate lines of the bundled examples."""
    scraped = (ROOT / "examples" / "banner_scraped.txt").read_text("utf-8")
    blocks = [b.strip() for b in re.split(r"\n\s*\n", scraped) if b.strip()]
    body = [b for b in blocks if len(b.split()) >= 25]
    junk = [b for b in blocks if len(b.split()) < 25]
    for line in (ROOT / "examples" / "wire.jsonl").read_text("utf-8").splitlines():
        body += [p for p in json.loads(line)["text"].split("\n\n") if len(p.split()) >= 25]
    return body, junk


def _vary(paragraph: str, rng: random.Random) -> str:
    """Change numbers and add a clause so that articles are distinct, not near-duplicates."""
    paragraph = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 90)), paragraph)
    return (
        f"{paragraph} {rng.choice(NAMES)} officials gave {rng.choice(NAMES)} a figure of "
        f"{rng.randint(2, 9999)} on day {rng.randint(1, 28)}."
    )


def build_corpus(folder: Path, n: int, seed: int = 7) -> None:
    rng = random.Random(seed)
    body, junk = _example_paragraphs()
    jsonl = []
    for i in range(n):
        paras = [_vary(p, rng) for p in rng.sample(body, k=min(6, len(body)))]
        title = f"{rng.choice(NAMES)} report {i}: talks over embassy banner continue"
        if i % 4 == 0:
            jsonl.append(
                json.dumps(
                    {
                        "text": "\n\n".join(paras),
                        "title": title,
                        "published": f"2026-02-{i % 28 + 1:02d}",
                        "outlet": f"{rng.choice(NAMES)} Wire",
                    }
                )
            )
        elif i % 4 == 1:
            html = "".join(f"<p>{p}</p>" for p in paras)
            (folder / f"{i:05d}.html").write_text(
                f"<html lang='en'><head><title>{title}</title></head><body><nav>Home</nav>"
                f"<article><h1>{title}</h1>{html}</article><footer>© 2026</footer></body></html>",
                "utf-8",
            )
        else:
            head = [junk[0], title, f"By Ana Lima | February {i % 28 + 1}, 2026 9:00 AM"]
            (folder / f"{i:05d}.txt").write_text("\n\n".join(head + paras + junk[1:]), "utf-8")
    (folder / "wire.jsonl").write_text("\n".join(jsonl) + "\n", "utf-8")


def _rate(label: str, seconds: float, n: int, baseline: float | None) -> float:
    rate = n / seconds
    ratio = f"{rate / baseline:6.3f}x baseline" if baseline else "  (baseline)"
    print(f"{label:<30} {n:>6} articles {seconds:8.2f} s {rate:9.1f} articles/s  {ratio}")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    args = parser.parse_args()
    options = load_options()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        build_corpus(folder, args.articles)
        paths = [str(folder)]

        t0 = time.perf_counter()
        n_read = sum(1 for _ in read_paths(paths, options))
        base = _rate("read + decode (baseline)", time.perf_counter() - t0, n_read, None)

        t0 = time.perf_counter()
        n_clean = sum(1 for _ in pipeline.clean_paths(paths, options))
        _rate("read + clean", time.perf_counter() - t0, n_clean, base)

        t0 = time.perf_counter()
        with Store.open(Path(tmp) / "bench.duckdb") as store:
            report = pipeline.ingest(paths, store, options)
        _rate("read + clean + store (ingest)", time.perf_counter() - t0, report.read, base)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"stored {report.stored}, duplicates {report.duplicates}, refused {len(report.refused)}")
    print(f"peak memory (RSS): {peak:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
