"""compare/: rules on hand-built records (own sentences), then the gold of the five seeds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from wirewatch.compare import compare_story
from wirewatch.records import (
    Actor,
    Article,
    Claim,
    Comparison,
    DateBasis,
    DateRange,
    ElidedDate,
    Event,
    Extraction,
    PublishedDate,
    Story,
    TimeExpression,
)

Item = tuple[Article, Extraction]
Gold = dict[str, Any]


def _article(aid: str, text: str, day: dt.date, elided: tuple[ElidedDate, ...] = ()) -> Article:
    published = PublishedDate(day, day, "metadata")
    return Article(aid, f"{aid}.txt", text, published=published, elided_dates=elided)


def _date(text: str, words: str, start: dt.date, end: dt.date | None = None) -> TimeExpression:
    at = text.index(words)
    basis: DateBasis = "explicit" if words[-4:].isdigit() else "relative"
    return TimeExpression(words, at, at + len(words), DateRange(start, end or start, basis), "t")


def _event(
    text: str,
    trigger: str,
    kind: str,
    who: str,
    whom: str | None,
    date: DateRange | None = None,
    rule: str = "",
) -> Event:
    at = text.index(trigger)
    target = Actor(whom, None, whom) if whom else None
    return Event(
        kind, Actor(who, None, who), target, None, "00", 0, 0.0, date, None,
        text, 0, len(text), trigger, at, at + len(trigger), rule=rule,
    )  # fmt: skip


def _claim(text: str, number: str, value: float, what: str, who: str | None, **kw: object) -> Claim:
    at = text.index(number)
    claimant = Actor(who, None, who) if who else None
    date = kw.get("date")
    assert date is None or isinstance(date, DateRange)
    unit = kw.get("unit")
    assert unit is None or isinstance(unit, str)
    return Claim(
        value, unit, what, claimant, date, number, at, at + len(number), text, 0, len(text)
    )


def _compare(*items: Item) -> list[Comparison]:
    story = Story("s1", tuple(a.id for a, _ in items), "test story")
    return compare_story(story, items)


def _slot(comparisons: list[Comparison], prefix: str) -> Comparison:
    found = [c for c in comparisons if c.slot.startswith(prefix)]
    assert len(found) == 1, [c.slot for c in comparisons]
    return found[0]


DAY = dt.date(2025, 3, 1)


def _annexed_on(aid: str, day: int) -> Item:
    text = f"Freedonia annexed Sylvania on {day} March 2015, the council recalled."
    when = _date(text, f"on {day} March 2015", dt.date(2015, 3, day))
    event = _event(text, "annexed", "ASSAULT", "FRE", "SYL", when.value)
    return _article(aid, text, DAY), Extraction(aid, events=(event,), dates=(when,))


def _anniversary(aid: str, words: str, day: dt.date) -> Item:
    text = (
        "Crowds gathered ahead of the tenth anniversary of Freedonia's annexation of "
        f"Sylvania {words}."
    )
    when = _date(text, words, day)
    event = _event(text, "annexation", "ASSAULT", "FRE", "SYL", rule="events.nominal.x")
    return _article(aid, text, DAY), Extraction(aid, events=(event,), dates=(when,))


def test_anniversary_date_contradicts_an_explicit_one() -> None:
    slot = _slot(
        _compare(_annexed_on("a", 1), _anniversary("b", "on March 3", dt.date(2025, 3, 3))),
        "date of FRE ASSAULT SYL",
    )
    assert slot.status == "contradict"
    assert {(s.article_id, s.value) for s in slot.statements} == {
        ("a", "2015-03-01"),
        ("b", "2015-03-03"),
    }
    assert "Freedonia annexed Sylvania" in slot.statements[0].sentence


def test_anniversary_date_agrees_with_an_explicit_one() -> None:
    slot = _slot(
        _compare(_annexed_on("a", 3), _anniversary("b", "on March 3", dt.date(2025, 3, 3))),
        "date of FRE ASSAULT SYL",
    )
    assert slot.status == "agree"


def test_enters_its_nth_year_dates_the_start_and_flags_a_contradiction_inside_one_source() -> None:
    text = (
        "Freedonia began the siege of Sylvania on 4 May 2022, which enters its third year "
        "on Sunday."
    )
    when = _date(text, "on 4 May 2022", dt.date(2022, 5, 4))
    sunday = _date(text, "on Sunday", dt.date(2024, 5, 5))
    event = _event(text, "began", "ASSAULT", "FRE", "SYL", when.value)
    item = (
        _article("a", text, dt.date(2024, 5, 3)),
        Extraction("a", (event,), dates=(when, sunday)),
    )
    slot = _slot(_compare(item), "date of FRE ASSAULT SYL")
    assert {s.value for s in slot.statements} == {"2022-05-04", "2022-05-05"}
    assert slot.status == "contradict"
    assert "inside one source" in slot.note


def test_one_dated_report_is_only_one_source_and_article_dates_are_not_statements() -> None:
    text = "Freedonia attacked Sylvania on Monday. Freedonia also warned Sylvania."
    monday = _date(text, "on Monday", dt.date(2025, 2, 24))
    attack = _event(text, "attacked", "ASSAULT", "FRE", "SYL", monday.value)
    warned = DateRange(DAY, DAY, "article")
    warn = _event(text, "warned", "THREATEN", "FRE", "SYL", warned)
    comparisons = _compare((_article("a", text, DAY), Extraction("a", (attack, warn))))
    assert _slot(comparisons, "date of FRE ASSAULT SYL").status == "only one source"
    assert not [c for c in comparisons if "THREATEN" in c.slot]


def _counts(aid: str, text: str, *claims: Claim, day: dt.date = DAY) -> Item:
    return _article(aid, text, day), Extraction(aid, claims=claims)


def test_counts_same_claimant_and_time_that_differ_contradict() -> None:
    t1 = "Officials in Sylvania said 300 soldiers were deployed."
    t2 = "Sylvania said about 500 troops had been deployed."
    slot = _slot(
        _compare(
            _counts("a", t1, _claim(t1, "300", 300, "soldiers deployed", "SYL")),
            _counts("b", t2, _claim(t2, "500", 500, "troops deployed", "SYL")),
        ),
        "count: troops",
    )
    assert slot.status == "contradict"


def test_counts_from_different_claimants_are_compared_with_care() -> None:
    t1 = "Sylvania said 300 soldiers were deployed."
    t2 = "Freedonia put the number of troops deployed at 3,000."
    slot = _slot(
        _compare(
            _counts("a", t1, _claim(t1, "300", 300, "soldiers deployed", "SYL")),
            _counts("b", t2, _claim(t2, "3,000", 3000, "troops deployed", "FRE")),
        ),
        "count: troops",
    )
    assert slot.status == "compare with care"
    assert {s.claimant for s in slot.statements} == {"SYL", "FRE"}


def test_counts_with_the_same_value_agree() -> None:
    t1 = "Sylvania said 300 soldiers were deployed."
    t2 = "Sylvania said 300 troops were deployed."
    slot = _slot(
        _compare(
            _counts("a", t1, _claim(t1, "300", 300, "soldiers deployed", "SYL")),
            _counts("b", t2, _claim(t2, "300", 300, "troops deployed", "SYL")),
        ),
        "count: troops",
    )
    assert slot.status == "agree"


def test_casualties_join_their_troops_and_complement_them() -> None:
    t1 = "Sylvania said 300 soldiers were deployed, with 40 killed."
    t2 = "Sylvania said 300 troops were deployed."
    slot = _slot(
        _compare(
            _counts(
                "a",
                t1,
                _claim(t1, "300", 300, "soldiers deployed", "SYL"),
                _claim(t1, "40", 40, "killed", "SYL"),
            ),
            _counts("b", t2, _claim(t2, "300", 300, "troops deployed", "SYL")),
        ),
        "count: troops",
    )
    assert len(slot.statements) == 3
    assert slot.status == "complement"


def test_casualties_alone_are_their_own_slot() -> None:
    t1 = "Sylvania said 40 soldiers were killed."
    comparisons = _compare(_counts("a", t1, _claim(t1, "40", 40, "soldiers killed", "SYL")))
    assert _slot(comparisons, "count: casualties").status == "only one source"


def test_measures_with_units_agree_including_a_dimension_adjective() -> None:
    t1 = "A 40-metre statue stands in the square."
    t2 = "The 40-meter-high statue was unveiled on the square."
    slot = _slot(
        _compare(
            _counts("a", t1, _claim(t1, "40-metre", 40, "statue", None, unit="metres")),
            _counts("b", t2),
        ),
        "metres: statue",
    )
    assert slot.status == "agree"
    assert {s.value for s in slot.statements} == {"40 metres (statue)"}


def test_the_same_measure_of_differently_named_things_agrees() -> None:
    t1 = "A 40-metre statue stands in the square."
    t2 = "The figure rises 40 metres above the square."
    slot = _slot(
        _compare(
            _counts("a", t1, _claim(t1, "40-metre", 40, "statue", None, unit="metres")),
            _counts("b", t2, _claim(t2, "40 metres", 40, "rises", None, unit="metres")),
        ),
        "metres: statue",
    )
    assert slot.status == "agree"
    assert {s.article_id for s in slot.statements} == {"a", "b"}


def _planned(aid: str, sentence: str, words: str, day: dt.date) -> Item:
    when = _date(sentence, words, day)
    return _article(aid, sentence, DAY), Extraction(aid, dates=(when,))


def test_planned_happenings_on_the_same_day_agree() -> None:
    slot = _slot(
        _compare(
            _planned("a", "A summit is scheduled for Friday in the capital.", "for Friday",
                     dt.date(2025, 3, 7)),
            _planned("b", "Leaders plan a summit on March 7, officials said.", "on March 7",
                     dt.date(2025, 3, 7)),
        ),
        "planned summit",
    )  # fmt: skip
    assert slot.status == "agree"
    assert {s.article_id for s in slot.statements} == {"a", "b"}


def test_a_planned_rally_and_a_planned_gathering_are_one_slot() -> None:
    slot = _slot(
        _compare(
            _planned("a", "The party plans a rally on March 7.", "on March 7", dt.date(2025, 3, 7)),
            _planned("b", "Organisers will hold a gathering on March 7.", "on March 7",
                     dt.date(2025, 3, 7)),
        ),
        "planned rally",
    )  # fmt: skip
    assert slot.status == "agree"
    assert {s.article_id for s in slot.statements} == {"a", "b"}


def test_planned_happenings_on_different_days_contradict() -> None:
    slot = _slot(
        _compare(
            _planned("a", "A summit is scheduled for Friday.", "for Friday", dt.date(2025, 3, 7)),
            _planned("b", "A summit is planned on March 9.", "on March 9", dt.date(2025, 3, 9)),
        ),
        "planned summit",
    )
    assert slot.status == "contradict"


def test_a_past_happening_is_not_planned() -> None:
    comparisons = _compare(_planned("a", "A summit was held on Friday.", "on Friday", DAY))
    assert not [c for c in comparisons if c.slot.startswith("planned")]


def _asked(aid: str, text: str, *events: Event) -> Item:
    request = _event(text, "asked", "REQUEST", "FRE", "SYL", DateRange(DAY, DAY, "article"))
    return _article(aid, text, DAY), Extraction(aid, events=(request, *events))


def test_a_refusal_beside_an_unknown_outcome_complements() -> None:
    t1 = "Freedonia asked Sylvania to return the ship, but did not say whether it got a response."
    t2 = "Freedonia asked Sylvania to return the ship, and Sylvania refused."
    refused = _event(t2, "refused", "REJECT", "SYL", "FRE")
    slot = _slot(_compare(_asked("a", t1), _asked("b", t2, refused)), "outcome of FRE REQUEST SYL")
    assert slot.status == "complement"
    assert {s.value for s in slot.statements} == {"refused", "response not known"}


def test_a_refusal_beside_no_response_contradicts_and_press_comment_is_ignored() -> None:
    t1 = "Freedonia asked Sylvania to return the ship. Sylvania has not responded."
    t2 = "Freedonia asked Sylvania to return the ship, and Sylvania refused."
    t3 = (
        "Freedonia asked Sylvania for the ship. Sylvania has not responded to requests for comment."
    )
    refused = _event(t2, "refused", "REJECT", "SYL", "FRE")
    comparisons = _compare(_asked("a", t1), _asked("b", t2, refused), _asked("c", t3))
    slot = _slot(comparisons, "outcome of FRE REQUEST SYL")
    assert slot.status == "contradict"
    assert {s.article_id for s in slot.statements} == {"a", "b"}


def test_elided_dates_are_listed_as_removed() -> None:
    text = "The talks, held on , ended without a deal."
    gap = ElidedDate("talks, held on , ended", text.index(" ,"), text.index(" ,") + 1)
    comparisons = _compare((_article("a", text, DAY, (gap,)), Extraction("a")))
    slot = _slot(comparisons, "elided date")
    assert slot.status == "only one source"
    assert "removed a date" in slot.note
    assert slot.statements[0].sentence == text


def test_articles_outside_the_story_are_left_out() -> None:
    story = Story("s1", ("a",), "one")
    comparisons = compare_story(story, [_annexed_on("a", 1), _annexed_on("b", 2)])
    assert {s.article_id for c in comparisons for s in c.statements} == {"a"}


# --- the gold of the five seed articles --------------------------------------------------------

SHARED = Path(__file__).resolve().parents[2].parent / "shared"


@pytest.fixture(scope="module")
def seeds() -> dict[str, Item]:
    if not (SHARED / "seeds").is_dir():
        pytest.skip(f"the seeds are not in {SHARED} (../shared absent)")
    from wirewatch import extract_articles

    paths = sorted(str(p) for p in (SHARED / "seeds").glob("*.txt"))
    return {Path(a.source).name: (a, x) for a, x in extract_articles(paths)}


@pytest.fixture(scope="module")
def gold() -> Gold:
    data = yaml.safe_load((SHARED / "eval" / "seeds.gold.yaml").read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def _story_of(seeds: dict[str, Item], files: list[str]) -> list[Comparison]:
    items = [seeds[f] for f in files]
    return compare_story(Story("gold", tuple(a.id for a, _ in items), "gold"), items)


def _by_file(seeds: dict[str, Item], comparison: Comparison) -> set[tuple[str, str]]:
    """(file name, value) of each statement."""
    names = {a.id: name for name, (a, _) in seeds.items()}
    return {(names[s.article_id], s.value) for s in comparison.statements}


def _files(seeds: dict[str, Item], comparison: Comparison) -> set[str]:
    return {name for name, _ in _by_file(seeds, comparison)}


def test_gold_invasion_date_contradiction(seeds: dict[str, Item], gold: Gold) -> None:
    want = next(c for c in gold["contradictions"] if "invasion" in c["about"])
    files = [v["file"] for v in want["values"]]
    banner = next(s for s in gold["stories"] if set(files) <= set(s))
    slot = _slot(_story_of(seeds, banner), "date of RUS ASSAULT UKR")
    assert slot.status == "contradict"
    found = _by_file(seeds, slot)
    assert (files[0], str(want["values"][0]["value"])) in found
    assert (files[1], "2022-02-24") in found  # "February 24 (anniversary)", four years back
    assert all(seeds[f][0].id in slot.note for f in files)


def test_gold_troop_numbers_compare_with_care(seeds: dict[str, Item], gold: Gold) -> None:
    want = next(c for c in gold["contradictions"] if "troop" in c["about"])
    assert want["kind"] == "compare-with-care"
    slot = _slot(_story_of(seeds, sorted(seeds)), "count: troops")
    assert slot.status == "compare with care"
    values = sorted(float(s.value.split()[0]) for s in slot.statements)
    assert values == [1500, 2000, 2000, 10000]
    assert {s.claimant for s in slot.statements} == {"KOR", "UKR"}


def test_gold_banner_length_agreement(seeds: dict[str, Item], gold: Gold) -> None:
    want = next(a for a in gold["agreements"] if "length" in a["about"])
    story = next(s for s in gold["stories"] if set(want["files"]) <= set(s))
    slots = [c for c in _story_of(seeds, story) if c.slot.startswith("metres:")]
    slot = next(c for c in slots if "banner" in c.slot)
    assert slot.status == "agree"
    assert _files(seeds, slot) == set(want["files"])
    assert {s.value.split(" (")[0] for s in slot.statements} == {want["value"]}


def test_gold_planned_rally_agreement(seeds: dict[str, Item], gold: Gold) -> None:
    want = next(a for a in gold["agreements"] if "rally" in a["about"])
    story = next(s for s in gold["stories"] if set(want["files"]) <= set(s))
    slot = _slot(_story_of(seeds, story), "planned rally")
    assert slot.status == "agree"
    assert _files(seeds, slot) == set(want["files"])
    assert {s.value for s in slot.statements} == {"2026-02-24"}  # "on the anniversary (2026-02-24)"


def test_gold_elided_dates_listed(seeds: dict[str, Item], gold: Gold) -> None:
    for article in gold["articles"]:
        if "elided_dates" in article:
            comparisons = _story_of(seeds, [article["file"]])
            slots = [c for c in comparisons if c.slot == "elided date"]
            assert len(slots) == len(article["elided_dates"])
