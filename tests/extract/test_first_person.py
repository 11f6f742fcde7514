"""First-person pronouns inside an attributed quote resolve to the quote's speaker."""

from __future__ import annotations

from wirewatch.extract.first_person import RULE, quote_speaker_mentions
from wirewatch.extract.mentions import MentionIndex
from wirewatch.nlp import load, parse
from wirewatch.records import Actor, Quote

TEXT = '"We reject the ruling and our lawyers will appeal," the Chilean minister said.'


def _speaker() -> Actor:
    at = TEXT.index("the Chilean minister")
    return Actor("CHL", "GOV", "the Chilean minister", at, at + 20, role="minister")


def _quote(speaker: Actor | None) -> Quote:
    start = 1
    end = TEXT.index(',"')
    return Quote(TEXT[start:end], start, end, speaker, "the Chilean minister")


def test_we_and_our_inside_an_attributed_quote_become_the_speaker() -> None:
    doc = next(parse(load(), [TEXT]))
    found = quote_speaker_mentions(doc, [_quote(_speaker())], MentionIndex([_speaker()]))
    assert [(m.text, m.code, m.sector, m.rule) for m in found] == [
        ("We", "CHL", "GOV", RULE),
        ("our", "CHL", "GOV", RULE),
    ]
    assert all(TEXT[m.start : m.end] == m.text for m in found)


def test_no_mention_without_a_coded_speaker() -> None:
    doc = next(parse(load(), [TEXT]))
    assert quote_speaker_mentions(doc, [_quote(None)], MentionIndex([])) == []
    uncoded = Actor(None, None, "a spokesman", 0, 1)
    assert quote_speaker_mentions(doc, [_quote(uncoded)], MentionIndex([])) == []


def test_pronouns_outside_quotes_are_left_alone() -> None:
    text = 'We reject it, the minister said. "Fine," the envoy said.'
    doc = next(parse(load(), [text]))
    envoy = Actor("PER", "DIP", "the envoy", text.index("the envoy"), text.index("the envoy") + 9)
    quote = Quote("Fine", text.index("Fine"), text.index("Fine") + 4, envoy, "the envoy")
    assert quote_speaker_mentions(doc, [quote], MentionIndex([envoy])) == []
