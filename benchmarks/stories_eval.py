"""Story grouping on real articles against an analyst's gold groupings (issue 4).

Articles: the 183 TimeBank articles (WSJ 1989-91, wire and broadcast news of 1998) and the 84
PolNeAR articles (US politics, 2016, 7 outlets) of ``eval/dev/`` in the shared folder (``../shared``
next to the repository, or ``$WIREWATCH_SHARED``). Gold: ``benchmarks/data/story_groups.yaml``,
made by reading every article (see its ``about``): each article's story label, most of them
stories of their own.

The articles are ingested as ``wirewatch ingest`` does it (``pipeline.ingest`` into a temporary
store: clean, extract, then the online story index, batch after batch) from one JSON Lines file
in publication order, each with its date as ``published`` (a PolNeAR article's date and outlet
come from its id). The stored story of every article is then scored against the gold:

  pairwise   precision / recall / F1 over pairs of articles put in one story
  lenient    the same, not counting pairs the gold marks as doubtful (``arguable`` members and
             ``kept_out`` articles of a group, with that group's articles)
  B-cubed    per-article precision / recall of its story against its gold story, averaged
  exact      gold multi-article stories found exactly (the same articles, no more, no fewer)

for all articles and per collection, next to the baseline that leaves every article alone.
Then the worst errors: wrongly merged pairs (by wirewatch story) and missed pairs (by gold
story), the pairs with the most text in common first, each with ids, dates, titles (no article
text) and their raw overlaps (not the rule's tf-idf weighted score): MinHash Jaccard of the
salient terms, unweighted Jaccard of the actor keys, shared events, days apart.

    .venv/bin/python benchmarks/stories_eval.py [--errors 15] [--store PATH] [--model auto]

``--store PATH`` keeps the ingested store; when PATH already holds the articles it is scored
again without ingesting (quick, for trying rule changes on the stored profiles).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any

import numpy as np

from wirewatch.evaluate import Tally, load_gold

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("WIREWATCH_SHARED", ROOT.parent / "shared"))
DEV = SHARED / "eval" / "dev"
GOLD = ROOT / "benchmarks" / "data" / "story_groups.yaml"
COLLECTIONS = {"timebank_dates.jsonl": "TimeBank", "polnear_quotes.jsonl": "PolNeAR"}
_POLNEAR_ID = re.compile(r"^(?P<outlet>[a-z-]+)_(?P<day>\d{4}-\d\d-\d\d)_")

Key = tuple[str, str]
"""An article as the gold names it: (dev file name, id in that file)."""
Pair = frozenset[Key]


@dataclass(frozen=True)
class DevArticle:
    """One dev article as it is ingested."""

    key: Key
    published: dt.date
    text: str
    outlet: str | None


@dataclass
class Gold:
    """The gold file read: each article's story (its own key when alone) and doubtful pairs."""

    story: dict[Key, str]
    groups: dict[str, dict[str, Any]]
    doubtful: set[Pair]

    def label(self, key: Key) -> str:
        """The gold story's label, or "alone" for an article that is a story of its own."""
        return self.story[key] if self.story[key] in self.groups else "alone"


@dataclass
class Stored:
    """What the ingest gave for one article: its story and what the rule compares."""

    story: str
    title: str | None
    start: int | None
    end: int | None
    signature: np.ndarray | None
    entities: frozenset[str] = frozenset()
    events: frozenset[str] = frozenset()


@dataclass
class Scores:
    """Figures of one grouping against the gold, over one set of articles."""

    articles: int
    pairs: Tally
    lenient: Tally
    b3_precision: float
    b3_recall: float
    gold_groups: int
    exact: int
    found_groups: int

    @property
    def b3_f1(self) -> float:
        p, r = self.b3_precision, self.b3_recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Run:
    """Articles, the gold, and the stored result of one ingest."""

    articles: list[DevArticle]
    gold: Gold
    stored: dict[Key, Stored]
    refused: list[str]


# --- reading -----------------------------------------------------------------------------------


def _polnear_meta(row_id: str) -> tuple[dt.date, str]:
    """A PolNeAR article's date and outlet, from its id (``outlet_YYYY-MM-DD_slug``)."""
    match = _POLNEAR_ID.match(row_id)
    if match is None:
        raise ValueError(f"PolNeAR id without outlet and date: {row_id}")
    return dt.date.fromisoformat(match["day"]), match["outlet"]


def dev_articles(dev: Path) -> list[DevArticle]:
    """Every article of the two dev files, in publication order (then file, then id)."""
    out = []
    for name in COLLECTIONS:
        for line in (dev / name).read_text("utf-8").splitlines():
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("published"):
                day, outlet = dt.date.fromisoformat(row["published"]), None
            else:
                day, outlet = _polnear_meta(row["id"])
            out.append(DevArticle((name, row["id"]), day, row["text"], outlet))
    return sorted(out, key=lambda a: (a.published, a.key))


def _pairs_within(members: Iterable[Key]) -> set[Pair]:
    return {frozenset(p) for p in combinations(sorted(members), 2)}


def read_gold(path: Path) -> Gold:
    """The gold file: every article's story label (a lone article gets its own key as label)
    and the doubtful pairs of each group."""
    data = load_gold(path)
    story: dict[Key, str] = {}
    for name, labels in data["articles"].items():
        for row_id, label in labels.items():
            story[(name, str(row_id))] = str(label) if label else f"{name}#{row_id}"
    groups: dict[str, dict[str, Any]] = data["groups"]
    doubtful: set[Pair] = set()
    for label, group in groups.items():
        name = group["file"]
        members = {k for k, v in story.items() if v == label}
        unsure = {(name, i) for i in group.get("arguable", []) + group.get("kept_out", [])}
        doubtful |= {frozenset((a, b)) for a in unsure for b in members | unsure if a != b}
    return Gold(story, groups, doubtful)


# --- ingesting ---------------------------------------------------------------------------------


def _write_jsonl(articles: Sequence[DevArticle], path: Path) -> None:
    lines = []
    for a in articles:
        record = {"text": a.text, "published": a.published.isoformat()}
        if a.outlet:
            record["outlet"] = a.outlet
        lines.append(json.dumps(record, ensure_ascii=False))
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _line_of(source: str) -> int:
    """The 1-based line of a JSON Lines document's source (``path#L<n>``)."""
    return int(source.rsplit("#L", 1)[1])


def ingest_and_read(
    articles: Sequence[DevArticle], store_path: Path, model: str
) -> tuple[dict[Key, Stored], list[str]] | None:
    """Ingest the articles into ``store_path`` unless it already holds them, then read back
    each article's story and profile, and the refusals. None (with a message) when the store
    holds other articles. The JSON Lines file goes to a temporary folder, never next to the
    store (it holds the article texts)."""
    from wirewatch import pipeline
    from wirewatch.link.stories import StoryRow
    from wirewatch.settings import load_options
    from wirewatch.store import Store

    with Store.open(store_path) as store, tempfile.TemporaryDirectory() as tmp:
        if store.article_count() == 0:
            jsonl = Path(tmp) / "dev_articles.jsonl"
            _write_jsonl(articles, jsonl)
            report = pipeline.ingest([str(jsonl)], store, load_options(model=model))
            refused = [f"{r.source}: {r.reason}" for r in report.refused]
        else:
            refused = []
            print(f"(scoring the articles already in {store_path})")
        stored_articles = store.articles()
        rows = [StoryRow(*r) for r in store.story_rows()[0]]
    by_line = {n: a.key for n, a in enumerate(articles, 1)}
    if any(_line_of(a.source) not in by_line for a in stored_articles):
        print(f"{store_path} holds other articles than the dev sets: give another --store")
        return None
    row_of = {r.article_id: r for r in rows}
    story_of = {r.article_id: r.story_id for r in rows}
    stored: dict[Key, Stored] = {}
    for art in stored_articles:
        key = by_line[_line_of(art.source)]
        row = row_of.get(art.id)
        story = story_of.get(art.id) or story_of.get(art.duplicate_of or "") or f"alone:{art.id}"
        if row is None:
            stored[key] = Stored(story, art.title, None, None, None)
            continue
        stored[key] = Stored(
            story=story,
            title=art.title,
            start=row.start.toordinal() if row.start else None,
            end=row.end.toordinal() if row.end else None,
            signature=np.frombuffer(row.signature, dtype="<u8"),
            entities=frozenset(row.entities),
            events=frozenset(row.events),
        )
    return stored, refused


# --- scoring -----------------------------------------------------------------------------------


def clusters(labels: Mapping[Key, str]) -> dict[str, set[Key]]:
    """Articles by label."""
    out: dict[str, set[Key]] = {}
    for key, label in labels.items():
        out.setdefault(label, set()).add(key)
    return out


def same_pairs(labels: Mapping[Key, str]) -> set[Pair]:
    """Every pair of articles that share a label."""
    out: set[Pair] = set()
    for members in clusters(labels).values():
        out |= _pairs_within(members)
    return out


def pair_tally(gold: set[Pair], found: set[Pair], ignore: set[Pair] | None = None) -> Tally:
    """Pairwise counts; pairs in ``ignore`` count neither way."""
    skip = ignore or set()
    return Tally(
        tp=len((gold & found) - skip), fp=len(found - gold - skip), fn=len(gold - found - skip)
    )


def bcubed(gold: Mapping[Key, str], found: Mapping[Key, str]) -> tuple[float, float]:
    """B-cubed precision and recall of ``found`` against ``gold`` (same keys)."""
    gold_c, found_c = clusters(gold), clusters(found)
    precision = recall = 0.0
    for key in gold:
        mine, truth = found_c[found[key]], gold_c[gold[key]]
        shared = len(mine & truth)
        precision += shared / len(mine)
        recall += shared / len(truth)
    n = len(gold) or 1
    return precision / n, recall / n


def score(gold: Mapping[Key, str], found: Mapping[Key, str], doubtful: set[Pair]) -> Scores:
    """All figures of ``found`` against ``gold`` over the articles of ``gold``."""
    found = {k: found[k] for k in gold}
    gold_pairs, found_pairs = same_pairs(gold), same_pairs(found)
    gold_groups = [m for m in clusters(gold).values() if len(m) > 1]
    found_sets = [frozenset(m) for m in clusters(found).values()]
    p, r = bcubed(gold, found)
    return Scores(
        articles=len(gold),
        pairs=pair_tally(gold_pairs, found_pairs),
        lenient=pair_tally(gold_pairs, found_pairs, doubtful),
        b3_precision=p,
        b3_recall=r,
        gold_groups=len(gold_groups),
        exact=sum(frozenset(m) in found_sets for m in gold_groups),
        found_groups=sum(len(m) > 1 for m in found_sets),
    )


# --- reporting ---------------------------------------------------------------------------------


def _row(name: str, s: Scores) -> str:
    t, le = s.pairs, s.lenient
    return (
        f"{name:<22} {s.articles:>4} {t.tp:>4} {t.fp:>4} {t.fn:>4}  "
        f"{t.precision:5.3f} {t.recall:5.3f} {t.f1:5.3f}  {le.f1:5.3f}  "
        f"{s.b3_precision:5.3f} {s.b3_recall:5.3f} {s.b3_f1:5.3f}  "
        f"{s.exact:>2}/{s.gold_groups:<2} {s.found_groups:>5}"
    )


def print_table(run: Run) -> None:
    found = {k: run.stored[k].story if k in run.stored else f"refused:{k}" for k in run.gold.story}
    alone = {k: f"alone:{k}" for k in run.gold.story}
    print(
        f"{'':<22} {'arts':>4} {'tp':>4} {'fp':>4} {'fn':>4}  "
        f"{'pairs P':>5} {'R':>5} {'F1':>5}  {'lenF1':>5}  "
        f"{'B3 P':>5} {'R':>5} {'F1':>5}  {'exact':>5} {'multi':>5}"
    )
    for name, title in [(None, "all"), *COLLECTIONS.items()]:
        keys = {k for k in run.gold.story if name is None or k[0] == name}
        gold = {k: v for k, v in run.gold.story.items() if k in keys}
        print(_row(f"{title}", score(gold, found, run.gold.doubtful)))
        print(_row(f"  {title}, all alone", score(gold, alone, run.gold.doubtful)))
    print(
        "pairs: same-story pairs (tp found right, fp wrongly merged, fn missed); lenF1 without "
        "the gold's doubtful pairs; exact: gold multi-article stories found exactly; multi: "
        "multi-article stories wirewatch made"
    )


def _features(a: Stored, b: Stored) -> tuple[float, str]:
    """Raw overlaps of two articles, for reading an error (not the rule's tf-idf weighted
    score, which needs the index's term frequencies at the time): MinHash agreement of the
    salient terms (also the ordering key) and the unweighted Jaccard of the actor keys."""
    if a.signature is None or b.signature is None:
        return 0.0, "no story profile"
    text = float(np.count_nonzero(a.signature == b.signature)) / len(a.signature)
    union = len(a.entities | b.entities)
    ents = len(a.entities & b.entities) / union if union else 0.0
    events = len(a.events & b.events)
    gap = 0
    if a.end is not None and b.start is not None and a.end < b.start:
        gap = b.start - a.end
    elif b.end is not None and a.start is not None and b.end < a.start:
        gap = a.start - b.end
    line = f"minhash {text:.2f}  actor-key jaccard {ents:.2f}  events shared {events}"
    return text, f"{line}  days apart {gap}"


def _pair_lines(
    run: Run, pairs: Iterable[Pair], group_of: Mapping[Key, str], limit: int, per_group: int = 2
) -> list[str]:
    """The pairs by the group (``group_of``) of their earlier article, nearest pairs (by text
    similarity) first, and the groups by their nearest pair: the clearest errors come first.
    At most ``per_group`` pairs per group and ``limit`` in all."""
    dates = {a.key: a.published for a in run.articles}
    empty = Stored("", None, None, None, None)
    shown: list[tuple[str, float, Key, Key, str]] = []
    for pair in pairs:
        a, b = sorted(pair, key=lambda k: (dates[k], k))
        text, line = _features(run.stored.get(a, empty), run.stored.get(b, empty))
        shown.append((group_of[a], -text, a, b, line))
    nearest: dict[str, float] = {}
    for group, distance, *_ in shown:
        nearest[group] = min(nearest.get(group, 0.0), distance)
    shown.sort(key=lambda s: (nearest[s[0]], s[0], s[1], s[2], s[3]))
    out: list[str] = []
    count: dict[str, int] = {}
    for group, _, a, b, line in shown:
        count[group] = count.get(group, 0) + 1
        if count[group] > per_group or len(out) >= 3 * limit:
            continue
        doubt = "  (doubtful in the gold)" if frozenset((a, b)) in run.gold.doubtful else ""
        out.append(f"  {line}{doubt}")
        for key in (a, b):
            title = run.stored[key].title if key in run.stored else None
            out.append(
                f"    {key[1]} ({dates[key]}) {title or '(no title)'}  [{run.gold.label(key)}]"
            )
    return out


def print_errors(run: Run, limit: int) -> None:
    """Wrongly merged pairs, by the story that merged them, and missed pairs, by gold story:
    the nearest pairs first, two per story."""
    gold = run.gold.story
    found = {k: s.story for k, s in run.stored.items() if k in gold}
    gold_pairs, found_pairs = same_pairs(gold), same_pairs(found)
    wrong = found_pairs - gold_pairs
    print(f"\nwrongly merged pairs: {len(wrong)} (gold story in brackets)")
    print("\n".join(_pair_lines(run, wrong, found, limit)))
    missed = gold_pairs - found_pairs
    print(f"\nmissed pairs: {len(missed)} (by gold story)")
    print("\n".join(_pair_lines(run, missed, gold, limit)))


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--errors", type=int, default=15, help="wrong and missed pairs to list")
    parser.add_argument("--store", type=Path, help="keep (or reuse) the ingested store here")
    parser.add_argument("--model", default="auto", help="spaCy pipeline (as wirewatch --model)")
    args = parser.parse_args()
    if not DEV.is_dir():
        print(f"skipped: dev sets not found at {DEV} (set WIREWATCH_SHARED to the shared folder)")
        return 2
    articles = dev_articles(DEV)
    with tempfile.TemporaryDirectory() as tmp:
        read = ingest_and_read(articles, args.store or Path(tmp) / "stories.duckdb", args.model)
    if read is None:
        return 2
    run = Run(articles, read_gold(GOLD), *read)
    missing = set(run.gold.story) ^ {a.key for a in articles}
    if missing:
        print(f"gold and dev sets disagree on {len(missing)} articles, e.g. {sorted(missing)[:3]}")
        return 2
    for line in run.refused:
        print(f"refused at ingest (scored as a story of its own): {line}")
    print(f"{len(articles)} articles, {len(run.stored)} stored; gold: {GOLD.relative_to(ROOT)}\n")
    print_table(run)
    print_errors(run, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
