"""Article metadata read from the text itself, when no HTML or feed metadata exists.

- Date lines ("date 2026-02-23", "Published 10/21/2024, 04:40 AM") give ``metadata`` dates;
  a date inside a byline or alone in the header ("July 8, 2024 9:56 AM") gives ``byline``.
- With neither, the content may still place the article in time (``inferred``): "ahead of the
  fourth anniversary of <a dated happening>" bounds it above; the latest past date the article
  mentions bounds it below.
- Elided dates -- "As of , the banner remained" -- are found and reported, never filled in.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from ..records import ElidedDate, PublishedDate
from .dates import DateMention, find_dates
from .lexicon import anchors
from .text import Block

_DATE_LINE = re.compile(
    r"^\s*(?:date|published|posted|first published|publication date|dated|released)"
    r"(?:\s+on)?\s*[:\-]?\s*",
    re.IGNORECASE,
)
_UPDATED_LINE = re.compile(r"^\s*(?:updated|last updated|modified)(?:\s+on)?\s*[:\-]?\s*", re.I)
_BYLINE = re.compile(r"^\s*(?:by|written by|words by|reporting by|author:?)\s+(?P<rest>.+)$", re.I)
_TIME_TAIL = re.compile(
    r"[,|·•\s]*(?:\d{1,2}:\d{2}(?:\s*(?i:[ap]\.?m\.?))?(?:\s+[A-Z]{2,4}\b)?"
    r"|\d+\s+(?i:min(?:ute)?s?\s+read))\s*"
)
_DESK = re.compile(
    r"^(?P<outlet>.+?)\s+(?:news desk|staff|newsroom|editorial team|team|desk|wire staff)$", re.I
)
_NAME = re.compile(
    r"^[A-Z][\w'’.-]+(?:\s+(?:[A-Z][\w'’.-]+|de|van|von|bin|al|el|da|di|le))"
    r"{1,3}$"
)
_ROLE_TAIL = re.compile(r"\s+[-–—|,]\s+.*$|\s*\(.*\)$")
_ELIDED = re.compile(
    r"\b(?:as of|on|since|until|till|dated|effective|through|began on|started on)\s+(?=[,.;:])",
    re.IGNORECASE,
)
_FUTURE = re.compile(
    r"\b(will|would|plans?|planned|scheduled|expected|upcoming|next|to be held)\b", re.IGNORECASE
)
_BEFORE = re.compile(
    r"\b(ahead of|approaching|upcoming|on the eve of|before|in the run-up to|"
    r"days before|will mark|to mark|set to mark)\b",
    re.IGNORECASE,
)
_ORDINALS = {
    w: i
    for i, w in enumerate(
        [
            "first",
            "second",
            "third",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
        ],
        start=1,
    )
}
_ANNIVERSARY = re.compile(
    r"\b(?P<n>" + "|".join(_ORDINALS) + r"|\d{1,3}(?:st|nd|rd|th))\s+anniversary\s+of\s+"
    r"(?P<what>[^.;:]{3,160})",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class HeaderInfo:
    title: str | None
    authors: tuple[str, ...]
    outlet: str | None
    published: PublishedDate
    used: dict[str, str]
    """Header block text -> what it gave (``title``, ``byline``, ``date-line``)."""


def split_date_prefix(block: Block) -> tuple[str, str] | None:
    """A leading "date 2026-02-23" glued to the next block: (date line, rest)."""
    match = _DATE_LINE.match(block.text)
    if not match:
        return None
    rest = block.text[match.end() :]
    dates = list(find_dates(rest[:60]))
    if not dates or dates[0].start != 0 or dates[0].year is None:
        return None
    cut = match.end() + dates[0].end
    tail = _TIME_TAIL.match(block.text, cut)
    if tail and re.search(r"\d", tail.group(0)):
        cut = tail.end()
    return block.text[:cut].strip(), block.text[cut:].strip()


def read_header(header: Sequence[Block], removed_texts: Sequence[str]) -> HeaderInfo:
    """Title, byline, outlet and publication date from the blocks before the body."""
    published = PublishedDate.unknown()
    authors: tuple[str, ...] = ()
    outlet: str | None = None
    used: dict[str, str] = {}
    stop = len(header)
    for i, block in enumerate(header):
        if (byline := _byline(block.text)) is not None:
            authors, desk, bydate = byline
            outlet = outlet or desk
            if bydate and published.source == "unknown":
                published = bydate
            used[block.text] = "byline"
        elif (date := _date_line(block.text)) is not None:
            if published.source in ("unknown", "byline"):
                published = date
            used[block.text] = "date-line"
        else:
            continue
        stop = min(stop, i)
    title = _title(header[:stop])
    if title is not None:
        used[title] = "title"
    outlet = outlet or _outlet_from_boilerplate(removed_texts)
    return HeaderInfo(title, authors, outlet, published, used)


def _date_line(text: str) -> PublishedDate | None:
    """A header line that is a date: "Published 10/21/2024, 04:40 AM" (metadata) or a bare
    "July 8, 2024 9:56 AM" (byline). "Updated ..." lines are not the publication date."""
    if _UPDATED_LINE.match(text):
        return None
    labelled = _DATE_LINE.match(text)
    rest = text[labelled.end() :] if labelled else text
    dates = list(find_dates(rest))
    if not dates or dates[0].year is None or dates[0].day is None:
        return None
    leftover = _TIME_TAIL.sub(" ", rest[: dates[0].start] + rest[dates[0].end :]).strip(" ,|·•-")
    if len(leftover.split()) > 3:
        return None
    day = dates[0].resolve()
    assert day is not None
    return PublishedDate(day[0], day[0], "metadata" if labelled else "byline", text.strip())


def _byline(text: str) -> tuple[tuple[str, ...], str | None, PublishedDate | None] | None:
    match = _BYLINE.match(text)
    if not match or len(text.split()) > 30:
        return None
    rest = match.group("rest")
    bydate: PublishedDate | None = None
    dates = [d for d in find_dates(rest) if d.year is not None and d.day is not None]
    if dates:
        day = dates[0].resolve()
        if day is not None:
            bydate = PublishedDate(day[0], day[0], "byline", text.strip())
        rest = rest[: dates[0].start]
    authors: list[str] = []
    desk: str | None = None
    for part in re.split(r"\s*(?:,|;|&|\band\b|\|)\s*", rest):
        part = _ROLE_TAIL.sub("", part).strip(" .")
        if not part:
            continue
        if (d := _DESK.match(part)) is not None:
            desk = d.group("outlet")
        elif _NAME.match(part):
            authors.append(part)
    if not authors and desk is None:
        return None
    return tuple(authors), desk, bydate


def _title(candidates: Sequence[Block]) -> str | None:
    """The headline: the last header line before the byline that reads like one."""
    for block in reversed(candidates):
        text = block.text.strip()
        if block.reason in ("navigation", "subscription", "advertisement", "caption", "social"):
            continue
        words = len(text.split())
        if not 3 <= words <= 30 or text.endswith((".", ":")) or _DATE_LINE.match(text):
            continue
        if sum(c.isalpha() for c in text) < 0.6 * len(text):
            continue
        return text
    return None


_BRAND = re.compile(r"\b(The(?:\s+[A-Z][\w.&-]+){1,3})(?=’s|'s|\s+is\b|\s+news desk\b)")
_COPYRIGHT = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?)?\s*[-–,]?\s*"
    r"(?P<owner>[A-Z][\w.&' -]{2,60}?)"
    r"(?:\s+(?:Limited|Ltd|Inc|LLC|plc|GmbH|Co))?\.?\s*(?:All rights reserved|$)",
    re.IGNORECASE,
)


def _outlet_from_boilerplate(removed: Sequence[str]) -> str | None:
    """Boilerplate names its outlet: a brand that promotes itself twice ("The Daily X is on the
    ground", "The Daily X's magazine"), or the owner in a copyright line."""
    brands = Counter(m.group(1) for text in removed for m in _BRAND.finditer(text))
    if brands:
        name, count = brands.most_common(1)[0]
        if count >= 2:
            return name
    for text in removed:
        match = _COPYRIGHT.search(text)
        if match and len(text.split()) <= 15:
            return match.group("owner").strip(" -")
    return None


def find_elided_dates(text: str) -> list[ElidedDate]:
    """Places where a date was removed from the source ("began on . The timing")."""
    out = []
    for match in _ELIDED.finditer(text):
        gap = match.end()
        before = text[:gap].rsplit("\n", 1)[-1].split()[-6:]
        after = text[gap:].split("\n", 1)[0].split()[:6]
        context = " ".join(before) + " " + " ".join(after)
        out.append(ElidedDate(context.strip(), gap - 1, gap))
    return out


def infer_published(text: str) -> PublishedDate:
    """A range for an undated article, from what its content says about time.

    Upper bound: "ahead of the Nth anniversary of <known happening>" -> that anniversary day
    (lower bound: the first of that month). The lower bound is raised to the latest past day
    the article states (a date not preceded by future wording: "will be held on"), its year
    taken from the anniversary when unstated. Without an anniversary anchor nothing is inferred.
    """
    upper: dt.date | None = None
    evidence = None
    for match in _ANNIVERSARY.finditer(text):
        window = text[max(0, match.start() - 60) : match.start()]
        if not _BEFORE.search(window):
            continue
        day = _anniversary_day(match)
        if day is not None and (upper is None or day < upper):
            upper, evidence = day, match.group(0)
    if upper is None:
        return PublishedDate.unknown()
    lower = upper.replace(day=1)
    for mention in find_dates(text):
        if _FUTURE.search(text[max(0, mention.start - 40) : mention.start]):
            continue
        past = _latest_on_or_before(mention, upper)
        if past is not None and lower < past < upper:
            lower = past
    return PublishedDate(lower, upper, "inferred", evidence)


def _anniversary_day(match: re.Match[str]) -> dt.date | None:
    n_text = match.group("n").lower()
    n = _ORDINALS.get(n_text) or int(re.sub(r"\D", "", n_text) or 0)
    what = match.group("what")
    for anchor in anchors():
        if anchor.regex.search(what):
            try:
                return anchor.date.replace(year=anchor.date.year + n)
            except ValueError:
                return None
    return None


def _latest_on_or_before(mention: DateMention, upper: dt.date) -> dt.date | None:
    if mention.day is None:
        return None
    for year in [mention.year] if mention.year else [upper.year, upper.year - 1]:
        span = mention.resolve(year)
        if span is not None and span[1] <= upper:
            return span[1]
    return None
