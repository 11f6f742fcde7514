"""Rule tests for extract/claims.py on sentences written for these tests."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

import pytest

from wirewatch.extract.claims import RULE_COUNT, RULE_MEASURE, RULE_MONEY, find_claims
from wirewatch.extract.mentions import MentionIndex
from wirewatch.records import Actor, Claim, DateRange, TimeExpression

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    from wirewatch.nlp import load

    return load()


def _actor(text: str, phrase: str, code: str) -> Actor:
    start = text.index(phrase)
    return Actor(code, None, phrase, start, start + len(phrase))


def _claims(
    nlp: Language, text: str, actors: tuple[Actor, ...] = (), dates: tuple[TimeExpression, ...] = ()
) -> list[Claim]:
    return find_claims(nlp(text), MentionIndex(actors), dates)


def test_count_with_reporting_verb_claimant_and_date(nlp: Language) -> None:
    text = "The defence ministry said last week that Iran had sent 3,200 drones to the front."
    ministry = _actor(text, "The defence ministry", "ISR")
    week = DateRange(dt.date(2025, 3, 3), dt.date(2025, 3, 9), "relative")
    start = text.index("last week")
    expression = TimeExpression("last week", start, start + 9, week, "when.test.v1")
    [claim] = _claims(nlp, text, (ministry,), (expression,))
    assert claim.value == 3200.0 and claim.unit is None and claim.rule == RULE_COUNT
    assert claim.what.startswith("drones sent") and "front" in claim.what
    assert claim.claimant == ministry and claim.date == week
    assert claim.sentence == text


def test_hedged_number_and_estimate_verb(nlp: Language) -> None:
    text = "Kyiv estimates that about 4,500 foreign fighters have been deployed in the region."
    kyiv = _actor(text, "Kyiv", "UKR")
    [claim] = _claims(nlp, text, (kyiv,))
    assert claim.text == "about 4,500" and claim.value == 4500.0
    assert claim.what.startswith("foreign fighters deployed") and claim.claimant == kyiv


def test_accused_of_sending(nlp: Language) -> None:
    text = "The president has accused Minsk of preparing to send 8,000 soldiers to the border."
    president = _actor(text, "The president", "UKR")
    [claim] = _claims(nlp, text, (president,))
    assert claim.value == 8000.0 and claim.claimant == president
    assert claim.what.startswith("soldiers send")


def test_money_with_scale_word(nlp: Language) -> None:
    text = "The fund approved a $250 million loan for the port, officials said."
    [claim] = _claims(nlp, text)
    assert claim.value == 250_000_000.0 and claim.unit == "USD" and claim.rule == RULE_MONEY
    assert "loan" in claim.what


def test_measure_unit(nlp: Language) -> None:
    text = "Workers built a 12-metre wall around the compound during the night."
    [claim] = _claims(nlp, text)
    assert claim.value == 12.0 and claim.unit == "metres" and claim.rule == RULE_MEASURE
    assert claim.what.startswith("wall")


def test_percent(nlp: Language) -> None:
    text = "Turnout fell to 41 percent of registered voters in the capital."
    [claim] = _claims(nlp, text)
    assert claim.value == 41.0 and claim.unit == "percent"
    assert claim.text == "41 percent" and claim.what == "registered voters"


def test_number_words(nlp: Language) -> None:
    text = "Police arrested twelve protesters outside the parliament."
    [claim] = _claims(nlp, text)
    assert claim.value == 12.0 and claim.what == "protesters arrested"


def test_actor_subject_is_claimant_without_reporting_verb(nlp: Language) -> None:
    text = "Japan has pledged 600 rescue workers to the flooded provinces."
    japan = _actor(text, "Japan", "JPN")
    [claim] = _claims(nlp, text, (japan,))
    assert claim.claimant == japan


@pytest.mark.parametrize(
    "text",
    [
        "The treaty was signed in 1953 after long talks.",
        "The council adopted Resolution 2231 without a vote.",
        "The two leaders met in the capital on Monday.",
        "She has lived in the city for 30 years.",
        "The 45-year-old minister resigned on Tuesday.",
        "The session opened at 9:30 in the morning.",
        "He finished third in the race held on 12 March.",
        "5 key takeaways from the summit",
        "Call 555-0199 for details about the meeting.",
    ],
)
def test_numbers_that_are_not_claims(nlp: Language, text: str) -> None:
    assert _claims(nlp, text) == []


def test_an_age_is_not_a_claim() -> None:
    from wirewatch.extract.claims import find_claims
    from wirewatch.extract.mentions import MentionIndex
    from wirewatch.nlp import load

    doc = load()(
        "The dispute flared as the war turns four, and 300 soldiers were sent to the border."
    )
    assert [c.value for c in find_claims(doc, MentionIndex([]), [])] == [300.0]
