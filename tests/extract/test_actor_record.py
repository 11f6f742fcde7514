"""The actor record (id, region, basis) and the rule families of the actor issue, each on our
own sentences: the knowledge base and its checks, time-aware roles, titles without names,
context, regions, quotes and first person, group codes."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import yaml

from wirewatch.extract.actors import find_mentions, load_gazetteer
from wirewatch.extract.actors.kb import KbEntry, check, entries_of, load_kb, parse_date
from wirewatch.extract.first_person import quote_speaker_mentions
from wirewatch.extract.mentions import MentionIndex
from wirewatch.extract.quotes import find_quotes
from wirewatch.records import Actor


@pytest.fixture(scope="module")
def nlp() -> Any:
    from wirewatch.nlp import load

    return load()


@pytest.fixture(scope="module")
def gaz() -> Any:
    return load_gazetteer()


def found(nlp: Any, gaz: Any, text: str, on: str | None = None, **kw: Any) -> list[Actor]:
    return find_mentions(nlp(text), gaz, dt.date.fromisoformat(on) if on else None, **kw)


def one(actors: list[Actor], text: str) -> Actor:
    match = [a for a in actors if a.text == text]
    assert match, f"no mention {text!r} in {[a.text for a in actors]}"
    return match[0]


# -- the knowledge base ----------------------------------------------------------------------


def test_every_packaged_knowledge_base_file_passes_its_checks() -> None:
    kb = load_kb()  # raises on the first problem of any file
    assert len(kb) > 5000
    files = {e.file for e in kb}
    assert {"heads_europe.yaml", "usa_people.yaml", "parties_groups.yaml"} <= files
    people = [e for e in kb if e.kind == "person"]
    assert all(e.roles for e in people) and len(people) > 3000


def test_ids_are_unique_per_kind_of_entry() -> None:
    seen: dict[str, str] = {}
    for entry in load_kb():
        assert seen.setdefault(entry.id, entry.name) == entry.name or entry.file, entry.id


def test_the_checker_names_each_problem() -> None:
    data = yaml.safe_load(
        """
people:
  - {name: Nobody, country: XXX, roles: [{role: mayor, sector: FOO, from: 2020-13}]}
  - {name: Backwards, country: FRA, roles: [{role: mayor, sector: GOV, from: 2020, to: 2018}]}
organisations:
  - {name: A Body, country: USA, region: US-ZZ, sector: LEG}
  - {name: No Sector, country: USA}
"""
    )
    problems = check(data, "bad.yaml")
    assert "bad.yaml: people[0]: unknown country or body code 'XXX'" in problems
    assert any("unknown sector 'FOO'" in p for p in problems)
    assert any("not a date: '2020-13'" in p for p in problems)
    assert any("'mayor' ends before it starts" in p for p in problems)
    assert any("unknown ISO 3166-2 region 'US-ZZ'" in p for p in problems)
    assert any("No Sector: unknown sector None" in p for p in problems)


def test_partial_dates_are_their_first_day_or_the_day_after() -> None:
    assert parse_date("2019") == dt.date(2019, 1, 1)
    assert parse_date("2019-12", upper=True) == dt.date(2020, 1, 1)
    assert parse_date("2019", upper=True) == dt.date(2020, 1, 1)
    assert parse_date("2019-03-04", upper=True) == dt.date(2019, 3, 4)


def _person(roles: str) -> KbEntry:
    data = yaml.safe_load(f"people:\n  - {{name: Ada Quill, country: NZL, roles: {roles}}}")
    return next(entries_of(data))


def test_a_person_takes_the_office_held_on_the_date_and_is_eli_after_the_last() -> None:
    ada = _person(
        "[{role: senator, sector: LEG, from: 2001, to: 2008-06-30}, "
        "{role: prime minister, sector: GOV, from: 2008-07-01, to: 2014-02-01}]"
    )
    assert ada.at(dt.date(2005, 5, 1))[1:3] == ("LEG", "senator")
    assert ada.at(dt.date(2010, 5, 1))[1:3] == ("GOV", "prime minister")
    assert ada.at(dt.date(2020, 5, 1))[1:3] == ("ELI", "former prime minister")
    assert ada.at(dt.date(1990, 5, 1))[1] is None  # before any office: no sector
    assert ada.at(None)[1] == "GOV"  # no date: the latest office


def test_offices_held_at_once_rank_government_over_party() -> None:
    ada = _person(
        "[{role: party leader, sector: PTY, from: 2000}, "
        "{role: prime minister, sector: GOV, from: 2004, to: 2010}]"
    )
    assert ada.at(dt.date(2006, 1, 1))[1] == "GOV"
    assert ada.at(dt.date(2012, 1, 1))[1] == "PTY"


# -- time-aware roles in text ----------------------------------------------------------------


def test_a_known_president_is_gov_in_office_and_eli_after(nlp: Any, gaz: Any) -> None:
    text = "Barack Obama urged calm on Tuesday."
    during = one(found(nlp, gaz, text, "2012-06-01"), "Barack Obama")
    after = one(found(nlp, gaz, text, "2019-06-01"), "Barack Obama")
    before = one(found(nlp, gaz, text, "2007-06-01"), "Barack Obama")
    assert (during.code, during.sector, during.id, during.basis) == (
        "USA",
        "GOV",
        "person:barack-obama",
        "kb",
    )
    assert (after.sector, after.role) == ("ELI", "former president")
    assert (before.sector, before.region) == ("LEG", "US-IL")


def test_former_makes_eli_whatever_the_date(nlp: Any, gaz: Any) -> None:
    actors = found(nlp, gaz, "Former Peruvian defence minister Ana Quispe denied the charge.")
    assert (actors[0].code, actors[0].sector) == ("PER", "ELI")


def test_a_title_with_a_surname_finds_the_one_office_holder(nlp: Any, gaz: Any) -> None:
    sen = one(found(nlp, gaz, "Sen. Manchin voted against the bill.", "2021-06-01"), "Sen. Manchin")
    assert (sen.code, sen.sector, sen.region, sen.id) == (
        "USA",
        "LEG",
        "US-WV",
        "person:joe-manchin",
    )


def test_a_title_is_no_country(nlp: Any, gaz: Any) -> None:
    actors = found(nlp, gaz, "Mr. Jordan asked for a recount.")
    assert (actors[0].code, actors[0].name) == (None, "Jordan")


# -- titles and descriptions without names ---------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "code", "sector"),
    [
        ("A Ugandan attorney filed the appeal.", "A Ugandan attorney", "UGA", "JUD"),
        ("Taxi drivers blocked the airport road.", "Taxi drivers", None, "LAB"),
        ("Kenyan farmers marched on parliament.", "Kenyan farmers", "KEN", "AGR"),
        ("The Kremlin spokesman rejected the report.", "The Kremlin spokesman", "RUS", "GOV"),
        ("Senate Democrats blocked the nomination.", "Senate Democrats", "USA", "LEG"),
        ("Riot police in Lagos fired tear gas.", "Riot police in Lagos", "NGA", "COP"),
        ("A Syrian cleric condemned the attack.", "A Syrian cleric", "SYR", "REL"),
        ("Gunmen opened fire on the convoy.", "Gunmen", None, "UAF"),
    ],
)
def test_descriptions_take_country_and_sector_from_their_words(
    nlp: Any, gaz: Any, text: str, phrase: str, code: str | None, sector: str
) -> None:
    actor = one(found(nlp, gaz, text, "2018-04-02"), phrase)
    assert (actor.code, actor.sector) == (code, sector)


# -- context ---------------------------------------------------------------------------------


def test_an_uncountried_institution_takes_the_datelines_country(nlp: Any, gaz: Any) -> None:
    text = "NAIROBI (Reuters) - The Supreme Court annulled the vote on Friday."
    court = one(found(nlp, gaz, text, "2017-09-01"), "The Supreme Court")
    assert (court.code, court.sector, court.basis) == ("KEN", "JUD", "context")


def test_without_a_dateline_the_state_named_most_is_the_context(nlp: Any, gaz: Any) -> None:
    text = (
        "Chile's president spoke in Santiago. Chilean officials said the Senate would vote. "
        "The Senate approved the reform."
    )
    senate = next(a for a in found(nlp, gaz, text, "2019-01-01") if a.text == "The Senate")
    assert senate.code == "CHL" and senate.basis in ("context", "carried")


def test_the_outlets_home_is_the_context_when_nothing_else_is(nlp: Any, gaz: Any) -> None:
    text = "The Supreme Court struck down the law on Monday."
    court = found(nlp, gaz, text, "2019-01-01", outlet="The Hindu")[0]
    assert (court.code, court.basis) == ("IND", "context")


def test_a_phrase_that_names_its_state_never_takes_another(nlp: Any, gaz: Any) -> None:
    text = "NAIROBI (Reuters) - Uganda's Supreme Court upheld the result."
    court = one(found(nlp, gaz, text, "2021-01-01"), "Uganda's Supreme Court")
    assert (court.code, court.basis) == ("UGA", "name")


# -- regions ---------------------------------------------------------------------------------


def test_us_states_keep_their_region_and_act_by_their_government(nlp: Any, gaz: Any) -> None:
    actors = found(nlp, gaz, "Kansas and Iowa sued Missouri over the river.", "2015-01-01")
    kansas, missouri = one(actors, "Kansas"), one(actors, "Missouri")
    assert (kansas.code, kansas.sector, kansas.region) == ("USA", "GOV", "US-KS")
    assert (missouri.code, missouri.region) == ("USA", "US-MO")


def test_a_dateline_state_gives_a_state_body_its_region(nlp: Any, gaz: Any) -> None:
    text = "LINCOLN, Neb. (AP) - The governor vetoed the budget."
    governor = one(found(nlp, gaz, text, "2016-01-01"), "The governor")
    assert (governor.code, governor.region) == ("USA", "US-NE")


# -- quotes and first person ------------------------------------------------------------------


def test_first_person_in_a_quote_is_its_speaker_not_the_last_named(nlp: Any, gaz: Any) -> None:
    text = (
        "Former Chilean president Elena Arrau criticised the plan. "
        "Later, Canadian Prime Minister Justin Trudeau told reporters: "
        '"My visit to Chile was a success."'
    )
    doc = nlp(text)
    mentions = find_mentions(doc, gaz, dt.date(2018, 1, 1))
    quotes = find_quotes(doc, MentionIndex(mentions))
    speaker = quote_speaker_mentions(doc, quotes, MentionIndex(mentions))
    my = [m for m in speaker if m.text == "My"]
    assert my and (my[0].code, my[0].name) == ("CAN", "Justin Trudeau")


# -- group codes -----------------------------------------------------------------------------


def test_armed_groups_take_their_base_state_and_their_own_id(nlp: Any, gaz: Any) -> None:
    hamas = one(found(nlp, gaz, "Hamas fired rockets on Sunday.", "2021-05-20"), "Hamas")
    assert (hamas.code, hamas.sector, hamas.id) == ("PSE", "REB", "group:hamas")


def test_a_group_that_took_power_is_gov_from_that_date(nlp: Any, gaz: Any) -> None:
    text = "The Taliban banned the protest."
    before = one(found(nlp, gaz, text, "2019-02-01"), "The Taliban")
    after = one(found(nlp, gaz, text, "2023-02-01"), "The Taliban")
    assert (before.code, before.sector) == ("AFG", "REB")
    assert (after.code, after.sector) == ("AFG", "GOV")


def test_he_inside_a_quote_is_never_its_speaker(nlp: Any, gaz: Any) -> None:
    text = (
        "Sen. Tom Arlen met Governor Lisa Pratt on Monday. "
        '"He has misled us for months," Arlen said of the former mayor. '
        "Arlen added that he would appeal."
    )
    actors = found(nlp, gaz, text, "2019-05-01")
    quoted = [a for a in actors if a.text == "He"]
    assert quoted == []  # no one the quotation names: left unresolved, not given to Arlen
    outside = [a for a in actors if a.text == "he"]
    assert outside and outside[0].name == "Tom Arlen"


def test_he_inside_a_quote_may_be_someone_the_quote_names(nlp: Any, gaz: Any) -> None:
    text = (
        "Sen. Tom Arlen spoke on Monday. "
        '"Governor Lisa Pratt knows the numbers, and she is wrong to deny them," Arlen said.'
    )
    she = [a for a in found(nlp, gaz, text, "2019-05-01") if a.text == "she"]
    assert [a.name for a in she] == ["Lisa Pratt"]


def test_a_cached_build_is_reused_and_a_broken_cache_rebuilt(
    tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from wirewatch.extract.actors import kb

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    calls: list[int] = []

    def build() -> list[int]:
        calls.append(1)
        return [1, 2, 3]

    assert kb.cached("probe", build) == [1, 2, 3] and len(calls) == 1
    assert kb.cached("probe", build) == [1, 2, 3] and len(calls) == 1  # read back, not built
    (cache,) = (tmp_path / "wirewatch").glob("probe-*.pickle")
    cache.write_bytes(b"not a pickle")
    assert kb.cached("probe", build) == [1, 2, 3] and len(calls) == 2
