"""Rule tests for extract/quotes.py on sentences written for these tests."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from wirewatch.extract.mentions import MentionIndex
from wirewatch.extract.quotes import (
    RULE_ACCORDING,
    RULE_COLON,
    RULE_CONTINUATION,
    RULE_DASH,
    RULE_GOVERNED,
    RULE_PARTIAL,
    find_quotes,
    quote_spans,
)
from wirewatch.records import Actor, Quote

if TYPE_CHECKING:
    from spacy.language import Language


@pytest.fixture(scope="module")
def nlp() -> Language:
    from wirewatch.nlp import load

    return load()


def _actor(text: str, phrase: str, code: str, name: str | None = None) -> Actor:
    start = text.index(phrase)
    return Actor(code, None, phrase, start, start + len(phrase), name=name)


def _quotes(nlp: Language, text: str, *actors: Actor) -> list[Quote]:
    return find_quotes(nlp(text), MentionIndex(actors))


def _marked(text: str) -> list[str]:
    return [text[s.start : s.end] for s in quote_spans(text)]


# --------------------------------------------------------------------------- marks


def test_curly_and_straight_marks_without_trailing_comma() -> None:
    text = '“We will win,” he said. "They lost," she said.'
    assert _marked(text) == ["We will win", "They lost"]


def test_apostrophes_are_not_quotation_marks() -> None:
    assert _marked("Officials didn’t say whether the envoys’ talks in the ’90s resumed.") == []


def test_single_quotes_in_a_headline() -> None:
    assert _marked("Minister warns of 'grave consequences' after the vote") == [
        "grave consequences"
    ]


def test_doubled_apostrophes_as_double_quotes() -> None:
    assert _marked("''It isn't over,'' the mayor said.") == ["It isn't over"]


def test_quote_running_into_the_next_paragraph() -> None:
    text = "“The first part goes on.\n\n“And the second part ends here,” she said."
    assert _marked(text) == ["The first part goes on.", "And the second part ends here"]


def test_unclosed_mark_without_continuation_is_dropped() -> None:
    assert _marked("He called it “a mess.\n\nThe vote went ahead.") == []


# --------------------------------------------------------------------------- speakers


def test_said_after_quote(nlp: Language) -> None:
    text = "“The border will stay closed for now,” the interior ministry said on Friday."
    ministry = _actor(text, "the interior ministry", "FRA")
    [quote] = _quotes(nlp, text, ministry)
    assert quote.text == "The border will stay closed for now"
    assert quote.speaker == ministry and quote.rule == RULE_GOVERNED


def test_a_dateline_place_is_never_the_speaker(nlp: Language) -> None:
    text = (
        "BERLIN – Germany's foreign office has asked the embassy to take down a large sign "
        'reading "we shall win" from its gate.'
    )
    berlin = Actor("DEU", None, "BERLIN", 0, 6, rule="actors.place.v1")
    office = _actor(text, "Germany's foreign office", "DEU")
    found = _quotes(nlp, text, berlin, office)
    assert all(q.speaker != berlin and q.speaker_text != "BERLIN" for q in found)


def test_inverted_said_name(nlp: Language) -> None:
    text = "“We have seen no such plans,” said Marta Olsen, a defence analyst."
    [quote] = _quotes(nlp, text)
    assert quote.speaker is None and quote.speaker_text == "Marta Olsen"


def test_told_with_colon_and_adding(nlp: Language) -> None:
    text = (
        "The envoy Ivan Petrov told reporters: “Our soldiers will stay as long as needed,” "
        "adding, “Nobody will forget their courage.”"
    )
    petrov = _actor(text, "Ivan Petrov", "RUS", name="Ivan Petrov")
    quotes = _quotes(nlp, text, petrov)
    assert [q.speaker for q in quotes] == [petrov, petrov]


def test_quoted_as_saying_gives_the_quoted_person(nlp: Language) -> None:
    text = "“We reject these threats,” the agency quoted Park as saying."
    park = _actor(text, "Park", "KOR", name="Park Ji-won")
    agency = _actor(text, "the agency", "KOR")
    [quote] = _quotes(nlp, text, park, agency)
    assert quote.speaker == park


def test_colon_introduction_in_previous_paragraph(nlp: Language) -> None:
    text = "Then the senator said:\n\n“This bill will not pass in its current form.”"
    [quote] = _quotes(nlp, text)
    assert quote.speaker_text == "the senator" and quote.rule in (RULE_COLON, RULE_GOVERNED)


def test_continuation_paragraph_keeps_the_speaker(nlp: Language) -> None:
    text = (
        "“We are ready to talk at any time,” the minister told the assembly.\n\n"
        "“But we will not accept any conditions set in advance.”"
    )
    first, second = _quotes(nlp, text)
    assert second.rule == RULE_CONTINUATION and second.speaker_text == first.speaker_text


def test_headline_in_quotes_is_not_a_continuation(nlp: Language) -> None:
    text = "“We are ready to talk,” the minister said.\n\n“Ready to Talk”\n\nIt rained."
    assert [q.text for q in _quotes(nlp, text)] == ["We are ready to talk"]


def test_according_to(nlp: Language) -> None:
    text = (
        "According to the newspaper, officials were told to “prepare for every scenario, "
        "including a full evacuation of the town.”"
    )
    quotes = _quotes(nlp, text)
    assert quotes and quotes[0].speaker_text in ("officials", "the newspaper")
    assert quotes[0].rule in (RULE_ACCORDING, RULE_PARTIAL)


def test_dash_signature(nlp: Language) -> None:
    text = "“I just want the roads fixed before winter.” ― Ana Silva\n\nMore letters follow."
    [quote] = _quotes(nlp, text)
    assert quote.rule == RULE_DASH and quote.speaker_text == "Ana Silva"


def test_attributed_fragment_is_kept_as_partial(nlp: Language) -> None:
    text = "The ministry said it would “closely follow the situation” at the border."
    [quote] = _quotes(nlp, text)
    assert quote.rule == RULE_PARTIAL and quote.speaker_text == "The ministry"


def test_scare_quotes_are_skipped(nlp: Language) -> None:
    text = "Officials have threatened “asymmetric retaliation” over the arms deal."
    assert _quotes(nlp, text) == []


def test_relative_clause_text_is_not_attributed_to_the_main_subject(nlp: Language) -> None:
    text = "The city asked the club to remove a sign that read “we never surrender” by Monday."
    assert all(q.speaker_text != "The city" for q in _quotes(nlp, text))


def test_pronoun_speaker_kept_as_words(nlp: Language) -> None:
    text = "“It is far too early to judge the outcome,” he told reporters."
    [quote] = _quotes(nlp, text)
    assert quote.speaker is None and quote.speaker_text == "he"
