"""Dates, bylines and elided dates read from the text, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt

from wirewatch.clean.dates import find_dates, parse_date
from wirewatch.clean.metadata import find_elided_dates, infer_published, read_header
from wirewatch.clean.text import Block


def _header(*lines: str) -> list[Block]:
    return [Block(i, ln) for i, ln in enumerate(lines)]


def test_labelled_date_line_is_metadata_and_updated_is_ignored() -> None:
    info = read_header(
        _header(
            "Harbour talks stall again",
            "Updated 03/09/2025, 11:00 PM",
            "Published 03/08/2025, 09:30 AM",
        ),
        [],
    )
    assert info.published.source == "metadata"
    assert info.published.start == dt.date(2025, 3, 8)
    assert info.title == "Harbour talks stall again"


def test_bare_date_in_header_is_byline_provenance() -> None:
    info = read_header(_header("Talks resume", "11 June 2023 14:05"), [])
    assert info.published.source == "byline" and info.published.start == dt.date(2023, 6, 11)


def test_byline_names_desk_and_roles() -> None:
    info = read_header(
        _header("By Ana Lima - Senior Correspondent, Lee Park and Harbour Times staff"), []
    )
    assert info.authors == ("Ana Lima", "Lee Park")
    assert info.outlet == "Harbour Times"


def test_outlet_from_self_promotion_or_copyright() -> None:
    promo = ["The Valley Courier is reader-funded.", "The Valley Courier's reporters need you."]
    assert read_header([], promo).outlet == "The Valley Courier"
    assert (
        read_header([], ["© 2021 Harbour Media Ltd. All rights reserved."]).outlet
        == "Harbour Media"
    )


def test_explicit_date_shapes() -> None:
    found = [
        (m.year, m.month, m.day, m.day_end)
        for m in find_dates(
            "On 3 March 2021, then June 18-19, then 2020-01-05, then 12/25/2019, then May 2018."
        )
    ]
    assert found == [
        (2021, 3, 3, None),
        (None, 6, 18, 19),
        (2020, 1, 5, None),
        (2019, 12, 25, None),
        (2018, 5, None, None),
    ]
    assert parse_date("2024-10-21T04:40:00Z") == dt.date(2024, 10, 21)
    assert parse_date("Oct. 21, 2024") == dt.date(2024, 10, 21)
    assert parse_date("no date here") is None


def test_day_ranges_written_with_to_and_and() -> None:
    found = [
        (m.text, m.day, m.day_end, m.month)
        for m in find_dates("Talks run from 9 to 11 July, votes between 2 and 4 August.")
    ]
    assert found == [("9 to 11 July", 9, 11, 7), ("2 and 4 August", 2, 4, 8)]


def test_modal_may_is_not_a_month() -> None:
    assert list(find_dates("Officials said they may 2 or 3 times a year meet.")) == []


def test_elided_dates_found_not_filled() -> None:
    text = "The ceasefire, which took effect on , held until the talks. As of , no one had left."
    gaps = find_elided_dates(text)
    assert len(gaps) == 2
    assert "took effect on , held" in gaps[0].context
    assert text[gaps[1].start] == " "


def test_inferred_from_anniversary_and_latest_past_date() -> None:
    text = (
        "Ahead of the 20th anniversary of the fall of the Berlin Wall, crowds gathered. "
        "Police said on November 2 that two streets would close."
    )
    pub = infer_published(text)
    assert pub.source == "inferred"
    assert (pub.start, pub.end) == (dt.date(2009, 11, 2), dt.date(2009, 11, 9))


def test_future_dates_do_not_raise_the_lower_bound() -> None:
    text = (
        "Ahead of the tenth anniversary of the Brexit referendum, polls are due. "
        "A debate will be held on June 20."
    )
    pub = infer_published(text)
    assert (pub.start, pub.end) == (dt.date(2026, 6, 1), dt.date(2026, 6, 23))


def test_no_anchor_means_unknown() -> None:
    assert infer_published("Crowds gathered on March 3 in the square.").source == "unknown"
