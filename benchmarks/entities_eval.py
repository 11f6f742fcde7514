"""Alias precision of entities: how many of the spellings an entity gathers across the dev
corpus are really its names or true descriptions of it.

Usage: python benchmarks/entities_eval.py [--dump PAIRS.yaml] [--errors]

The 267 real articles of ../shared/eval/dev (TimeBank and PolNeAR) are extracted as
``wirewatch extract`` does and their mentions merged into entities (``link.entities``). Each
(entity, alias) pair is judged two ways:

* against the hand judgements of ``benchmarks/data/entity_aliases.yaml`` (``ok: true`` when the
  alias names the entity or truly describes it in its article, ``false`` otherwise); pairs
  the file does not judge are counted apart, so a change that makes new aliases shows them;
* by three checks that need no judgement, for state entities: an alias that is an outlet's
  name, a person of another country, or a plain common noun with no name in it ("the wrong side").

Target (docs/actors.md, the actor issue): alias precision 0.95 or more on judged pairs, and
none of the three kinds of wrong alias on any state.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from stories_eval import DEV, dev_articles
from wirewatch import pipeline
from wirewatch.extract.actors import load_gazetteer
from wirewatch.extract.actors.gazetteer import tokens
from wirewatch.link.entities import merge_entities
from wirewatch.records import Actor, Entity
from wirewatch.settings import load_options

GOLD = Path(__file__).parent / "data" / "entity_aliases.yaml"
TARGET = 0.95


TEXTS: dict[str, str] = {}
"""Article id -> text of the extracted dev articles, for the example sentence of a pair."""


def extract_dev(dev: Path) -> list[tuple[str, Sequence[Actor]]]:
    """(article id, mentions) of every dev article, extracted as ``wirewatch extract`` does."""
    articles = dev_articles(dev)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dev.jsonl"
        lines = []
        for a in articles:
            record = {"text": a.text, "published": a.published.isoformat(), "id": a.key[1]}
            if a.outlet:
                record["outlet"] = a.outlet
            lines.append(json.dumps(record, ensure_ascii=False))
        path.write_text("\n".join(lines) + "\n", "utf-8")
        out: list[tuple[str, Sequence[Actor]]] = []
        for r in pipeline.extract_paths([str(path)], load_options()):
            if isinstance(r, tuple):
                TEXTS[r[0].id] = r[0].text
                out.append((r[0].id, r[1].mentions))
        return out


def _example(e: Entity, alias: str) -> str:
    """Where the alias first stands: its article id and the words around it."""
    ref = next((m for m in e.mentions if m.text.casefold() == alias.casefold()), None)
    if ref is None:
        ref = next((m for m in e.mentions if alias.casefold() in m.text.casefold()), None)
    if ref is None or ref.article_id not in TEXTS:
        return ""
    text = TEXTS[ref.article_id]
    around = text[max(0, ref.start - 120) : ref.end + 80].replace("\n", " ")
    return f"{ref.article_id}: ...{around}..."


def pairs(entities: Iterable[Entity], examples: bool = False) -> list[dict[str, Any]]:
    """Each entity's aliases other than its own name (a person's every spelling)."""
    out = []
    for e in entities:
        for alias in e.aliases:
            if alias != e.name or e.kind == "person":
                pair = {"entity": e.id, "kind": e.kind, "name": e.name, "alias": alias}
                if examples:
                    pair["example"] = _example(e, alias)
                out.append(pair)
    return out


def _names(alias: str) -> list[tuple[str, str | None]]:
    """(kind, code) of each gazetteer name found in ``alias``; outlets as kind ``outlet``."""
    g = load_gazetteer()
    words = list(tokens(alias))
    kinds = []
    for i in range(len(words)):
        hit = g.match(words, i)
        if hit is not None:
            entry = hit[1]
            kinds.append(("outlet" if entry.sector == "MED" else entry.kind, entry.code))
    return kinds


def wrong_kinds(pair: dict[str, Any]) -> str | None:
    """The kind of wrong alias a state's alias plainly is: an ``outlet``'s name, a ``person``
    of another country, or a ``common noun`` with no name in it; None otherwise."""
    if pair["kind"] != "state":
        return None
    code = pair["entity"].split(":", 1)[1]
    names = _names(pair["alias"])
    if any(kind == "outlet" for kind, _ in names):
        return "outlet"
    if any(kind == "person" and other != code for kind, other in names):
        return "person"
    if not names and not any(c.isupper() for c in pair["alias"]):
        return "common noun"
    return None


def _judged(gold_path: Path) -> dict[tuple[str, str], bool]:
    if not gold_path.exists():
        return {}
    data = yaml.safe_load(gold_path.read_text("utf-8")) or {}
    return {(p["entity"], p["alias"]): bool(p["ok"]) for p in data.get("pairs", [])}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dump", help="write every (entity, alias) pair to this YAML file")
    parser.add_argument("--errors", action="store_true", help="print wrong and unjudged pairs")
    args = parser.parse_args(argv)
    if not (DEV / "timebank_dates.jsonl").exists():
        print(f"skipped: {DEV} is absent (the dev articles live in ../shared/eval/dev)")
        return 0
    entities = merge_entities(extract_dev(DEV))
    found = pairs(entities, examples=bool(args.dump))
    if args.dump:
        Path(args.dump).write_text(
            yaml.safe_dump({"pairs": found}, sort_keys=False, allow_unicode=True, width=200),
            "utf-8",
        )
    judged = _judged(GOLD)
    right = [p for p in found if judged.get((p["entity"], p["alias"])) is True]
    wrong = [p for p in found if judged.get((p["entity"], p["alias"])) is False]
    unjudged = [p for p in found if (p["entity"], p["alias"]) not in judged]
    plain = [(p, k) for p in found if (k := wrong_kinds(p))]
    n = len(right) + len(wrong)
    print(f"entities {len(entities)}, aliases {len(found)} (other than the entity's own name)")
    if n:
        print(f"alias precision on judged pairs: {len(right) / n:.3f} ({len(right)}/{n})")
    print(f"unjudged pairs: {len(unjudged)}")
    for kind in ("outlet", "person", "common noun"):
        print(f"state aliases that are a {kind}: {sum(1 for _, k in plain if k == kind)}")
    print(f"target: precision >= {TARGET} and no state alias of those three kinds")
    if args.errors:
        for p in wrong:
            print(f"  wrong: {p['entity']} <- {p['alias']!r}")
        for p, k in plain:
            print(f"  {k}: {p['entity']} <- {p['alias']!r}")
        for p in unjudged[:200]:
            print(f"  unjudged: {p['entity']} <- {p['alias']!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
