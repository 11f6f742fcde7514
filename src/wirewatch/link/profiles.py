"""What the story rule compares of an article, and the rule itself (see ``link.stories``).

An article's ``Profile``: a MinHash of its salient terms (content words and numbers of title
and body; it only finds candidates), the terms with their counts as ids of the index's
vocabulary (``Terms``), its actor keys (codes, person surnames, names of uncoded
organisations), its event keys (``source:TYPE:target`` of events that happened) and its date
range. Terms and actor keys are weighted by how rare they are in the articles added so far
(``Frequencies``): a name or a word few articles use says more than "said", "company" or
"USA". ``same_story`` decides whether two profiles report one happening; ``related_score``
how strongly two stories share actors; every constant is in ``StoryOptions``.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash
from spacy.lang.en.stop_words import STOP_WORDS

from ..records import Actor, Article, Extraction

_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_POSSESSIVE = re.compile(r"['’]s$")
LE_UINT64 = np.dtype("<u8")
TERM_RECORD = np.dtype([("term", "<u4"), ("count", "<u2")])
"""How a term is stored: its CRC-32 and how often the article uses it (at most 65,535)."""
SEED = 11
_LABEL_CHARS = 100

#: Rules of mentions that name an organisation (``extract.actors``); an uncoded one still
#: names a company, a court or a party, which a rewrite of the same news names too.
_ORG_RULES = frozenset({"actors.org.v1", "actors.org.ner.v1"})
#: Legal forms and determiners that vary between mentions of one organisation ("Seagram Co.",
#: "Seagram", "the Seagram company's" are one key).
_ORG_NOISE = frozenset(
    {"the", "inc", "corp", "corporation", "co", "cos", "company", "ltd", "plc", "llc", "lp"}
)


@dataclass(frozen=True, slots=True)
class StoryOptions:
    """The constants of the story rule (see ``link.stories`` for how they combine).

    The weights and ``same_story`` were chosen on the TimeBank articles of the development
    set (``benchmarks/stories_eval.py``) and checked on its PolNeAR articles, ``min_text`` and
    ``prior_documents`` as their docs say; the others are properties of news (how fast a
    story's coverage fades) or of the index.
    """

    w_text: float = 0.5
    """Weight of the text similarity: the words carry most of what a rewrite keeps."""
    w_entities: float = 0.4
    """Weight of the weighted overlap of actor keys: names survive rewording."""
    w_events: float = 0.1
    """Weight of the overlap of event keys: few and noisy, a tie-breaker."""
    same_story: float = 0.2
    """Weighted similarity times time factor at or above which two articles are one story."""
    min_text: float = 0.2
    """Shared actors alone never make a story: the texts must be this similar (tf-idf
    cosine), which 99% of pairs of different stories within ``max_gap_days`` on the
    development articles are not. Below it, actors named in all the news of those days (two
    states, a candidate) would decide alone."""
    prior_documents: int = 100
    """Rarity is counted as if this many documents without any of the terms came first, so
    that the first few articles do not make every word they share look rare (or common)."""
    grace_days: int = 2
    """Dates this close (or overlapping) count as the same time."""
    max_gap_days: int = 10
    """Dates this far apart (or more) are never the same story."""
    max_span_days: int = 45
    """A date range wider than this says too little: the article is filed as undated."""
    num_perm: int = 128
    lsh_bands: int = 24
    """LSH bands of one hash value each: a pair at Jaccard 0.12 collides with probability 0.95,
    at 0.03 with 0.5. The time bins do most of the pruning; every candidate is checked. On the
    development articles the pairs it misses all score too low to link: comparing every pair
    in the time window gives the same stories."""
    bin_days: int = 7
    related_min_shared: int = 2
    related_entities: float = 0.3
    related_fanout: int = 32
    """Articles kept per key in the related-candidates index (the latest ones)."""
    related_per_article: int = 8
    """At most this many related links are kept per added article (the most similar)."""


@dataclass(frozen=True, slots=True)
class Terms:
    """An article's salient terms: ids in the index's vocabulary (``Frequencies``), ascending,
    how often the article uses each, and that count's weight (``term_frequency``)."""

    ids: np.ndarray
    counts: np.ndarray
    tf: np.ndarray

    @classmethod
    def of(cls, ids: np.ndarray, counts: np.ndarray) -> Terms:
        return cls(ids, counts, term_frequency(counts))

    def __len__(self) -> int:
        return int(self.ids.size)


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
    terms: Terms | None
    """None when not known (a row stored before schema version 4 whose article could not be
    read): the article is then never compared by its words."""
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


def term_counts(article: Article) -> Counter[str]:
    """The content words and numbers of the title and body, lower-cased and folded, with how
    often each occurs.

    Stop words (spaCy's English list) and one- or two-letter words are left out; numbers are
    kept, since a count or a date shared by two rewrites is good evidence of one happening.
    """
    text = unicodedata.normalize("NFKC", f"{article.title or ''}\n{article.text}").lower()
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text):
        folded = _fold(word)
        if folded in STOP_WORDS or (len(folded) < 3 and not folded.isdigit()):
            continue
        counts[folded] += 1
    return counts


def salient_terms(article: Article) -> set[str]:
    """The distinct terms of ``term_counts``."""
    return set(term_counts(article))


def _hash(item: bytes) -> int:
    return zlib.crc32(item)


def term_records(counts: Mapping[str, int]) -> np.ndarray:
    """The terms as ``TERM_RECORD`` values sorted by their CRC-32: how they are stored.

    Two terms share a value by chance about once in 2**32 pairs, so a vocabulary of 100,000
    terms has one such pair on average: two rare words counted as one, which moves no score.
    """
    values = np.fromiter((_hash(t.encode()) for t in counts), dtype=np.uint32, count=len(counts))
    numbers = np.fromiter(counts.values(), dtype=np.int64, count=len(counts))
    distinct, inverse = np.unique(values, return_inverse=True)
    records = np.empty(len(distinct), dtype=TERM_RECORD)
    records["term"] = distinct
    summed = np.bincount(inverse.reshape(-1), weights=numbers, minlength=len(distinct))
    records["count"] = np.minimum(summed, np.iinfo(np.uint16).max)
    return records


def _surname(name: str) -> str | None:
    parts = [p for p in re.split(r"[\s\-]+", name.lower()) if p.isalpha()]
    return f"person:{parts[-1]}" if parts else None


def org_key(mention: Actor) -> str | None:
    """``org:<name>`` for an organisation mention without a code: its words lower-cased,
    without a possessive, legal forms and determiners ("Seagram Co." and "Seagram's" are
    ``org:seagram``); None for any other mention."""
    if mention.code or mention.name or mention.rule not in _ORG_RULES:
        return None
    words = [_POSSESSIVE.sub("", w) for w in _WORD.findall(mention.text.lower())]
    kept = [w for w in words if w not in _ORG_NOISE]
    return "org:" + " ".join(kept) if kept else None


def entity_keys(found: Extraction) -> frozenset[str]:
    """Actor codes, person surnames (``person:zinoviev``) and uncoded organisations
    (``org:seagram``) named in the article."""
    keys: set[str] = set()
    for mention in found.mentions:
        if mention.code:
            keys.add(mention.code)
        surname = _surname(mention.name) if mention.name else None
        if surname:
            keys.add(surname)
        org = org_key(mention)
        if org:
            keys.add(org)
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


@functools.cache
def minhash_template(num_perm: int) -> MinHash:
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_hash)


def _signature(terms: Iterable[str], num_perm: int) -> np.ndarray:
    minhash = minhash_template(num_perm).copy()
    minhash.update_batch([term.encode() for term in terms])
    return np.asarray(minhash.hashvalues, dtype=np.uint64)


def make_profile(
    article: Article,
    found: Extraction,
    seq: int,
    options: StoryOptions,
    vocabulary: Frequencies,
) -> Profile:
    """The article's profile; its terms are added to ``vocabulary`` (and counted there)."""
    start, end = _span(article)
    counts = term_counts(article)
    return Profile(
        article_id=article.id,
        seq=seq,
        start=start,
        end=end,
        label=_label(article),
        has_title=bool(article.title),
        signature=_signature(counts, options.num_perm),
        terms=vocabulary.add([term_records(counts)])[0],
        entities=entity_keys(found),
        events=event_keys(found),
        duplicate_of=article.duplicate_of,
    )


# --- how rare a term or a key is ---------------------------------------------------------------


class Frequencies:
    """Document frequencies of terms, counted as articles are added: the vocabulary.

    Each distinct term (by its CRC-32, see ``term_records``) gets a dense id the first time it
    is seen, so that the weights of many terms are one array lookup. Its inverse document
    frequency is ``log((documents + prior) / (df + 1))``: ``prior`` documents that contain no
    term are counted as if they came first (see ``StoryOptions.prior_documents``).

    ``log(df + 1)`` is kept per term and updated for the terms of each added document, so the
    idf of many terms is a gather and a subtraction; ``scratch`` is a zeroed array over the
    vocabulary that ``text_similarities`` fills with one article's weights and clears again,
    so that matching terms is a gather too: the cost stays that of the terms compared, not
    of the vocabulary.
    """

    def __init__(self, prior: int) -> None:
        self.prior = prior
        self.documents = 0
        self._ids: dict[int, int] = {}
        self._hashes = np.zeros(1024, dtype=np.uint32)
        self._df = np.zeros(1024, dtype=np.int64)
        self._log_df = np.zeros(1024, dtype=np.float64)
        self.scratch = np.zeros(1024, dtype=np.float64)

    def __len__(self) -> int:
        return len(self._ids)

    def add(self, documents: Sequence[np.ndarray]) -> list[Terms]:
        """Count ``documents`` (each its ``term_records``) and return each one's ``Terms``."""
        if not documents:
            return []
        flat = np.concatenate(documents) if len(documents) > 1 else documents[0]
        distinct, inverse = np.unique(flat["term"], return_inverse=True)
        ids = np.fromiter((self._id(int(h)) for h in distinct), np.int64, len(distinct))
        flat_ids = ids[inverse.reshape(-1)].astype(np.int32)
        np.add.at(self._df, flat_ids, 1)
        self._log_df[ids] = np.log(self._df[ids] + 1.0)
        self.documents += len(documents)
        out = []
        start = 0
        for document in documents:
            end = start + len(document)
            order = np.argsort(flat_ids[start:end], kind="stable")
            counts = flat["count"][start:end][order].astype(np.uint16)
            out.append(Terms.of(flat_ids[start:end][order], counts))
            start = end
        return out

    def _id(self, value: int) -> int:
        known = self._ids.get(value)
        if known is not None:
            return known
        new = self._ids[value] = len(self._ids)
        if new == len(self._df):
            grow = np.zeros_like
            self._df = np.concatenate((self._df, grow(self._df)))
            self._log_df = np.concatenate((self._log_df, grow(self._log_df)))
            self._hashes = np.concatenate((self._hashes, grow(self._hashes)))
            self.scratch = np.concatenate((self.scratch, grow(self.scratch)))
        self._hashes[new] = value
        return new

    def idf(self, ids: np.ndarray) -> np.ndarray:
        """The inverse document frequency of each term id."""
        idf: np.ndarray = math.log(self.documents + self.prior) - self._log_df[ids]
        return idf

    def records(self, terms: Terms) -> np.ndarray:
        """``terms`` as ``term_records`` gives them (as stored)."""
        hashes = self._hashes[terms.ids]
        order = np.argsort(hashes)
        records = np.empty(len(terms), dtype=TERM_RECORD)
        records["term"] = hashes[order]
        records["count"] = terms.counts[order]
        return records


class KeyFrequencies:
    """Document frequencies of actor keys (few per article, so a plain counter)."""

    def __init__(self, prior: int) -> None:
        self.prior = prior
        self.documents = 0
        self._df: Counter[str] = Counter()

    def add(self, keys: Iterable[str]) -> None:
        self._df.update(keys)
        self.documents += 1

    def idf(self, key: str) -> float:
        """The inverse document frequency of ``key``, as ``Frequencies.idf``."""
        return math.log((self.documents + self.prior) / (self._df[key] + 1))

    def specificity(self, key: str) -> float:
        """``idf`` over that of a key no article names: near 1 for a key few articles name,
        near 0 for one nearly all of them name."""
        return self.idf(key) / math.log(self.documents + self.prior)


def term_frequency(counts: np.ndarray) -> np.ndarray:
    """Sublinear term frequency, ``1 + log(count)``: the subject of an article recurs in it,
    but the tenth use of a word says less than the first. Single precision: it is kept for
    every article in the index."""
    tf: np.ndarray = (1.0 + np.log(counts.astype(np.float64))).astype(np.float32)
    return tf


def text_similarities(
    terms: Terms, others: Sequence[Terms | None], vocabulary: Frequencies
) -> np.ndarray:
    """Cosine similarity of ``terms`` with each of ``others`` as tf-idf vectors (each term
    weighted by ``term_frequency`` times its inverse document frequency); 0 where either has
    no terms."""
    out = np.zeros(len(others))
    every = np.array([0 if o is None else o.ids.size for o in others], dtype=np.int64)
    present = every > 0
    if not terms.ids.size or not present.any():
        return out
    kept = [o for o in others if o is not None and o.ids.size]
    sizes = every[present]
    flat = np.concatenate([o.ids for o in kept])
    theirs = np.concatenate([o.tf for o in kept]) * vocabulary.idf(flat)
    weights = terms.tf * vocabulary.idf(terms.ids)
    scratch = vocabulary.scratch
    scratch[terms.ids] = weights
    try:
        mine = scratch[flat]
    finally:
        scratch[terms.ids] = 0.0
    starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    norms = np.sqrt(np.add.reduceat(theirs**2, starts)) * float(np.linalg.norm(weights))
    with np.errstate(invalid="ignore", divide="ignore"):
        out[present] = np.where(norms > 0, np.add.reduceat(mine * theirs, starts) / norms, 0.0)
    return out


# --- the rule ----------------------------------------------------------------------------------


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    union = len(a | b)
    return len(a & b) / union if union else 0.0


def weighted_overlap(a: frozenset[str], b: frozenset[str], keys: KeyFrequencies) -> float:
    """Jaccard similarity with each key weighted by its inverse document frequency, a shared
    key counting in proportion to how specific it is (``KeyFrequencies.specificity``).

    Without that, two articles that name nothing but "USA" would overlap fully, however many
    articles name "USA": a ratio of weights cannot tell a pair of one common key from a pair
    of one rare key.
    """
    union = sum(keys.idf(k) for k in a | b)
    shared = sum(keys.idf(k) * keys.specificity(k) for k in a & b)
    return shared / union if union else 0.0


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


def same_story(
    a: Profile, b: Profile, text: float, keys: KeyFrequencies, options: StoryOptions
) -> bool:
    """The rule of ``link.stories``; ``text`` is the two articles' ``text_similarities``."""
    if a.duplicate_of == b.article_id or b.duplicate_of == a.article_id:
        return True
    if text < options.min_text:
        return False
    if undated(a, options) or undated(b, options):
        return options.w_text * text >= options.same_story
    score = (
        options.w_text * text
        + options.w_entities * weighted_overlap(a.entities, b.entities, keys)
        + options.w_events * _jaccard(a.events, b.events)
    )
    return score * time_factor(_gap_days(a, b), options) >= options.same_story


def related_score(a: Profile, b: Profile, shared: int, options: StoryOptions) -> float:
    """How related two articles of different stories are; 0 when not at all."""
    if shared < options.related_min_shared:
        return 0.0
    overlap = _jaccard(a.entities, b.entities)
    return overlap if overlap >= options.related_entities else 0.0
