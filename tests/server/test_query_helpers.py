"""What the API stands on: search, actor detail, event filters, and the store's read snapshot."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from wirewatch import pipeline
from wirewatch.errors import StoreError, UsageError
from wirewatch.query.actors import actor_detail
from wirewatch.query.events import event_filter
from wirewatch.query.search import query_terms, search, snippet
from wirewatch.settings import load_options
from wirewatch.store import EventFilter, Store

NOTE = (
    b"Dam inspectors find cracks at Morrow reservoir\n\n"
    b"Inspectors found new cracks in the wall of the Morrow reservoir dam on Wednesday and "
    b"ordered the water level lowered by two metres, the regional water board said.\n"
)


def test_query_terms_are_distinct_lower_case_words() -> None:
    assert query_terms("  Sanctions  sanctions OIL ") == ["sanctions", "oil"]
    with pytest.raises(UsageError, match="q: give at least one word"):
        query_terms(" \t ")
    with pytest.raises(UsageError, match="at most 16"):
        query_terms(" ".join(f"w{i}" for i in range(17)))


def test_a_snippet_shows_the_first_hit_in_its_context() -> None:
    text = "Opening words. " + "filler " * 60 + "The Minister RESIGNED today. " + "tail " * 60
    cut = snippet(text, ["resigned"])
    assert "Minister RESIGNED today" in cut
    assert cut.startswith("…") and cut.endswith("…")
    assert len(cut) <= 170
    assert snippet("Short text\nwith  lines.", ["zzz"]) == "Short text with lines."
    assert snippet("a (b) c", ["(b)"]) == "a (b) c"  # terms are literal, not patterns


def test_event_filter_checks_what_a_user_types() -> None:
    where = event_filter("rus.gov", "", "threaten", "2024-01-01", None, True, 5, 10)
    assert where == EventFilter(
        "RUS.GOV", None, "THREATEN", dt.date(2024, 1, 1), None, True, 5, None, 10
    )
    assert event_filter(min_score=0.25) == EventFilter(min_score=0.25)
    for bad, name in [
        ({"since": "2024-1-1"}, "since"),
        ({"type": "WAR"}, "type"),
        ({"min_score": 1.01}, "min_score"),
    ]:
        with pytest.raises(UsageError, match=f"^{name}: "):
            event_filter(**bad)  # type: ignore[arg-type]


def test_store_pages_counts_and_searches_events(example_db: Path) -> None:
    with Store.open(example_db, read_only=True) as store:
        every = store.events()
        assert store.count_events() == len(every) > 3
        assert store.events(EventFilter(limit=2, offset=1)) == every[1:3]
        assert store.count_events(EventFilter(limit=1)) == len(every)
        word = max(every[0][0].sentence.split(), key=len).lower()
        found, total = store.search_events([word], limit=100)
        assert total == len(found) >= 1
        assert all(word in (e.sentence + e.trigger + e.type).lower() for e, _ in found)
        with pytest.raises(UsageError):
            store.search_articles([], limit=1)
        with pytest.raises(UsageError):
            store.events(EventFilter(offset=-1))


def test_search_pages_both_lists(example_db: Path) -> None:
    with Store.open(example_db, read_only=True) as store:
        whole = search(store, "the", limit=100)
        page = search(store, "the", limit=1, offset=1)
    assert page["articles"]["total"] == whole["articles"]["total"] >= 2
    assert page["articles"]["items"] == whole["articles"]["items"][1:2]
    assert page["events"]["items"] == whole["events"]["items"][1:2]


def test_actor_detail_of_a_person_follows_its_mentions(example_db: Path) -> None:
    with Store.open(example_db, read_only=True) as store:
        person = next(e for e in (actor_detail(store, f"person:{s}") for s in _people(store)) if e)
        assert person["kind"] == "person" and person["mentions"] >= 1
        for event in person["as_source"]:
            assert event["source"].get("name") or event["source"]["text"]
        assert actor_detail(store, "person:no-one-at-all") is None
        assert actor_detail(store, "QQQ") is None
        with pytest.raises(UsageError):
            actor_detail(store, "two words")


def _people(store: Store) -> list[str]:
    from wirewatch.query.stories import entities

    return [e.id.removeprefix("person:") for e in entities(store) if e.kind == "person"]


def test_a_snapshot_keeps_one_state_while_another_cursor_commits(writable_db: Path) -> None:
    options = load_options(db=str(writable_db))
    with Store.open(writable_db) as store:
        reader, writer = store.cursor(), store.cursor()
        before = reader.article_count()
        with reader.snapshot():
            report = pipeline.ingest_bytes([("dam.txt", NOTE)], writer, options)
            assert report.stored == 1
            assert reader.article_count() == before
            assert len(reader.articles()) == before
            with pytest.raises(StoreError, match="inside a read snapshot"):
                reader.save_stories([], [])
            with pytest.raises(StoreError, match="already open"), reader.snapshot():
                pass
        assert reader.article_count() == before + 1
        assert [a.source for a in reader.articles() if "Morrow" in a.text] == ["dam.txt"]
        reader.close()
        writer.close()
