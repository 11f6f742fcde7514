"""Precision, recall and F1 of extracted events per PLOVER type and overall, on the seed gold.

Runs `wirewatch extract` (in process) on the five sample articles in ../shared/seeds and scores
the events against ../shared/eval/seeds.gold.yaml with the matching rules of
`wirewatch.evaluate` (type, source and target code, evidence sentence, date inside the gold
range). Only events stated as having happened are scored as predictions; negated,
hypothetical and planned ones are listed separately.

The gold lists what an analyst found worth recording, not every event a sentence states, so an
extracted event matching no gold event may still be right: precision here is a lower bound.
Per type, a true positive is counted under the gold's first type.

    .venv/bin/python benchmarks/events_eval.py [--misses] [--extra]
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", ROOT.parent / "shared"))
GOLD = SHARED / "eval" / "seeds.gold.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="Print the gold events missed.")
    parser.add_argument("--extra", action="store_true", help="Print events matching no gold.")
    args = parser.parse_args()
    if not GOLD.is_file():
        print(f"seed gold not found at {GOLD} (set WIREWATCH_SHARED)", file=sys.stderr)
        return 2

    from wirewatch import pipeline
    from wirewatch.evaluate import Tally, article_by_file, load_gold, score_events
    from wirewatch.settings import Options

    files = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    results = [r for r in pipeline.extract_paths(files, Options()) if isinstance(r, tuple)]
    tallies: dict[str, Tally] = defaultdict(Tally)
    total, flagged = Tally(), 0
    for gold in load_gold(GOLD)["articles"]:
        i = article_by_file(results, gold["file"])
        if i is None:
            print(f"{gold['file']}: not extracted", file=sys.stderr)
            continue
        article, x = results[i]
        happened = [e for e in x.events if e.happened]
        flagged += len(x.events) - len(happened)
        gold_events = gold.get("events", [])
        found, used = score_events(gold_events, happened, article.text)
        for g, hit in zip(gold_events, found, strict=True):
            kind = g["type"][0] if isinstance(g["type"], list) else g["type"]
            tallies[kind].tp += hit
            tallies[kind].fn += not hit
            if args.misses and not hit:
                print(
                    f"MISS {gold['file'][:3]} {g['source']} {g['type']} {g['target']}: "
                    f"{g['evidence']}"
                )
        for e, ok in zip(happened, used, strict=True):
            if not ok:
                tallies[e.type].fp += 1
                if args.extra:
                    tgt = e.target.code if e.target else "-"
                    print(
                        f"EXTRA {gold['file'][:3]} {e.source.code} {e.type} {tgt}: "
                        f"{e.sentence[:110]}"
                    )
        total.tp += sum(found)
        total.fn += len(found) - sum(found)
        total.fp += len(used) - sum(used)
    print(f"{'type':<10} {'P':>5} {'R':>5} {'F1':>5}  tp fp fn")
    for kind in sorted(tallies):
        t = tallies[kind]
        print(
            f"{kind:<10} {t.precision:5.2f} {t.recall:5.2f} {t.f1:5.2f}  {t.tp:2} {t.fp:2} {t.fn:2}"
        )
    print(
        f"{'overall':<10} {total.precision:5.2f} {total.recall:5.2f} {total.f1:5.2f}  "
        f"{total.tp:2} {total.fp:2} {total.fn:2}"
    )
    print(
        f"(gold events: {total.tp + total.fn}; negated/hypothetical/planned, not scored: "
        f"{flagged}; precision is a lower bound, the gold is not exhaustive)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
