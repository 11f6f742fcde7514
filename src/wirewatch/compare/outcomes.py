"""Outcomes of requests: what each source says came of one actor asking another.

A REJECT event of B toward A ("the Russian side refused") answers A's request to B. Another
article may say the outcome is unknown ("did not mention if it had received a response") or that
no answer came ("has not responded"); such a sentence belongs to the REQUEST event of the same
sentence (else the article's nearest one before it). Sentences about "requests for comment" are
about the press, not the request, and are left out.

Decided: an unknown outcome beside a refusal is ``complement`` (one source knows what the other
does not say; neither is wrong); "no response" beside a refusal is ``contradict`` (a refusal is a
response). A slot with only a refusal, or only unknowns, is ``only one source`` or ``agree``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence

from ..records import Comparison, Event, Statement
from .lexicon import lexicon
from .statements import Item, judge

REFUSED = "refused"
UNKNOWN = "response not known"
NONE = "no response"

Pair = tuple[str, str]


def _relation(a: str, b: str) -> str:
    if a == b:
        return "same"
    return "conflict" if {a, b} == {REFUSED, NONE} else "compatible"


def _request_for(item: Item, offset: int) -> Event | None:
    """The REQUEST event the sentence at ``offset`` is about."""
    start, end = item.sentence_at(offset)
    requests = [
        e
        for e in item.extraction.events
        if e.type == "REQUEST" and e.source.code and e.target and e.target.code
    ]
    same = [e for e in requests if start <= e.trigger_start < end]
    before = [e for e in requests if e.trigger_start < start]
    chosen = same or before[-1:]
    return chosen[0] if chosen else None


def _answers(item: Item) -> list[tuple[Pair, Statement]]:
    """(requester, requested) with what this article says came of the request."""
    lex = lexicon()
    out: list[tuple[Pair, Statement]] = []
    asked = {
        (e.source.code, e.target.code)
        for e in item.extraction.events
        if e.type == "REQUEST" and e.target is not None
    }
    for event in item.extraction.events:
        if event.type != "REJECT" or not event.happened or event.target is None:
            continue
        pair = (str(event.target.code), str(event.source.code))
        if pair in asked:  # a refusal of what the article says was asked, not a denial
            out.append((pair, item.statement(event.trigger_start, REFUSED)))
    for value, patterns in ((UNKNOWN, lex.unknown_response), (NONE, lex.no_response)):
        for pattern in patterns:
            for m in pattern.finditer(item.article.text):
                if lex.response_to_press.search(m.group()) or _about_press(item, m):
                    continue
                request = _request_for(item, m.start())
                if request is not None and request.target and request.target.code:
                    pair = (str(request.source.code), request.target.code)
                    out.append((pair, item.statement(m.start(), value)))
    return out


def _about_press(item: Item, m: re.Match[str]) -> bool:
    _, end = item.sentence_at(m.start())
    return bool(lexicon().response_to_press.search(item.article.text, m.end(), end))


def compare_outcomes(story_id: str, items: Sequence[Item]) -> list[Comparison]:
    """One ``outcome of A REQUEST B`` slot per request whose outcome a source speaks to."""
    slots: dict[Pair, list[Statement]] = defaultdict(list)
    for item in items:
        for pair, statement in _answers(item):
            slots[pair].append(statement)
    comparisons = []
    for (requester, requested), found in slots.items():
        if not any(s.value == REFUSED for s in found) and len(found) < 2:
            continue
        status, note = judge(found, _relation)
        if status == "complement":
            note = "one source says the outcome is unknown; another states it"
        slot = f"outcome of {requester} REQUEST {requested}"
        comparisons.append(Comparison(story_id, slot, status, tuple(found), note))
    return comparisons
