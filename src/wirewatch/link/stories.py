"""Stories: articles about the same happening, grouped online across outlets.

Each article outlet rewrites the news in its own words, so word 5-grams (``clean.dedup``) find
copies but not rewrites. Two articles are taken to report the same happening when, together:

* their **salient terms** overlap: the lower-cased content words and numbers of the title and
  body (English stop words dropped, a plural ``-s`` folded), compared with a MinHash estimate of
  the Jaccard similarity;
* they name the same **actors**: actor codes and person surnames from the mentions;
* they report the same **events**: ``source:TYPE:target`` of the events that happened;
* they are **close in time**: the publication dates are day ranges (an inferred date is its
  range; an unknown date is open and overlaps everything); ranges that overlap or lie within
  ``grace_days`` count fully, then the weight falls linearly to zero at ``max_gap_days``.

The decision rule, with every threshold in :class:`StoryOptions`::

    similarity = w_text * text + w_entities * entities + w_events * events
    same story  <=>  copy of each other (Article.duplicate_of)
                     or (text >= min_text
                         and (an event in common or text >= text_alone)
                         and (both dated or text >= undated_text)
                         and similarity * time_factor >= same_story)

The rule is symmetric and uses only the two articles, and a story is a connected component of
the "same story" links (union-find), so the grouping does not depend on the order in which
articles arrive: an article that links two stories merges them, and the older story's id wins.

Candidates are never all pairs. Articles are blocked by time: a ``bin_days`` bin holds one
datasketch ``MinHashLSH`` index, an article is put in the bins its date range covers and looks
up the bins within ``max_gap_days`` of its range, and its candidates are the articles whose
signatures collide in a band. An undated article (or one whose range is wider than
``max_span_days``) is filed and looks around the time it arrives, the latest date seen so far:
that is the one place where the order of arrival matters. At a steady arrival rate the work
per added article is therefore flat as the corpus grows.

Stories about the same actors but another happening are ``related``: they share at least
``related_min_shared`` keys (person surnames, pairs of actor codes in an event) and their actor
sets overlap by ``related_entities`` or more. Related candidates come from an inverted index
that keeps the latest ``related_fanout`` articles per key, so that search is bounded too.

Persisting: :meth:`StoryIndex.to_rows` gives :class:`StoryRows`, plain named tuples (one
:class:`StoryRow` per article and ``(article_id, article_id)`` pairs for related links);
:meth:`StoryIndex.from_rows` rebuilds an index from them that later articles can join.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
import zlib
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH
from spacy.lang.en.stop_words import STOP_WORDS

from ..errors import UsageError
from ..records import Article, Extraction, Story

__all__ = [
    "StoryIndex",
    "StoryOptions",
    "StoryRow",
    "StoryRows",
    "entity_keys",
    "event_keys",
    "salient_terms",
    "time_factor",
]

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
_LE_UINT64 = np.dtype("<u8")
_SEED = 11
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


class StoryRow(NamedTuple):
    """One article of a story, as persisted: everything needed to rebuild the index."""

    article_id: str
    story_id: str
    seq: int
    """Order of arrival; the story that opened first keeps its id when two merge."""
    start: dt.date | None
    end: dt.date | None
    """The publication date range (both None when unknown)."""
    label: str
    """The article's title, or the start of its text when it has none."""
    has_title: bool
    signature: bytes
    """MinHash of the salient terms: ``num_perm`` little-endian uint64 values."""
    entities: tuple[str, ...]
    events: tuple[str, ...]
    duplicate_of: str | None


class StoryRows(NamedTuple):
    """The whole index as rows: articles, and related links as pairs of article ids."""

    articles: list[StoryRow]
    related: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class _Profile:
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


def _related_keys(profile: _Profile) -> set[str]:
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
def _template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=_SEED, hashfunc=_hash)


def _signature(terms: Iterable[str], num_perm: int) -> np.ndarray:
    minhash = _template(num_perm).copy()
    minhash.update_batch([term.encode() for term in terms])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def _profile(article: Article, found: Extraction, seq: int, options: StoryOptions) -> _Profile:
    start, end = _span(article)
    return _Profile(
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


def _text_similarity(a: _Profile, b: _Profile) -> float:
    return float(np.count_nonzero(a.signature == b.signature)) / len(a.signature)


def _undated(profile: _Profile, options: StoryOptions) -> bool:
    """No date, an open end, or a range wider than ``max_span_days``."""
    start, end = profile.start, profile.end
    return start is None or end is None or end - start > options.max_span_days


def _gap_days(a: _Profile, b: _Profile) -> int:
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


def _same_story(a: _Profile, b: _Profile, options: StoryOptions, text: float | None = None) -> bool:
    """The rule of the module docstring; ``text`` is the signatures' agreement when known."""
    if a.duplicate_of == b.article_id or b.duplicate_of == a.article_id:
        return True
    text = _text_similarity(a, b) if text is None else text
    if text < options.min_text or (text < options.text_alone and not a.events & b.events):
        return False
    if text < options.undated_text and (_undated(a, options) or _undated(b, options)):
        return False
    score = (
        options.w_text * text
        + options.w_entities * _jaccard(a.entities, b.entities)
        + options.w_events * _jaccard(a.events, b.events)
    )
    return score * time_factor(_gap_days(a, b), options) >= options.same_story


def _related(a: _Profile, b: _Profile, shared: int, options: StoryOptions) -> float:
    """How related two articles of different stories are; 0 when not at all."""
    if shared < options.related_min_shared:
        return 0.0
    overlap = _jaccard(a.entities, b.entities)
    return overlap if overlap >= options.related_entities else 0.0


# --- the index ---------------------------------------------------------------------------------


class _Blocks:
    """Candidate search: one MinHashLSH per ``bin_days`` bin of publication dates.

    An undated article is filed, and looks, around the time it arrives (the latest date seen
    so far): comparing it with every article ever added would make the cost grow with the
    corpus. The rule still asks ``undated_text`` of it.
    """

    def __init__(self, options: StoryOptions) -> None:
        self.options = options
        self.bins: dict[int, MinHashLSH] = {}
        self.scheme = _template(options.num_perm).scheme
        self.latest: int | None = None
        """The latest day of any dated article: "now" for an undated one."""

    def _bins_of(self, profile: _Profile, widen: int) -> list[int]:
        if not _undated(profile, self.options):
            assert profile.start is not None and profile.end is not None
            start, end = profile.start, profile.end
        elif self.latest is not None:
            start, end = self.latest - self.options.max_gap_days, self.latest
        else:
            return []
        first = (start - widen) // self.options.bin_days
        return list(range(first, (end + widen) // self.options.bin_days + 1))

    def _lean(self, profile: _Profile) -> LeanMinHash:
        return LeanMinHash(seed=_SEED, hashvalues=profile.signature, scheme=self.scheme)

    def insert(self, profile: _Profile) -> None:
        lean = self._lean(profile)
        for key in self._bins_of(profile, 0):
            lsh = self.bins.get(key)
            if lsh is None:
                params = (self.options.lsh_bands, 1)
                lsh = self.bins[key] = MinHashLSH(num_perm=self.options.num_perm, params=params)
            lsh.insert(profile.seq, lean, check_duplication=False)
        if not _undated(profile, self.options):
            assert profile.end is not None
            self.latest = profile.end if self.latest is None else max(self.latest, profile.end)

    def candidates(self, profile: _Profile) -> list[int]:
        """Articles in the bins within ``max_gap_days`` of ``profile`` whose signatures collide
        in a band, in order of arrival."""
        lean = self._lean(profile)
        found: set[int] = set()
        for key in self._bins_of(profile, self.options.max_gap_days):
            lsh = self.bins.get(key)
            if lsh is not None:
                found.update(lsh.query(lean))
        return sorted(found)


class StoryIndex:
    """Stories of the articles added so far; an added article joins a story or opens one.

    The id of a story is ``s-`` and the id of its first added article. When a new article links
    two stories they merge and keep the id of the one opened first, so an id seen earlier may
    later name a larger story but never another happening.
    """

    def __init__(self, options: StoryOptions | None = None) -> None:
        self.options = options or StoryOptions()
        self._profiles: list[_Profile] = []
        self._seq_of: dict[str, int] = {}
        self._parent: list[int] = []
        self._blocks = _Blocks(self.options)
        self._by_key: dict[str, deque[int]] = {}
        self._related: set[tuple[int, int]] = set()
        self._waiting: dict[str, list[int]] = {}
        """Copies whose original (``duplicate_of``) has not been added yet."""

    def __len__(self) -> int:
        return len(self._profiles)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._seq_of

    def add(self, article: Article, found: Extraction) -> str:
        """Add one article (again: no change) and return the id of the story it is now in."""
        if article.id not in self._seq_of:
            profile = _profile(article, found, len(self._profiles), self.options)
            self._append(profile)
            self._link(profile)
            self._blocks.insert(profile)
            self._relate(profile)
        return self.story_of(article.id)

    def story_of(self, article_id: str) -> str:
        """The id of the story ``article_id`` is in.

        Raises:
            KeyError: the article was never added.
        """
        return self._story_id(self._find(self._seq_of[article_id]))

    def stories(self) -> list[Story]:
        """Every story, oldest first, its articles in publication order, with related stories."""
        members: dict[int, list[int]] = {}
        for seq in range(len(self._profiles)):
            members.setdefault(self._find(seq), []).append(seq)
        related: dict[int, set[int]] = {}
        for a, b in self._related:
            root_a, root_b = self._find(a), self._find(b)
            if root_a != root_b:
                related.setdefault(root_a, set()).add(root_b)
                related.setdefault(root_b, set()).add(root_a)
        return [self._story(root, seqs, related.get(root, set())) for root, seqs in members.items()]

    def to_rows(self, article_ids: Iterable[str] | None = None) -> StoryRows:
        """The index as plain rows (see :class:`StoryRow`), in order of arrival; with
        ``article_ids``, only those articles' rows and the related pairs that touch them (what
        a store writes after adding a batch)."""
        if article_ids is None:
            chosen = self._profiles
        else:
            chosen = [self._profiles[i] for i in sorted({self._seq_of[a] for a in article_ids})]
        articles = [
            StoryRow(
                article_id=p.article_id,
                story_id=self._story_id(self._find(p.seq)),
                seq=p.seq,
                start=dt.date.fromordinal(p.start) if p.start is not None else None,
                end=dt.date.fromordinal(p.end) if p.end is not None else None,
                label=p.label,
                has_title=p.has_title,
                signature=p.signature.astype(_LE_UINT64).tobytes(),
                entities=tuple(sorted(p.entities)),
                events=tuple(sorted(p.events)),
                duplicate_of=p.duplicate_of,
            )
            for p in chosen
        ]
        seqs = {p.seq for p in chosen}
        pairs = sorted(pair for pair in self._related if pair[0] in seqs or pair[1] in seqs)
        ids = [p.article_id for p in self._profiles]
        return StoryRows(articles, [(ids[a], ids[b]) for a, b in pairs])

    @classmethod
    def from_rows(cls, rows: StoryRows, options: StoryOptions | None = None) -> StoryIndex:
        """An index holding the stories ``rows`` describe, ready for more articles.

        The stored grouping is taken as it is (not decided again), so a story keeps its id.

        Raises:
            UsageError: a signature was made with another ``num_perm`` than ``options`` has.
        """
        index = cls(options)
        first: dict[str, int] = {}
        for row in sorted(rows.articles, key=lambda r: r.seq):
            profile = index._restore(row)
            index._append(profile)
            index._blocks.insert(profile)
            index._relate(profile, search=False)
            root = first.setdefault(row.story_id, profile.seq)
            index._union(root, profile.seq)
            index._join_copies(profile)
        for a, b in rows.related:
            if a in index._seq_of and b in index._seq_of:
                index._related.add((index._seq_of[a], index._seq_of[b]))
        return index

    # --- internals ---

    def _append(self, profile: _Profile) -> None:
        self._profiles.append(profile)
        self._parent.append(profile.seq)
        self._seq_of[profile.article_id] = profile.seq

    def _restore(self, row: StoryRow) -> _Profile:
        num_perm = self.options.num_perm
        if len(row.signature) != num_perm * _LE_UINT64.itemsize:
            raise UsageError(
                f"story row {row.article_id}: its signature is not {num_perm} uint64 values; "
                "it was made with another num_perm, so the stories must be built again"
            )
        return _Profile(
            article_id=row.article_id,
            seq=len(self._profiles),
            start=row.start.toordinal() if row.start else None,
            end=row.end.toordinal() if row.end else None,
            label=row.label,
            has_title=row.has_title,
            signature=np.frombuffer(row.signature, dtype=_LE_UINT64).astype(np.uint64),
            entities=frozenset(row.entities),
            events=frozenset(row.events),
            duplicate_of=row.duplicate_of,
        )

    def _link(self, profile: _Profile) -> None:
        """Join every story that ``profile`` is the same story as (checked on candidates)."""
        candidates = self._blocks.candidates(profile)
        if candidates:
            others = np.stack([self._profiles[other].signature for other in candidates])
            texts = np.count_nonzero(others == profile.signature, axis=1) / len(others[0])
            for other, text in zip(candidates, texts.tolist(), strict=True):
                if text < self.options.min_text or self._find(other) == self._find(profile.seq):
                    continue
                if _same_story(profile, self._profiles[other], self.options, text):
                    self._union(other, profile.seq)
        self._join_copies(profile)

    def _join_copies(self, profile: _Profile) -> None:
        """A copy is in its original's story, whichever of the two arrives first."""
        original = profile.duplicate_of
        if original and original in self._seq_of:
            self._union(self._seq_of[original], profile.seq)
        elif original:
            self._waiting.setdefault(original, []).append(profile.seq)
        for copy in self._waiting.pop(profile.article_id, []):
            self._union(copy, profile.seq)

    def _relate(self, profile: _Profile, *, search: bool = True) -> None:
        """Link ``profile`` to the most related earlier articles of other stories, then file
        it under its keys."""
        keys = _related_keys(profile)
        if search:
            shared: dict[int, int] = {}
            for key in keys:
                for other in self._by_key.get(key, ()):
                    shared[other] = shared.get(other, 0) + 1
            mine = self._find(profile.seq)
            scored = [
                (score, other)
                for other, count in shared.items()
                if self._find(other) != mine
                and (score := _related(profile, self._profiles[other], count, self.options))
            ]
            scored.sort(reverse=True)
            for _, other in scored[: self.options.related_per_article]:
                self._related.add((other, profile.seq))
        for key in keys:
            queue = self._by_key.get(key)
            if queue is None:
                queue = self._by_key[key] = deque(maxlen=self.options.related_fanout)
            queue.append(profile.seq)

    def _find(self, seq: int) -> int:
        parent = self._parent
        while parent[seq] != seq:
            parent[seq] = parent[parent[seq]]
            seq = parent[seq]
        return seq

    def _union(self, a: int, b: int) -> None:
        root_a, root_b = self._find(a), self._find(b)
        if root_a != root_b:
            self._parent[max(root_a, root_b)] = min(root_a, root_b)

    def _story_id(self, root: int) -> str:
        return "s-" + self._profiles[root].article_id

    def _story(self, root: int, seqs: Sequence[int], related: set[int]) -> Story:
        profiles = sorted((self._profiles[s] for s in seqs), key=_publication_order)
        titled = [p for p in profiles if p.has_title] or profiles
        starts = [p.start for p in profiles if p.start is not None]
        ends = [p.end for p in profiles if p.end is not None]
        return Story(
            id=self._story_id(root),
            article_ids=tuple(p.article_id for p in profiles),
            title=titled[0].label,
            start=dt.date.fromordinal(min(starts)) if starts else None,
            end=dt.date.fromordinal(max(ends)) if ends else None,
            related=tuple(sorted(self._story_id(r) for r in related)),
        )


def _publication_order(profile: _Profile) -> tuple[int, int]:
    """Known dates first, by their start (or end), then order of arrival."""
    day = profile.start if profile.start is not None else profile.end
    return (day if day is not None else dt.date.max.toordinal() + 1, profile.seq)
