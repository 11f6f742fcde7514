"""Our annotation files are sound data: the actor phrase sets and the entity alias judgements
follow the codebook's labels, and every stored event annotation lies in its article's text
and sentence with labels of the ontology (skipped when ../shared is absent). No file holds
article text."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT, SHARED
from wirewatch.extract.actors.kb import IGO_CODES, KB_SECTORS, state_codes, subdivisions

DATA = ROOT / "benchmarks" / "data"
DEV = SHARED / "eval" / "dev"
TYPES = set(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)


def _phrases(name: str) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load((DATA / name).read_text("utf-8"))["phrases"]
    return items


@pytest.mark.parametrize("name", ["actor_phrases.yaml", "actor_phrases_b.yaml"])
def test_actor_phrase_sets_use_the_codebooks_labels(name: str) -> None:
    items = _phrases(name)
    assert len(items) >= 300 and len({i["id"] for i in items}) == len(items)
    for item in items:
        assert item["code"] is None or item["code"] in state_codes() | IGO_CODES, item
        assert item["sector"] is None or item["sector"] in KB_SECTORS, item
        assert item.get("region") is None or item["region"] in subdivisions(), item
        assert item["split"] in ("dev", "test") and item["date"], item


def test_the_second_coding_covers_the_first_set() -> None:
    first = {i["id"] for i in _phrases("actor_phrases.yaml")}
    second = {i["id"] for i in _phrases("actor_phrases.second.yaml")}
    assert first == second


def test_alias_judgements_are_pairs_with_a_verdict() -> None:
    pairs = yaml.safe_load((DATA / "entity_aliases.yaml").read_text("utf-8"))["pairs"]
    assert len(pairs) > 500
    assert all(isinstance(p["ok"], bool) and p["entity"] and p["alias"] for p in pairs)
    assert all("example" not in p for p in pairs)  # no article text


def _dev_texts() -> dict[tuple[str, str], str]:
    out = {}
    for name in ("timebank_dates.jsonl", "polnear_quotes.jsonl"):
        for line in (DEV / name).read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[(name, row["id"])] = row["text"]
    return out


def _event_files() -> list[Path]:
    return sorted((DATA / "events").glob("*/*.yaml"))


@pytest.mark.skipif(not DEV.exists(), reason=f"{DEV} is absent: the dev articles live there")
def test_event_annotations_lie_in_their_sentences_with_ontology_labels() -> None:
    texts = _dev_texts()
    files = _event_files()
    if not files:
        pytest.skip("no event annotations stored yet (benchmarks/data/events/)")
    for path in files:
        data = yaml.safe_load(path.read_text("utf-8"))
        text = texts[(data["file"], data["article"])]
        previous_end = 0
        for s in data["sentences"]:
            start, end = s["span"]
            assert previous_end <= start < end <= len(text), (path.name, s["i"])
            previous_end = end
            for e in s["events"]:
                assert e["type"] in TYPES, (path.name, e)
                for actor in (e["source"], e["target"]):
                    if actor is not None:
                        a, b = actor["span"]
                        assert start <= a < b <= end and text[a:b].strip(), (path.name, e)
                        assert actor["sector"] is None or actor["sector"] in KB_SECTORS
                a, b = e["trigger"]
                assert start <= a < b <= end, (path.name, e)
                assert set(e) >= {"negated", "hypothetical", "future", "mode"}
