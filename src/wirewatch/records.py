"""Frozen records that cross stage boundaries.

Every stage takes and returns these plain, immutable dataclasses, so the same stage code runs
in-process, in a process pool or as a Ray Data ``map_batches`` step. Records carry provenance:
where the bytes came from (``source``), and for anything found inside an article, the character
span in the cleaned text and the rule that found it.

Flow::

    ingest  bytes           -> RawDocument | Rejected
    clean   RawDocument     -> Article | Rejected
    store   Article         -> rows (articles, paragraphs, sentences, removed blocks)
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
