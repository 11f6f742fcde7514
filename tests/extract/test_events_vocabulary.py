"""Event vocabulary and argument fallbacks added for recall on real news, one test per family.

Each case is a sentence written for this file with hand-made actor mentions (surface, code,
sector); the parse comes from the real model. A case states the (type, source, target) the
sentence must give and, where a rule exists to keep a reading out, the one it must not give.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from wirewatch.extract.events import find_events, load_patterns
from wirewatch.extract.mentions import MentionIndex
from wirewatch.records import Actor, Event, PublishedDate

PUBLISHED = PublishedDate(dt.date(2025, 3, 14), dt.date(2025, 3, 14), "metadata")
Spec = tuple[str, str | None, str | None]
Pair = tuple[str, str | None, str | None]


@pytest.fixture(scope="module")
def nlp() -> Any:
    from wirewatch.nlp import load

    return load()


def run(nlp: Any, text: str, actors: list[Spec]) -> list[Event]:
    found = []
    for surface, code, sector in actors:
        start = text.index(surface)
        found.append(Actor(code, sector, surface, start, start + len(surface)))
    return find_events(nlp(text), MentionIndex(found), [], PUBLISHED, load_patterns())


def pairs(events: list[Event]) -> set[Pair]:
    return {(e.type, e.source.code, e.target.code if e.target else None) for e in events}


GOV = "GOV"

VOCABULARY: list[tuple[str, list[Spec], Pair]] = [
    # REQUEST
    ("Thousands of Sudanese refugees have sought refuge in Chad since May.",
     [("Sudanese refugees", "SDN", "CVL"), ("Chad", "TCD", None)], ("REQUEST", "SDN", "TCD")),
    ("The union pressured the Kenyan ministry to reopen the talks.",
     [("The union", None, "CVL"), ("the Kenyan ministry", "KEN", GOV)], ("REQUEST", None, "KEN")),
    # SUPPORT
    ("Fiji established diplomatic ties with Kosovo on Friday.",
     [("Fiji", "FJI", None), ("Kosovo", "XKX", None)], ("SUPPORT", "FJI", "XKX")),
    ("Egypt expressed its solidarity with Jordan after the floods.",
     [("Egypt", "EGY", None), ("Jordan", "JOR", None)], ("SUPPORT", "EGY", "JOR")),
    # CONCEDE / RETREAT
    ("Turkey lifted its blockade of Armenia on Monday.",
     [("Turkey", "TUR", None), ("Armenia", "ARM", None)], ("CONCEDE", "TUR", "ARM")),
    ("The Somali rebels declared a ceasefire in Kismayo.",
     [("The Somali rebels", "SOM", "REB"), ("Kismayo", "SOM", None)], ("RETREAT", "SOM", None)),
    ("The Chilean government accepted the demands of the miners.",
     [("The Chilean government", "CHL", GOV), ("the miners", "CHL", "CVL")],
     ("CONCEDE", "CHL", "CHL")),
    ("Prosecutors in Seoul dropped the charges against the Japanese reporter.",
     [("Prosecutors in Seoul", "KOR", "JUD"), ("the Japanese reporter", "JPN", "MED")],
     ("CONCEDE", "KOR", "JPN")),
    ("The junta let free the Malian journalists on Sunday.",
     [("The junta", "MLI", "MIL"), ("the Malian journalists", "MLI", "MED")],
     ("CONCEDE", "MLI", "MLI")),
    ("Iran announced the release of two Kuwaiti fishermen.",
     [("Iran", "IRN", None), ("two Kuwaiti fishermen", "KWT", "CVL")], ("CONCEDE", "IRN", "KWT")),
    ("Striking Chilean miners called off the strike after a week.",
     [("Striking Chilean miners", "CHL", "CVL")], ("CONCEDE", "CHL", None)),
    # ASSAULT
    ("Azerbaijani forces violated the ceasefire in Nagorno-Karabakh.",
     [("Azerbaijani forces", "AZE", "MIL"), ("Nagorno-Karabakh", "ARM", None)],
     ("ASSAULT", "AZE", "ARM")),
    ("Bolivian police opened fire on the marchers.",
     [("Bolivian police", "BOL", "COP"), ("the marchers", "BOL", "CVL")],
     ("ASSAULT", "BOL", "BOL")),
    ("Bahrain imposed a blockade on Qatar last year.",
     [("Bahrain", "BHR", None), ("Qatar", "QAT", None)], ("ASSAULT", "BHR", "QAT")),
    ("Rebel fighters took over Goma after a week of shelling.",
     [("Rebel fighters", "COD", "REB"), ("Goma", "COD", None)], ("ASSAULT", "COD", "COD")),
    # COERCE
    ("Ecuador declared a state of emergency in Quito.",
     [("Ecuador", "ECU", None), ("Quito", None, None)], ("COERCE", "ECU", None)),
    ("Greek police apprehended two Albanian smugglers near the port.",
     [("Greek police", "GRC", "COP"), ("two Albanian smugglers", "ALB", "CVL")],
     ("COERCE", "GRC", "ALB")),
    # REJECT
    ("Chile declined an invitation from Peru to join the summit.",
     [("Chile", "CHL", None), ("Peru", "PER", None)], ("REJECT", "CHL", "PER")),
    ("The Korean president cancelled a planned visit to Japan.",
     [("The Korean president", "KOR", GOV), ("Japan", "JPN", None)], ("REJECT", "KOR", "JPN")),
    ("The Kenyan high court quashed the order of the police chief.",
     [("The Kenyan high court", "KEN", "JUD"), ("the police chief", "KEN", "COP")],
     ("REJECT", "KEN", "KEN")),
    # THREATEN
    ("Iran threatened to shell Kurdish positions in Iraq.",
     [("Iran", "IRN", None), ("Kurdish positions", "IRQ", "REB")], ("THREATEN", "IRN", "IRQ")),
    ("Manila gave Ottawa a May deadline to take back the waste.",
     [("Manila", "PHL", GOV), ("Ottawa", "CAN", GOV)], ("THREATEN", "PHL", "CAN")),
    # AID
    ("Canada accepted 2,000 Afghan refugees in March.",
     [("Canada", "CAN", None), ("Afghan refugees", "AFG", "CVL")], ("AID", "CAN", "AFG")),
    ("Uganda opened its borders to Congolese refugees.",
     [("Uganda", "UGA", None), ("Congolese refugees", "COD", "CVL")], ("AID", "UGA", "COD")),
    ("Ghana is sending peacekeepers to Mali.",
     [("Ghana", "GHA", None), ("Mali", "MLI", None)], ("AID", "GHA", "MLI")),
    # MOBILIZE
    ("Lithuania reinforced its troops along the border with Belarus.",
     [("Lithuania", "LTU", None)], ("MOBILIZE", "LTU", None)),
    ("The Pentagon put two brigades in Poland on alert.",
     [("The Pentagon", "USA", "MIL"), ("Poland", "POL", None)], ("MOBILIZE", "USA", "POL")),
    ("Indian troops remained on alert in Ladakh.",
     [("Indian troops", "IND", "MIL"), ("Ladakh", "IND", None)], ("MOBILIZE", "IND", "IND")),
    # PROTEST
    ("Chilean dockworkers went on strike at the port of Valparaiso.",
     [("Chilean dockworkers", "CHL", "CVL")], ("PROTEST", "CHL", None)),
    ("Opposition parties in Togo are boycotting the election.",
     [("Opposition parties", "TGO", "OPP")], ("PROTEST", "TGO", None)),
    # ACCUSE
    ("The Brazilian senate opened an inquiry into the health ministry.",
     [("The Brazilian senate", "BRA", "LEG"), ("the health ministry", "BRA", GOV)],
     ("ACCUSE", "BRA", "BRA")),
    ("The commission launched legal action against Hungary.",
     [("The commission", "EU", "IGO"), ("Hungary", "HUN", None)], ("ACCUSE", "EU", "HUN")),
    ("A tribunal in Oslo found the Norwegian minister guilty of bribery.",
     [("A tribunal in Oslo", "NOR", "JUD"), ("the Norwegian minister", "NOR", GOV)],
     ("ACCUSE", "NOR", "NOR")),
    ("Kenya held the Somali militants responsible for the bombing.",
     [("Kenya", "KEN", None), ("the Somali militants", "SOM", "REB")], ("ACCUSE", "KEN", "SOM")),
    # CONSULT
    ("The Chilean president called his Argentine counterpart on Sunday.",
     [("The Chilean president", "CHL", GOV), ("his Argentine counterpart", "ARG", GOV)],
     ("CONSULT", "CHL", "ARG")),
    # CONCEDE
    ("The Peruvian president granted a pardon to the former general.",
     [("The Peruvian president", "PER", GOV), ("the former general", "PER", "MIL")],
     ("CONCEDE", "PER", "PER")),
    ("Egypt gave permission to the Red Cross on Monday.",
     [("Egypt", "EGY", None), ("the Red Cross", "IRC", "NGO")], ("CONCEDE", "EGY", "IRC")),
    ("Tokyo on Friday lifted sanctions on Pyongyang.",
     [("Tokyo", "JPN", GOV), ("Pyongyang", "PRK", GOV)], ("CONCEDE", "JPN", "PRK")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "actors", "expected"), VOCABULARY)
def test_vocabulary(nlp: Any, text: str, actors: list[Spec], expected: Pair) -> None:
    events = run(nlp, text, actors)
    found = {(t, s, g) for t, s, g in pairs(events)}
    if expected[2] is None:  # target read from a phrase or absent: compare type and source
        assert expected[:2] in {p[:2] for p in found}, pairs(events)
    else:
        assert expected in found, pairs(events)


# --- mechanisms ---------------------------------------------------------------------------------


def test_a_preposition_after_the_object_is_no_particle(nlp: Any) -> None:
    text = "Israel called Jordan on Monday about the border crossing."
    events = run(nlp, text, [("Israel", "ISR", None), ("Jordan", "JOR", None)])
    assert all(e.rule != "events.verb.call_on.v1" for e in events)
    text = "Egypt called on Israel to open the crossing."
    assert ("REQUEST", "EGY", "ISR") in pairs(
        run(nlp, text, [("Egypt", "EGY", None), ("Israel", "ISR", None)])
    )


def test_a_pattern_with_its_object_silences_the_bare_lemma(nlp: Any) -> None:
    text = "Peru struck a deal with Bolivia on gas prices."
    events = run(nlp, text, [("Peru", "PER", None), ("Bolivia", "BOL", None)])
    assert {e.type for e in events} == {"AGREE"}
    text = "The Slovak government backed down on the tax."
    events = run(nlp, text, [("The Slovak government", "SVK", GOV)])
    assert {e.type for e in events} == {"CONCEDE"}


def test_a_thing_acted_on_is_an_uncoded_phrase_target(nlp: Any) -> None:
    text = "Rebels stormed a police station in the north."
    [event] = run(nlp, text, [("Rebels", None, "REB")])
    assert (event.type, event.target and event.target.text) == ("ASSAULT", "a police station")
    assert event.target is not None and event.target.code is None
    assert event.rule == "events.verb.storm.v1.phrase"
    assert text[event.target.start : event.target.end] == "a police station"


def test_no_phrase_target_for_what_is_given_or_for_a_date(nlp: Any) -> None:
    text = "Japan provided $5 million last week."
    assert run(nlp, text, [("Japan", "JPN", None)]) == []
    text = "Rebels attacked on Monday."
    assert run(nlp, text, [("Rebels", None, "REB")]) == []


def test_a_possessor_naming_no_actor_gives_way_to_the_light_verb_subject(nlp: Any) -> None:
    text = "The Iranian government declared its support for Syria."
    actors = [("The Iranian government", "IRN", GOV), ("Syria", "SYR", None)]
    assert ("SUPPORT", "IRN", "SYR") in pairs(run(nlp, text, actors))


def test_a_reported_obligation_is_a_request_to_its_subject(nlp: Any) -> None:
    text = "Germany said Iran must release the sailors."
    events = run(nlp, text, [("Germany", "DEU", None), ("Iran", "IRN", None)])
    assert ("REQUEST", "DEU", "IRN") in pairs(events)
    assert [e.rule for e in events if e.type == "REQUEST"] == ["events.statement.obligation.v1"]
    text = "Germany said Iran released the sailors."
    events = run(nlp, text, [("Germany", "DEU", None), ("Iran", "IRN", None)])
    assert all(e.type != "REQUEST" for e in events)


def test_obligation_cue_is_not_read_inside_quotes() -> None:
    cues = {c.id: c for c in load_patterns().cues}
    assert not cues["obligation"].in_quotes and cues["illegal"].in_quotes


def test_a_plain_call_to_an_actor_is_a_phone_call_but_a_call_for_is_not(nlp: Any) -> None:
    actors = [("Ghana", "GHA", None), ("Togo", "TGO", None)]
    events = run(nlp, "Ghana called Togo on Tuesday.", actors)
    assert ("CONSULT", "GHA", "TGO") in pairs(events)
    events = run(nlp, "Ghana called for talks with Togo.", actors)
    assert all(e.rule != "events.verb.call_phone.v1" for e in events)


def test_a_verdict_needs_its_adjective(nlp: Any) -> None:
    actors = [("The court", "FRA", "JUD"), ("the French mayor", "FRA", GOV)]
    events = run(nlp, "The court found the French mayor in his office.", actors)
    assert all(e.type != "ACCUSE" for e in events)


def test_a_date_after_the_preposition_is_no_target(nlp: Any) -> None:
    text = "Britain imposed sanctions on Monday on Belarus."
    events = run(nlp, text, [("Britain", "GBR", None), ("Belarus", "BLR", None)])
    assert ("SANCTION", "GBR", "BLR") in pairs(events)
