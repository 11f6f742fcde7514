"""The POLECAT-style record of one event report: keys, actors, dates and provenance."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace

from tests.export.build import Actor, DateRange, article, cluster, day, event
from wirewatch.export.clusters import Report
from wirewatch.export.gdelt import global_event_id
from wirewatch.export.plover import PLOVER_KEYS, plover_record


def test_record_has_plover_fields_extras_and_provenance() -> None:
    source = Actor(
        "FIN",
        "GOV",
        "Finnish Foreign Minister Aino Virtanen",
        name="Aino Virtanen",
        role="foreign minister",
    )
    found = event(
        source=source,
        target=Actor("EST", "DIP", "Estonia's embassy"),
        date=day("2026-03-01", "relative"),
        location="Helsinki",
    )
    report = Report(
        article("aaaa", "Baltic Wire", dt.date(2026, 3, 2), "https://bw.example/a"), 4, found
    )
    group = cluster("e-aaaa-4", [("aaaa", 4)], "FIN", "EST", found.date, 1, 1)
    record = plover_record("s-aaaa", group, report)
    assert tuple(record) == PLOVER_KEYS
    json.loads(json.dumps(record))  # plain JSON
    assert record["event_id"] == "aaaa-4"
    assert (record["event_date"], record["event_date_basis"]) == ("2026-03-01", "relative")
    assert (record["event_type"], record["event_text"]) == ("ACCUSE", found.sentence)
    assert record["actor_name"] == "Aino Virtanen"
    assert record["actor_name_raw"] == "Finnish Foreign Minister Aino Virtanen"
    assert (record["actor_country"], record["actor_sector"]) == ("FIN", "GOV")
    assert record["actor_title"] == "foreign minister"
    assert (record["recipient_name"], record["recipient_sector"]) == ("Estonia", "DIP")
    assert record["placename"] == "Helsinki"
    assert (record["story_date"], record["story_id"]) == ("2026-03-02", "s-aaaa")
    assert (record["publisher"], record["headline"]) == ("Baltic Wire", "Finland accuses Estonia")
    assert (record["cameo"], record["quad_class"], record["goldstein"]) == ("112", 3, -2.0)
    assert record["gdelt_event_id"] == global_event_id("e-aaaa-4")
    prov = record["provenance"]
    assert prov["article_id"] == "aaaa" and prov["url"] == "https://bw.example/a"
    assert prov["file"] == "inbox/aaaa.txt"
    assert prov["sentence_span"] == [found.sentence_start, found.sentence_end]
    assert prov["trigger"] == "accused" and prov["rule"] == "events.test.v1"


def test_undated_event_and_missing_recipient() -> None:
    found = event(date=None, target=None)
    report = Report(article("bbbb", None, None), 0, found)
    record = plover_record(
        "s-bbbb", cluster("e-bbbb-0", [("bbbb", 0)], "FIN", None, None, 1, 1), report
    )
    assert record["event_date"] is None and record["event_date_range"] is None
    assert record["recipient_name"] is None and record["recipient_country"] is None
    assert record["story_date"] is None


def test_open_range_gives_its_known_end() -> None:
    found = event(date=DateRange(None, dt.date(2026, 2, 1), "relative"))
    report = Report(article("cccc", "Baltic Wire", dt.date(2026, 3, 2)), 0, found)
    group = cluster("e-cccc-0", [("cccc", 0)], "FIN", None, found.date, 1, 1)
    record = plover_record("s-cccc", group, report)
    assert record["event_date"] == "2026-02-01"
    assert record["event_date_range"] == [None, "2026-02-01"]


def test_a_scored_event_adds_its_score_after_the_plover_keys() -> None:
    found = replace(event(date=None), score=0.83)
    report = Report(article("dddd", "Baltic Wire", dt.date(2026, 3, 2)), 0, found)
    group = cluster("e-dddd-0", [("dddd", 0)], "FIN", None, None, 1, 1)
    record = plover_record("s-dddd", group, report)
    assert tuple(record) == (*PLOVER_KEYS, "score")
    assert record["score"] == 0.83
    unscored = plover_record("s-dddd", group, Report(report.article, 0, event(date=None)))
    assert "score" not in unscored
