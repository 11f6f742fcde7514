"""Story grouping at scale: time and memory per added article at 1k, 5k and 20k articles.

Builds synthetic corpora without spaCy: Article and Extraction records made directly. News
arrives at a steady rate (``--per-day`` articles a day), so a larger corpus covers a longer
time, as a feed that keeps running does. Each day brings new happenings, each covered by 1-6
outlets that rewrite it (each keeps part of the happening's own words, names and numbers, and
adds common news words), and background pieces that name a happening's actors but tell
something else. Actors (a pool of 80 codes), people (400 names), event types and the vocabulary
(a few thousand invented words, common ones drawn Zipf-like) are shared by the whole corpus.

For each size the articles are added to a ``StoryIndex`` one by one and the script prints the
time per added article over the last 1,000 added, the memory the index holds per article
(tracemalloc, in a second pass), the ratio of 20k to 1k for both, and the purity and
completeness of the grouping against the synthetic truth. Exit status 1 when a ratio is above
1.5.

    .venv/bin/python benchmarks/stories_scale.py [--sizes 1000 5000 20000]
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import time
import tracemalloc
from collections import Counter
from dataclasses import dataclass

from wirewatch.link.stories import StoryIndex
from wirewatch.records import Actor, Article, DateRange, Event, Extraction, PublishedDate

MAX_RATIO = 1.5
LAST = 1000
TYPES = ("CONSULT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "AID", "SUPPORT", "SANCTION")
START = dt.date(2020, 1, 1)


@dataclass(frozen=True)
class Happening:
    id: int
    day: dt.date
    actors: tuple[str, ...]
    people: tuple[str, ...]
    words: tuple[str, ...]
    events: tuple[tuple[str, str, str], ...]


def _invented(rng: random.Random, n: int) -> list[str]:
    syllables = ["ka", "lo", "mi", "ren", "sat", "vo", "dri", "nel", "po", "tur", "ex", "gan"]
    words: set[str] = set()
    while len(words) < n:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


class World:
    """The pools a synthetic corpus draws from."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.common = _invented(rng, 2500)
        self.topical = _invented(rng, 6000)
        self.codes = [f"C{i:02d}" for i in range(80)]
        self.people = [f"Name{i} Surname{i}" for i in range(400)]
        weights = [1 / (rank + 1) for rank in range(len(self.common))]
        self.weights = weights

    def happening(self, hid: int, day: dt.date) -> Happening:
        rng = self.rng
        actors = tuple(rng.sample(self.codes, rng.randint(2, 4)))
        events = tuple(
            (rng.choice(actors), rng.choice(TYPES), rng.choice(actors))
            for _ in range(rng.randint(2, 4))
        )
        words = tuple(rng.sample(self.topical, 30)) + tuple(
            str(rng.randint(2, 20000)) for _ in range(3)
        )
        return Happening(hid, day, actors, tuple(rng.sample(self.people, 2)), words, events)

    def text(self, own: list[str]) -> str:
        common = self.rng.choices(self.common, weights=self.weights, k=120)
        words = own + common
        self.rng.shuffle(words)
        return " ".join(words)


def _published(rng: random.Random, day: dt.date) -> PublishedDate:
    roll = rng.random()
    if roll < 0.03:
        return PublishedDate.unknown()
    if roll < 0.13:
        return PublishedDate(day - dt.timedelta(days=10), day + dt.timedelta(days=2), "inferred")
    return PublishedDate(day, day, "metadata")


def _extraction(
    aid: str, hap: Happening, rng: random.Random, day: dt.date, background: bool
) -> Extraction:
    mentions = [Actor(code, None, code) for code in hap.actors]
    mentions += [Actor(rng.choice(hap.actors), None, p, name=p) for p in hap.people]
    reported = rng.sample(hap.events, rng.randint(1, len(hap.events)))
    if background:  # other acts of the same actors
        others = [t for t in TYPES if t not in {k for _, k, _ in hap.events}]
        reported = [(s, rng.choice(others), t) for s, _, t in reported]
    events = []
    for source, kind, target in reported:
        events.append(
            Event(kind, Actor(source, None, source), Actor(target, None, target), None, "01", 1,
                  0.0, DateRange(day, day, "article"), None, "", 0, 0, "", 0, 0)
        )  # fmt: skip
    return Extraction(aid, events=tuple(events), mentions=tuple(mentions))


def _article(n: int, world: World, hap: Happening, background: bool) -> tuple[Article, Extraction]:
    rng = world.rng
    aid = f"{n:016x}"
    day = hap.day + dt.timedelta(days=rng.randint(0, 3))
    if background:  # the same actors and people, another subject
        own = rng.sample(world.topical, 25) + rng.sample(hap.words, 3)
    else:
        own = rng.sample(hap.words, rng.randint(15, 24))
    own += [p.split()[-1] for p in hap.people]
    article = Article(
        id=aid,
        source=f"synthetic/{aid}",
        text=world.text(own),
        title=" ".join(rng.sample(own, 6)),
        outlet=f"Outlet {rng.randint(0, 60)}",
        published=_published(rng, day),
    )
    return article, _extraction(aid, hap, rng, day, background)


def build(
    n: int, per_day: int, seed: int = 5
) -> tuple[list[tuple[Article, Extraction]], list[str]]:
    """``n`` articles in order of arrival and the true story of each (happening or background)."""
    rng = random.Random(seed)
    world = World(rng)
    items: list[tuple[Article, Extraction]] = []
    truth: list[str] = []
    recent: list[Happening] = []
    while len(items) < n:
        day = START + dt.timedelta(days=len(items) // per_day)
        hap = world.happening(len(items), day)
        recent = [*recent[-200:], hap]
        for _ in range(rng.randint(1, 6)):
            items.append(_article(len(items), world, hap, background=False))
            truth.append(f"h{hap.id}")
        if rng.random() < 0.3:  # a background piece on the actors of an earlier happening
            items.append(_article(len(items), world, rng.choice(recent), background=True))
            truth.append(f"b{len(items)}")
    return items[:n], truth[:n]


def _run(items: list[tuple[Article, Extraction]]) -> tuple[StoryIndex, float]:
    """Add every article; the seconds per article over the last ``LAST`` added."""
    index = StoryIndex()
    cut = len(items) - LAST
    for article, found in items[:cut]:
        index.add(article, found)
    began = time.perf_counter()
    for article, found in items[cut:]:
        index.add(article, found)
    return index, (time.perf_counter() - began) / LAST


def _memory(items: list[tuple[Article, Extraction]]) -> float:
    """Bytes the index allocates per article (tracemalloc, current at the end)."""
    tracemalloc.start()
    index = StoryIndex()
    for article, found in items:
        index.add(article, found)
    used = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del index
    return used / len(items)


def _quality(
    index: StoryIndex, items: list[tuple[Article, Extraction]], truth: list[str]
) -> tuple[float, float]:
    """Purity and completeness (inverse purity) of the grouping."""
    gold = {article.id: label for (article, _), label in zip(items, truth, strict=True)}
    predicted = {a: story.id for story in index.stories() for a in story.article_ids}
    pairs = Counter((predicted[a], gold[a]) for a in gold)
    best_p: dict[str, int] = {}
    best_g: dict[str, int] = {}
    for (p, g), count in pairs.items():
        best_p[p] = max(best_p.get(p, 0), count)
        best_g[g] = max(best_g.get(g, 0), count)
    return sum(best_p.values()) / len(gold), sum(best_g.values()) / len(gold)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--per-day", type=int, default=40)
    parser.add_argument("--no-memory", action="store_true", help="skip the tracemalloc pass")
    args = parser.parse_args(argv)
    rows = []
    for n in args.sizes:
        items, truth = build(n, args.per_day)
        index, per_article = _run(items)
        memory = 0.0 if args.no_memory else _memory(items)
        purity, completeness = _quality(index, items, truth)
        stories = len(index.stories())
        rows.append((n, per_article, memory))
        print(
            f"{n:>6} articles  {per_article * 1e3:6.2f} ms/article (last {LAST})  "
            f"{memory / 1024:6.1f} KiB/article  {stories} stories  "
            f"purity {purity:.3f}  completeness {completeness:.3f}",
            flush=True,
        )
    first, last = rows[0], rows[-1]
    time_ratio = last[1] / first[1]
    memory_ratio = last[2] / first[2] if first[2] else 0.0
    print(f"ratio {last[0]}/{first[0]}: time {time_ratio:.2f}  memory {memory_ratio:.2f} "
          f"(must stay <= {MAX_RATIO})")  # fmt: skip
    return 0 if time_ratio <= MAX_RATIO and memory_ratio <= MAX_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
