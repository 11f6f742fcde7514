"""Date expressions: one or more cases per rule, on sentences written for these tests."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from wirewatch.extract.when import find_time_expressions
from wirewatch.records import DateRange, PublishedDate, TimeExpression

D = dt.date
# A Monday, like a wire story filed at the start of a week.
MONDAY = PublishedDate(D(2026, 2, 23), D(2026, 2, 23), "metadata")
THURSDAY = PublishedDate(D(2024, 10, 24), D(2024, 10, 24), "metadata")


def found(text: str, published: PublishedDate = MONDAY) -> list[TimeExpression]:
    out = find_time_expressions(text, published)
    for e in out:
        assert text[e.start : e.end] == e.text
    return out


def one(text: str, published: PublishedDate = MONDAY) -> TimeExpression:
    out = found(text, published)
    assert len(out) == 1, out
    return out[0]


def days(text: str, published: PublishedDate = MONDAY) -> tuple[dt.date | None, dt.date | None]:
    value = one(text, published).value
    return value.start, value.end


# explicit dates ---------------------------------------------------------------------------------


def test_explicit_date_with_year_keeps_it_whatever_the_article_date() -> None:
    e = one("The offensive began on 14 March 2019, officials said.")
    assert (e.text, e.rule) == ("on 14 March 2019", "when.explicit.v1")
    assert e.value == DateRange(D(2019, 3, 14), D(2019, 3, 14), "explicit")
    assert one("It opened on 14 March 2019.", PublishedDate.unknown()).value.basis == "explicit"


def test_explicit_date_without_year_takes_the_nearest_year() -> None:
    assert days("The envoy arrived on Feb. 9.") == (D(2026, 2, 9), D(2026, 2, 9))
    assert days("The summit is due to open Dec. 3.", THURSDAY) == (D(2024, 12, 3),) * 2
    # A past clause reads a date a few weeks ahead as last year's only when it is far off.
    assert days("Talks collapsed on November 30.") == (D(2025, 11, 30),) * 2
    assert one("The envoy arrived on Feb. 9.").value.basis == "relative"


def test_direction_word_before_a_date_without_year_picks_its_year() -> None:
    e = one("The runoff is set for this March 8.")
    assert (e.text, e.rule) == ("this March 8", "when.explicit.v1")
    assert e.value == DateRange(D(2026, 3, 8), D(2026, 3, 8), "relative")
    assert days("The budget passed this February 18.") == (D(2026, 2, 18),) * 2
    assert days("The border reopened last March 2.") == (D(2025, 3, 2),) * 2
    assert days("The tribunal rules next February 20.") == (D(2027, 2, 20),) * 2
    assert days("The tribunal rules next February 25.") == (D(2026, 2, 25),) * 2


def test_weekday_before_an_explicit_date_joins_it() -> None:
    e = one("The vote was held on Saturday, 21 February 2026.")
    assert e.text == "on Saturday, 21 February 2026"
    assert e.value.point == D(2026, 2, 21)


def test_explicit_month_and_year_and_day_ranges() -> None:
    assert days("Prices rose in June 2024.") == (D(2024, 6, 1), D(2024, 6, 30))
    assert days("The ministers met June 18-19, 2024.") == (D(2024, 6, 18), D(2024, 6, 19))


# deictic words ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "day"),
    [
        ("The ministry said today that the banner must go.", D(2026, 2, 23)),
        ("Troops crossed the border yesterday.", D(2026, 2, 22)),
        ("The cabinet meets tomorrow.", D(2026, 2, 24)),
        ("Shelling resumed this morning near the port.", D(2026, 2, 23)),
        ("Sirens sounded late last night.", D(2026, 2, 22)),
    ],
)
def test_deictic_words(sentence: str, day: dt.date) -> None:
    e = one(sentence)
    assert e.rule == "when.deictic.v1"
    assert e.value == DateRange(day, day, "relative")


def test_tomorrow_as_a_noun_is_no_date() -> None:
    assert found("She spoke of the leaders of tomorrow.") == []


# weekdays ---------------------------------------------------------------------------------------


def test_weekday_is_the_most_recent_one_in_a_past_clause() -> None:
    e = one("The ambassador was summoned on Friday.")
    assert (e.text, e.rule, e.value.point) == ("on Friday", "when.weekday.v1", D(2026, 2, 20))
    assert days("Officials said on Monday that the talks were over.") == (D(2026, 2, 23),) * 2


def test_weekday_is_the_next_one_in_a_future_clause() -> None:
    assert days("The two sides will meet on Tuesday in Geneva.") == (D(2026, 2, 24),) * 2
    assert days("The vote is scheduled for Sunday.") == (D(2026, 3, 1),) * 2


def test_weekday_after_a_reporting_verb_is_past_even_before_a_future_clause() -> None:
    assert days("The minister said Friday that he would resign.") == (D(2026, 2, 20),) * 2


def test_a_plan_that_had_been_due_and_a_worse_than_expected_result_are_past() -> None:
    assert days("The truce had been due to expire on Friday.") == (D(2026, 2, 20),) * 2
    assert (
        days("Shares fell after weaker-than-expected sales on Thursday.") == (D(2026, 2, 19),) * 2
    )
    assert days("Shares fell after sales lower than expected on Thursday.") == (D(2026, 2, 19),) * 2


def test_last_and_next_weekday_skip_the_article_day() -> None:
    assert days("The deal was signed last Monday.") == (D(2026, 2, 16),) * 2
    assert days("Voting ends next Monday.") == (D(2026, 3, 2),) * 2


def test_possessive_weekday_is_that_day() -> None:
    e = one("Thursday's meeting ended without a deal.")
    assert (e.text, e.value.point) == ("Thursday", D(2026, 2, 19))


@pytest.mark.parametrize(
    "sentence",
    [
        "The Sunday Times reported the story first.",
        "Markets were closed for Good Friday holidays.",
        "Protesters gather every Monday outside the embassy.",
        "Sales are counted on Mondays.",
    ],
)
def test_weekday_words_that_are_no_date(sentence: str) -> None:
    assert found(sentence) == []


# weeks, months and years ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("Shares fell last week.", D(2026, 2, 16), D(2026, 2, 22)),
        ("The bill goes to parliament this week.", D(2026, 2, 23), D(2026, 3, 1)),
        ("Inspectors arrive next week.", D(2026, 3, 2), D(2026, 3, 8)),
        ("Exports rose last month.", D(2026, 1, 1), D(2026, 1, 31)),
        ("A census is planned for next month.", D(2026, 3, 1), D(2026, 3, 31)),
        ("The war began last year.", D(2025, 1, 1), D(2025, 12, 31)),
        ("Elections are due early next year.", D(2027, 1, 1), D(2027, 12, 31)),
        ("The envoy spoke earlier this month.", D(2026, 2, 1), D(2026, 2, 23)),
        ("A review is expected later this year.", D(2026, 2, 23), D(2026, 12, 31)),
    ],
)
def test_periods(sentence: str, first: dt.date, last: dt.date) -> None:
    e = one(sentence)
    assert e.rule == "when.period.v1"
    assert (e.value.start, e.value.end) == (first, last)


def test_the_following_year_is_relative_to_the_story_and_left_out() -> None:
    assert found("The treaty lapsed the following year.") == []


@pytest.mark.parametrize(
    ("sentence", "first", "last"),
    [
        ("The plant closed three days ago.", D(2026, 2, 20), D(2026, 2, 20)),
        ("Fighting flared two weeks ago.", D(2026, 2, 9), D(2026, 2, 15)),
        ("The strike started 5 months ago.", D(2025, 9, 1), D(2025, 9, 30)),
        ("The embassy reopened a year ago.", D(2025, 1, 1), D(2025, 12, 31)),
    ],
)
def test_ago(sentence: str, first: dt.date, last: dt.date) -> None:
    e = one(sentence)
    assert e.rule == "when.ago.v1"
    assert (e.value.start, e.value.end) == (first, last)


def test_a_year_earlier_counts_back_from_the_article_when_nothing_precedes_it() -> None:
    e = one("Exports rose 4% from a year earlier.")
    assert (e.text, e.rule) == ("a year earlier", "when.earlier.v1")
    assert (e.value.start, e.value.end) == (D(2025, 1, 1), D(2025, 12, 31))
    assert days("Prices are double what they were two years before.") == (
        D(2024, 1, 1),
        D(2024, 12, 31),
    )
    e = one("The miner swung to a loss from year-earlier net income of $3 million.")
    assert (e.text, e.value.start) == ("year-earlier", D(2025, 1, 1))


def test_a_year_earlier_after_another_date_in_its_sentence_is_left_out() -> None:
    out = found("The dam opened in 2019; a year earlier, the river flooded.")
    assert [e.text for e in out] == ["2019"]
    # A date in the previous sentence does not count.
    out = found("The dam opened in 2019. Profit is up 3% from a year earlier.")
    assert [e.text for e in out] == ["2019", "a year earlier"]
    assert out[1].value.start == D(2025, 1, 1)
    assert [e.text for e in found("Sales fell on Sept. 30 from a year earlier.")] == ["on Sept. 30"]
    assert found("He arrived a day earlier.") == []


@pytest.mark.parametrize(
    ("sentence", "text"),
    [
        ("Sales for the full year rose 4%.", "the full year"),
        ("For the year, the carrier flew 9 million passengers.", "the year"),
        ("Output fell in the first nine months of the year.", "the year"),
        ("The mine will close by the end of the year.", "the year"),
    ],
)
def test_the_year_of_a_results_story_is_the_article_year(sentence: str, text: str) -> None:
    e = one(sentence)
    assert (e.text, e.rule) == (text, "when.period.v1")
    assert (e.value.start, e.value.end) == (D(2026, 1, 1), D(2026, 12, 31))


@pytest.mark.parametrize(
    "sentence",
    [
        "She was named player of the year.",
        "Net income for the year ended June 30 rose.",
        "The treaty dates from the year before.",
        "He looked ahead to the year 2040.",
    ],
)
def test_the_year_that_is_not_the_article_year(sentence: str) -> None:
    assert all("the year" not in e.text for e in found(sentence))


def test_spans_reach_back_or_ahead_from_the_article_date() -> None:
    e = one("Prices doubled over the past three days.")
    assert (e.text, e.rule) == ("over the past three days", "when.span.v1")
    assert (e.value.start, e.value.end) == (D(2026, 2, 20), D(2026, 2, 23))
    assert days("Aid will arrive within the next two weeks.") == (D(2026, 2, 23), D(2026, 3, 9))


def test_weekends() -> None:
    assert days("Rallies were held over the weekend.") == (D(2026, 2, 21), D(2026, 2, 22))
    assert days("More rallies are planned this weekend.") == (D(2026, 2, 28), D(2026, 3, 1))
    sunday = PublishedDate(D(2026, 2, 22), D(2026, 2, 22), "metadata")
    assert days("Rallies were held this weekend.", sunday) == (D(2026, 2, 21), D(2026, 2, 22))


# month names ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "first"),
    [
        ("Talks stalled in June.", D(2025, 6, 1)),
        # A month just ahead of the article is the coming one, even with no future cue.
        ("Elections in March could reshape the cabinet.", D(2026, 3, 1)),
        ("Trade with the bloc grew in October.", D(2025, 10, 1)),
        ("The law took effect in February.", D(2026, 2, 1)),
        ("The troops will leave in March.", D(2026, 3, 1)),
        ("The accord was signed last May.", D(2025, 5, 1)),
        ("The embassy closed in July last year.", D(2025, 7, 1)),
        ("Exports have fallen since November.", D(2025, 11, 1)),
        ("A vote is expected in mid-April.", D(2026, 4, 1)),
    ],
)
def test_month_names(sentence: str, first: dt.date) -> None:
    e = one(sentence)
    assert e.rule == "when.month.v1"
    assert e.value.start == first
    assert e.value.end is not None and e.value.end.month == first.month


@pytest.mark.parametrize(
    "sentence",
    [
        "The talks may march on without him.",
        "April Ryan asked the first question.",
        "Prime Minister May said the vote would go ahead.",
    ],
)
def test_month_words_that_are_no_date(sentence: str) -> None:
    assert found(sentence) == []


# days of the month and years --------------------------------------------------------------------


def test_ordinal_day_is_in_the_article_month_or_the_one_before() -> None:
    e = one("The banner went up on the morning of the 21st.")
    assert (e.text, e.rule, e.value.point) == (
        "on the morning of the 21st",
        "when.ordinal.v1",
        D(2026, 2, 21),
    )
    assert days("Police raided the office on the 28th.") == (D(2026, 1, 28),) * 2


def test_bare_years() -> None:
    e = one("The ceasefire collapsed in 2022.")
    assert (e.text, e.rule) == ("2022", "when.year.v1")
    assert e.value == DateRange(D(2022, 1, 1), D(2022, 12, 31), "explicit")


@pytest.mark.parametrize(
    "sentence",
    [
        "The company paid $2024 in fees.",
        "Some 2000 troops arrived.",
        "Earnings for fiscal 1989 rose.",
        "Turnout was 1987 votes higher.",
    ],
)
def test_numbers_that_are_no_year(sentence: str) -> None:
    assert found(sentence) == []


# the article's date -----------------------------------------------------------------------------


def test_an_inferred_range_resolves_against_both_ends() -> None:
    inferred = PublishedDate(D(2026, 2, 21), D(2026, 2, 24), "inferred")
    out = found("Last year the mission closed. The envoy left yesterday, on the 21st.", inferred)
    assert [(e.text, e.value.start, e.value.end) for e in out] == [
        ("Last year", D(2025, 1, 1), D(2025, 12, 31)),
        ("yesterday", D(2026, 2, 20), D(2026, 2, 23)),
        ("on the 21st", D(2026, 2, 21), D(2026, 2, 21)),
    ]
    assert all(e.value.basis == "relative" for e in out)


def test_an_open_inferred_range_leaves_that_side_open() -> None:
    open_ended = PublishedDate(D(2026, 2, 1), None, "inferred")
    assert one("The envoy left yesterday.", open_ended).value == DateRange(
        D(2026, 1, 31), None, "relative"
    )


def test_an_unknown_article_date_leaves_relative_expressions_unresolved() -> None:
    out = found("The envoy left on Monday, after talks in 2023.", PublishedDate.unknown())
    assert [(e.text, e.value) for e in out] == [
        ("on Monday", DateRange(None, None, "unresolved")),
        ("2023", DateRange(D(2023, 1, 1), D(2023, 12, 31), "explicit")),
    ]


def test_expressions_come_in_text_order_without_overlaps() -> None:
    text = "On Friday, 20 February 2026, last week's envoy said the talks two weeks ago failed."
    out = found(text)
    assert [e.text for e in out] == ["On Friday, 20 February 2026", "last week", "two weeks ago"]
    assert all(a.end <= b.start for a, b in itertools.pairwise(out))


def test_a_span_without_a_count_is_too_vague_to_place() -> None:
    assert found("More strikes are expected in the coming days.") == []
