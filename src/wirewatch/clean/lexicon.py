"""Loading the cleaning lexicons (YAML data in ``clean/lexicons/``), compiled once.

The phrase lexicon maps a category (``donation-appeal``, ``legal``, ...) to regular expressions.
A user file of the same shape extends it: its categories add patterns to the built-in ones.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import UsageError

LEXICON_VERSION = 1


@dataclass(frozen=True, slots=True)
class PhraseRule:
    category: str
    regex: re.Pattern[str]
    whole: bool
    """The pattern must cover the whole block, not just occur in it."""

    def hits(self, block: str) -> bool:
        if self.whole:
            return self.regex.fullmatch(block) is not None
        return self.regex.search(block) is not None


@dataclass(frozen=True, slots=True)
class Anchor:
    """A well-known happening with its date, named by any of ``patterns``."""

    name: str
    date: dt.date
    regex: re.Pattern[str]


def _read_yaml(name: str) -> Any:
    text = resources.files("wirewatch.clean").joinpath("lexicons", name).read_text("utf-8")
    return yaml.safe_load(text)


def _compile_phrases(data: Any, origin: str) -> list[PhraseRule]:
    if not isinstance(data, dict) or not isinstance(data.get("categories"), dict):
        raise UsageError(f"{origin}: a phrase lexicon needs a 'categories' mapping")
    rules: list[PhraseRule] = []
    for category, patterns in data["categories"].items():
        for item in patterns or []:
            pattern, whole = (
                (item["pattern"], bool(item.get("whole")))
                if isinstance(item, dict)
                else (str(item), False)
            )
            try:
                regex = re.compile(pattern.strip(), re.IGNORECASE)
            except re.error as exc:
                raise UsageError(
                    f"{origin}: bad pattern {pattern!r} in {category}: {exc}"
                ) from None
            rules.append(PhraseRule(str(category), regex, whole))
    return rules


@cache
def builtin_phrases() -> tuple[PhraseRule, ...]:
    """The phrase rules shipped with wirewatch."""
    return tuple(_compile_phrases(_read_yaml("boilerplate.yaml"), "boilerplate.yaml"))


@cache
def load_phrases(user_file: str | Path | None = None) -> tuple[PhraseRule, ...]:
    """Built-in phrase rules, extended by a user YAML file of the same shape.

    Raises:
        UsageError: the user file is missing, not YAML, or has a bad pattern.
    """
    if user_file is None:
        return builtin_phrases()
    path = Path(user_file)
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise UsageError(f"{path}: cannot read lexicon: {exc}".splitlines()[0]) from None
    return builtin_phrases() + tuple(_compile_phrases(data, str(path)))


@cache
def anchors() -> tuple[Anchor, ...]:
    """Dated well-known happenings used to place undated articles in time."""
    data = _read_yaml("anchors.yaml")
    out = []
    for entry in data["anchors"]:
        regex = re.compile("|".join(f"(?:{p})" for p in entry["patterns"]), re.IGNORECASE)
        out.append(Anchor(entry["name"], dt.date.fromisoformat(str(entry["date"])), regex))
    return tuple(out)
