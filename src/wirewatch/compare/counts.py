"""Numbers across a story's articles: counts of the same thing set side by side.

Claims are grouped into slots by what they count. A count whose ``what`` names a known class
(``compare.yaml`` ``count_classes``: "troops deployed" and "special forces troops shipped" are
both troop numbers) goes to that class; a class counted *of* another (fatalities of troops) joins
the other's slot when a count of it stands in the same sentence. Other counts group by unit and
rapidfuzz similarity of their normalised ``what`` ("massive banner" and "banner" in metres).

Inside a slot, two statements are the same *aspect* when their ``what`` is alike. Then:
same aspect, claimant and time with different values is ``contradict``; different claimants or
times is ``compare with care`` (never called a contradiction); different aspects of one
claimant and time ``complement`` each other; equal values of the same aspect ``agree``. The
claimant is the actor code (or the words naming it); an unattributed number is the outlet's own
statement, and outlets' own statements compare as one claimant.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from ..records import Claim, Comparison, ComparisonStatus, DateRange, Statement
from .lexicon import CountClass, lexicon
from .measures import find_measures
from .statements import Item

_WORD = re.compile(r"[a-z]+")
_ORDER: dict[ComparisonStatus, int] = {
    "contradict": 4,
    "compare with care": 3,
    "complement": 2,
    "agree": 1,
    "only one source": 0,
}


@dataclass(frozen=True, slots=True)
class _Count:
    claim: Claim
    item: Item
    topic: str
    aspect: str
    when: DateRange | None

    @property
    def claimant(self) -> str | None:
        who = self.claim.claimant
        return None if who is None else (who.code or who.name or who.text)


def _class_of(what: str) -> CountClass | None:
    """The class a count's words name; a class counted of another ("fatalities") first, being
    the narrower ("soldiers killed" counts casualties)."""
    words = _WORD.findall(what.lower())
    classes = sorted(lexicon().count_classes, key=lambda c: c.of_class is None)
    for cls in classes:
        if cls.nouns.intersection(words):
            return cls
    return None


def _class_words() -> frozenset[str]:
    return frozenset(w for cls in lexicon().count_classes for w in cls.nouns)


def _counts(item: Item) -> list[_Count]:
    claims = [*item.extraction.claims, *find_measures(item)]
    classes = {id(c): _class_of(c.what) for c in claims}
    published = item.article.published
    default = DateRange(published.start, published.end, "article")
    counts = []
    for claim in claims:
        cls = classes[id(claim)]
        topic = f"{claim.unit or 'count'}: {_normal(claim.what)}"
        aspect = cls.name if cls else (claim.unit or "count")
        if cls is not None:
            topic = f"count: {cls.name}"
            if cls.of_class and any(
                (other := classes[id(c)]) is not None
                and other.name == cls.of_class
                and c.sentence_start == claim.sentence_start
                for c in claims
            ):
                topic = f"count: {cls.of_class}"
        counts.append(_Count(claim, item, topic, aspect, claim.date or default))
    return counts


def _normal(what: str) -> str:
    return " ".join(_WORD.findall(what.lower()))


def _same_measure(a: Claim, b: Claim) -> bool:
    """The same physical measure in one story ("a 15-metre banner", "the sign stretches 15
    metres"): equal values of a length, area or weight rarely meet by chance, as percentages
    and sums of money do."""
    unit = a.unit
    physical = unit is not None and unit != "percent" and not unit.isupper()
    return physical and unit == b.unit and a.value == b.value


def _group(counts: list[_Count]) -> list[list[_Count]]:
    """Counts in slots: a class topic exactly; free ``what`` by unit and similarity."""
    threshold = lexicon().what_similarity
    groups: list[list[_Count]] = []
    for count in counts:
        for group in groups:
            head = group[0]
            if head.topic == count.topic or _same_measure(head.claim, count.claim) or (
                not count.topic.startswith("count: ")
                and not head.topic.startswith("count: ")
                and head.claim.unit == count.claim.unit
                and fuzz.token_set_ratio(_normal(head.claim.what), _normal(count.claim.what))
                >= threshold
            ):
                group.append(count)
                break
        else:
            groups.append([count])
    return groups


def _overlap(a: DateRange | None, b: DateRange | None) -> bool:
    if a is None or b is None:
        return a is b
    low = max((d for d in (a.start, b.start) if d), default=None)
    high = min((d for d in (a.end, b.end) if d), default=None)
    return low is None or high is None or low <= high


def _same_aspect(a: _Count, b: _Count) -> bool:
    if a.aspect != b.aspect:
        return False
    nouns = _class_words()
    first, second = (
        " ".join(w for w in _normal(c.claim.what).split() if w not in nouns) for c in (a, b)
    )
    score = 100.0 if first == second else fuzz.token_set_ratio(first, second)
    return a.claim.unit == b.claim.unit and score >= lexicon().what_similarity


def _pair(a: _Count, b: _Count) -> ComparisonStatus:
    same_value = a.claim.value == b.claim.value and a.claim.unit == b.claim.unit
    same_source = a.claimant == b.claimant and _overlap(a.when, b.when)
    if _same_aspect(a, b) or _same_measure(a.claim, b.claim):
        if same_value:
            return "agree"
        return "contradict" if same_source else "compare with care"
    return "complement" if same_source else "compare with care"


def _judge(group: list[_Count]) -> tuple[ComparisonStatus, str]:
    status: ComparisonStatus = "only one source"
    inside = False
    for i, first in enumerate(group):
        for second in group[i + 1 :]:
            pair = _pair(first, second)
            if first.item is second.item:
                if pair != "contradict":
                    continue
                inside = True
            if _ORDER[pair] > _ORDER[status]:
                status = pair
    articles = {c.item.article.id for c in group}
    if len(articles) < 2 and not inside:
        return "only one source", ""
    notes = ["contradiction inside one source"] if inside else []
    if status == "compare with care":
        notes.append("different claimants or times: set side by side, not a contradiction")
    return status, "; ".join(notes)


def _statement(count: _Count) -> Statement:
    claim = count.claim
    value = f"{claim.value:g}" + (f" {claim.unit}" if claim.unit else "")
    text = f"{value} ({claim.what})"
    return count.item.statement(claim.start, text, count.claimant, count.when)


def compare_counts(story_id: str, items: Sequence[Item]) -> list[Comparison]:
    """One slot per thing counted in the story, with every article's numbers for it."""
    counts = [c for item in items for c in _counts(item)]
    comparisons = []
    for group in _group(counts):
        status, note = _judge(group)
        statements = tuple(_statement(c) for c in group)
        comparisons.append(Comparison(story_id, group[0].topic, status, statements, note))
    return comparisons
