"""Frozen records that cross stage boundaries.

Every stage takes and returns these plain, immutable dataclasses, so the same stage code runs
in-process, in a process pool or as a Ray Data ``map_batches`` step. Records carry provenance:
where the bytes came from (``source``), and for anything found inside an article, the character
span in the cleaned text and the rule that found it.

Flow::

    ingest  bytes           -> RawDocument | Rejected
    clean   RawDocument     -> Article | Rejected
    extract Article + Doc   -> Extraction (actors, events, quotes, claims, date expressions)
    store   Article         -> rows (articles, paragraphs, sentences, removed blocks)
            Extraction      -> rows (events, quotes, claims, date_expressions, mentions)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

#: What kind of bytes a RawDocument holds; decides which cleaner runs.
DocumentKind = Literal["text", "html"]

#: How the publication date was known (see README "Dates").
DateSource = Literal["metadata", "byline", "inferred", "unknown"]


@dataclass(frozen=True, slots=True)
class Provenance:
    """Where a finding comes from: the article, a character span in its cleaned text, the rule."""

    article_id: str
    start: int
    end: int
    rule: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read from input, before cleaning.

    ``source`` names where it came from so that a user can find it again: a file path, ``-`` for
    stdin, ``path#L12`` for line 12 of a JSON Lines file, ``path#entry3`` for a feed entry, or
    ``path#record-<id>`` for a WARC record. ``text`` is already decoded to str. ``meta`` holds
    metadata given by the container (JSON Lines fields, feed entry fields, WARC target URI):
    keys among ``title``, ``published``, ``outlet``, ``author``, ``language``.
    """

    source: str
    kind: DocumentKind
    text: str
    url: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    raw_hash: str = ""
    """sha256 of the raw input (bytes or JSON record) that produced this document; the
    idempotency key of ingest."""
    container: str = "file"
    """How it was packaged: ``file``, ``jsonl``, ``feed``, ``warc``, ``stdin``."""


@dataclass(frozen=True, slots=True)
class Rejected:
    """Input that was refused, with a one-line reason. Rejections are values, not exceptions,
    so a batch goes on and the reason can be reported and stored."""

    source: str
    reason: str
    stage: str

    def message(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass(frozen=True, slots=True)
class PublishedDate:
    """A publication date as a day range with its provenance.

    A known day has ``start == end``. ``inferred`` gives a range deduced from the content
    (either end may be None when open). ``unknown`` has both ends None.
    """

    start: dt.date | None
    end: dt.date | None
    source: DateSource
    evidence: str | None = None
    """The text the date was read or inferred from."""

    @property
    def point(self) -> dt.date | None:
        """The day, when the date is known to the day."""
        if self.start is not None and self.start == self.end and self.source != "inferred":
            return self.start
        return None

    @classmethod
    def unknown(cls) -> PublishedDate:
        return cls(None, None, "unknown")


@dataclass(frozen=True, slots=True)
class RemovedBlock:
    """A block of input text left out of the article body, with why."""

    text: str
    reason: str
    """Category: ``donation-appeal``, ``navigation``, ``caption``, ``related``, ``legal`` ..."""
    rule: str
    """The rule that decided, e.g. ``clean.text.phrase.v1``."""


@dataclass(frozen=True, slots=True)
class ElidedDate:
    """A place where the source dropped a date ("As of , the banner ..."), never filled in."""

    context: str
    start: int
    """Offset of the gap in the cleaned text."""
    end: int


@dataclass(frozen=True, slots=True)
class Span:
    """A paragraph or sentence: a character span of the cleaned text."""

    index: int
    start: int
    end: int
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A cleaned article: body text plus metadata, each with how it was known."""

    id: str
    """Stable id: sha256 (hex, 16 chars) of the body text as ``clean.dedup.normalise`` gives it."""
    source: str
    text: str
    title: str | None = None
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    url: str | None = None
    published: PublishedDate = field(default_factory=PublishedDate.unknown)
    language: str | None = None
    paragraphs: tuple[Span, ...] = ()
    sentences: tuple[Span, ...] = ()
    removed: tuple[RemovedBlock, ...] = ()
    elided_dates: tuple[ElidedDate, ...] = ()
    duplicate_of: str | None = None
    """Id of an earlier article this one is a copy of (exact or near-duplicate)."""
    similarity: float | None = None
    """Estimated Jaccard similarity to ``duplicate_of``."""
    raw_hash: str = ""
    kind: DocumentKind = "text"
    container: str = "file"
    minhash: bytes = b""
    """MinHash signature of the body (uint64 little-endian), used for near-duplicate search."""

    @property
    def byline(self) -> str | None:
        return "; ".join(self.authors) if self.authors else None


#: How a date found inside an article was known.
#: ``explicit``: the text states the calendar date; ``relative``: resolved from an expression such
#: as "on Monday" against the article's date; ``article``: the article's own date, used for an
#: event stated in the present or perfect with no date of its own; ``unresolved``: the text has
#: a date expression that cannot be placed (the article date is unknown).
DateBasis = Literal["explicit", "relative", "article", "unresolved"]


@dataclass(frozen=True, slots=True)
class DateRange:
    """A day or range of days, with how it was known. ``start``/``end`` are None when open."""

    start: dt.date | None
    end: dt.date | None
    basis: DateBasis

    @property
    def point(self) -> dt.date | None:
        return self.start if self.start is not None and self.start == self.end else None


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A date expression in the article text ("on Monday", "22 February 2022", "last week"),
    resolved against the article's date. ``value`` has both ends None when it cannot be placed."""

    text: str
    start: int
    end: int
    value: DateRange
    rule: str
    """e.g. ``when.weekday.v1``."""


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention resolved to a code.

    ``code`` is ISO 3166-1 alpha-3 for states or an organisation code (NATO, UN, EU, IMF, IGO);
    None when the mention could not be coded. ``sector`` refines it (GOV, MIL, DIP, SPY, ...).
    ``start``/``end`` are character offsets of ``text`` in the article's cleaned text.
    """

    code: str | None
    sector: str | None
    text: str
    start: int = -1
    end: int = -1
    name: str | None = None
    """A person's full name as the article first gives it ("Georgy Zinoviev")."""
    role: str | None = None
    """A person's role as the text states it ("ambassador", "first vice foreign minister")."""
    rule: str = ""
    id: str | None = None
    """A known person's, organisation's or armed group's id (``person:nancy-pelosi``,
    ``group:hamas``), from the knowledge base or the user's actor file."""
    region: str | None = None
    """First-level subdivision (ISO 3166-2, ``US-NE``) when the actor is a region's own."""
    basis: str | None = None
    """How the code was known: ``name`` (named in the phrase), ``kb`` (the knowledge base knows
    the name), ``title`` (a nationality on a title or description), ``context`` (the country
    the article is about), ``carried`` (an earlier mention of the same actor), ``quote`` (first
    person in a quotation, resolved to its speaker)."""


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, when and where, tied to the sentence that states it.

    Offsets (``sentence_start``/``sentence_end``, ``trigger_start``/``trigger_end``) are character
    offsets in the article's cleaned text. ``negated``, ``hypothetical`` and ``future`` events are
    kept but must never be counted as having happened.
    """

    type: str
    """One of the 16 PLOVER types."""
    source: Actor
    target: Actor | None
    mode: str | None
    cameo: str
    """CAMEO code: the root ("11") or a finer code ("057") when the pattern knows it."""
    quad_class: int
    goldstein: float
    date: DateRange | None
    location: str | None
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    trigger_start: int
    trigger_end: int
    negated: bool = False
    hypothetical: bool = False
    future: bool = False
    rule: str = ""
    score: float | None = None
    """The event model's probability for this type, source and target (0-1); None where no
    model scored it (rules only)."""

    @property
    def happened(self) -> bool:
        """Stated as a fact that took place: not negated, hypothetical or planned."""
        return not (self.negated or self.hypothetical or self.future)

    def meets(self, min_score: float | None) -> bool:
        """Whether the event passes a ``--min-score`` filter: always when there is no threshold
        (None) or the event has no score (rules only), else when its score is at least
        ``min_score``. The store's ``EventFilter.min_score`` is the same rule in SQL."""
        return min_score is None or self.score is None or self.score >= min_score


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct quotation with its speaker. ``start``/``end`` delimit the quoted words (without
    the quotation marks) in the article text."""

    text: str
    start: int
    end: int
    speaker: Actor | None
    """The speaker resolved to an actor; its ``name``/``text`` carry a person's name."""
    speaker_text: str | None
    """The words naming the speaker as the text gives them ("the ministry", "Kim", "he")."""
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Claim:
    """A number a source states: a quantity, what it counts, its unit, who claims it and when."""

    value: float
    unit: str | None
    what: str
    claimant: Actor | None
    date: DateRange | None
    text: str
    """The number as written ("1,500", "about 2,000")."""
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the extract stage found in one article."""

    article_id: str
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    claims: tuple[Claim, ...] = ()
    dates: tuple[TimeExpression, ...] = ()
    mentions: tuple[Actor, ...] = ()
    model: str = ""
    """The spaCy pipeline that parsed the article (``en_core_web_sm-3.8.0``)."""


# --- across articles (the link and compare stages) ----------------------------------------------


@dataclass(frozen=True, slots=True)
class MentionRef:
    """One mention supporting an entity: where it stands and how it was written."""

    article_id: str
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Entity:
    """One real actor across the corpus, with every spelling used for it.

    ``id`` is stable across runs: ``person:<normalised name>``, ``state:<ISO3>``,
    ``org:<code>`` or ``group:<code>.<sector>``.
    """

    id: str
    kind: Literal["person", "state", "org", "group"]
    name: str
    code: str | None
    sector: str | None
    role: str | None = None
    aliases: tuple[str, ...] = ()
    mentions: tuple[MentionRef, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """Articles that report the same happening, across outlets."""

    id: str
    article_ids: tuple[str, ...]
    """In publication order."""
    title: str
    start: dt.date | None = None
    end: dt.date | None = None
    related: tuple[str, ...] = ()
    """Ids of stories about the same actors but another happening."""


@dataclass(frozen=True, slots=True)
class EventReport:
    """One article's report of an event: the event's index in that article's extraction."""

    article_id: str
    idx: int


@dataclass(frozen=True, slots=True)
class EventCluster:
    """The same event reported by several articles (GDELT's NumArticles / NumSources)."""

    id: str
    story_id: str | None
    type: str
    source_code: str | None
    target_code: str | None
    date: DateRange | None
    """The best-supported date: the one most reports agree on, narrowest first."""
    reports: tuple[EventReport, ...]
    num_articles: int
    num_sources: int


#: How the sources stand on one slot of a story.
ComparisonStatus = Literal[
    "agree", "contradict", "complement", "only one source", "compare with care"
]


@dataclass(frozen=True, slots=True)
class Statement:
    """What one article says on a slot, with the words that say it."""

    article_id: str
    value: str
    """The value as compared: an ISO date or range, a number, a name, an outcome."""
    sentence: str
    start: int
    end: int
    claimant: str | None = None
    """Who states it (actor code or name), where that matters (counts)."""
    when: DateRange | None = None
    """When it is stated or holds (counts are compared only for the same claimant and time)."""


@dataclass(frozen=True, slots=True)
class Comparison:
    """One slot of a story (an event's date, a count, a name, an outcome) across its sources."""

    story_id: str
    slot: str
    """Readable: "date of RUS ASSAULT UKR", "count: North Korean troops deployed"."""
    status: ComparisonStatus
    statements: tuple[Statement, ...]
    note: str = ""
