"""PLOVER event types on real news sentences: precision, recall and F1 per type.

Reads ../shared/eval/dev/plover_sentences.jsonl (or $WIREWATCH_SHARED/eval/dev/...): each line is
one sentence with one annotated source-target pair and its PLOVER type(s). Runs date expressions,
actor mentions and event patterns on each sentence and scores as the dev README says: a pair is
found when an event of a gold type has source and target texts overlapping the annotated ones.

Precision counts the events wirewatch reports on the annotated pair (source and target overlap
it): one of the wrong type is a false positive. Events between other actors of the sentence are
not annotated either way; their number is printed separately, with the strict precision that
counts them all as wrong. CONCEDE and RETREAT are merged, as in the annotation.

With ``--event-model FOLDER`` the learned event layer runs too (``none``, the default here,
is the rules alone); ``--fold K`` keeps only the fifth of the sentences that
``train/events.py --plv-fold K`` leaves out of training (by a hash of the sentence), so a
model trained on PLV train is measured on sentences it did not see. Printed beside P/R/F1:
the share of sentences with an event of the coded type anywhere (type) and on the marked pair
(type + actors).

    python benchmarks/plover_eval.py [--limit N] [--show-misses N] [--patterns FILE]
        [--event-model FOLDER] [--fold K]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from events_open import first_cue

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "eval" / "dev" / "plover_sentences.jsonl"
MERGED = {"CONCEDE": "CONCEDE/RETREAT", "RETREAT": "CONCEDE/RETREAT"}
FOLDS = 5


def fold_of(sentence: str) -> int:
    """The PLV fold of a sentence (0-4), fixed by its text; shared with ``train/events.py``."""
    return int(hashlib.sha1(sentence.encode()).hexdigest()[:8], 16) % FOLDS


def _span(sentence: str, phrase: str) -> tuple[int, int]:
    at = sentence.lower().find(phrase.lower())
    return (at, at + len(phrase)) if at >= 0 else (-1, -1)


def _overlaps(actor: Any, span: tuple[int, int]) -> bool:
    return actor is not None and span[0] >= 0 and actor.start < span[1] and span[0] < actor.end


def _label(types: list[str]) -> str:
    return MERGED.get(types[0], types[0])


def _score(row: dict[str, Any], events: list[Any], tally: dict[str, Counter[str]]) -> bool:
    """Count one sentence into ``tally``; True when its pair was found."""
    label = _label(row["type"])
    src, tgt = _span(row["sentence"], row["source"]), _span(row["sentence"], row["target"])
    on_pair = [e for e in events if _overlaps(e.source, src) and _overlaps(e.target, tgt)]
    found = any(e.type in row["type"] for e in on_pair)
    tally["typed"]["all"] += any(e.type in row["type"] for e in events)
    tally["gold"][label] += 1
    tally["found"][label] += found
    for event in on_pair:
        predicted = MERGED.get(event.type, event.type)
        tally["predicted"][predicted] += 1
        tally["correct"][predicted] += event.type in row["type"]
        tally["confusion"][f"{label} -> {predicted}"] += event.type not in row["type"]
    tally["off_pair"]["events"] += len(events) - len(on_pair)
    if not found:
        why = "wrong type on the pair" if on_pair else "events on other pairs" if events else "none"
        tally["misses"][why] += 1
    return found


def _prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _report(tally: dict[str, Counter[str]]) -> None:
    print(f"{'type':18} {'gold':>5} {'found':>5} {'pred':>5} {'P':>6} {'R':>6} {'F1':>6}")
    labels = sorted(set(tally["gold"]) | set(tally["predicted"]))
    for label in labels:
        gold, found = tally["gold"][label], tally["found"][label]
        pred, correct = tally["predicted"][label], tally["correct"][label]
        p, _, _ = _prf(correct, pred, 1)
        r = found / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"{label:18} {gold:5} {found:5} {pred:5} {p:6.3f} {r:6.3f} {f:6.3f}")
    gold, found = sum(tally["gold"].values()), sum(tally["found"].values())
    pred, correct = sum(tally["predicted"].values()), sum(tally["correct"].values())
    p, r = (correct / pred if pred else 0.0), found / gold
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{'overall':18} {gold:5} {found:5} {pred:5} {p:6.3f} {r:6.3f} {f:6.3f}")
    off = tally["off_pair"]["events"]
    strict = correct / (pred + off) if pred + off else 0.0
    print(f"events on unannotated pairs: {off}; strict precision counting them wrong: {strict:.3f}")
    print(
        f"type in the sentence {tally['typed']['all'] / gold:.3f}, "
        f"type + actors (the marked pair) {found / gold:.3f} ({gold} sentences)"
    )
    print("misses:", dict(tally["misses"]))
    print("confusion (gold -> reported, on the annotated pair):")
    for pair, n in tally["confusion"].most_common(15):
        print(f"  {n:4}  {pair}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--show-misses", type=int, default=0, help="print N missed sentences")
    parser.add_argument("--patterns", default="", help="a user event pattern file")
    parser.add_argument("--event-model", default="none", help="model folder; '' the shipped one")
    parser.add_argument("--fold", type=int, help=f"only fold K of {FOLDS} (see train/events.py)")
    opts = parser.parse_args()
    if not DATA.is_file():
        print(f"dev data not found at {DATA} (set WIREWATCH_SHARED)", file=sys.stderr)
        return 2
    from wirewatch.extract.actors import find_mentions, load_gazetteer
    from wirewatch.extract.events import find_events, load_patterns
    from wirewatch.extract.events.learned import load_model
    from wirewatch.extract.mentions import MentionIndex
    from wirewatch.extract.when import find_time_expressions
    from wirewatch.nlp import load, parse
    from wirewatch.records import PublishedDate

    rows = [json.loads(line) for line in DATA.read_text("utf-8").splitlines() if line.strip()]
    rows = rows[: opts.limit] if opts.limit else rows
    if opts.fold is not None:
        rows = [r for r in rows if fold_of(r["sentence"]) == opts.fold]
    nlp, gazetteer, patterns = load(), load_gazetteer(), load_patterns(opts.patterns)
    model = None if opts.event_model == "none" else load_model(opts.event_model)
    tally: dict[str, Counter[str]] = {
        k: Counter()
        for k in (
            "gold",
            "found",
            "predicted",
            "correct",
            "confusion",
            "off_pair",
            "misses",
            "typed",
        )
    }
    shown = 0
    published = PublishedDate.unknown()
    cue: Counter[str] = Counter()
    for row, doc in zip(rows, parse(nlp, (r["sentence"] for r in rows)), strict=True):
        cue_type, cue_pair = _first_cue(row, doc)
        cue["typed"] += cue_type
        cue["pair"] += cue_pair
        mentions = MentionIndex(find_mentions(doc, gazetteer))
        dates = find_time_expressions(row["sentence"], published)
        events = find_events(doc, mentions, dates, published, patterns, model=model)
        if not _score(row, events, tally) and shown < opts.show_misses:
            shown += 1
            got = [(e.type, e.source.text, e.target.text if e.target else None) for e in events]
            print(f"MISS {row['type']} {row['source']!r} -> {row['target']!r}: {row['sentence']}")
            print(f"     got {got}")
    _report(tally)
    n = max(1, len(rows))
    print(
        f"first-cue baseline: type in the sentence {cue['typed'] / n:.3f}, "
        f"type + actors {cue['pair'] / n:.3f}"
    )
    return 0


def _first_cue(row: dict[str, Any], doc: Any) -> tuple[bool, bool]:
    """Whether the first-cue baseline (``events_open.first_cue``) gives the coded type, and
    the type with the marked pair as the cue verb's subject and object."""
    cue = first_cue(doc)
    if cue is None:
        return False, False
    kind, subj, obj = cue
    typed = kind in row["type"]
    src, tgt = _span(row["sentence"], row["source"]), _span(row["sentence"], row["target"])

    def covers(tok: Any, span: tuple[int, int]) -> bool:
        if tok is None or span[0] < 0:
            return False
        start, end = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        return start < span[1] and span[0] < end

    return typed, typed and covers(subj, src) and covers(obj, tgt)


if __name__ == "__main__":
    sys.exit(main())
