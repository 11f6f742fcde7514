"""Event patterns, one family per test group, on sentences written for these tests.

Actor mentions are built by hand (a surface string with its code and sector) so that each test
checks the event rules alone; the parse comes from the real model (module fixture), except for
the hand-built Docs that pin the argument mechanism independently of the model.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from wirewatch.errors import UsageError
from wirewatch.extract.events import PLOVER_TYPES, find_events, load_patterns
from wirewatch.extract.mentions import MentionIndex
from wirewatch.records import Actor, DateRange, Event, PublishedDate, Quote, TimeExpression

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


def test_location_from_the_objects_in_phrase(nlp: Any) -> None:
    text = "Chile summoned the Peruvian ambassador in Santiago on Monday."
    events = run(nlp, text, [("Chile", "CHL", None), ("the Peruvian ambassador", "PER", "DIP")])
    assert events and all(e.location == "Santiago" for e in events)


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


# --- argument fallbacks -------------------------------------------------------------------------


def test_participle_without_subject_takes_the_actor_just_before_it(nlp: Any) -> None:
    text = "The report cited a speech by the Chinese envoy last week praising the Kenyan troops."
    actors = [("the Chinese envoy", "CHN", "DIP"), ("the Kenyan troops", "KEN", "MIL")]
    [event] = [e for e in run(nlp, text, actors) if e.type == "SUPPORT"]
    assert (event.source.code, event.target and event.target.code) == ("CHN", "KEN")
    assert event.rule == "events.verb.praise.v1.nearest"


def test_participle_right_after_an_actor_is_that_actors_act_even_with_a_subject_above(
    nlp: Any,
) -> None:
    text = "It also flagged remarks by the Chilean envoy praising the Kenyan troops."
    actors = [
        ("It", "PER", "GOV"),
        ("the Chilean envoy", "CHL", "DIP"),
        ("the Kenyan troops", "KEN", "MIL"),
    ]
    events = [e for e in run(nlp, text, actors) if e.type == "SUPPORT"]
    assert [(e.source.code, e.target and e.target.code) for e in events] == [("CHL", "KEN")]


def test_after_a_comma_the_participle_is_the_subjects_act(nlp: Any) -> None:
    text = "The Peruvian minister met the Chilean envoy, praising the Kenyan troops."
    actors = [
        ("The Peruvian minister", "PER", "GOV"),
        ("the Chilean envoy", "CHL", "DIP"),
        ("the Kenyan troops", "KEN", "MIL"),
    ]
    events = [e for e in run(nlp, text, actors) if e.type == "SUPPORT"]
    assert [(e.source.code, e.target and e.target.code) for e in events] == [("PER", "KEN")]


def test_participle_fallback_stops_at_a_verb(nlp: Any) -> None:
    text = "The Chinese envoy left early, and the crowd kept praising the Kenyan troops."
    actors = [("The Chinese envoy", "CHN", "DIP"), ("the Kenyan troops", "KEN", "MIL")]
    assert [e for e in run(nlp, text, actors) if e.type == "SUPPORT"] == []


def test_directed_act_without_target_is_aimed_at_the_one_other_actor(nlp: Any) -> None:
    text = "Although the Danish government requested the statue's return, the Swiss side refused."
    actors = [("the Danish government", "DNK", "GOV"), ("the Swiss side", "CHE", None)]
    events = run(nlp, text, actors)
    assert {("REQUEST", "DNK", "CHE"), ("REJECT", "CHE", "DNK")} <= pairs(events)
    assert all(e.rule.endswith(".counterpart") for e in events)


def test_no_counterpart_when_the_sentence_names_two_others_or_only_a_place(nlp: Any) -> None:
    text = "The Danish government refused, citing talks with Norway and Sweden."
    actors = [("The Danish government", "DNK", "GOV"), ("Norway", "NOR", None)]
    actors.append(("Sweden", "SWE", None))
    assert [e for e in run(nlp, text, actors) if e.type == "REJECT"] == []
    text = "The Danish government refused at a meeting in Oslo."
    index = MentionIndex(
        [mention(text, "The Danish government", "DNK", "GOV"), _place(text, "Oslo", "NOR")]
    )
    assert find_events(nlp(text), index, [], PUBLISHED, load_patterns()) == []


def _place(text: str, surface: str, code: str) -> Actor:
    start = text.index(surface)
    return Actor(code, None, surface, start, start + len(surface), rule="actors.place.v1")


def test_conditional_subject_is_the_threats_target(nlp: Any) -> None:
    text = "Beijing threatened harsh countermeasures should Manila deploy the missiles."
    actors = [("Beijing", "CHN", "GOV"), ("Manila", "PHL", "GOV")]
    [event] = [e for e in run(nlp, text, actors) if e.type == "THREATEN"]
    assert (event.source.code, event.target and event.target.code) == ("CHN", "PHL")
    assert event.happened  # the threat was made; only its condition is open
    text = "Ankara warned of retaliation if Athens extends its territorial waters."
    actors = [("Ankara", "TUR", "GOV"), ("Athens", "GRC", "GOV")]
    [event] = [e for e in run(nlp, text, actors) if e.type == "THREATEN"]
    assert (event.target and event.target.code, event.happened) == ("GRC", True)


def test_a_state_actors_protest_is_verbal_a_crowds_is_a_protest(nlp: Any) -> None:
    text = "The foreign ministry protested to Canada over the detention of its citizen."
    [event] = run(nlp, text, [("The foreign ministry", "CHN", "GOV"), ("Canada", "CAN", None)])
    assert (event.type, event.cameo, event.target and event.target.code) == ("ACCUSE", "114", "CAN")
    text = "Thousands of students protested against the government in the capital."
    actors = [("students", None, "EDU"), ("the government", "SRB", "GOV")]
    assert ("PROTEST", None, "SRB") in pairs(run(nlp, text, actors))


def test_purpose_clause_protest_shares_the_summoned_envoy(nlp: Any) -> None:
    text = "Lithuania met the Belarusian ambassador to protest over the border incident."
    index = MentionIndex(
        [
            replace(mention(text, "Lithuania", "LTU"), rule="actors.country.v1"),
            mention(text, "the Belarusian ambassador", "BLR", "DIP"),
        ]
    )
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns())
    assert pairs(events) == {("ACCUSE", "LTU", "BLR"), ("CONSULT", "LTU", "BLR")}
    assert "events.verb.protest_verbal.v1" in {e.rule for e in events}


def test_speech_noun_gives_its_owner_not_what_it_mentions(nlp: Any) -> None:
    text = "The ministry rejected Indian claims that Pakistan had shot down a jet."
    actors = [("The ministry", "PAK", "GOV"), ("Pakistan", "PAK", None)]
    [event] = [e for e in run(nlp, text, actors) if e.type == "REJECT"]
    assert (event.target and event.target.code, event.target and event.target.text) == (
        "IND", "Indian"
    )  # fmt: skip
    text = "Madrid welcomed the proposal by Lisbon to share the water of the Tagus with Morocco."
    actors = [("Madrid", "ESP", "GOV"), ("Lisbon", "PRT", "GOV"), ("Morocco", "MAR", None)]
    assert ("SUPPORT", "ESP", "PRT") in pairs(run(nlp, text, actors))


def test_no_event_of_an_actor_on_itself(nlp: Any) -> None:
    text = "NATO agreed with NATO members on new spending goals."
    actors = [("NATO", "NATO", "IGO"), ("NATO members", "NATO", "IGO")]
    assert run(nlp, text, actors) == []
    text = "The president refused a request from the prime minister to resign."
    actors = [("The president", "ISL", "GOV"), ("the prime minister", "ISL", "GOV")]
    assert ("REJECT", "ISL", "ISL") in pairs(run(nlp, text, actors))  # offices of one state


def test_nominal_trigger_takes_no_article_date(nlp: Any) -> None:
    text = "Poland condemned Russia's invasion of Georgia."
    actors = [("Poland", "POL", "GOV"), ("Russia", "RUS", None), ("Georgia", "GEO", None)]
    events = run(nlp, text, actors)
    [assault] = [e for e in events if e.type == "ASSAULT"]
    assert assault.date is None and assault.rule == "events.nominal.invasion.v1"
    [accuse] = [e for e in events if e.type == "ACCUSE"]
    assert accuse.date is not None and accuse.date.basis == "article"


def test_planned_act_dated_before_the_article_has_happened(nlp: Any) -> None:
    text = "Chile and Peru have pledged to expand trade, signing a free trade deal in January."
    january = TimeExpression(
        "in January", text.index("in January"), text.index("in January") + 10,
        DateRange(dt.date(2025, 1, 1), dt.date(2025, 1, 31), "relative"), "t",
    )  # fmt: skip
    events = run(nlp, text, [("Chile", "CHL", None), ("Peru", "PER", None)], [january])
    [sign] = [e for e in events if e.trigger == "signing"]
    assert sign.happened and sign.date == january.value


def _quote(text: str, words: str, speaker: Actor) -> Quote:
    start = text.index(words)
    return Quote(words, start, start + len(words), speaker, speaker.text, "q")


def test_quoted_praise_is_the_speakers_support_dated_by_its_sentence(nlp: Any) -> None:
    text = (
        'At a briefing on March 3, the Cuban ambassador told reporters: "We will always '
        'remember the courage of the Angolan fighters."'
    )
    speaker = mention(text, "the Cuban ambassador", "CUB", "DIP")
    index = MentionIndex([speaker, mention(text, "the Angolan fighters", "AGO", "MIL")])
    quote = _quote(text, "We will always remember the courage of the Angolan fighters.", speaker)
    march3 = day_expr(text, "March 3", dt.date(2025, 3, 3))
    events = find_events(nlp(text), index, [march3], PUBLISHED, load_patterns(), quotes=[quote])
    [event] = [e for e in events if e.rule.startswith("events.quote.")]
    assert (event.type, event.source.code, event.target and event.target.code) == (
        "SUPPORT", "CUB", "AGO"
    )  # fmt: skip
    assert event.happened and event.date == march3.value
    assert (event.sentence_start, event.sentence_end) == (0, len(text))


def test_quoted_condemnation_and_threat(nlp: Any) -> None:
    text = '"The blockade imposed by Azerbaijan is illegal," the minister said.'
    speaker = mention(text, "the minister", "ARM", "GOV")
    index = MentionIndex([speaker, mention(text, "Azerbaijan", "AZE", None)])
    quote = _quote(text, "The blockade imposed by Azerbaijan is illegal,", speaker)
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns(), quotes=[quote])
    assert ("ACCUSE", "ARM", "AZE") in pairs(events)
    text = '"Vietnam will pay a heavy price for this," the spokesman said.'
    speaker = mention(text, "the spokesman", "CHN", "GOV")
    index = MentionIndex([speaker, mention(text, "Vietnam", "VNM", None)])
    quote = _quote(text, "Vietnam will pay a heavy price for this,", speaker)
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns(), quotes=[quote])
    assert ("THREATEN", "CHN", "VNM") in pairs(events)


def test_quote_without_a_coded_speaker_or_about_the_speaker_is_no_event(nlp: Any) -> None:
    text = '"We showed great courage," the Angolan officer said.'
    speaker = mention(text, "the Angolan officer", "AGO", "MIL")
    quote = _quote(text, "We showed great courage,", speaker)
    index = MentionIndex([speaker])
    assert find_events(nlp(text), index, [], PUBLISHED, load_patterns(), quotes=[quote]) == []
    unknown = replace(speaker, code=None, sector=None)
    quote = replace(quote, speaker=unknown)
    assert find_events(nlp(text), index, [], PUBLISHED, load_patterns(), quotes=[quote]) == []


def test_a_planned_multilateral_meeting_stands_without_a_target(nlp: Any) -> None:
    text = "Leaders of NATO will meet in Brussels next month to discuss air defence."
    events = [
        e for e in run(nlp, text, [("Leaders of NATO", "NATO", "IGO")]) if e.type == "CONSULT"
    ]
    assert [(e.source.code, e.target, e.future) for e in events] == [("NATO", None, True)]


def test_a_date_in_another_verbs_clause_does_not_date_the_event(nlp: Any) -> None:
    text = (
        "The Danish ministry asked the Swiss embassy to remove the flag, days before the "
        "treaty reaches its tenth year on 20 March."
    )
    actors = [("The Danish ministry", "DNK", "GOV"), ("the Swiss embassy", "CHE", "DIP")]
    events = run(nlp, text, actors, dates=[day_expr(text, "on 20 March", dt.date(2025, 3, 20))])
    [request] = [e for e in events if e.type == "REQUEST"]
    assert request.date is not None and request.date.basis == "article"


def test_a_dateline_place_parsed_as_subject_gives_way_to_the_actor_after_it(nlp: Any) -> None:
    text = "LIMA – Peru's foreign ministry has asked the Chilean embassy to lower its flag."
    actors = [
        ("LIMA", "PER", None),
        ("Peru's foreign ministry", "PER", "GOV"),
        ("the Chilean embassy", "CHL", "DIP"),
    ]
    index = MentionIndex(
        [replace(mention(text, "LIMA", "PER", None), rule="actors.place.v1")]
        + [mention(text, s, c, k) for s, c, k in actors[1:]]
    )
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns(""))
    [request] = [e for e in events if e.type == "REQUEST"]
    assert (request.source.text, request.target and request.target.code) == (
        "Peru's foreign ministry",
        "CHL",
    )


def test_a_statement_about_an_act_accuses_its_agent_not_its_victim(nlp: Any) -> None:
    text = "The Danish minister said Sweden's invasion of Norway was illegal."
    actors = [
        ("The Danish minister", "DNK", "GOV"),
        ("Sweden", "SWE", None),
        ("Norway", "NOR", None),
    ]
    assert ("ACCUSE", "DNK", "SWE") in pairs(run(nlp, text, actors))
    text = "The Danish minister said the invasion of Norway was illegal."
    actors = [("The Danish minister", "DNK", "GOV"), ("Norway", "NOR", None)]
    assert ("ACCUSE", "DNK", "NOR") not in pairs(run(nlp, text, actors))


def test_a_quoted_condemnation_of_an_act_is_aimed_at_its_agent(nlp: Any) -> None:
    text = '"Peru\'s occupation of the islands is illegal," the Chilean minister said.'
    speaker = mention(text, "the Chilean minister", "CHL", "GOV")
    index = MentionIndex([speaker, mention(text, "Peru", "PER", None)])
    quote = _quote(text, "Peru's occupation of the islands is illegal,", speaker)
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns(), quotes=[quote])
    assert ("ACCUSE", "CHL", "PER") in pairs(events)
    text = '"The invasion of Norway is illegal," the Danish minister said.'
    speaker = mention(text, "the Danish minister", "DNK", "GOV")
    index = MentionIndex([speaker, mention(text, "Norway", "NOR", None)])
    quote = _quote(text, "The invasion of Norway is illegal,", speaker)
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns(), quotes=[quote])
    assert ("ACCUSE", "DNK", "NOR") not in pairs(events)


def test_joining_x_led_sanctions_is_the_joiners_act(nlp: Any) -> None:
    text = "Chile has joined EU-led sanctions against Peru."
    index = MentionIndex(
        [
            mention(text, "Chile", "CHL", None),
            replace(mention(text, "EU-led sanctions", "EU", None), rule="actors.country.v1"),
            mention(text, "Peru", "PER", None),
        ]
    )
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns())
    assert {
        (e.source.code, e.target.code if e.target else None) for e in events if e.type == "SANCTION"
    } == {("CHL", "PER")}


def test_a_purpose_clause_under_a_dateline_verb_is_the_actors_act(nlp: Any) -> None:
    text = "LIMA - Peru's foreign ministry summoned the Chilean envoy on Monday to protest."
    index = MentionIndex(
        [
            replace(mention(text, "LIMA", "PER", None), rule="actors.place.v1"),
            mention(text, "Peru's foreign ministry", "PER", "GOV"),
            mention(text, "the Chilean envoy", "CHL", "DIP"),
        ]
    )
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns())
    assert events and all(e.source.code == "PER" for e in events)


def test_a_when_clause_dates_the_event_it_hangs_on(nlp: Any) -> None:
    text = "The envoy, who praised the Kenyan troops when he met reporters on 11 March, left."
    actors = [("The envoy", "CHL", "DIP"), ("the Kenyan troops", "KEN", "MIL")]
    events = run(nlp, text, actors, dates=[day_expr(text, "on 11 March", dt.date(2025, 3, 11))])
    [praise] = [e for e in events if e.type == "SUPPORT"]
    assert praise.date is not None and praise.date.start == dt.date(2025, 3, 11)


def test_a_pattern_flag_must_be_true_or_false(tmp_path: Path) -> None:
    bad = tmp_path / "p.yaml"
    bad.write_text(
        "verbs:\n  - {id: snub, verb: snub, type: REJECT, target_optional: tru}\n", "utf-8"
    )
    with pytest.raises(UsageError, match=r"target_optional' must be true or false, not 'tru'"):
        load_patterns(str(bad))


def test_a_statements_complement_is_bounded_on_a_degenerate_parse(nlp: Any) -> None:
    from wirewatch.extract.events.statements import MAX_COMPLEMENT, _complement

    doc = nlp('He said "' * 200 + "end.")
    verbs = [t for t in doc if t.lower_ == "said"]
    assert verbs
    assert max(len(_complement(v)) for v in verbs) <= 2 * MAX_COMPLEMENT
