"""Date expressions against TimeBank: how many wirewatch finds, and how many it places right.

Reads ``eval/dev/timebank_dates.jsonl`` from the shared folder (``../shared`` next to the
repository, or ``$WIREWATCH_SHARED``), runs ``find_time_expressions`` on each article with its
document date as a ``metadata`` PublishedDate, and prints:

  expressions  precision / recall / F1 of expressions found (a found and a gold expression
               match when their texts overlap)
  values       the same for values, scored only where the gold has a day range (values such as
               PRESENT_REF or 1998-Q1 are not scored): a gold date counts when an overlapping
               expression has the same start and end; a found value counts against precision
               unless it overlaps a gold expression whose value is not scored
  misses       per rule, the most common gold texts it overlapped but placed wrong, and the most
               common gold texts nothing found

    .venv/bin/python benchmarks/dates_eval.py [--misses N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from wirewatch.extract.when import find_time_expressions
from wirewatch.records import PublishedDate, TimeExpression

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "eval" / "dev" / "timebank_dates.jsonl"


@dataclass
class Gold:
    text: str
    start: int
    end: int
    days: tuple[dt.date, dt.date] | None


@dataclass
class Tally:
    found: int = 0
    found_right: int = 0
    gold: int = 0
    gold_found: int = 0
    valued: int = 0
    valued_right: int = 0
    gold_valued: int = 0
    gold_valued_right: int = 0
    wrong: dict[str, Counter[str]] = field(default_factory=dict)
    missed: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)


def _gold(row: dict[str, object]) -> list[Gold]:
    """Gold expressions located in the text in order (the data gives texts, not offsets)."""
    text = str(row["text"])
    out, pos = [], 0
    for d in row["dates"]:  # type: ignore[attr-defined]
        at = text.find(d["text"], pos)
        if at < 0:
            at = text.find(d["text"])
        if at < 0:
            continue
        pos = at + len(d["text"])
        days = None
        if d["start"] and d["end"]:
            days = (dt.date.fromisoformat(d["start"]), dt.date.fromisoformat(d["end"]))
        out.append(Gold(d["text"], at, at + len(d["text"]), days))
    return out


def _overlaps(a: TimeExpression, g: Gold) -> bool:
    return a.start < g.end and g.start < a.end


def _score(row: dict[str, object], tally: Tally) -> None:
    day = dt.date.fromisoformat(str(row["published"]))
    found = find_time_expressions(str(row["text"]), PublishedDate(day, day, "metadata"))
    gold = _gold(row)
    for f in found:
        hits = [g for g in gold if _overlaps(f, g)]
        tally.found += 1
        tally.found_right += bool(hits)
        if f.value.start is None or (hits and all(g.days is None for g in hits)):
            continue
        tally.valued += 1
        tally.valued_right += any(g.days == (f.value.start, f.value.end) for g in hits)
    for g in gold:
        near = [f for f in found if _overlaps(f, g)]
        tally.gold += 1
        tally.gold_found += bool(near)
        if g.days is None:
            if not near:
                tally.missed[g.text.lower()] += 1
            continue
        tally.gold_valued += 1
        right = any((f.value.start, f.value.end) == g.days for f in near)
        tally.gold_valued_right += right
        if not near:
            tally.missed[g.text.lower()] += 1
        elif not right:
            tally.wrong.setdefault(near[0].rule, Counter())[g.text.lower()] += 1
            tally.examples.append(
                f"{row['published']} {near[0].rule} {near[0].text!r} -> "
                f"{near[0].value.start}..{near[0].value.end}; gold {g.text!r} "
                f"{g.days[0]}..{g.days[1]}"
            )


def _prf(right_p: int, total_p: int, right_r: int, total_r: int) -> str:
    p = right_p / total_p if total_p else 0.0
    r = right_r / total_r if total_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return f"P {p:.3f} ({right_p}/{total_p})  R {r:.3f} ({right_r}/{total_r})  F1 {f:.3f}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", type=int, default=0, help="print N wrongly placed examples")
    args = parser.parse_args()
    if not DATA.is_file():
        print(f"dev data not found at {DATA} (set WIREWATCH_SHARED to the shared folder)")
        return 2
    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    tally = Tally()
    for row in rows:
        _score(row, tally)
    t = tally
    print(f"{len(rows)} articles, {t.gold} gold expressions ({t.gold_valued} with a day range)")
    print("expressions", _prf(t.found_right, t.found, t.gold_found, t.gold))
    print("values     ", _prf(t.valued_right, t.valued, t.gold_valued_right, t.gold_valued))
    print("\nplaced wrong, by rule (most common gold texts):")
    for rule, counter in sorted(t.wrong.items(), key=lambda kv: -sum(kv[1].values())):
        common = ", ".join(f"{k!r} {v}" for k, v in counter.most_common(8))
        print(f"  {rule} {sum(counter.values())}: {common}")
    print("\nnot found (most common gold texts):")
    print("  " + ", ".join(f"{k!r} {v}" for k, v in t.missed.most_common(30)))
    for line in t.examples[: args.misses]:
        print("  " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
