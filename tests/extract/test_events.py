"""Event patterns, one family per test group, on sentences written for these tests.

Actor mentions are built by hand (a surface string with its code and sector) so that each test
checks the event rules alone; the parse comes from the real model (module fixture), except for
the hand-built Docs that pin the argument mechanism independently of the model.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from wirewatch.errors import UsageError
from wirewatch.extract.events import PLOVER_TYPES, find_events, load_patterns
from wirewatch.extract.mentions import MentionIndex
from wirewatch.records import Actor, DateRange, Event, PublishedDate, TimeExpression

PUBLISHED = PublishedDate(dt.date(2025, 3, 14), dt.date(2025, 3, 14), "metadata")


@pytest.fixture(scope="module")
def nlp() -> Any:
    from wirewatch.nlp import load

    return load()


def mention(text: str, surface: str, code: str | None, sector: str | None = None) -> Actor:
    start = text.index(surface)
    return Actor(code, sector, surface, start, start + len(surface))


def day_expr(text: str, surface: str, day: dt.date) -> TimeExpression:
    start = text.index(surface)
    return TimeExpression(
        surface, start, start + len(surface), DateRange(day, day, "explicit"), "t"
    )


def run(
    nlp: Any,
    text: str,
    actors: list[tuple[str, str | None, str | None]],
    dates: list[TimeExpression] | None = None,
    published: PublishedDate = PUBLISHED,
    patterns: str = "",
) -> list[Event]:
    index = MentionIndex(mention(text, *spec) for spec in actors)
    return find_events(nlp(text), index, dates or [], published, load_patterns(patterns))


def pairs(events: list[Event]) -> set[tuple[str, str | None, str | None]]:
    return {(e.type, e.source.code, e.target.code if e.target else None) for e in events}


# --- pattern data -------------------------------------------------------------------------------


def test_builtin_patterns_cover_every_plover_type() -> None:
    patterns = load_patterns()
    covered = {p.type for group in patterns.verbs.values() for p in group}
    assert covered == set(PLOVER_TYPES)
    assert load_patterns() is patterns  # cached


def test_codes_come_from_the_cameo_table() -> None:
    condemn = load_patterns().verbs["condemn"][0]
    assert (condemn.cameo, condemn.quad_class, condemn.goldstein) == ("111", 3, -2.0)
    deploy = load_patterns().verbs["deploy"][0]
    assert (deploy.type, deploy.quad_class, deploy.goldstein, deploy.mode) == (
        "MOBILIZE", 4, -7.2, "troops"
    )  # fmt: skip


# --- verbs and phrasal verbs --------------------------------------------------------------------


def test_verb_pattern_gives_source_target_codes_and_provenance(nlp: Any) -> None:
    text = "Japan condemned Russia over the missile launch."
    [event] = run(nlp, text, [("Japan", "JPN", "GOV"), ("Russia", "RUS", None)])
    assert (event.type, event.source.code, event.target and event.target.code) == (
        "ACCUSE", "JPN", "RUS"
    )  # fmt: skip
    assert event.rule == "events.verb.condemn.v1"
    assert text[event.trigger_start : event.trigger_end] == "condemned"
    assert (event.sentence, event.sentence_start, event.sentence_end) == (text, 0, len(text))
    assert event.happened


def test_phrasal_verbs_call_on_and_call_for(nlp: Any) -> None:
    text = "Germany called on China to free the detained activists."
    events = run(nlp, text, [("Germany", "DEU", "GOV"), ("China", "CHN", "GOV")])
    assert ("REQUEST", "DEU", "CHN") in pairs(events)
    text = "The ministry called for an end to the blockade imposed by Azerbaijan."
    events = run(nlp, text, [("The ministry", "ARM", "GOV"), ("Azerbaijan", "AZE", "GOV")])
    assert {e.rule for e in events} == {"events.verb.call_for.v1"}


def test_summon_an_envoy_is_a_verbal_protest(nlp: Any) -> None:
    text = "Poland summoned the Belarusian ambassador after the border incident."
    events = run(nlp, text, [("Poland", "POL", "GOV"), ("the Belarusian ambassador", "BLR", "DIP")])
    assert pairs(events) == {("ACCUSE", "POL", "BLR")}


def test_no_event_without_an_actor_source(nlp: Any) -> None:
    text = "Someone attacked the embassy of Sweden."
    assert run(nlp, text, [("Sweden", "SWE", "GOV")]) == []
    uncoded = run(
        nlp, "The man attacked Sweden.", [("The man", None, None), ("Sweden", "SWE", None)]
    )
    assert uncoded == []


def test_mobilize_needs_no_target(nlp: Any) -> None:
    text = "India deployed thousands of troops along the border."
    [event] = run(nlp, text, [("India", "IND", "GOV")])
    assert (event.type, event.target) == ("MOBILIZE", None)


# --- nouns --------------------------------------------------------------------------------------


def test_noun_patterns_sanctions_invasion_and_phone_call(nlp: Any) -> None:
    text = "Canada joined the sanctions against Iran."
    assert ("SANCTION", "CAN", "IRN") in pairs(
        run(nlp, text, [("Canada", "CAN", "GOV"), ("Iran", "IRN", "GOV")])
    )
    text = "Iraq's invasion of Kuwait shocked the region."
    events = run(nlp, text, [("Iraq", "IRQ", "GOV"), ("Kuwait", "KWT", "GOV")])
    assert ("ASSAULT", "IRQ", "KWT") in pairs(events)
    text = "Macron said after a phone call with Scholz that talks went well."
    events = run(nlp, text, [("Macron", "FRA", "GOV"), ("Scholz", "DEU", "GOV")])
    assert ("CONSULT", "FRA", "DEU") in pairs(events)


def test_light_verb_carries_the_noun_but_other_verbs_do_not(nlp: Any) -> None:
    text = "Armenia launched an offensive against Azerbaijan."
    events = run(nlp, text, [("Armenia", "ARM", "GOV"), ("Azerbaijan", "AZE", "GOV")])
    assert pairs(events) == {("ASSAULT", "ARM", "AZE")}
    text = "Chile condemned the invasion of Ukraine."
    events = run(nlp, text, [("Chile", "CHL", "GOV"), ("Ukraine", "UKR", "GOV")])
    assert all(e.type != "ASSAULT" for e in events)


# --- statement frames ---------------------------------------------------------------------------


def test_statement_with_evaluative_cue_is_the_speakers_act(nlp: Any) -> None:
    text = "The foreign ministry said Turkey's military operation was a clear violation of law."
    events = run(nlp, text, [("The foreign ministry", "GRC", "GOV"), ("Turkey", "TUR", "GOV")])
    [statement] = [e for e in events if e.rule.startswith("events.statement.")]
    assert (statement.type, statement.source.code, statement.target and statement.target.code) == (
        "ACCUSE", "GRC", "TUR"
    )  # fmt: skip
    assert statement.trigger == "said"


def test_statement_defending_an_act_rejects_the_addressee(nlp: Any) -> None:
    text = "The envoy told Tanaka that the drills were in line with international law."
    events = run(nlp, text, [("The envoy", "CHN", "DIP"), ("Tanaka", "JPN", "GOV")])
    assert ("REJECT", "CHN", "JPN") in pairs(events)


def test_statement_without_cue_is_no_event(nlp: Any) -> None:
    text = "The ministry said Turkey held elections in May."
    assert run(nlp, text, [("The ministry", "GRC", "GOV"), ("Turkey", "TUR", "GOV")]) == []


# --- passive agent and coordination (hand-built parse) -----------------------------------------


def _doc(nlp: Any, words: list[str], heads: list[int], deps: list[str], pos: list[str]) -> Any:
    from spacy.tokens import Doc

    lemmas = [
        {"attacked": "attack", "condemned": "condemn"}.get(w.lower(), w.lower()) for w in words
    ]
    spaces = [True] * (len(words) - 2) + [False, False]
    return Doc(
        nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps, pos=pos, lemmas=lemmas,
        sent_starts=[True] + [False] * (len(words) - 1),
    )  # fmt: skip


def test_passive_agent_is_the_source(nlp: Any) -> None:
    words = ["Georgia", "was", "attacked", "by", "Russia", "."]
    doc = _doc(
        nlp, words, [2, 2, 2, 2, 3, 2],
        ["nsubjpass", "auxpass", "ROOT", "agent", "pobj", "punct"],
        ["PROPN", "AUX", "VERB", "ADP", "PROPN", "PUNCT"],
    )  # fmt: skip
    text = doc.text
    index = MentionIndex([mention(text, "Georgia", "GEO"), mention(text, "Russia", "RUS")])
    [event] = find_events(doc, index, [], PUBLISHED, load_patterns())
    assert (event.type, event.source.code, event.target and event.target.code) == (
        "ASSAULT", "RUS", "GEO"
    )  # fmt: skip


def test_coordinated_targets_give_one_event_each(nlp: Any) -> None:
    words = ["Latvia", "condemned", "Russia", "and", "Belarus", "."]
    doc = _doc(
        nlp, words, [1, 1, 1, 2, 2, 1],
        ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"],
        ["PROPN", "VERB", "PROPN", "CCONJ", "PROPN", "PUNCT"],
    )  # fmt: skip
    text = doc.text
    index = MentionIndex(mention(text, w, c) for w, c in [("Latvia", "LVA"), ("Russia", "RUS"),
                                                            ("Belarus", "BLR")])  # fmt: skip
    events = find_events(doc, index, [], PUBLISHED, load_patterns())
    assert pairs(events) == {("ACCUSE", "LVA", "RUS"), ("ACCUSE", "LVA", "BLR")}


def test_between_x_and_y_gives_both_targets(nlp: Any) -> None:
    text = "Washington urged an end to arms trade between Iran and Russia."
    actors = [("Washington", "USA", "GOV"), ("Iran", "IRN", "GOV"), ("Russia", "RUS", "GOV")]
    assert {("REQUEST", "USA", "IRN"), ("REQUEST", "USA", "RUS")} <= pairs(run(nlp, text, actors))


# --- flags --------------------------------------------------------------------------------------


def test_negation_is_marked_not_dropped(nlp: Any) -> None:
    text = "Hungary did not sign the agreement with Ukraine."
    [event] = run(nlp, text, [("Hungary", "HUN", "GOV"), ("Ukraine", "UKR", "GOV")])
    assert event.negated and not event.happened
    text = "Serbia declined to meet Kosovo."
    [event] = run(nlp, text, [("Serbia", "SRB", "GOV"), ("Kosovo", "XKX", "GOV")])
    assert event.type == "CONSULT" and event.negated


def test_refuse_is_itself_a_rejection_not_negated(nlp: Any) -> None:
    text = "Venezuela rejected the proposal from Colombia."
    [event] = run(nlp, text, [("Venezuela", "VEN", "GOV"), ("Colombia", "COL", "GOV")])
    assert (event.type, event.negated) == ("REJECT", False)


def test_hypothetical_conditions_and_considering(nlp: Any) -> None:
    text = "If Seoul supplies weapons to Kyiv, relations will suffer."
    [event] = run(nlp, text, [("Seoul", "KOR", "GOV"), ("Kyiv", "UKR", "GOV")])
    assert event.type == "AID" and event.hypothetical
    text = "Norway is considering joining the sanctions against Iran."
    events = run(nlp, text, [("Norway", "NOR", "GOV"), ("Iran", "IRN", "GOV")])
    assert events and all(e.hypothetical and e.date is None for e in events)
    text = "Egypt could attack Sudan."
    [event] = run(nlp, text, [("Egypt", "EGY", "GOV"), ("Sudan", "SDN", "GOV")])
    assert event.hypothetical


def test_future_and_planned_events(nlp: Any) -> None:
    text = "Italy will host Egypt's president."
    [event] = run(nlp, text, [("Italy", "ITA", "GOV"), ("Egypt's president", "EGY", "GOV")])
    assert event.future and event.date is None
    text = "Brazil plans to visit Angola."
    [event] = run(nlp, text, [("Brazil", "BRA", "GOV"), ("Angola", "AGO", "GOV")])
    assert event.type == "CONSULT" and event.future


# --- dates and location -------------------------------------------------------------------------


def test_date_attached_to_the_trigger_wins(nlp: Any) -> None:
    text = "Peru said on Monday that Chile had attacked Bolivia on 3 March."
    monday, march = (
        day_expr(text, "on Monday", dt.date(2025, 3, 10)),
        day_expr(text, "on 3 March", dt.date(2025, 3, 3)),
    )
    actors = [("Peru", "PER", "GOV"), ("Chile", "CHL", "GOV"), ("Bolivia", "BOL", "GOV")]
    [event] = [e for e in run(nlp, text, actors, [monday, march]) if e.type == "ASSAULT"]
    assert event.date == march.value


def test_reporting_verbs_date_applies_to_reported_event(nlp: Any) -> None:
    text = "Peru said on Monday that Chile had attacked Bolivia."
    monday = day_expr(text, "on Monday", dt.date(2025, 3, 10))
    actors = [("Peru", "PER", "GOV"), ("Chile", "CHL", "GOV"), ("Bolivia", "BOL", "GOV")]
    [event] = run(nlp, text, actors, [monday])
    assert event.date == monday.value


def test_undated_past_event_takes_the_article_date_and_says_so(nlp: Any) -> None:
    text = "Chile has attacked Bolivia."
    actors = [("Chile", "CHL", "GOV"), ("Bolivia", "BOL", "GOV")]
    [event] = run(nlp, text, actors)
    assert event.date == DateRange(PUBLISHED.start, PUBLISHED.end, "article")
    [event] = run(nlp, text, actors, published=PublishedDate.unknown())
    assert event.date is None


def test_location_from_in_phrase(nlp: Any) -> None:
    text = "Israel attacked Hamas in Gaza."
    [event] = run(nlp, text, [("Israel", "ISR", "GOV"), ("Hamas", "PSE", "REB")])
    assert event.location == "Gaza"
    text = "Israel attacked Hamas yesterday."
    [event] = run(nlp, text, [("Israel", "ISR", "GOV"), ("Hamas", "PSE", "REB")])
    assert event.location is None


# --- user pattern files -------------------------------------------------------------------------


def test_user_pattern_file_adds_and_replaces_patterns(nlp: Any, tmp_path: Path) -> None:
    user = tmp_path / "mine.yaml"
    user.write_text(
        "verbs:\n"
        "  - {id: lambast, verb: lambast, type: ACCUSE}\n"
        "  - {id: visit, verb: visit, type: SUPPORT, cameo: '051'}\n",
        "utf-8",
    )
    text = "Kenya lambasted Somalia."
    actors = [("Kenya", "KEN", "GOV"), ("Somalia", "SOM", "GOV")]
    assert run(nlp, text, actors) == []
    [event] = run(nlp, text, actors, patterns=str(user))
    assert (event.type, event.rule, event.cameo) == ("ACCUSE", "events.verb.lambast.v1", "11")
    visit = load_patterns(str(user)).verbs["visit"]
    assert [p.type for p in visit] == ["SUPPORT"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ("verbs: [ {id: x, verb: y, type: SHOUT} ]", "not a PLOVER type"),
        ("verbs:\n  - {id: x verb: y", "not valid YAML"),
        ("- a list", "must be a YAML mapping"),
        ("verbs: [ {id: x, verb: y, type: ACCUSE, target: [behind]} ]", "unknown target slot"),
        ("verbs: [ {id: x, verb: y, type: ACCUSE, cameo: '999'} ]", "unknown CAMEO code"),
        ("adverbs: []", "unknown section"),
    ],
)
def test_bad_pattern_file_is_one_line_naming_file_and_reason(
    tmp_path: Path, content: str, reason: str
) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(content, "utf-8")
    with pytest.raises(UsageError) as info:
        load_patterns(str(bad))
    message = str(info.value)
    assert message.startswith(str(bad)) and reason in message and "\n" not in message


def test_missing_pattern_file(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="cannot read event patterns"):
        load_patterns(str(tmp_path / "absent.yaml"))


# --- with the real actor module -----------------------------------------------------------------


def test_with_real_actor_mentions(nlp: Any) -> None:
    actors = pytest.importorskip("wirewatch.extract.actors")
    if not hasattr(actors, "find_mentions"):
        pytest.skip("wirewatch.extract.actors.find_mentions not written yet")
    text = "Japan's foreign ministry condemned North Korea and summoned the Chinese ambassador."
    doc = nlp(text)
    index = MentionIndex(actors.find_mentions(doc, actors.load_gazetteer()))
    found = pairs(find_events(doc, index, [], PUBLISHED, load_patterns()))
    assert {("ACCUSE", "JPN", "PRK"), ("ACCUSE", "JPN", "CHN")} <= found


def test_reciprocal_act_of_coordinated_subjects(nlp: Any) -> None:
    text = "Jordan and Egypt agreed to hold joint exercises."
    events = run(nlp, text, [("Jordan", "JOR", "GOV"), ("Egypt", "EGY", "GOV")])
    assert ("AGREE", "JOR", "EGY") in pairs(events)


def test_target_from_the_complement_and_from_the_governing_verb(nlp: Any) -> None:
    text = "Serbia refused to meet with Kosovo."
    events = run(nlp, text, [("Serbia", "SRB", "GOV"), ("Kosovo", "XKX", "GOV")])
    assert ("REJECT", "SRB", "XKX") in pairs(events)
    text = "The ministry sent a letter to Russian officials, requesting the return of the ship."
    actors = [("The ministry", "UKR", "GOV"), ("Russian officials", "RUS", "GOV")]
    assert ("REQUEST", "UKR", "RUS") in pairs(run(nlp, text, actors))
