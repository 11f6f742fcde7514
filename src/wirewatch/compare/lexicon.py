"""The compare stage's knowledge, read once from ``compare.yaml`` and compiled.

Word lists and patterns (anniversaries, planned happenings, unknown outcomes, classes of counted
things) are data an analyst can read and extend; this module only turns them into regexes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml


@dataclass(frozen=True, slots=True)
class AnniversaryRule:
    """A pattern that dates a past happening by counting years to a stated day."""

    name: str
    regex: re.Pattern[str]
    years_back: int


@dataclass(frozen=True, slots=True)
class CountClass:
    """A kind of counted thing ("troops"); ``of_class`` names the class it is counted of."""

    name: str
    nouns: frozenset[str]
    of_class: str | None


@dataclass(frozen=True, slots=True)
class CompareLexicon:
    """Everything ``compare.yaml`` holds, compiled."""

    ordinals: dict[str, int]
    anniversaries: tuple[AnniversaryRule, ...]
    anniversary_date_gap: int
    year_date_gap: int
    planned_nouns: frozenset[str]
    planned_kinds: dict[str, str]
    planned_markers: re.Pattern[str]
    planned_window: int
    anniversary_refs: re.Pattern[str]
    unknown_response: tuple[re.Pattern[str], ...]
    no_response: tuple[re.Pattern[str], ...]
    response_to_press: re.Pattern[str]
    count_classes: tuple[CountClass, ...]
    what_similarity: int


def _raw() -> Any:
    text = resources.files(__package__).joinpath("compare.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, spaces matching any whitespace."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


@cache
def lexicon() -> CompareLexicon:
    """The compiled lexicon (cached: read and compiled once per process)."""
    raw = _raw()
    ordinals = {str(k).lower(): int(v) for k, v in raw["ordinals"].items()}
    ordinal = _alternation(list(ordinals)) + r"|\d{1,3}(?:st|nd|rd|th)"
    rules = tuple(
        AnniversaryRule(r["rule"], _compile(r["regex"].format(ordinal=ordinal)), r["years_back"])
        for r in raw["anniversaries"]
    )
    classes = tuple(
        CountClass(name, frozenset(spec["nouns"]), spec.get("of_class"))
        for name, spec in raw["count_classes"].items()
    )
    return CompareLexicon(
        ordinals=ordinals,
        anniversaries=rules,
        anniversary_date_gap=int(raw["anniversary_date_gap"]),
        year_date_gap=int(raw["year_date_gap"]),
        planned_nouns=frozenset(raw["planned_nouns"]),
        planned_kinds=dict(raw.get("planned_kinds") or {}),
        planned_markers=_compile(r"\b(?:" + _alternation(raw["planned_markers"]) + r")\b"),
        planned_window=int(raw["planned_window"]),
        anniversary_refs=_compile(raw["anniversary_refs"].format(ordinal=ordinal)),
        unknown_response=tuple(_compile(p) for p in raw["unknown_response"]),
        no_response=tuple(_compile(p) for p in raw["no_response"]),
        response_to_press=_compile(raw["response_to_press"]),
        count_classes=classes,
        what_similarity=int(raw["what_similarity"]),
    )


def ordinal_value(word: str) -> int | None:
    """The number an ordinal means ("fourth" -> 4, "4th" -> 4), or None."""
    low = word.lower()
    if low[:-2].isdigit():
        return int(low[:-2])
    return lexicon().ordinals.get(low)
