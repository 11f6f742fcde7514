"""Do events on real articles keep both actors coded? Counted on the 267 dev articles.

Usage: python benchmarks/actors_dev.py [--examples N]

The dev articles of ../shared/eval/dev (TimeBank: 1989-90 and 1998 wire and broadcast news;
PolNeAR: 2016 US political news) are extracted as ``wirewatch extract`` does. Printed: how
many events have a coded source, a coded target (when they have one) and both, split into
events between states (both codes ISO states of different countries or regions) and US
domestic events (both ``USA``), and how many actor mentions in events have no country. Run it
with the code before a change (another checkout's ``src`` first on ``PYTHONPATH``) to get the
baseline in the same conditions.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from stories_eval import DEV, _write_jsonl, dev_articles
from wirewatch import pipeline
from wirewatch.extract.actors import load_gazetteer
from wirewatch.records import Event
from wirewatch.settings import load_options


def dev_events(dev: Path) -> list[Event]:
    """Every event wirewatch finds in the dev articles."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "dev.jsonl"
        _write_jsonl(dev_articles(dev), path)
        return [
            e
            for r in pipeline.extract_paths([str(path)], load_options())
            if isinstance(r, tuple)
            for e in r[1].events
        ]


def _share(n: int, d: int) -> str:
    return f"{n}/{d} ({n / d:.2f})" if d else "0/0"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=0, help="print N uncoded actors")
    args = parser.parse_args(argv)
    if not (DEV / "timebank_dates.jsonl").exists():
        print(f"skipped: {DEV} is absent (the dev articles live in ../shared/eval/dev)")
        return 0
    events = dev_events(DEV)
    states = load_gazetteer().states
    directed = [e for e in events if e.target is not None]
    source = sum(1 for e in events if e.source.code)
    both = [e for e in directed if e.source.code and e.target and e.target.code]
    interstate = [e for e in both if e.source.code in states and e.target.code in states]
    domestic = [e for e in both if e.source.code == "USA" and e.target.code == "USA"]
    print(f"events {len(events)}, with a target {len(directed)}")
    print(f"  source coded             {_share(source, len(events))}")
    print(f"  source and target coded  {_share(len(both), len(directed))}")
    print(f"  between states           {len(interstate)}")
    print(f"  US domestic (USA -> USA) {len(domestic)}")
    uncoded = [a for e in events for a in (e.source, e.target) if a is not None and not a.code]
    print(f"  event actors with no country: {len(uncoded)}")
    for actor in uncoded[: args.examples]:
        print(f"    {actor.text!r} ({actor.sector})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
