"""The event pattern data (``extract/lexicons/events.yaml``), validated and indexed once.

A user file of the same shape extends the built-in patterns: its verbs, nouns and statement cues
are added, a pattern with an existing ``id`` replaces the built-in one, and its flag and
reporting-verb lists are added to the built-in lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from ...errors import UsageError
from .. import lexicons

PATTERNS_VERSION = 1

#: The 16 PLOVER event types.
PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)  # fmt: skip

#: Where a target may be read from; ``prep:<word>`` is checked separately.
TARGET_SLOTS = frozenset(
    {"dobj", "dative", "nsubjpass", "poss", "xsubj", "xobj", "parent", "about", "addressee", "cond"}
)
#: Which sources a pattern accepts: any actor, only a state actor, or only a non-state one.
SOURCE_KINDS = frozenset({"any", "state", "nonstate"})

DEFAULT_NOUN_SOURCES = ("poss", "modifier", "prep:by", "verb")
DEFAULT_VERB_TARGETS = ("dobj", "dative", "prep:to", "prep:against", "prep:with", "prep:on")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One trigger: a verb or noun lemma with the constraints that make it an event."""

    id: str
    family: str
    """``verb``, ``noun`` or ``statement``: the rule name is ``events.<family>.<id>.v<n>``."""
    lemma: str
    type: str
    cameo: str
    quad_class: int
    goldstein: float
    mode: str | None = None
    particle: str | None = None
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    targets: tuple[str, ...] = DEFAULT_VERB_TARGETS
    sources: tuple[str, ...] = DEFAULT_NOUN_SOURCES
    """Noun patterns: where the source is read (poss, modifier, prep:<word>, verb)."""
    target_optional: bool = False
    reciprocal: bool = False
    """A joint act ("X and Y agreed"): the subject's other conjuncts are targets."""
    words: tuple[tuple[str, ...], ...] = ()
    """Statement cues: each a sequence of lower-case words."""
    source_kind: str = "any"
    """``state``: only a state actor's act ("the ministry protested" is a verbal protest);
    ``nonstate``: only a non-state actor's (a street protest); ``any``."""
    in_quotes: bool = True
    """Statement cues: also read inside direct quotes, where the target is the nearest actor
    (off for cues whose target must be a clause's subject: "Y must stop")."""

    @property
    def rule(self) -> str:
        family = "nominal" if self.family == "noun" else self.family
        return f"events.{family}.{self.id}.v{PATTERNS_VERSION}"


@dataclass(frozen=True, slots=True)
class ArgumentWords:
    """Word lists of the argument fallbacks (``arguments:`` in the pattern data)."""

    speech_nouns: frozenset[str] = frozenset()
    """Nouns naming what an actor said ("assertions", "demands"): their owner is the target."""
    counterpart_types: frozenset[str] = frozenset()
    """Directed types whose missing target may be the sentence's one other actor."""
    state_sectors: frozenset[str] = frozenset()
    state_rules: frozenset[str] = frozenset()
    """Mention rules of a bare state or capital used as an actor ("Japan", "Seoul")."""
    conditional_marks: tuple[tuple[str, ...], ...] = ()
    inverted_aux: frozenset[str] = frozenset()
    """Auxiliaries that open an inverted condition ("should Seoul send arms")."""
    phrase_target_types: frozenset[str] = frozenset()
    """Types whose target slot may hold a thing or people no actor mention covers ("stormed a
    police station"): the noun phrase is then an uncoded target."""


@dataclass(frozen=True, slots=True)
class FlagWords:
    """Cue words for one flag (negated, hypothetical, future)."""

    aux: frozenset[str] = frozenset()
    governors: frozenset[str] = frozenset()
    marks: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class Patterns:
    """Every pattern, indexed by lemma for matching."""

    verbs: Mapping[str, tuple[Pattern, ...]]
    nouns: Mapping[str, tuple[Pattern, ...]]
    cues: tuple[Pattern, ...]
    reporting: frozenset[str]
    object_control: frozenset[str]
    light_verbs: frozenset[str] = frozenset()
    """Verbs that only carry a noun trigger ("launch" a war): the noun's source is their subject."""
    flags: Mapping[str, FlagWords] = field(default_factory=dict)
    arguments: ArgumentWords = ArgumentWords()
    roots: Mapping[str, tuple[str, int, float]] = field(default_factory=dict)
    """Per PLOVER type: its CAMEO root, QuadClass and Goldstein score (for events typed by the
    model, whose trigger no pattern names)."""


def _fail(origin: str, reason: str) -> UsageError:
    return UsageError(f"{origin}: {reason}")


def _words(value: Any, origin: str, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _fail(origin, f"{what} must be a list of words")
    return [v.lower() for v in value]


def _code(cameo: Mapping[str, tuple[int, float]], code: str, origin: str, where: str) -> str:
    if code not in cameo and code[:2] not in cameo:
        raise _fail(origin, f"{where}: unknown CAMEO code {code!r}")
    return code


def _pattern(raw: Any, family: str, data: Mapping[str, Any], origin: str) -> Pattern:
    """One pattern entry checked and completed with its type's CAMEO defaults."""
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        raise _fail(origin, f"each {family} pattern needs an 'id'")
    where = f"{family} pattern {raw['id']!r}"
    ptype = raw.get("type")
    if ptype not in PLOVER_TYPES:
        raise _fail(origin, f"{where}: type {ptype!r} is not a PLOVER type")
    cameo: Mapping[str, tuple[int, float]] = data["cameo"]
    code = _code(cameo, str(raw.get("cameo") or data["types"][ptype]), origin, where)
    quad, goldstein = cameo.get(code) or cameo[code[:2]]
    if "goldstein" in raw:
        goldstein = float(raw["goldstein"])
    targets = tuple(_words(raw.get("target"), origin, f"{where}: target")) or (
        DEFAULT_VERB_TARGETS if family == "verb" else ()
    )
    for slot in targets:
        if slot not in TARGET_SLOTS and not slot.startswith("prep:"):
            raise _fail(origin, f"{where}: unknown target slot {slot!r}")
    lemma = str(raw.get("verb", "")).lower()
    if family != "statement" and not lemma:
        raise _fail(origin, f"{where}: needs a 'verb' (the trigger lemma)")
    return Pattern(
        id=raw["id"], family=family, lemma=lemma, type=ptype, cameo=code,
        quad_class=int(quad), goldstein=float(goldstein), mode=raw.get("mode"),
        particle=raw.get("particle"),
        objects=frozenset(_words(raw.get("object"), origin, f"{where}: object")),
        modifiers=frozenset(_words(raw.get("modifier"), origin, f"{where}: modifier")),
        targets=targets, sources=_sources(raw, origin, where),
        target_optional=_flag(raw, "target_optional", False, origin, where),
        reciprocal=_flag(raw, "reciprocal", False, origin, where),
        words=tuple(tuple(w.split()) for w in _words(raw.get("words"), origin, where)),
        source_kind=_source_kind(raw, origin, where),
        in_quotes=_flag(raw, "in_quotes", True, origin, where),
    )  # fmt: skip


def _flag(raw: dict[str, Any], key: str, default: bool, origin: str, where: str) -> bool:
    """A yes/no field, which must be written true or false ("tru" is a mistake, not a yes).

    Raises:
        UsageError: the value is not a boolean.
    """
    value = raw.get(key, default)
    if not isinstance(value, bool):
        raise _fail(origin, f"{where}: '{key}' must be true or false, not {value!r}")
    return value


def _source_kind(raw: dict[str, Any], origin: str, where: str) -> str:
    kind = str(raw.get("source_kind", "any"))
    if kind not in SOURCE_KINDS:
        raise _fail(origin, f"{where}: source_kind must be one of {sorted(SOURCE_KINDS)}")
    return kind


def _sources(raw: dict[str, Any], origin: str, where: str) -> tuple[str, ...]:
    sources = tuple(_words(raw.get("source"), origin, f"{where}: source"))
    for slot in sources:
        if slot not in ("poss", "modifier", "verb") and not slot.startswith("prep:"):
            raise _fail(origin, f"{where}: unknown source slot {slot!r}")
    return sources or DEFAULT_NOUN_SOURCES


def _read(path: str) -> Any:
    try:
        return yaml.safe_load(Path(path).read_text("utf-8"))
    except OSError as exc:
        raise _fail(path, f"cannot read event patterns ({exc.strerror or exc})") from None
    except yaml.YAMLError as exc:
        reason = str(exc).replace("\n", " ")
        raise _fail(path, f"not valid YAML: {reason}") from None


def _merge(base: dict[str, Any], user: Any, origin: str) -> dict[str, Any]:
    """``base`` extended by a user mapping of the same shape."""
    if not isinstance(user, dict):
        raise _fail(origin, "event patterns must be a YAML mapping (verbs:, nouns:, statements:)")
    known = {
        "version", "types", "cameo", "flags", "statements", "verbs", "nouns", "light_verbs",
        "arguments",
    }  # fmt: skip
    unknown = sorted(set(user) - known)
    if unknown:
        raise _fail(origin, f"unknown section {unknown[0]!r} (expected one of {sorted(known)})")
    out = dict(base)
    for key in ("types", "cameo"):
        if not isinstance(user.get(key, {}), dict):
            raise _fail(origin, f"'{key}' must be a mapping")
        out[key] = {**base[key], **user.get(key, {})}
    for key in ("verbs", "nouns"):
        extra = user.get(key) or []
        if not isinstance(extra, list):
            raise _fail(origin, f"'{key}' must be a list of patterns")
        ids = {p.get("id") for p in extra if isinstance(p, dict)}
        out[key] = [p for p in base[key] if p.get("id") not in ids] + extra
    out["light_verbs"] = list(base.get("light_verbs") or []) + _words(
        user.get("light_verbs"), origin, "light_verbs"
    )
    out["statements"] = _merge_lists(base["statements"], user.get("statements") or {}, origin)
    out["arguments"] = _merge_lists(base.get("arguments") or {}, user.get("arguments"), origin)
    out["flags"] = {
        name: _merge_lists(base["flags"].get(name, {}), words, origin)
        for name, words in {**base["flags"], **(user.get("flags") or {})}.items()
    }
    return out


def _merge_lists(base: dict[str, Any], user: Any, origin: str) -> dict[str, Any]:
    """Lists in ``user`` appended to those in ``base`` (statement cues replaced by id)."""
    if user is None:
        return dict(base)
    if not isinstance(user, dict):
        raise _fail(origin, "'statements', 'arguments' and 'flags' entries must be mappings")
    out = dict(base)
    for key, value in user.items():
        if key == "cues":
            ids = {c.get("id") for c in value or [] if isinstance(c, dict)}
            out[key] = [c for c in base.get(key, []) if c.get("id") not in ids] + list(value or [])
        else:
            out[key] = list(base.get(key, [])) + _words(value, origin, str(key))
    return out


def _index(patterns: list[Pattern]) -> dict[str, tuple[Pattern, ...]]:
    index: dict[str, list[Pattern]] = {}
    for pattern in patterns:
        index.setdefault(pattern.lemma, []).append(pattern)
    return {lemma: tuple(items) for lemma, items in index.items()}


def _build(data: dict[str, Any], origin: str) -> Patterns:
    if set(data.get("types", {})) != set(PLOVER_TYPES):
        raise _fail(origin, "'types' must give a CAMEO root for each of the 16 PLOVER types")
    data["cameo"] = {str(k): tuple(v) for k, v in data["cameo"].items()}
    verbs = [_pattern(p, "verb", data, origin) for p in data.get("verbs") or []]
    nouns = [_pattern(p, "noun", data, origin) for p in data.get("nouns") or []]
    statements = data.get("statements") or {}
    cues = [_pattern(c, "statement", data, origin) for c in statements.get("cues") or []]
    flags = {
        name: FlagWords(
            aux=frozenset(_words(words.get("aux"), origin, f"flags.{name}.aux")),
            governors=frozenset(_words(words.get("governors"), origin, f"flags.{name}")),
            marks=frozenset(_words(words.get("marks"), origin, f"flags.{name}.marks")),
        )
        for name, words in (data.get("flags") or {}).items()
    }
    roots = {}
    for ptype, code in data["types"].items():
        quad, goldstein = data["cameo"].get(str(code)) or data["cameo"][str(code)[:2]]
        roots[ptype] = (str(code), int(quad), float(goldstein))
    return Patterns(
        roots=roots,
        verbs=_index(verbs),
        nouns=_index(nouns),
        cues=tuple(cues),
        reporting=frozenset(_words(statements.get("reporting"), origin, "reporting")),
        object_control=frozenset(_words(statements.get("object_control"), origin, "control")),
        light_verbs=frozenset(_words(data.get("light_verbs"), origin, "light_verbs")),
        flags=flags,
        arguments=_arguments(data.get("arguments") or {}, origin),
    )


def _arguments(raw: dict[str, Any], origin: str) -> ArgumentWords:
    def words(key: str) -> list[str]:
        return _words(raw.get(key), origin, f"arguments.{key}")

    return ArgumentWords(
        speech_nouns=frozenset(words("speech_nouns")),
        counterpart_types=frozenset(w.upper() for w in words("counterpart_types")),
        state_sectors=frozenset(w.upper() for w in words("state_sectors")),
        state_rules=frozenset(words("state_rules")),
        conditional_marks=tuple(tuple(w.split()) for w in words("conditional_marks")),
        inverted_aux=frozenset(words("inverted_aux")),
        phrase_target_types=frozenset(w.upper() for w in words("phrase_target_types")),
    )


def _builtin() -> dict[str, Any]:
    data: dict[str, Any] = lexicons.load("events.yaml")
    return data


@cache
def load_patterns(user_file: str = "") -> Patterns:
    """The built-in event patterns, extended by ``user_file`` when given; cached per file.

    Raises:
        UsageError: the user file cannot be read, is not YAML, or a pattern in it is malformed
            (the message names the file and the reason).
    """
    data = _builtin()
    origin = "events.yaml (built-in)"
    if user_file:
        data = _merge(data, _read(user_file), user_file)
        origin = user_file
    try:
        return _build(data, origin)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise _fail(origin, f"malformed event patterns ({type(exc).__name__}: {exc})") from None
