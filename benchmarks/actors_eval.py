"""Actor coding on phrases a coder meets: country and sector of each phrase as the subject of a
one-sentence article, read from the mentions ``wirewatch extract --json`` prints.

Usage: python benchmarks/actors_eval.py [PHRASES.yaml] [--split dev|test|all] [--misses]

Each phrase of ``benchmarks/data/actor_phrases.yaml`` (codebook: docs/actors.md) becomes one
article dated as the item says: "PHRASE said on Tuesday that ...", with "CITY (Reuters) - "
before it when the item gives a dateline. The mention that covers most of the phrase is its
coding. Printed: country and sector both right (the figure the actor issue sets), country
right, sector right and region right, per split and per kind, beside a country-name lookup
baseline run on the same phrases (the first country, demonym or capital the gazetteer finds in
the phrase, coded as that state's government, GOV).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

from wirewatch import pipeline
from wirewatch.extract.actors import load_gazetteer
from wirewatch.extract.actors.gazetteer import tokens
from wirewatch.query.findings import extraction_view
from wirewatch.settings import load_options

DATA = Path(__file__).parent / "data" / "actor_phrases.yaml"
#: Sentence frames, varied so that the one-line articles are not near-duplicates of each other;
#: the day named comes from the item's id, so no two items share a text (the cleaner would keep
#: only the first copy of an exact duplicate).
FRAMES = (
    "{p} said on {month} {day} that the talks would continue.",
    "{p} accused the other side of breaking the agreement reached on {month} {day}.",
    "{p} called for calm after a night of clashes on {month} {day} near the border.",
    "{p} rejected the proposal during a meeting on {month} {day}.",
    "{p} welcomed the release on {month} {day} of the two detained aid workers.",
    "{p} threatened on {month} {day} to respond if the shelling went on.",
)
MONTHS = "January February March April May June July August September October November".split()


def _sentence(item: dict[str, Any], n: int) -> tuple[str, int]:
    """The article text for an item and the offset of its phrase there."""
    phrase = str(item["phrase"])
    phrase = phrase[0].upper() + phrase[1:]
    ident = int(item["id"])
    frame = FRAMES[n % len(FRAMES)].format(p=phrase, month=MONTHS[ident % 11], day=ident % 27 + 1)
    lead = f"{item['context']} (Reuters) - " if item.get("context") else ""
    return lead + frame, len(lead)


def _articles(items: list[dict[str, Any]], folder: Path) -> Path:
    path = folder / "phrases.jsonl"
    with path.open("w", encoding="utf-8") as out:
        for n, item in enumerate(items):
            text, _ = _sentence(item, n)
            record = {"id": f"p{item['id']}", "text": text, "published": str(item["date"])}
            record["url"] = f"https://example.org/phrase/{item['id']}"
            out.write(json.dumps(record) + "\n")
    return path


def _coding(view: dict[str, Any], start: int, end: int) -> dict[str, Any] | None:
    """The mention of the phrase ``[start, end)``: of those overlapping it, the one starting
    first (the subject's own phrase, not a name inside its "of" or "for" phrase), the longest
    on ties."""
    best = None
    for m in view["mentions"]:
        m_start, m_end = m["span"]
        if min(end, m_end) - max(start, m_start) <= 0:
            continue
        key = (max(m_start, start), -(m_end - m_start))
        if best is None or key < best[0]:
            best = (key, m)
    return best[1] if best else None


def _baseline(phrase: str) -> str | None:
    gaz = load_gazetteer()
    words = list(tokens(phrase))
    for i in range(len(words)):
        hit = gaz.match(words, i)
        if hit is not None and hit[1].kind in ("country", "demonym", "capital"):
            return hit[1].code
    return None


def run(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each item with what wirewatch and the baseline coded."""
    options = load_options()
    with tempfile.TemporaryDirectory() as tmp:
        path = _articles(items, Path(tmp))
        views = {}
        for result in pipeline.extract_paths([str(path)], options):
            if isinstance(result, tuple):
                view = extraction_view(*result)
                views[view["url"]] = view
    out = []
    for n, item in enumerate(items):
        text, offset = _sentence(item, n)
        view = views.get(f"https://example.org/phrase/{item['id']}")
        got = _coding(view, offset, offset + len(str(item["phrase"]))) if view else None
        out.append(
            {
                **item,
                "got_code": got["code"] if got else None,
                "got_sector": got["sector"] if got else None,
                "got_region": got.get("region") if got else None,
                "got_text": got["text"] if got else None,
                "got_basis": got.get("basis") if got else None,
                "base_code": _baseline(str(item["phrase"])),
                "sentence": text,
            }
        )
    return out


def _share(rows: list[dict[str, Any]], key: Any) -> str:
    if not rows:
        return "   -"
    return f"{sum(1 for r in rows if key(r)) / len(rows):.2f}"


def _both(r: dict[str, Any]) -> bool:
    return bool(r.get("code") == r["got_code"] and r.get("sector") == r["got_sector"])


def _base_both(r: dict[str, Any]) -> bool:
    """The lookup's coding: the country it finds, as its government (GOV)."""
    sector = "GOV" if r["base_code"] else None
    return bool(r.get("code") == r["base_code"] and r.get("sector") == sector)


def _line(label: str, rows: list[dict[str, Any]], key: Any, base: Any = None) -> None:
    text = f"  {label:<31}{_share(rows, key)}"
    print(text + (f"   (baseline {_share(rows, base)})" if base is not None else ""))


def report(rows: list[dict[str, Any]], label: str) -> None:
    with_region = [r for r in rows if r.get("region")]
    print(f"\n{label}: {len(rows)} phrases")
    _line("country and sector both right", rows, _both, _base_both)
    _line(
        "country right",
        rows,
        lambda r: r.get("code") == r["got_code"],
        lambda r: r.get("code") == r["base_code"],
    )
    _line("sector right", rows, lambda r: r.get("sector") == r["got_sector"])
    _line(
        f"region right ({len(with_region)} with one)",
        with_region,
        lambda r: r.get("region") == r["got_region"],
    )
    kinds: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        kinds[str(r.get("kind"))].append(r)
    for kind, part in sorted(kinds.items()):
        both, base = _share(part, _both), _share(part, _base_both)
        print(f"    {kind:<24} {len(part):>4}  both {both}  baseline {base}")


def agreement(items: list[dict[str, Any]], second: Path) -> None:
    """How often a second, independent coder gave the same country and sector."""
    other = {p["id"]: p for p in yaml.safe_load(second.read_text(encoding="utf-8"))["phrases"]}
    both = [i for i in items if i["id"] in other]
    if not both:
        return
    same = sum(
        1
        for i in both
        if (i.get("code"), i.get("sector"))
        == (other[i["id"]].get("code"), other[i["id"]].get("sector"))
    )
    codes = sum(1 for i in both if i.get("code") == other[i["id"]].get("code"))
    print(
        f"\nagreement with a second coder ({second.name}, {len(both)} phrases): "
        f"country and sector {same / len(both):.2f}, country {codes / len(both):.2f}"
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("phrases", nargs="?", default=str(DATA))
    parser.add_argument("--split", default="all", choices=("dev", "test", "all"))
    parser.add_argument("--misses", action="store_true", help="print every miss")
    args = parser.parse_args(argv)
    data = yaml.safe_load(Path(args.phrases).read_text(encoding="utf-8"))
    items = [i for i in data["phrases"] if args.split == "all" or i.get("split") == args.split]
    rows = run(items)
    for split in ("dev", "test"):
        part = [r for r in rows if r.get("split") == split]
        if part:
            report(part, f"split {split}")
    if args.split == "all":
        report(rows, "all")
    second = Path(args.phrases).with_suffix(".second.yaml")
    if second.exists():
        agreement(items, second)
    if args.misses:
        print("\nmisses (gold -> got):")
        for r in rows:
            if not _both(r):
                gold = f"{r.get('code')}.{r.get('sector')}"
                got = f"{r['got_code']}.{r['got_sector']}"
                where = f"[{r.get('split')}] {r['phrase']!r} ({r['date']})"
                print(f"  {where}: {gold} -> {got} [{r['got_text']!r}]")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
