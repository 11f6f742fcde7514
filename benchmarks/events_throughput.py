"""Articles/s of `wirewatch extract` against the bare spaCy pipeline, same documents, same run.

Documents: real news articles from the shared development sets (TimeBank 1.2 and PolNeAR,
267 articles in ../shared/eval/dev/) plus the five sample articles, written to a JSON Lines
file (with the article date as `published`). Measured in this process:

  bare     spaCy's full pipeline (spacy.load, every component) over the articles' texts with
           nlp.pipe: the baseline
  extract  what `wirewatch extract` does: read + clean + parse + actors, dates, events,
           quotes and claims, no store

  rules    the same with the rules alone (``event_model=none``), for the learned layer's cost

Prints articles/s for each and the ratio extract / bare, which must stay at or above 0.6 with
the learned event layer (exit status 1 below it), and the resident memory the event model adds
when it is loaded (psutil). The pipeline is loaded before timing in every case.

    .venv/bin/python benchmarks/events_throughput.py [--repeat 1] [--model auto]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev"
FLOOR = 0.6


def documents() -> list[dict[str, str]]:
    """Real articles: text and date, from the dev sets and the seeds."""
    docs: list[dict[str, str]] = []
    for name in ("timebank_dates.jsonl", "polnear_quotes.jsonl"):
        for line in (DEV / name).read_text("utf-8").splitlines():
            row = json.loads(line)
            doc = {"text": row["text"]}
            if row.get("published"):
                doc["published"] = row["published"]
            docs.append(doc)
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        docs.append({"text": path.read_text("utf-8")})
    return docs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="Passes over the documents.")
    parser.add_argument("--model", default="auto")
    args = parser.parse_args()
    if not DEV.is_dir():
        print(f"dev sets not found at {DEV} (set WIREWATCH_SHARED)", file=sys.stderr)
        return 2

    import psutil
    import spacy

    from wirewatch import pipeline
    from wirewatch.extract.stage import resources
    from wirewatch.nlp import resolve_model
    from wirewatch.settings import load_options

    docs = documents() * args.repeat
    texts = [d["text"] for d in docs]
    options = load_options(model=args.model)
    rules_only = options.with_(event_model="none")
    bare = spacy.load(resolve_model(args.model))
    resources(rules_only)
    rss = psutil.Process().memory_info().rss
    learned = resources(options).event_model  # load once, outside the timing
    extra = (psutil.Process().memory_info().rss - rss) / 2**20
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps(d) + "\n" for d in docs), "utf-8")

        t0 = time.perf_counter()
        for _ in bare.pipe(texts, batch_size=options.nlp_batch_size):
            pass
        t_bare = time.perf_counter() - t0

        t0 = time.perf_counter()
        results = list(pipeline.extract_paths([str(path)], options))
        t_extract = time.perf_counter() - t0

        t0 = time.perf_counter()
        ruled = list(pipeline.extract_paths([str(path)], rules_only))
        t_rules = time.perf_counter() - t0

    found = [r for r in results if isinstance(r, tuple)]
    events = sum(len(x.events) for _, x in found)
    words = sum(len(t.split()) for t in texts)
    rate_bare, rate_extract = len(texts) / t_bare, len(found) / t_extract
    ratio = rate_extract / rate_bare
    print(f"documents: {len(texts)} articles, {words} words (pipeline {bare.meta['name']})")
    print(f"bare spaCy  {rate_bare:8.1f} articles/s   ({t_bare:.1f} s, pipes {bare.pipe_names})")
    n_rules = sum(len(x.events) for r in ruled if isinstance(r, tuple) for x in [r[1]])
    model = f"model {learned.folder.name}" if learned is not None else "no event model"
    print(f"extract     {rate_extract:8.1f} articles/s   ({t_extract:.1f} s, {events} ev, {model})")
    print(
        f"rules alone {len(found) / t_rules:8.1f} articles/s   ({t_rules:.1f} s, {n_rules} events)"
    )
    print(f"event model adds {extra:.0f} MiB resident memory once loaded")
    print(f"ratio extract/bare: {ratio:.2f}  (floor {FLOOR})")
    return 0 if ratio >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
