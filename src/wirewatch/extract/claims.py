"""Numeric claims: a quantity a source states, what it counts, its unit, who states it and when.

Claims are compared across outlets ("1,500 troops shipped" in one, "3,000" in another), so the
finder is precise rather than exhaustive. A number is a claim when it counts or measures
something in a sentence with a verb; it is skipped when it is a date, a year, a clock time, an
ordinal, an age or a duration, a label ("Resolution 2231", "Article 5"), a definite reference
("the two leaders"), or part of a name.

* ``value`` is a float: "1,500" -> 1500, "$400 million" -> 400000000, "two-thirds" -> 0.6667.
* ``unit`` is the measure: an ISO 4217 currency code, ``metres``, ``km``, ``percent``, ``tonnes``;
  None for a plain count, whose counted noun goes into ``what``.
* ``what`` is a readable phrase from the counted noun phrase and its verb ("North Korean troops
  deployed", "special forces troops shipped to Russia's Far East").
* ``claimant`` is the speaker of the reporting verb governing the number ("Seoul estimates",
  "the spy agency said"), or "according to X", else the actor subject of the sentence.
* ``date`` is the date of the reporting verb ("said last week"), else that of the counted event.

Number words, units, currencies and the claim verbs live in ``lexicons/claims.yaml``; reporting
verbs are shared with quotes (``lexicons/quotes.yaml``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..nlp import doc_text
from ..records import Actor, Claim, DateRange, TimeExpression
from . import lexicons
from .mentions import MentionIndex
from .quotes import according_to, is_reporting_verb, speaker_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

RULE_COUNT = "claims.count.v1"
RULE_MEASURE = "claims.measure.v1"
RULE_MONEY = "claims.money.v1"

#: Entity labels whose numbers are never claims (dates, clock times, ranks, names).
_SKIP_ENTS = frozenset(
    "DATE TIME ORDINAL PERSON ORG GPE LOC FAC LAW EVENT WORK_OF_ART PRODUCT NORP LANGUAGE".split()
)
_DIGITS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$|^\d+(\.\d+)?$")
_SUFFIXED = re.compile(r"^(\d+(?:\.\d+)?)(bn|mn|m|k|tn)$", re.IGNORECASE)
_MAX_CLIMB = 7
_LIGHT_VERBS = frozenset({"have", "be", "do", "get", "make", "take"})
_NOUN_MODS = frozenset({"amod", "compound", "nmod", "poss", "case"})


@dataclass(frozen=True, slots=True)
class ClaimLexicon:
    """Number words, units and verbs from ``lexicons/claims.yaml``."""

    hedges: frozenset[str]
    number_words: dict[str, float]
    scales: dict[str, float]
    fractions: dict[str, float]
    currency_signs: dict[str, str]
    currency_words: dict[str, str]
    units: dict[str, str]
    skip_nouns: frozenset[str]
    definite: frozenset[str]
    label_nouns: frozenset[str]
    age_words: frozenset[str]
    claim_verbs: frozenset[str]


@cache
def claim_lexicon() -> ClaimLexicon:
    """The packaged claims lexicon, read once."""
    data = lexicons.load("claims.yaml")

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in data[key])

    def floats(key: str) -> dict[str, float]:
        return {str(w).lower(): float(v) for w, v in data[key].items()}

    def codes(key: str) -> dict[str, str]:
        return {str(w).lower(): str(v) for w, v in data[key].items()}

    return ClaimLexicon(
        hedges=words("hedges"),
        number_words=floats("number_words"),
        scales=floats("scales"),
        fractions=floats("fractions"),
        currency_signs=codes("currency_signs"),
        currency_words=codes("currency_words"),
        units=codes("units"),
        skip_nouns=words("skip_nouns"),
        definite=words("definite"),
        label_nouns=words("label_nouns"),
        age_words=words("age_words"),
        claim_verbs=words("claim_verbs"),
    )


@dataclass(slots=True)
class _Number:
    """A number found in the text: its tokens (hedges included), value and unit."""

    first: int
    last: int
    """Index of the token that carries the number in the parse (the last numeric word)."""
    value: float
    unit: str | None = None
    unit_token: int | None = None
    rule: str = RULE_COUNT


def find_claims(doc: Doc, mentions: MentionIndex, dates: Sequence[TimeExpression]) -> list[Claim]:
    """Numeric claims in ``doc``, in text order."""
    lex = claim_lexicon()
    claims: list[Claim] = []
    i = 0
    while i < len(doc):
        number = _number_at(doc, i, lex)
        if number is None:
            i += 1
            continue
        i = max(number.last, number.unit_token or 0) + 1
        claim = _claim(doc, number, mentions, dates, lex)
        if claim is not None:
            claims.append(claim)
    return claims


# --------------------------------------------------------------------------- reading numbers


def _number_at(doc: Doc, i: int, lex: ClaimLexicon) -> _Number | None:
    """The number starting at token ``i`` with its value and unit, or None."""
    token = doc[i]
    if token.ent_type_ in _SKIP_ENTS or not _numeric(token, lex):
        return None
    j, value = i, _word_value(token, lex)
    if value is None:
        return None
    while (
        j + 1 < len(doc)
        and doc[j + 1].lower_ in lex.scales
        and doc[j + 1].ent_type_
        not in (
            "DATE",
            "TIME",
        )
    ):
        j += 1
        value *= lex.scales[doc[j].lower_]
    number = _Number(_hedged_start(doc, i, lex), j, value)
    _attach_unit(doc, number, lex)
    return number


def _numeric(token: Token, lex: ClaimLexicon) -> bool:
    text = token.lower_
    if _DIGITS.match(text) or _SUFFIXED.match(text):
        return True
    return token.pos_ == "NUM" and (text in lex.number_words or text in lex.fractions)


def _word_value(token: Token, lex: ClaimLexicon) -> float | None:
    """The value of one numeric token ("1,500", "2.5bn", "twelve", "two-thirds")."""
    text = token.lower_
    if _DIGITS.match(text):
        return float(text.replace(",", ""))
    suffixed = _SUFFIXED.match(text)
    if suffixed:
        scale = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "tn": 1e12}[suffixed.group(2).lower()]
        return float(suffixed.group(1)) * scale
    if text in lex.fractions:
        return float(lex.fractions[text])
    parts = text.split("-")
    if all(p in lex.number_words for p in parts):
        return float(sum(lex.number_words[p] for p in parts))
    return None


def _hedged_start(doc: Doc, i: int, lex: ClaimLexicon) -> int:
    """The first token of the number as written: a currency sign and a hedge ("about", "more
    than", "as many as") before it are part of it."""
    start = i
    if start > 0 and doc[start - 1].lower_ in lex.currency_signs:
        start -= 1
    for width in (3, 2, 1):
        if start - width >= 0:
            words = " ".join(t.lower_ for t in doc[start - width : start])
            if words in lex.hedges:
                return start - width
    return start


def _attach_unit(doc: Doc, number: _Number, lex: ClaimLexicon) -> None:
    """Sets the unit from a currency sign before the number or a unit word after it."""
    k = number.last - 1
    while k >= number.first:
        if doc[k].lower_ in lex.currency_signs:
            number.unit, number.rule = lex.currency_signs[doc[k].lower_], RULE_MONEY
            return
        k -= 1
    nxt = number.last + 1
    if nxt < len(doc) and doc[nxt].text == "-":
        nxt += 1
    for width in (2, 1):
        words = " ".join(t.lower_ for t in doc[nxt : nxt + width])
        if nxt + width <= len(doc) and words in lex.currency_words:
            number.unit, number.rule = lex.currency_words[words], RULE_MONEY
            number.unit_token = nxt + width - 1
            return
        if nxt + width <= len(doc) and words in lex.units:
            number.unit, number.rule = lex.units[words], RULE_MEASURE
            number.unit_token = nxt + width - 1
            return


# --------------------------------------------------------------------------- building the claim


def _claim(
    doc: Doc,
    number: _Number,
    mentions: MentionIndex,
    dates: Sequence[TimeExpression],
    lex: ClaimLexicon,
) -> Claim | None:
    """The claim a number makes, or None when it is not a quantity worth comparing."""
    anchor = doc[number.unit_token if number.unit_token is not None else number.last]
    sent = anchor.sent
    if _is_reference(doc, number, lex) or not _has_verb(anchor):
        return None
    noun = _counted_noun(anchor, number, lex)
    if noun is not None and noun.lower_ in lex.skip_nouns:
        return None
    what = _what(anchor, noun, set(range(number.first, anchor.i + 1)))
    if not what:
        return None
    claimant, verb = _claimant(anchor, mentions, lex)
    first, last = doc[number.first], doc[max(number.last, number.unit_token or 0)]
    return Claim(
        value=number.value,
        unit=number.unit,
        what=what,
        claimant=claimant,
        date=_date(anchor, verb, dates),
        text=doc_text(doc)[first.idx : last.idx + len(last.text)],
        start=first.idx,
        end=last.idx + len(last.text),
        sentence=sent.text,
        sentence_start=sent.start_char,
        sentence_end=sent.end_char,
        rule=number.rule,
    )


def _has_verb(anchor: Token) -> bool:
    """Whether the number's sentence, within its paragraph, has a verb: a headline, a caption
    or a navigation line ("5 key takeaways from the visit") has none."""
    text = doc_text(anchor.doc)
    start = text.rfind("\n", 0, anchor.idx) + 1
    end = text.find("\n", anchor.idx)
    end = len(text) if end < 0 else end
    return any(t.pos_ == "VERB" and start <= t.idx < end for t in anchor.sent)


def _is_reference(doc: Doc, number: _Number, lex: ClaimLexicon) -> bool:
    """A year, an ordinal, a label number, a definite "the two", an age ("turns four"), a word
    "one", a phone number."""
    token = doc[number.last]
    before = doc[number.first - 1] if number.first > 0 else None
    if before is not None and (before.lower_ in lex.definite or before.lower_ in lex.label_nouns):
        return number.unit is None
    if before is not None and before.lower_ in lex.age_words and number.unit is None:
        return True  # an age: "the war turns four"
    if token.lower_ in ("one", "a") or (number.value == 1 and number.unit is None):
        return True
    is_year = re.fullmatch(r"(1[89]|20)\d\d", token.text) is not None
    if is_year and number.unit is None and number.first == number.last:
        return True
    after = doc[number.last + 1] if number.last + 1 < len(doc) else None
    return after is not None and after.text in ("-", "/", ":") and after.nbor().like_num


def _counted_noun(anchor: Token, number: _Number, lex: ClaimLexicon) -> Token | None:
    """The noun a number counts: its head when the number modifies a noun ("1,500 troops",
    "a 15-metre banner"), else the object of "of"/"in" after it ("2,000 of them")."""
    head = anchor.head
    if anchor.dep_ in ("nummod", "quantmod", "compound", "amod", "npadvmod") and head.pos_ in (
        "NOUN",
        "PROPN",
    ):
        return head
    if anchor.pos_ == "NOUN" and number.unit is None and anchor.lower_ not in lex.scales:
        return anchor
    for child in anchor.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "in"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _noun_phrase(noun: Token, skip: set[int]) -> str:
    """The noun with its left modifiers (adjectives, compounds, possessors), no determiners or
    numbers."""
    words = [
        t
        for t in noun.subtree
        if t.i <= noun.i and t.i not in skip and (t.i == noun.i or _modifies(t, noun))
    ]
    return "".join(t.text_with_ws for t in words).strip()


def _modifies(token: Token, noun: Token) -> bool:
    node = token
    while node.i != noun.i:
        if node.dep_ not in _NOUN_MODS or node.like_num:
            return False
        node = node.head
    return True


def _what(anchor: Token, noun: Token | None, skip: set[int]) -> str:
    """What is counted, with its verb and destination: "special forces troops shipped to X"."""
    phrase = _noun_phrase(noun, skip) if noun is not None else ""
    holder = noun if noun is not None else anchor
    verb = holder.head
    light = verb.lemma_ in _LIGHT_VERBS
    if holder.dep_ in ("nsubj", "nsubjpass", "dobj") and verb.pos_ == "VERB" and not light:
        phrase = f"{phrase} {verb.text}{_destination(verb)}".strip()
    return phrase


def _destination(verb: Token) -> str:
    """ " to Russia's Far East" when the verb has such a phrase."""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in ("to", "into", "in", "from", "against"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return f" {child.text} {_noun_phrase(objects[0], set())}"
    return ""


def _claimant(
    anchor: Token, mentions: MentionIndex, lex: ClaimLexicon
) -> tuple[Actor | None, Token | None]:
    """Who states the number and through which verb: the speaker of a reporting or claim verb
    above it, "according to X", else the actor subject of the sentence's main verb."""
    node = anchor
    for _ in range(_MAX_CLIMB):
        if node.head.i == node.i:
            break
        node = node.head
        if node.pos_ == "VERB" and (is_reporting_verb(node) or node.lemma_ in lex.claim_verbs):
            speaker, _ = speaker_of(node, mentions)
            return speaker, node
    source = according_to(anchor.sent, mentions)
    if source is not None:
        return source[0], None
    root = anchor.sent.root
    subjects = [c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:
        return mentions.for_token(subjects[0]), None
    return None, None


def _date(anchor: Token, verb: Token | None, dates: Sequence[TimeExpression]) -> DateRange | None:
    """The date of the claiming verb, else of the verb governing the number, from ``dates``."""
    sent = anchor.sent
    own = next((t for t in anchor.ancestors if t.pos_ == "VERB"), None)
    best: tuple[int, DateRange] | None = None
    for expression in dates:
        if not sent.start_char <= expression.start < sent.end_char:
            continue
        span = anchor.doc.char_span(expression.start, expression.end, alignment_mode="expand")
        if span is None:
            continue
        attached = _verb_of(span)
        at = -1 if attached is None else attached.i
        rank = (
            0
            if verb is not None and at == verb.i
            else 1
            if own is not None and at == own.i
            else None
        )
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, expression.value)
    return best[1] if best else None


def _rank(at: int, verb: Token | None, own: Token | None) -> int | None:
    """0 for a date on the claiming verb, 1 on the counted event's verb, None otherwise."""
    if verb is not None and at == verb.i:
        return 0
    return 1 if own is not None and at == own.i else None


def _verb_of(span: Span) -> Token | None:
    """The first verb above a date expression in the parse."""
    return next((t for t in span.root.ancestors if t.pos_ in ("VERB", "AUX")), None)
