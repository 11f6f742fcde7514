"""Stories: articles about the same happening, grouped online across outlets.

Each article outlet rewrites the news in its own words, so word 5-grams (``clean.dedup``) find
copies but not rewrites. Two articles are taken to report the same happening when, together:

* their **words** agree: the salient terms (the lower-cased content words and numbers of the
  title and body, English stop words dropped, a plural ``-s`` folded) as tf-idf vectors
  (``1 + log(count)`` times the term's inverse document frequency among the articles added
  so far), compared by cosine similarity. Unweighted overlap cannot tell a rewrite from
  unrelated news: genre words ("said", "company", "shares", "percent") count as much as the
  names and numbers that make a happening. Weighted, the terms few articles use dominate;
* they name the same **actors**: actor codes, person surnames and the names of uncoded
  organisations ("org:erbamont") from the mentions, compared by Jaccard similarity with each
  key weighted by its idf, a shared key counting in proportion to how specific it is (its idf
  over that of a key no article names): a shared "USA" or "Trump" says little, a shared
  "Erbamont" much, and two articles that name only "USA" do not look alike;
* they report the same **events**: ``source:TYPE:target`` of the events that happened;
* they are **close in time**: the publication dates are day ranges (an inferred date is its
  range; an unknown date is open and overlaps everything); ranges that overlap or lie within
  ``grace_days`` count fully, then the weight falls linearly to zero at ``max_gap_days``.

The decision rule, with every constant in :class:`StoryOptions`::

    idf(x)      = log((documents + prior_documents) / (documents with x + 1))
    similarity  = w_text * text + w_entities * entities + w_events * events
    same story <=> copy of each other (Article.duplicate_of)
                   or (text >= min_text
                       and (if either is undated: w_text * text >= same_story,
                            else: similarity * time_factor >= same_story))

``w_text`` 0.5, ``w_entities`` 0.4, ``w_events`` 0.1 and ``same_story`` 0.2 were chosen on
the TimeBank articles of ``benchmarks/stories_eval.py`` (``same_story`` in the middle of the
range 0.19-0.22 that scores best there) and checked on its PolNeAR articles. ``min_text``
(0.2) keeps shared actors alone from making a story: on the development articles 99% of
candidate pairs of different stories score below it (and 63% of same-story pairs, mostly
commentary on a happening in other words: what the rule gives up for precision).
``prior_documents`` (100) counts pseudo-documents that hold no term, so that until a corpus
has some hundreds of articles a word shared by the few seen so far is not taken for a rare
one (anything from 10 to 300 gives the same groupings there). An undated article has no time
to confirm a match, so its text alone must reach the threshold.

A story is a connected component of the "same story" links (union-find): an article that links
two stories merges them, and the older story's id wins. **What depends on the order of
arrival:** a pair is compared once, when the later of the two is added, with the document
frequencies of every article added by then (itself included), and the decision is never taken
back when later articles change the frequencies. So a pair close to the threshold may link in
one order of arrival and not in another; pairs clearly above or below it, and therefore most
groupings, do not depend on the order (the prior keeps weights steady while the corpus is
small, and a large corpus changes its frequencies slowly). Undated articles are compared
around the latest date seen when they arrive (below). **What does not:** the rule is
symmetric in the two articles, the candidates of a pair do not depend on other articles, and
an index restored from its rows (:meth:`StoryIndex.from_rows`, which counts the frequencies of
every stored article) continues exactly as the index that wrote them would have, so ingesting
in several runs gives the same stories as one run that adds the articles in the same order.

Candidates are never all pairs. Articles are blocked by time: a ``bin_days`` bin holds one
datasketch ``MinHashLSH`` index of MinHash signatures of the salient terms, an article is put
in the bins its date range covers and looks up the bins within ``max_gap_days`` of its range,
and its candidates are the articles whose signatures collide in a band; each candidate is
then scored as above (the weighted cosine of all candidates at once, with numpy). An undated
article (or one whose range is wider than ``max_span_days``) is filed and looks around the
time it arrives, the latest date seen so far. At a steady arrival rate the work per added
article is therefore flat as the corpus grows; the vocabulary grows more slowly than the
corpus.

Stories about the same actors but another happening are ``related``: they share at least
``related_min_shared`` keys (person surnames, pairs of actor codes in an event) and their actor
sets overlap by ``related_entities`` or more. Related candidates come from an inverted index
that keeps the latest ``related_fanout`` articles per key, so that search is bounded too.

Persisting: :meth:`StoryIndex.to_rows` gives :class:`StoryRows`, plain named tuples (one
:class:`StoryRow` per article and ``(article_id, article_id)`` pairs for related links);
:meth:`StoryIndex.from_rows` rebuilds an index from them that later articles can join. A row
written before the terms were stored (schema version 3) has ``terms`` None: it keeps its story,
and :func:`renew_row` computes its terms and actor keys again from its article and extraction
(what ``pipeline.Stories`` does when it loads such a store).
"""

from __future__ import annotations

import datetime as dt
from collections import deque
from collections.abc import Iterable, Sequence
from typing import NamedTuple

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from ..errors import UsageError
from ..records import Article, Extraction, Story
from .profiles import (
    LE_UINT64,
    SEED,
    TERM_RECORD,
    Frequencies,
    KeyFrequencies,
    Profile,
    StoryOptions,
    Terms,
    entity_keys,
    event_keys,
    make_profile,
    minhash_template,
    related_keys,
    related_score,
    salient_terms,
    same_story,
    term_counts,
    term_records,
    text_similarities,
    time_factor,
    undated,
)

__all__ = [
    "StoryIndex",
    "StoryOptions",
    "StoryRow",
    "StoryRows",
    "entity_keys",
    "event_keys",
    "renew_row",
    "salient_terms",
    "time_factor",
]


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
    terms: bytes | None = None
    """The salient terms and their counts: ``TERM_RECORD`` values (little-endian uint32 CRC-32
    of the term, uint16 count), sorted by term; None in a row stored before schema version 4
    (see :func:`renew_row`)."""


class StoryRows(NamedTuple):
    """The whole index as rows: articles, and related links as pairs of article ids."""

    articles: list[StoryRow]
    related: list[tuple[str, str]]


class _Blocks:
    """Candidate search: one MinHashLSH per ``bin_days`` bin of publication dates.

    An undated article is filed, and looks, around the time it arrives (the latest date seen
    so far): comparing it with every article ever added would make the cost grow with the
    corpus. The rule still asks ``undated_text`` of it.
    """

    def __init__(self, options: StoryOptions) -> None:
        self.options = options
        self.bins: dict[int, MinHashLSH] = {}
        self.scheme = minhash_template(options.num_perm).scheme
        self.latest: int | None = None
        """The latest day of any dated article: "now" for an undated one."""

    def _bins_of(self, profile: Profile, widen: int) -> list[int]:
        if not undated(profile, self.options):
            assert profile.start is not None and profile.end is not None
            start, end = profile.start, profile.end
        elif self.latest is not None:
            start, end = self.latest - self.options.max_gap_days, self.latest
        else:
            return []
        first = (start - widen) // self.options.bin_days
        return list(range(first, (end + widen) // self.options.bin_days + 1))

    def _lean(self, profile: Profile) -> LeanMinHash:
        return LeanMinHash(seed=SEED, hashvalues=profile.signature, scheme=self.scheme)

    def insert(self, profile: Profile) -> None:
        lean = self._lean(profile)
        for key in self._bins_of(profile, 0):
            lsh = self.bins.get(key)
            if lsh is None:
                params = (self.options.lsh_bands, 1)
                lsh = self.bins[key] = MinHashLSH(num_perm=self.options.num_perm, params=params)
            lsh.insert(profile.seq, lean, check_duplication=False)
        if not undated(profile, self.options):
            assert profile.end is not None
            self.latest = profile.end if self.latest is None else max(self.latest, profile.end)

    def candidates(self, profile: Profile) -> list[int]:
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
        """An empty index.

        Raises:
            UsageError: ``options.prior_documents`` is below 1 (a term in every article
                would weigh less than nothing).
        """
        self.options = options or StoryOptions()
        if self.options.prior_documents < 1:
            raise UsageError(
                f"prior_documents must be at least 1, not {self.options.prior_documents}"
            )
        self._terms = Frequencies(self.options.prior_documents)
        self._keys = KeyFrequencies(self.options.prior_documents)
        self._profiles: list[Profile] = []
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
            seq = len(self._profiles)
            profile = make_profile(article, found, seq, self.options, self._terms)
            self._keys.add(profile.entities)
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
                signature=p.signature.astype(LE_UINT64).tobytes(),
                entities=tuple(sorted(p.entities)),
                events=tuple(sorted(p.events)),
                duplicate_of=p.duplicate_of,
                terms=self._stored_terms(p.terms),
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
        The document frequencies are counted over every row (those without terms count for
        actor keys only), as they were when the last row was added.

        Raises:
            UsageError: a signature was made with another ``num_perm`` than ``options`` has,
                or a row's terms are not whole ``TERM_RECORD`` values.
        """
        index = cls(options)
        first: dict[str, int] = {}
        ordered = sorted(rows.articles, key=lambda r: r.seq)
        stored = [_term_values(row) for row in ordered]
        ids = iter(index._terms.add([t for t in stored if t is not None]))
        for row, terms in zip(ordered, stored, strict=True):
            profile = index._restore(row, None if terms is None else next(ids))
            index._keys.add(profile.entities)
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

    def _append(self, profile: Profile) -> None:
        self._profiles.append(profile)
        self._parent.append(profile.seq)
        self._seq_of[profile.article_id] = profile.seq

    def _restore(self, row: StoryRow, terms: Terms | None) -> Profile:
        num_perm = self.options.num_perm
        if len(row.signature) != num_perm * LE_UINT64.itemsize:
            raise UsageError(
                f"story row {row.article_id}: its signature is not {num_perm} uint64 values; "
                "it was made with another num_perm, so the stories must be built again"
            )
        return Profile(
            article_id=row.article_id,
            seq=len(self._profiles),
            start=row.start.toordinal() if row.start else None,
            end=row.end.toordinal() if row.end else None,
            label=row.label,
            has_title=row.has_title,
            signature=np.frombuffer(row.signature, dtype=LE_UINT64).astype(np.uint64),
            terms=terms,
            entities=frozenset(row.entities),
            events=frozenset(row.events),
            duplicate_of=row.duplicate_of,
        )

    def _stored_terms(self, terms: Terms | None) -> bytes | None:
        return None if terms is None else self._terms.records(terms).tobytes()

    def _link(self, profile: Profile) -> None:
        """Join every story that ``profile`` is the same story as (checked on candidates)."""
        candidates = self._blocks.candidates(profile)
        if candidates and profile.terms is not None:
            others = [self._profiles[other].terms for other in candidates]
            texts = text_similarities(profile.terms, others, self._terms)
            for other, text in zip(candidates, texts.tolist(), strict=True):
                if text < self.options.min_text or self._find(other) == self._find(profile.seq):
                    continue
                if same_story(profile, self._profiles[other], text, self._keys, self.options):
                    self._union(other, profile.seq)
        self._join_copies(profile)

    def _join_copies(self, profile: Profile) -> None:
        """A copy is in its original's story, whichever of the two arrives first."""
        original = profile.duplicate_of
        if original and original in self._seq_of:
            self._union(self._seq_of[original], profile.seq)
        elif original:
            self._waiting.setdefault(original, []).append(profile.seq)
        for copy in self._waiting.pop(profile.article_id, []):
            self._union(copy, profile.seq)

    def _relate(self, profile: Profile, *, search: bool = True) -> None:
        """Link ``profile`` to the most related earlier articles of other stories, then file
        it under its keys."""
        keys = related_keys(profile)
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
                and (score := related_score(profile, self._profiles[other], count, self.options))
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


def renew_row(row: StoryRow, article: Article, found: Extraction | None) -> StoryRow:
    """``row`` with its terms, and its actor keys from ``found`` when given, computed from its
    article as :meth:`StoryIndex.add` does now; its story, order, dates, label and signature
    stay as stored. For rows stored before schema version 4, which lack the terms and the
    keys of uncoded organisations."""
    terms = term_records(term_counts(article)).tobytes()
    entities = tuple(sorted(entity_keys(found))) if found is not None else row.entities
    return row._replace(terms=terms, entities=entities)


def _term_values(row: StoryRow) -> np.ndarray | None:
    """A row's stored terms as ``TERM_RECORD`` values; None when it has none stored.

    Raises:
        UsageError: the bytes are not whole records.
    """
    if row.terms is None:
        return None
    if len(row.terms) % TERM_RECORD.itemsize:
        raise UsageError(
            f"story row {row.article_id}: its terms are not whole {TERM_RECORD.itemsize}-byte "
            "records; the stories must be built again"
        )
    return np.frombuffer(row.terms, dtype=TERM_RECORD)


def _publication_order(profile: Profile) -> tuple[int, int]:
    """Known dates first, by their start (or end), then order of arrival."""
    day = profile.start if profile.start is not None else profile.end
    return (day if day is not None else dt.date.max.toordinal() + 1, profile.seq)
