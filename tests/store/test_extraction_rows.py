"""Extraction rows in the store: written with their article in one batch, read back as events
with the article they came from, filtered as `wirewatch events` filters them."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

from tests.store.factory import make_article
from wirewatch.records import (
    Actor,
    Article,
    Claim,
    DateRange,
    Event,
    Extraction,
    Quote,
    TimeExpression,
)
from wirewatch.store import EventFilter, Store


def _event(
    a: Article, kind: str, src: str, tgt: str | None, day: dt.date | None, **flags: bool
) -> Event:
    end = a.text.index(".") + 1
    return Event(
        type=kind,
        source=Actor(src, "GOV", f"{src} officials", 0, 4, name=None),
        target=Actor(tgt, None, tgt, 5, 8) if tgt else None,
        mode=None,
        cameo="11",
        quad_class=3,
        goldstein=-2.0,
        date=DateRange(day, day, "explicit") if day else None,
        location="Harbour",
        sentence=a.text[:end],
        sentence_start=0,
        sentence_end=end,
        trigger="questioned",
        trigger_start=2,
        trigger_end=4,
        rule="events.test.v1",
        **flags,
    )


def _extraction(a: Article) -> Extraction:
    day = dt.date(2024, 3, 5)
    return Extraction(
        article_id=a.id,
        events=(
            _event(a, "ACCUSE", "KOR", "RUS", day),
            _event(a, "THREATEN", "RUS", "KOR", None, hypothetical=True),
            _event(a, "CONSULT", "KOR", None, dt.date(2024, 6, 1)),
        ),
        quotes=(Quote("we will respond", 10, 25, Actor("KOR", "GOV", "Kim", 30, 33), "Kim"),),
        claims=(Claim(1500.0, None, "troops sent", None, None, "1,500", 3, 8, a.text[:20], 0, 20),),
        dates=(TimeExpression("on day 0", 40, 48, DateRange(day, day, "relative"), "w.v1"),),
        mentions=(Actor("KOR", "GOV", "KOR officials", 0, 4, rule="actors.test.v1"),),
        model="en_test-1.0",
    )


def test_extractions_are_stored_and_read_back_with_their_article(tmp_path: Path) -> None:
    first, copy = make_article(1), replace(make_article(1), source="doc/copy.txt", raw_hash="c")
    with Store.open(tmp_path / "w.duckdb") as store:
        result = store.write_batch(
            [first, copy], [], {first.id: _extraction(first), copy.id: _extraction(copy)}
        )
        assert (result.stored, result.duplicates, result.events, result.quotes) == (1, 1, 3, 1)
        counts = store.counts()
        assert (counts["events"], counts["quotes"], counts["claims"]) == (3, 1, 1)
        assert (counts["date_expressions"], counts["mentions"]) == (1, 1)
        rows = store.events()
        assert [e.type for e, _ in rows] == [
            "ACCUSE",
            "CONSULT",
            "THREATEN",
        ]  # by date, undated last
        event, ref = rows[0]
        assert event == _extraction(first).events[0]
        assert (ref.article_id, ref.source, ref.outlet) == (first.id, first.source, first.outlet)
        assert store.table("articles").column("nlp_model").to_pylist() == ["en_test-1.0"]


def test_event_filters(tmp_path: Path) -> None:
    a = make_article(2)
    with Store.open(tmp_path / "w.duckdb") as store:
        store.write_batch([a], [], {a.id: _extraction(a)})

        def types(**where: object) -> list[str]:
            return [e.type for e, _ in store.events(EventFilter(**where))]  # type: ignore[arg-type]

        assert types(source="kor") == ["ACCUSE", "CONSULT"]
        assert types(source="KOR.GOV", target="RUS") == ["ACCUSE"]
        assert types(source="KOR.MIL") == []
        assert types(type="threaten") == ["THREATEN"]
        assert types(since=dt.date(2024, 4, 1)) == ["CONSULT"]
        assert types(until=dt.date(2024, 4, 1)) == ["ACCUSE"]
        assert types(happened=True) == ["ACCUSE", "CONSULT"]
        assert types(limit=1) == ["ACCUSE"]


def test_dyad_filter_and_trend(tmp_path: Path) -> None:
    a = make_article(3)
    with Store.open(tmp_path / "w.duckdb") as store:
        store.write_batch([a], [], {a.id: _extraction(a)})
        both_ways = [e.type for e, _ in store.events(EventFilter(dyad=("rus", "KOR")))]
        assert both_ways == ["ACCUSE", "THREATEN"]
        assert store.events(EventFilter(dyad=("KOR.MIL", "RUS"))) == []
        # the hypothetical THREATEN and the undated one are not counted
        assert store.trend("KOR", "RUS", "month") == [(dt.date(2024, 3, 1), "ACCUSE", 1, -2.0)]
        assert store.trend("KOR", "RUS", "week") == [(dt.date(2024, 3, 4), "ACCUSE", 1, -2.0)]


def test_extractions_read_back_as_they_were_found(tmp_path: Path) -> None:
    import wirewatch
    from tests.conftest import EXAMPLES

    found = {a.id: x for a, x in wirewatch.extract_articles(EXAMPLES / "wire.jsonl")}
    corpus = wirewatch.Corpus(tmp_path / "w.duckdb")
    corpus.ingest(EXAMPLES / "wire.jsonl")
    with Store.open(tmp_path / "w.duckdb", read_only=True) as store:
        stored = store.extractions([*found, "no-such-id"])
    assert set(stored) <= set(found) and len(stored) == 2  # line 2 is a copy of line 1
    for aid, back in stored.items():
        x = found[aid]
        assert back.mentions == x.mentions and back.dates == x.dates and back.model == x.model

        def key(e: Event) -> tuple[object, ...]:
            target = e.target.code if e.target else None
            return (e.type, e.source.code, target, e.date, e.sentence_start, e.rule, e.future)

        assert [key(e) for e in back.events] == [key(e) for e in x.events]
        assert [(c.value, c.what, c.date) for c in back.claims] == [
            (c.value, c.what, c.date) for c in x.claims
        ]
        assert [(q.text, q.speaker_text) for q in back.quotes] == [
            (q.text, q.speaker_text or (q.speaker.text if q.speaker else None)) for q in x.quotes
        ]


def _scored(a: Article) -> Extraction:
    """Events the model scored 0.2, 0.5 and 0.9, and one found by rules only (no score)."""
    day = dt.date(2024, 3, 5)
    events = [
        replace(_event(a, kind, "KOR", "RUS", day), score=score)
        for kind, score in (("ACCUSE", 0.2), ("THREATEN", None), ("CONSULT", 0.5), ("REJECT", 0.9))
    ]
    return Extraction(article_id=a.id, events=tuple(events), model="en_test-1.0")


def test_event_scores_are_stored_and_read_back(tmp_path: Path) -> None:
    a = make_article(4)
    with Store.open(tmp_path / "w.duckdb") as store:
        store.write_batch([a], [], {a.id: _scored(a)})
        assert store.table("events").column("score").to_pylist() == [0.2, None, 0.5, 0.9]
        assert [e.score for e, _ in store.events()] == [0.2, None, 0.5, 0.9]
        assert store.extractions([a.id])[a.id].events == _scored(a).events


def test_min_score_drops_lower_scores_and_keeps_unscored_events(tmp_path: Path) -> None:
    a = make_article(5)
    with Store.open(tmp_path / "w.duckdb") as store:
        store.write_batch([a], [], {a.id: _scored(a)})
        for threshold, kept in (
            (None, ["ACCUSE", "THREATEN", "CONSULT", "REJECT"]),
            (0.0, ["ACCUSE", "THREATEN", "CONSULT", "REJECT"]),
            (0.5, ["THREATEN", "CONSULT", "REJECT"]),  # 0.5 itself is kept
            (0.51, ["THREATEN", "REJECT"]),
            (1.0, ["THREATEN"]),
        ):
            where = EventFilter(min_score=threshold)
            assert [e.type for e, _ in store.events(where)] == kept
            assert store.count_events(where) == len(kept)
            # the SQL filter and Event.meets are the same rule
            assert kept == [e.type for e in _scored(a).events if e.meets(threshold)]
        assert [e.type for e, _ in store.events(EventFilter(min_score=0.5, limit=1))] == [
            "THREATEN"
        ]
        assert store.trend("KOR", "RUS", "month", 0.5) == [
            (dt.date(2024, 3, 1), "CONSULT", 1, -2.0),
            (dt.date(2024, 3, 1), "REJECT", 1, -2.0),
            (dt.date(2024, 3, 1), "THREATEN", 1, -2.0),
        ]
