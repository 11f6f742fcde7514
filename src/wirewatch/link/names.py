"""Person names compared across articles: transliteration folds, token-wise matching, surnames,
stated roles. The knowledge (folds, determiners, role groups, pronouns) is data in
``extract/lexicons/entities.yaml``; this module holds the mechanisms ``entities`` uses.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from rapidfuzz.distance import Levenshtein

from ..extract import lexicons
from ..records import Actor

#: Least normalised Levenshtein similarity for two folded name tokens of ``TOKEN_MIN_LENGTH``+
#: letters to count as one spelling (one letter in seven); shorter tokens must be equal.
TOKEN_SIMILARITY = 0.85
TOKEN_MIN_LENGTH = 6

_HYPHENS = re.compile(r"[-‐‑–]")
_DROP = re.compile(r"[.'’`]")
_POSSESSIVE = re.compile(r"['’]s?$")
_POSSESSIVE_IN = re.compile(r"['’]s?\b(?=\s|$)")


@dataclass(frozen=True)
class _Lexicon:
    """``lexicons/entities.yaml`` compiled."""

    folds: tuple[tuple[re.Pattern[str], str], ...]
    determiners: frozenset[str]
    role_groups: tuple[frozenset[str], ...]
    pronouns: frozenset[str]


@cache
def lexicon() -> _Lexicon:
    """``lexicons/entities.yaml``, compiled once."""
    data = lexicons.load("entities.yaml")
    return _Lexicon(
        folds=tuple((re.compile(f["from"]), str(f["to"])) for f in data["transliteration"]),
        determiners=frozenset(str(p).lower() for p in data["determiners"]),
        role_groups=tuple(frozenset(str(r).lower() for r in g) for g in data["role_groups"]),
        pronouns=frozenset(str(p).lower() for p in data["pronouns"]),
    )


def is_pronoun(text: str) -> bool:
    """Whether ``text`` is a pronoun ("he", "It", "I"), not an acronym that spells like one
    ("US", "IT")."""
    if text.lower() not in lexicon().pronouns:
        return False
    return text in (text.lower(), text.capitalize())


@lru_cache(maxsize=65536)
def _fold_token(word: str) -> str:
    """A name word lowercased, accent-free, with transliteration variants folded."""
    plain = unicodedata.normalize("NFKD", word)
    out = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    for pattern, repl in lexicon().folds:
        out = pattern.sub(repl, out)
    return re.sub(r"(.)\1+", r"\1", out)


@lru_cache(maxsize=65536)
def name_tokens(name: str) -> tuple[str, ...]:
    """A person's name as folded tokens: hyphens split, possessive and leading determiner
    dropped, lowercase words but the last left out (particles of the surname, or words the
    extract stage took in by mistake).

    "Kim Jong-Un" and "Kim Jong Un" give ``("kim", "jong", "un")``; "Georgiy Zinoview" and
    "Georgy Zinoviev" give ``("georgi", "zinoviev")``; "Ursula von der Leyen" gives
    ``("ursula", "leyen")``; "Donald Trump's" and "the Trump" give their names' tokens.
    """
    bare = _DROP.sub("", _POSSESSIVE_IN.sub("", name))
    words = [w for w in _HYPHENS.sub(" ", bare).split() if w]
    if len(words) > 1 and words[0].lower() in lexicon().determiners:
        words = words[1:]
    kept = [w for w in words[:-1] if not w.islower()] + words[-1:]
    return tuple(t for t in (_fold_token(w) for w in kept) if t)


def display_name(name: str) -> str:
    """A name as written, without a possessive or a leading determiner ("Donald Trump's" ->
    "Donald Trump")."""
    words = _POSSESSIVE_IN.sub("", name).split()
    if len(words) > 1 and words[0].lower() in lexicon().determiners:
        words = words[1:]
    return " ".join(words)


def slug(name: str) -> str:
    """A name as an id part: accent-free, lowercase, words joined by hyphens ("Kim Jong-Un" ->
    "kim-jong-un")."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return "-".join(re.findall(r"[a-z0-9]+", plain.lower())) or "unnamed"


def _same_token(a: str, b: str) -> bool:
    """Two folded name tokens are one spelling: equal, or long and nearly equal."""
    if a == b:
        return True
    return (
        min(len(a), len(b)) >= TOKEN_MIN_LENGTH
        and a[0] == b[0]
        and Levenshtein.normalized_similarity(a, b) >= TOKEN_SIMILARITY
    )


def _given_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Given names (surname removed) agree: the same names one by one, or the first name alone
    against first and middle names ("Georgy" ~ "Georgy Mikhailovich", "George" ~ "George W.",
    but not "George W." ~ "George H. W."); an initial matches the name it starts ("G." ~
    "Georgy")."""

    def same(x: str, y: str) -> bool:
        return _same_token(x, y) or (min(len(x), len(y)) == 1 and x[0] == y[0])

    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short or not same(short[0], long[0]):
        return False
    if len(short) == 1:
        return True
    return len(short) == len(long) and all(same(x, y) for x, y in zip(short, long, strict=True))


def names_match(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two full names (2+ folded tokens each) name the same person.

    Either the surname is last (western order: its given names compared with ``_given_match``)
    or first (East Asian order: given names must be the same syllables, so "Kim Jong Un" and
    "Kim Jong-Un" meet but "Kim Hong-kyun" and "Kim Jong Il" do not).
    """
    if tuple(a) == tuple(b):
        return True
    if _same_token(a[-1], b[-1]) and _given_match(a[:-1], b[:-1]):
        return True
    if a[0] != b[0] or (len(a) < 3 and len(b) < 3):
        return False
    ga, gb = a[1:], b[1:]
    if len(ga) == len(gb) and all(_same_token(x, y) for x, y in zip(ga, gb, strict=True)):
        return True
    return "".join(ga) == "".join(gb)


def surname_forms(tokens: Sequence[str]) -> frozenset[str]:
    """The tokens a lone surname may take for this full name: the last one, and the first one
    when the name has three or more (East Asian order, "Yoon" of "Yoon Suk Yeol")."""
    forms = {tokens[-1]}
    if len(tokens) >= 3:
        forms.add(tokens[0])
    return frozenset(forms)


def _role_words(role: str) -> str:
    return " ".join(_HYPHENS.sub(" ", role.lower()).split())


def roles_agree(a: str | None, b: str | None) -> bool:
    """Two stated roles may be one person's: either unknown, the same head word ("foreign
    minister" / "first vice foreign minister"), or one group of ``role_groups``."""
    if a is None or b is None:
        return True
    ra, rb = _role_words(a), _role_words(b)
    if ra.split()[-1:] == rb.split()[-1:]:
        return True
    return any(ra in g and rb in g for g in lexicon().role_groups)


def person_alias(actor: Actor) -> str | None:
    """The words of a person mention that spell the name ("Yoon Suk Yeol" of "South Korea's
    President Yoon Suk Yeol", "Zinoviev" of "Ambassador Zinoviev"); None for a pronoun or a
    description that does not spell it."""
    if actor.name is None or is_pronoun(actor.text):
        return None
    return _name_words(actor.text, actor.name)


@lru_cache(maxsize=65536)
def _name_words(text: str, name: str) -> str | None:
    """The longest run of words of ``text`` that are all words of ``name``."""
    known = set(name_tokens(name))
    words = text.split()
    best: tuple[int, int] = (0, 0)
    start = 0
    for i, word in enumerate([*words, ""]):
        toks = name_tokens(_POSSESSIVE.sub("", word)) if word else ()
        if toks and all(t in known for t in toks):
            continue
        if i - start > best[1] - best[0]:
            best = (start, i)
        start = i + 1
    return " ".join(words[best[0] : best[1]]) or None
