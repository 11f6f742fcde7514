"""What the story rule compares of an article, and the rule itself (see ``link.stories``).

An article's ``Profile``: a MinHash of its salient terms (content words and numbers of title
and body), its actor keys (codes and surnames), its event keys (``source:TYPE:target`` of events
that happened) and its date range. ``same_story`` decides whether two profiles report one
happening; ``related_score`` how strongly two stories share actors; thresholds are in
``StoryOptions``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
import zlib
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from spacy.lang.en.stop_words import STOP_WORDS

from ..records import Article, Extraction

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
LE_UINT64 = np.dtype("<u8")
SEED = 11
_LABEL_CHARS = 100


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """Named thresholds of the story rule (see the module docstring for how they combine)."""

    w_text: float = 0.5
    w_entities: float = 0.3
    w_events: float = 0.2
    same_story: float = 0.2
    """Weighted similarity times time factor at or above which two articles are one story."""
    min_text: float = 0.08
    """Shared actors alone never make a story: the texts must share this much (Jaccard)."""
    text_alone: float = 0.25
    """Without an event in common, the texts must share this much: a background piece names
    the same actors as the news but reports other events."""
    undated_text: float = 0.25
    """When either article is undated, the texts must share this much: time cannot help."""
    grace_days: int = 2
    """Dates this close (or overlapping) count as the same time."""
    max_gap_days: int = 10
    """Dates this far apart (or more) are never the same story."""
    max_span_days: int = 45
    """A date range wider than this says too little: the article is filed as undated."""
    num_perm: int = 128
    lsh_bands: int = 24
    """LSH bands of one hash value each: a pair at Jaccard 0.12 collides with probability 0.95,
    at 0.03 with 0.5. The time bins do most of the pruning; every candidate is checked."""
    bin_days: int = 7
    related_min_shared: int = 2
    related_entities: float = 0.3
    related_fanout: int = 32
    """Articles kept per key in the related-candidates index (the latest ones)."""
    related_per_article: int = 8
    """At most this many related links are kept per added article (the most similar)."""


@dataclass(frozen=True, slots=True)
class Profile:
    """What the rule compares of one article."""

    article_id: str
    seq: int
    start: int | None
    end: int | None
    label: str
    has_title: bool
    signature: np.ndarray
    entities: frozenset[str]
    events: frozenset[str]
    duplicate_of: str | None


# --- features ----------------------------------------------------------------------------------


def _fold(word: str) -> str:
    """A word without a possessive and with a regular plural folded ("sanctions" = "sanction")."""
    word = _POSSESSIVE.sub("", word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def salient_terms(article: Article) -> set[str]:
    """The content words and numbers of the title and body, lower-cased and folded.

    Stop words (spaCy's English list) and one- or two-letter words are left out; numbers are
    kept, since a count or a date shared by two rewrites is good evidence of one happening.
    """
    text = unicodedata.normalize("NFKC", f"{article.title or ''}\n{article.text}").lower()
    terms: set[str] = set()
    for word in _WORD.findall(text):
        folded = _fold(word)
        if folded in STOP_WORDS or (len(folded) < 3 and not folded.isdigit()):
            continue
        terms.add(folded)
    return terms


def _surname(name: str) -> str | None:
    parts = [p for p in re.split(r"[\s\-]+", name.lower()) if p.isalpha()]
    return f"person:{parts[-1]}" if parts else None


def entity_keys(found: Extraction) -> frozenset[str]:
    """Actor codes and person surnames (``person:zinoviev``) named in the article."""
    keys: set[str] = set()
    for mention in found.mentions:
        if mention.code:
            keys.add(mention.code)
        surname = _surname(mention.name) if mention.name else None
        if surname:
            keys.add(surname)
    return frozenset(keys)


def event_keys(found: Extraction) -> frozenset[str]:
    """``source:TYPE:target`` of each event that happened and has a coded source."""
    keys = set()
    for event in found.events:
        if event.happened and event.source.code:
            target = event.target.code if event.target and event.target.code else ""
            keys.add(f"{event.source.code}:{event.type}:{target}")
    return frozenset(keys)


def related_keys(profile: Profile) -> set[str]:
    """Keys of the related index: person surnames and unordered pairs of actors in an event."""
    keys = {key for key in profile.entities if key.startswith("person:")}
    for event in profile.events:
        source, _, target = event.split(":")
        if target and target != source:
            keys.add("pair:" + "|".join(sorted((source, target))))
    return keys


def _span(article: Article) -> tuple[int | None, int | None]:
    """The publication date as ordinal days; an open end stays None."""
    start = article.published.start
    end = article.published.end
    return (start.toordinal() if start else None, end.toordinal() if end else None)


def _label(article: Article) -> str:
    if article.title:
        return article.title
    first = article.text.strip().split("\n", 1)[0]
    if len(first) <= _LABEL_CHARS:
        return first
    return first[:_LABEL_CHARS].rsplit(" ", 1)[0] + " …"


def _hash(item: bytes) -> int:
    return zlib.crc32(item)


@functools.cache
def minhash_template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_hash)


def _signature(terms: Iterable[str], num_perm: int) -> np.ndarray:
    minhash = minhash_template(num_perm).copy()
    minhash.update_batch([term.encode() for term in terms])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def make_profile(article: Article, found: Extraction, seq: int, options: StoryOptions) -> Profile:
    start, end = _span(article)
    return Profile(
        article_id=article.id,
        seq=seq,
        start=start,
        end=end,
        label=_label(article),
        has_title=bool(article.title),
        signature=_signature(salient_terms(article), options.num_perm),
        entities=entity_keys(found),
        events=event_keys(found),
        duplicate_of=article.duplicate_of,
    )


# --- the rule ----------------------------------------------------------------------------------


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def _text_similarity(a: Profile, b: Profile) -> float:
    return float(np.count_nonzero(a.signature == b.signature)) / len(a.signature)


def undated(profile: Profile, options: StoryOptions) -> bool:
    """No date, an open end, or a range wider than ``max_span_days``."""
    start, end = profile.start, profile.end
    return start is None or end is None or end - start > options.max_span_days


def _gap_days(a: Profile, b: Profile) -> int:
    """Days between two date ranges; 0 when they overlap or either end is open."""
    if a.end is not None and b.start is not None and a.end < b.start:
        return b.start - a.end
    if b.end is not None and a.start is not None and b.end < a.start:
        return a.start - b.end
    return 0


def time_factor(gap_days: int, options: StoryOptions) -> float:
    """1 within ``grace_days``, then falling linearly to 0 at ``max_gap_days``."""
    if gap_days <= options.grace_days:
        return 1.0
    if gap_days >= options.max_gap_days:
        return 0.0
    return (options.max_gap_days - gap_days) / (options.max_gap_days - options.grace_days)


def same_story(a: Profile, b: Profile, options: StoryOptions, text: float | None = None) -> bool:
    """The rule of the module docstring; ``text`` is the signatures' agreement when known."""
    if a.duplicate_of == b.article_id or b.duplicate_of == a.article_id:
        return True
    text = _text_similarity(a, b) if text is None else text
    if text < options.min_text or (text < options.text_alone and not a.events & b.events):
        return False
    if text < options.undated_text and (undated(a, options) or undated(b, options)):
        return False
    score = (
        options.w_text * text
        + options.w_entities * _jaccard(a.entities, b.entities)
        + options.w_events * _jaccard(a.events, b.events)
    )
    return score * time_factor(_gap_days(a, b), options) >= options.same_story


def related_score(a: Profile, b: Profile, shared: int, options: StoryOptions) -> float:
    """How related two articles of different stories are; 0 when not at all."""
    if shared < options.related_min_shared:
        return 0.0
    overlap = _jaccard(a.entities, b.entities)
    return overlap if overlap >= options.related_entities else 0.0


# --- the index ---------------------------------------------------------------------------------
