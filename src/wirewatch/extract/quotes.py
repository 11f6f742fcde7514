"""Direct quotations and who said them.

Two steps, kept apart so each can be tested alone:

1. ``quote_spans(text)`` finds the quoted words from the quotation marks only: curly or straight
   double quotes, single quotes used as quotation marks where they cannot be apostrophes, and a
   quotation that runs on into the next paragraph (English convention: the paragraph ends with no
   closing mark and the next one opens again).
2. ``find_quotes(doc, mentions)`` attributes each span from the parse: the reporting verb that
   governs the quoted clause ("..., the ministry said"), a reporting verb next to the quote
   ("said Caddell"), a colon introduction ("He said:"), "according to X", or, for a paragraph that
   only continues a quotation, the previous paragraph's speaker.

Scare quotes: a quoted phrase of a few words ("asymmetric retaliation", a film title) is kept only
when a reporting verb governs it in the parse ("the ministry said it will "closely monitor
developments""); otherwise it is a term the writer marks, not somebody's words, and is skipped.
Longer quotations with no attribution are skipped as well (headlines, slogans, quoted documents
with no source): a quote without its speaker is of little use to compare outlets. The verbs and
thresholds live in ``lexicons/quotes.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from ..nlp import doc_text
from ..records import Actor, Quote
from . import lexicons
from .actors.dateline import PLACE_RULE
from .mentions import MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

RULE_GOVERNED = "quotes.governing_verb.v1"
RULE_AFTER = "quotes.verb_after.v1"
RULE_BEFORE = "quotes.verb_before.v1"
RULE_COLON = "quotes.colon.v1"
RULE_ACCORDING = "quotes.according_to.v1"
RULE_CONTINUATION = "quotes.continuation.v1"
RULE_DASH = "quotes.dash.v1"
RULE_PARTIAL = "quotes.partial.v1"
_DASHES = ("―", "—", "--", "–")
_MAX_DASH_NAME = 8

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = {"“": '”"', "„": "“”", "«": "»", '"': '"”'}
_DOUBLED = re.compile(r"''(?=(\w)?)")
_SINGLE = "‘'"
_SINGLE_CLOSE = "’'"
_OPEN_BEFORE = " \t([{—–-/:;,"
_SUBJECTS = ("nsubj", "nsubjpass")
_CLIMB_DEPS = ("advcl", "conj", "xcomp", "pcomp", "prep", "dep", "parataxis")
_MAX_CLIMB = 4
#: Relations a quoted clause or phrase may hang on its reporting verb by.
_PATH_DEPS = frozenset(
    "ccomp xcomp advcl conj parataxis dep dobj attr acomp oprd pcomp pobj prep npadvmod "
    "nsubj nsubjpass appos punct advmod".split()
)
_MAX_SINGLE_CHARS = 400
_QUOTE_MARKS = "“”„«»‘’'\""


@dataclass(frozen=True, slots=True)
class QuoteLexicon:
    """Reporting verbs and thresholds from ``lexicons/quotes.yaml``."""

    reporting_verbs: frozenset[str]
    quoting_verbs: frozenset[str]
    according_to: frozenset[str]
    scare_max_words: int
    verb_forms: frozenset[str]
    """Inflected forms recognised even when mis-tagged ("Said Ellis: ...")."""


@cache
def quote_lexicon() -> QuoteLexicon:
    """The packaged quote lexicon, read once."""
    data = lexicons.load("quotes.yaml")
    return QuoteLexicon(
        reporting_verbs=frozenset(data["reporting_verbs"]),
        quoting_verbs=frozenset(data["quoting_verbs"]),
        according_to=frozenset(data["according_to"]),
        scare_max_words=int(data["scare_max_words"]),
        verb_forms=frozenset(data["verb_forms"]),
    )


@dataclass(frozen=True, slots=True)
class QuoteSpan:
    """Quoted words found from the marks alone (offsets exclude the marks)."""

    start: int
    end: int
    paragraph: int
    opens_paragraph: bool
    """The opening mark is the first thing in its paragraph."""


# --------------------------------------------------------------------------- finding the marks


def quote_spans(text: str) -> list[QuoteSpan]:
    """Every quoted stretch of ``text``, paragraph by paragraph, in text order."""
    text = _normalise_marks(text)
    paragraphs = list(_paragraphs(text))
    out: list[QuoteSpan] = []
    for index, (start, end) in enumerate(paragraphs):
        nxt = text[paragraphs[index + 1][0]] if index + 1 < len(paragraphs) else ""
        out.extend(_spans_in_paragraph(text, start, end, index, nxt))
    return out


def doc_quote_spans(doc: Doc) -> list[QuoteSpan]:
    """``quote_spans`` of the Doc's text, found once per Doc: the actor pass (pronouns inside
    a quotation) and ``find_quotes`` read the same stretches."""
    spans = doc.user_data.get(_SPANS_KEY)
    if not isinstance(spans, list):
        spans = quote_spans(doc_text(doc))
        doc.user_data[_SPANS_KEY] = spans
    return spans


_SPANS_KEY = "wirewatch.quote_spans"


def _normalise_marks(text: str) -> str:
    """``text`` with the doubled apostrophes some outlets print for a double quote (''like
    this'') turned into a straight double quote plus a space, keeping every offset."""
    if "''" not in text:
        return text
    return _DOUBLED.sub(lambda m: ' "' if m.group(1) else '" ', text)


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each non-blank line, whitespace trimmed."""
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            yield pos + lead, pos + lead + len(stripped)
        pos += len(line) + 1


def _spans_in_paragraph(
    text: str, start: int, end: int, index: int, next_first: str
) -> Iterator[QuoteSpan]:
    """Quoted spans of one paragraph; an unclosed double quote runs to the paragraph end when the
    next paragraph opens with a quotation mark."""
    i = start
    while i < end:
        close: int | None = None
        if _opens_double(text, i, start):
            close = _close_double(text, i, end)
            if close is None:
                if next_first and (next_first in _DOUBLE_OPEN or next_first == '"'):
                    yield from _emit(text, i + 1, end, index, i == start)
                return
        elif _opens_single(text, i, start):
            close = _close_single(text, i, end)
        if close is None:
            i += 1
            continue
        yield from _emit(text, i + 1, close, index, i == start)
        i = close + 1


def _opens_double(text: str, i: int, para_start: int) -> bool:
    char = text[i]
    if char in _DOUBLE_OPEN:
        return True
    if char != '"' or i + 1 >= len(text) or text[i + 1].isspace():
        return False
    return i == para_start or text[i - 1] in _OPEN_BEFORE


def _close_double(text: str, i: int, end: int) -> int | None:
    """The closing mark: the matching curly one, or a straight one after a non-space (outlets
    mix the two)."""
    closers = _DOUBLE_CLOSE[text[i]]
    for j in range(i + 1, end):
        if text[j] in closers and (text[j] != '"' or not text[j - 1].isspace()):
            return j
    return None


def _opens_single(text: str, i: int, para_start: int) -> bool:
    """A single mark that cannot be an apostrophe: after a space (or at the paragraph start) and
    before a letter."""
    if text[i] not in _SINGLE or i + 1 >= len(text) or not text[i + 1].isalpha():
        return False
    return i == para_start or text[i - 1] in _OPEN_BEFORE or text[i - 1] in '"“'


def _close_single(text: str, i: int, end: int) -> int | None:
    """The closing single mark: after a non-space, before a non-letter (so not "don't")."""
    for j in range(i + 2, min(end, i + _MAX_SINGLE_CHARS)):
        if text[j] in _SINGLE_CLOSE and not text[j - 1].isspace():
            after = text[j + 1] if j + 1 < len(text) else " "
            if not after.isalnum():
                return j
    return None


def _emit(text: str, start: int, end: int, index: int, first: bool) -> Iterator[QuoteSpan]:
    """The span trimmed of spaces and the trailing comma English puts inside the marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    if any(c.isalpha() for c in text[start:end]):
        yield QuoteSpan(start, end, index, first)


# --------------------------------------------------------------------------- attribution


@dataclass(frozen=True, slots=True)
class _Attribution:
    speaker: Actor | None
    speaker_text: str | None
    rule: str


def find_quotes(doc: Doc, mentions: MentionIndex) -> list[Quote]:
    """Direct quotations in ``doc`` with their speakers, in text order."""
    lex = quote_lexicon()
    quotes: list[Quote] = []
    previous: tuple[QuoteSpan, _Attribution] | None = None
    spans = [
        (span, doc.char_span(span.start, span.end, alignment_mode="expand"))
        for span in doc_quote_spans(doc)
    ]
    quoted = frozenset(i for _, inner in spans if inner is not None for i in range(*_bounds(inner)))
    for span, inner in spans:
        if inner is None or len(inner) == 0:
            continue
        found = _attribute(inner, mentions, lex, quoted)
        if found is None and previous is not None and _continues(span, inner, previous[0], lex):
            prev = previous[1]
            found = _Attribution(prev.speaker, prev.speaker_text, RULE_CONTINUATION)
        if found is None:
            continue
        if found.rule == RULE_GOVERNED and _embedded(doc_text(doc), span.start):
            found = _Attribution(found.speaker, found.speaker_text, RULE_PARTIAL)
        text = doc_text(doc)[span.start : span.end]
        quotes.append(Quote(text, span.start, span.end, *_fields(found)))
        previous = (span, found)
    return quotes


def _bounds(span: Span) -> tuple[int, int]:
    return span.start, span.end


def _embedded(text: str, start: int) -> bool:
    """Whether the quote opens inside a clause (a quoted fragment: 'said it would "closely
    monitor" events') rather than at a sentence start, a colon or a comma."""
    i = start - 1
    while i >= 0 and (text[i] in _QUOTE_MARKS or text[i].isspace()):
        i -= 1
    return i >= 0 and text[i].isalnum()


def _fields(found: _Attribution) -> tuple[Actor | None, str | None, str]:
    return found.speaker, found.speaker_text, found.rule


def _continues(span: QuoteSpan, inner: Span, previous: QuoteSpan, lex: QuoteLexicon) -> bool:
    """A paragraph that opens with a quoted sentence right after a paragraph holding an attributed
    quote (a quoted headline has no closing full stop and is not one)."""
    if not span.opens_paragraph or span.paragraph - previous.paragraph not in (0, 1):
        return False
    last = doc_text(inner.doc)[span.end - 1]
    return last in ".?!…" and _word_count(inner) > lex.scare_max_words


def _attribute(
    inner: Span, mentions: MentionIndex, lex: QuoteLexicon, quoted: frozenset[int]
) -> _Attribution | None:
    """The speaker of one quoted span, trying the rules from most to least reliable."""
    verb = _governing_verb(inner, lex)
    if verb is not None:
        return _from_verb(verb, mentions, lex, RULE_GOVERNED, quoted)
    if _word_count(inner) <= lex.scare_max_words:
        return None
    doc = inner.doc
    dashed = _dash_speaker(doc, inner, mentions)
    if dashed is not None:
        return dashed
    for rule, verb in _adjacent_verbs(doc, inner, lex):
        found = _from_verb(verb, mentions, lex, rule, quoted)
        if found.speaker_text is not None:
            return found
    return _according_to(doc, inner, mentions, lex)


def _word_count(span: Span) -> int:
    return sum(1 for t in span if t.is_alpha or t.like_num)


def _is_reporting(token: Token, lex: QuoteLexicon) -> bool:
    """A reporting verb, also where the tagger took a capitalised "Said" for a name."""
    if token.pos_ in ("VERB", "AUX"):
        return token.lemma_.lower() in lex.reporting_verbs
    return token.lower_ in lex.verb_forms


def _governing_verb(inner: Span, lex: QuoteLexicon) -> Token | None:
    """A reporting verb outside the quote that a token of the quote depends on through clausal
    or complement relations only (not through a relative clause: "a banner that read "...""),
    within the quote's paragraph."""
    lo, hi = inner.start, inner.end
    for token in inner:
        if lo <= token.head.i < hi:
            continue
        node = token
        for _ in range(_MAX_CLIMB):
            head = node.head
            if head.i == node.i or node.dep_ not in _PATH_DEPS or _crosses_paragraph(node, head):
                break
            if not lo <= head.i < hi and _is_reporting(head, lex):
                return head
            node = head
    return None


def _crosses_paragraph(a: Token, b: Token) -> bool:
    lo, hi = sorted((a.idx, b.idx))
    return "\n" in doc_text(a.doc)[lo:hi]


def _adjacent_verbs(doc: Doc, inner: Span, lex: QuoteLexicon) -> Iterator[tuple[str, Token]]:
    """Reporting verbs next to the quote: in the words right after it up to the sentence end,
    in the words before it from the sentence start, or ending a colon introduction."""
    after = _after_tokens(doc, inner)
    for token in after:
        if _is_reporting(token, lex):
            yield RULE_AFTER, token
            break
    before = _before_tokens(doc, inner.start)
    colon = bool(before) and before[-1].text == ":"
    for token in reversed(before):
        if _is_reporting(token, lex):
            yield (RULE_COLON if colon else RULE_BEFORE), token
            break
    if colon:
        root = before[-1].sent.root
        if root.pos_ in ("VERB", "AUX") and root.i < inner.start:
            yield RULE_COLON, root


def _after_tokens(doc: Doc, inner: Span) -> list[Token]:
    """Tokens after the closing mark, up to the sentence end or the next opening mark. None when
    the quote ends a sentence with a full stop, or with ?/! before a capital: English puts a comma
    before an attribution that follows."""
    last = doc_text(doc)[inner.end_char - 1]
    i = inner.end
    while i < len(doc) and (doc[i].is_punct or doc[i].is_space) and doc[i].text not in ".?!":
        i += 1
    if i >= len(doc) or last == "." or (last in "?!" and doc[i].text[:1].isupper()):
        return []
    out: list[Token] = []
    for token in doc[i : i + 12]:
        if token.text in ".?!" or token.text in _DOUBLE_OPEN or token.text == '"':
            break
        out.append(token)
    return out


def _before_tokens(doc: Doc, start: int) -> list[Token]:
    """Tokens before the opening mark back to the start of their sentence (which may end a
    previous paragraph, for a colon introduction)."""
    i = start - 1
    while i >= 0 and doc[i].is_punct and doc[i].text != ":" and not doc[i].is_space:
        i -= 1
    while i >= 0 and doc[i].is_space:
        i -= 1
    if i < 0:
        return []
    if doc[i].text in ".?!":
        return []
    sent = doc[i].sent
    return [t for t in doc[sent.start : i + 1] if not t.is_space]


def _dash_speaker(doc: Doc, inner: Span, mentions: MentionIndex) -> _Attribution | None:
    """A quote signed with a dash and a name ending the paragraph: "..." ― Jane Doe."""
    i = inner.end
    while i < len(doc) and doc[i].is_punct and doc[i].text not in _DASHES:
        i += 1
    if i >= len(doc) or doc[i].text not in _DASHES:
        return None
    name: list[Token] = []
    for token in doc[i + 1 : i + 2 + _MAX_DASH_NAME]:
        if "\n" in token.text or token.text in ".;" or (token.is_space and name):
            break
        if not token.is_space:
            name.append(token)
    if not name or len(name) > _MAX_DASH_NAME or not name[0].text[:1].isupper():
        return None
    if any(t.pos_ == "VERB" for t in name):
        return None
    return _from_noun(name[-1], mentions, RULE_DASH, name[0].i)


def _according_to(
    doc: Doc,
    inner: Span,
    mentions: MentionIndex,
    lex: QuoteLexicon,
    sents: tuple[Span, ...] | None = None,
) -> _Attribution | None:
    """ "According to X" in ``sents``, by default the sentences the quote begins and ends in."""
    if sents is None:
        sents = (inner[0].sent, inner[-1].sent)
    for sent in sents:
        for token in sent:
            if inner.start <= token.i < inner.end or token.lower_ not in lex.according_to:
                continue
            for child in token.children:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                if child.lower_ == "to" and objects:
                    return _from_noun(objects[0], mentions, RULE_ACCORDING)
    return None


def _from_verb(
    verb: Token,
    mentions: MentionIndex,
    lex: QuoteLexicon,
    rule: str,
    quoted: frozenset[int] = frozenset(),
) -> _Attribution:
    """The speaker of a reporting verb: its subject, the object of "quoted X as saying", the
    subject of the verb it depends on ("adding, ..."), or the noun a relative clause hangs on.
    Verbs inside a quotation (token indices ``quoted``) are climbed over, never speakers."""
    for _ in range(_MAX_CLIMB):
        if verb.i in quoted:
            if verb.head.i == verb.i:
                break
            verb = verb.head
            continue
        quoting = _quoting_verb(verb, lex)
        if quoting is not None:
            objects = [c for c in quoting.children if c.dep_ in ("dobj", "nsubjpass")]
            if objects:
                return _from_noun(objects[0], mentions, rule)
        subjects = [
            c
            for c in verb.children
            if c.dep_ in _SUBJECTS
            and not _crosses_paragraph(c, verb)
            and not _dateline(c, mentions)
        ]
        if subjects:
            subject = subjects[0]
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                subject = verb.head
            return _from_noun(subject, mentions, rule)
        if verb.dep_ not in _CLIMB_DEPS or verb.head.i == verb.i:
            break
        verb = verb.head
    return _Attribution(None, None, rule)


def _dateline(token: Token, mentions: MentionIndex) -> bool:
    """Whether ``token`` is the place of a dateline ("BERLIN –"), which the parser often takes
    for the subject of the first verb: it names where the story was filed, never a speaker."""
    actor = mentions.for_token(token)
    return actor is not None and actor.rule == PLACE_RULE


def _quoting_verb(verb: Token, lex: QuoteLexicon) -> Token | None:
    """``verb`` itself or the verb above "as saying" when it is "quote"/"cite"."""
    for candidate in (verb, verb.head, verb.head.head):
        if candidate.lemma_.lower() in lex.quoting_verbs:
            return candidate
    return None


def _from_noun(
    noun: Token, mentions: MentionIndex, rule: str, left: int | None = None
) -> _Attribution:
    """The speaker phrase ending at ``noun`` (its left modifiers, not appositions or clauses, or
    from token ``left``), resolved to the mention covering its head, else the last mention
    inside it."""
    doc = noun.doc
    left = noun.left_edge.i if left is None else left
    while left < noun.i and (
        doc[left].is_punct or doc[left].is_space or "\n" in doc_text(doc)[doc[left].idx : noun.idx]
    ):
        left += 1
    phrase = doc[left : noun.i + 1]
    actor = mentions.for_token(noun)
    if actor is None:
        # the phrase, then its appositions ("the envoy Ivan Petrov", "Lin, a spokesman")
        whole = doc[phrase.start : max(noun.right_edge.i, noun.i) + 1]
        inside = mentions.for_span(phrase) or mentions.for_span(whole)
        actor = inside[-1] if inside else None
    return _Attribution(actor, phrase.text, rule)


def speaker_of(verb: Token, mentions: MentionIndex) -> tuple[Actor | None, str | None]:
    """Who speaks through ``verb`` (an actor when one resolves, and the words naming them):
    shared with claims.py so that a figure and a quote get the same speaker rules."""
    found = _from_verb(verb, mentions, quote_lexicon(), "")
    return found.speaker, found.speaker_text


def is_reporting_verb(token: Token) -> bool:
    """Whether ``token`` is one of the reporting verbs of ``lexicons/quotes.yaml``."""
    return _is_reporting(token, quote_lexicon())


def according_to(sent: Span, mentions: MentionIndex) -> tuple[Actor | None, str | None] | None:
    """The source an "according to X" in ``sent`` names, if any."""
    found = _according_to(sent.doc, sent[0:0], mentions, quote_lexicon(), (sent,))
    return None if found is None else (found.speaker, found.speaker_text)
