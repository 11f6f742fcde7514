"""The GDELT 2.0 row of an event cluster, from hand-built records: columns, codes, dates, ids."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.conftest import SHARED
from tests.export.build import LEAD, Actor, DateRange, article, cluster, day, event
from wirewatch.export.clusters import Report
from wirewatch.export.gdelt import GDELT_COLUMNS, gdelt_row, global_event_id

ONTOLOGY = SHARED / "reference" / "ontology.md"
ADDED = dt.datetime(2026, 3, 2, 9, 5, 7)


def ontology_columns() -> list[str]:
    """The GDELT column list of ontology.md: the comma-separated block under its heading."""
    text = ONTOLOGY.read_text("utf-8")
    section = text.split("## GDELT 2.0 event table", 1)[1].split("\n", 1)[1]
    block = section.split("\n\n", 1)[0]
    return [c.strip() for c in block.replace("\n", " ").split(",") if c.strip()]


def test_columns_are_the_61_of_gdelt_2() -> None:
    assert len(GDELT_COLUMNS) == 61 == len(set(GDELT_COLUMNS))
    assert GDELT_COLUMNS[:2] == ("GLOBALEVENTID", "SQLDATE")
    assert GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_columns_match_the_shared_ontology() -> None:
    if not ONTOLOGY.is_file():
        pytest.skip(f"shared reference not found at {ONTOLOGY} (set WIREWATCH_SHARED)")
    assert tuple(ontology_columns()) == GDELT_COLUMNS


def row_of(reports: list[Report], **kw: object) -> dict[str, str]:
    spec = {"source": "FIN", "target": "EST", "date": day("2026-03-01"), "articles": 2}
    spec |= kw
    found = cluster(
        "e-aaaa-0",
        [(r.article.id, r.idx) for r in reports],
        spec["source"],  # type: ignore[arg-type]
        spec["target"],  # type: ignore[arg-type]
        spec["date"],  # type: ignore[arg-type]
        spec["articles"],  # type: ignore[arg-type]
        2,
    )
    values = gdelt_row(found, reports, ADDED)
    assert len(values) == 61
    return dict(zip(GDELT_COLUMNS, values, strict=True))


def two_reports() -> list[Report]:
    first = article("aaaa", "Baltic Wire", dt.date(2026, 3, 1), url="https://bw.example/a")
    second = article("bbbb", "Harbour Daily", dt.date(2026, 3, 2))
    embassy = Actor("EST", "DIP", "Estonia's embassy")
    lead = event(target=embassy, date=day("2026-03-01"), location="Helsinki")
    body = event(cameo="11", target=Actor("EST", None, "Estonia"), start=len(LEAD) + 2)
    return [Report(first, 0, lead), Report(second, 3, body)]


def test_row_values_from_the_cluster_and_its_reports() -> None:
    row = row_of(two_reports())
    assert row["SQLDATE"] == "20260301"
    assert (row["MonthYear"], row["Year"]) == ("202603", "2026")
    assert row["FractionDate"] == "2026.1616"  # 59 of 365 days gone
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"]) == (
        "FINGOV",
        "FINLAND",
        "FIN",
    )
    assert row["Actor1Type1Code"] == "GOV"
    assert row["Actor2Code"] == "ESTGOV"  # DIP is exported as GOV
    assert row["Actor2Type1Code"] == "GOV"
    # one report says 112, the other the bare root 11: a tie goes to the finer code
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("112", "112", "11")
    assert (row["QuadClass"], row["GoldsteinScale"]) == ("3", "-2.0")
    assert row["IsRootEvent"] == "1"
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == ("2", "2", "2")
    assert row["ActionGeo_FullName"] == "Helsinki"
    assert row["DATEADDED"] == "20260302090507"
    assert row["SOURCEURL"] == "https://bw.example/a"
    assert row["AvgTone"] == row["Actor1Geo_Type"] == row["ActionGeo_CountryCode"] == ""
    assert re.fullmatch(r"\d+", row["GLOBALEVENTID"])


def test_a_bare_root_code_is_exported_as_its_unspecified_code() -> None:
    reports = two_reports()[1:]
    row = row_of(reports, articles=1)
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("110", "110", "11")
    assert row["IsRootEvent"] == "0"  # stated in the second paragraph only
    assert row["SOURCEURL"] == "inbox/bbbb.txt"  # no URL: the file


def test_ranges_give_their_first_day_and_undated_events_no_date() -> None:
    reports = two_reports()
    week = DateRange(dt.date(2026, 2, 23), dt.date(2026, 3, 1), "relative")
    assert row_of(reports, date=week)["SQLDATE"] == "20260223"
    undated = row_of(reports, date=None)
    assert undated["SQLDATE"] == undated["Year"] == undated["FractionDate"] == ""


def test_uncoded_and_missing_actors() -> None:
    first = article("aaaa", "Baltic Wire", dt.date(2026, 3, 1))
    lone = event(source=Actor(None, None, "a\tlocal\ngroup"), target=None)
    row = row_of([Report(first, 0, lone)], source=None, target=None, articles=1)
    assert row["Actor1Code"] == "" and row["Actor1Name"] == "A LOCAL GROUP"
    assert all(row[c] == "" for c in GDELT_COLUMNS if c.startswith("Actor2"))


def test_organisations_keep_their_code() -> None:
    first = article("aaaa", "Baltic Wire", dt.date(2026, 3, 1))
    nato = event(source=Actor("NATO", "IGO", "NATO"), target=Actor("EST", "GOV", "Tallinn"))
    row = row_of([Report(first, 0, nato)], source="NATO", articles=1)
    assert (row["Actor1Code"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == (
        "NATO",
        "",
        "IGO",
    )


def test_global_event_id_is_stable_positive_and_63_bit() -> None:
    ids = {global_event_id(f"e-{n:016x}-0") for n in range(500)}
    assert len(ids) == 500
    assert all(0 < i < 2**63 for i in ids)
    assert global_event_id("e-abc-1") == global_event_id("e-abc-1")


def test_a_us_state_fills_the_actor_geo_fields() -> None:
    first = article("aaaa", "Plains Wire", dt.date(2019, 3, 1))
    suit = event(
        source=Actor("USA", "GOV", "Nebraska", region="US-NE"),
        target=Actor("USA", "GOV", "Colorado", region="US-CO"),
    )
    row = row_of([Report(first, 0, suit)], source="USA", target="USA", articles=1)
    assert (row["Actor1Code"], row["Actor1Geo_Type"], row["Actor1Geo_ADM1Code"]) == (
        "USAGOV",
        "2",
        "USNE",
    )
    assert row["Actor1Geo_CountryCode"] == "US" and row["Actor2Geo_ADM1Code"] == "USCO"
    assert row["Actor2Geo_FullName"] == "Colorado, United States"


def test_another_countrys_region_gives_its_name_but_no_fips_code() -> None:
    first = article("aaaa", "Delta Wire", dt.date(2019, 3, 1))
    police = event(source=Actor("NGA", "COP", "Lagos State police", region="NG-LA"), target=None)
    row = row_of([Report(first, 0, police)], source="NGA", target=None, articles=1)
    assert row["Actor1Geo_Type"] == "5" and row["Actor1Geo_FullName"] == "Lagos, Nigeria"
    assert row["Actor1Geo_ADM1Code"] == ""
