"""Quote extraction against the PolNeAR dev articles (real US political news with gold quotes).

Reads ``eval/dev/polnear_quotes.jsonl`` from the shared folder (``../shared`` next to the repo,
or ``$WIREWATCH_SHARED``), parses each article with the spaCy pipeline, finds actor mentions
(when ``wirewatch.extract.actors`` is importable; otherwise the speaker words alone are compared),
runs ``find_quotes`` and prints:

  quotes    precision, recall, F1. A gold quote is found when one reported quote covers at least
            half of its words; a reported quote is correct when it lies inside a gold quote's span
            (at least half of its words do). Precision is also given without the quoted fragments
            inside a clause (rule quotes.partial.v1), which PolNeAR mostly does not annotate as
            quotes although the seeds' gold does.
  speaker   accuracy over the found gold quotes whose annotated speaker is a name: the reported
            speaker (actor name, actor text or speaker words) shares a word with the gold speaker.

    .venv/bin/python benchmarks/quotes_eval.py [--show-misses]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from wirewatch.extract.mentions import MentionIndex
from wirewatch.extract.quotes import RULE_PARTIAL, find_quotes
from wirewatch.nlp import load
from wirewatch.records import Actor, Quote

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev" / "polnear_quotes.jsonl"
WORD = re.compile(r"\w+")
NOT_NAME = frozenset(
    "he she they it we i you his her their its who which that this these those a an the "
    "one some many".split()
)


def _mention_finder() -> Callable[[Any], list[Actor]]:
    """actors.find_mentions with the packaged gazetteer, or no mentions before it exists."""
    try:
        from wirewatch.extract.actors import find_mentions, load_gazetteer
    except ImportError:
        print("(wirewatch.extract.actors not available: speakers compared by their words)")
        return lambda doc: []
    gazetteer = load_gazetteer()
    return lambda doc: list(find_mentions(doc, gazetteer))


def _words(text: str, start: int = 0) -> list[tuple[int, int]]:
    return [(m.start() + start, m.end() + start) for m in WORD.finditer(text)]


def _covered(words: list[tuple[int, int]], start: int, end: int) -> int:
    return sum(1 for s, e in words if s >= start and e <= end)


def _is_name(speaker: str) -> bool:
    """An annotated speaker that names someone: a capitalised word that is not a pronoun."""
    return any(w[0].isupper() and w.lower() not in NOT_NAME for w in WORD.findall(speaker))


def _speaker_words(quote: Quote) -> set[str]:
    texts: Iterable[str | None] = (quote.speaker_text,)
    if quote.speaker is not None:
        texts = (quote.speaker_text, quote.speaker.name, quote.speaker.text)
    return {w.lower() for t in texts if t for w in WORD.findall(t)} - NOT_NAME


def _score_article(
    article: dict[str, Any], quotes: list[Quote], tally: dict[str, int], show: bool
) -> None:
    """Adds one article's counts to ``tally``."""
    text = article["text"]
    gold = [(q, _words(q["text"], q["span"][0])) for q in article["quotes"]]
    tally["gold"] += len(gold)
    tally["reported"] += len(quotes)
    for quote in quotes:
        words = _words(quote.text, quote.start)
        whole = quote.rule != RULE_PARTIAL
        tally["reported_whole"] += whole
        if any(_covered(words, q["span"][0], q["span"][1]) * 2 >= len(words) for q, _ in gold):
            tally["correct"] += 1
            tally["correct_whole"] += whole
        elif show:
            print(f"  FP {article['id'][:40]}: {quote.text[:70]!r} ({quote.speaker_text})")
    for g, words in gold:
        hits = [q for q in quotes if _covered(words, q.start, q.end) * 2 >= len(words)]
        if not hits:
            if show:
                print(f"  FN {article['id'][:40]}: {g['text'][:70]!r} [{g['cue']}]")
            continue
        tally["found"] += 1
        if not _is_name(g["speaker"] or ""):
            continue
        tally["named"] += 1
        gold_words = {w.lower() for w in WORD.findall(g["speaker"])}
        if any(gold_words & _speaker_words(q) for q in hits):
            tally["speaker_ok"] += 1
        elif show:
            said = [q.speaker_text for q in hits]
            print(f"  SPK {article['id'][:40]}: gold {g['speaker']!r} got {said}")
    del text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="print each miss")
    args = parser.parse_args()
    if not DEV.is_file():
        print(f"dev data not found at {DEV} (set WIREWATCH_SHARED to the shared folder)")
        return 2
    articles = [json.loads(line) for line in DEV.read_text("utf-8").splitlines() if line]
    nlp = load()
    mentions_of = _mention_finder()
    keys = ("gold", "reported", "correct", "reported_whole", "correct_whole", "found", "named")
    tally = dict.fromkeys((*keys, "speaker_ok"), 0)
    for article, doc in zip(articles, nlp.pipe(a["text"] for a in articles), strict=True):
        quotes = find_quotes(doc, MentionIndex(mentions_of(doc)))
        _score_article(article, quotes, tally, args.show_misses)
    precision = tally["correct"] / max(1, tally["reported"])
    recall = tally["found"] / max(1, tally["gold"])
    f1 = 2 * precision * recall / max(1e-9, precision + recall)
    speaker = tally["speaker_ok"] / max(1, tally["named"])
    print(f"articles {len(articles)}  gold quotes {tally['gold']}  reported {tally['reported']}")
    print(f"quotes   precision {precision:.3f}  recall {recall:.3f}  F1 {f1:.3f}")
    whole = tally["correct_whole"] / max(1, tally["reported_whole"])
    print(f"         precision {whole:.3f} without quoted fragments ({RULE_PARTIAL}), which")
    print("         this gold mostly leaves unannotated")
    print(f"speaker  accuracy {speaker:.3f} ({tally['speaker_ok']}/{tally['named']} named)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
