"""Explicit calendar dates in English text: "2026-02-23", "10/21/2024", "July 8, 2024",
"22 February 2022", "February 11", "June 18-19", "June 2024".

Used by metadata (date lines, bylines, inferring a publication date). Relative expressions
("on Monday", "last week") belong to the extract stage, which resolves them against the
article's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

# Month names are capitalised in news text; lower-case "may" and "march" are verbs.
_MONTH = (
    r"(?P<month>"
    + "|".join(
        v for m in sorted(MONTHS, key=len, reverse=True) for v in (m.capitalize(), m.upper())
    )
    + r")\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_DAY_END = r"(?:\s*(?:-|–|to|and)\s*(?P<day_end>[0-3]?\d)(?:st|nd|rd|th)?)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS = [
    # 2026-02-23, 2026-02-23T08:00
    re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"),
    # 10/21/2024 (month first, as in US bylines; day first when the first number exceeds 12)
    re.compile(r"\b(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)\b"),
    # July 8, 2024 / Jul. 8 2024 / June 18-19, 2024 / February 11
    re.compile(rf"\b{_MONTH}\s+{_DAY}{_DAY_END}(?:,?\s+{_YEAR})?\b(?![:/])"),
    # 22 February 2022 / 18-19 June / 8 July / (from) 9 to 11 July / (between) 9 and 11 July
    re.compile(
        rf"\b(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
        rf"(?:\s*(?:-|–|\bto\b|\band\b)\s*(?P<day_end>[0-3]?\d)(?:st|nd|rd|th)?)?\s+"
        rf"(?:of\s+)?{_MONTH}(?:,?\s+{_YEAR})?\b",
    ),
    # June 2024
    re.compile(rf"\b{_MONTH}\s+{_YEAR}\b"),
]


@dataclass(frozen=True, slots=True)
class DateMention:
    """An explicit date found in text. ``day`` is None for a month; ``year`` None when unstated."""

    text: str
    start: int
    end: int
    year: int | None
    month: int
    day: int | None
    day_end: int | None = None

    def resolve(self, year: int | None = None) -> tuple[dt.date, dt.date] | None:
        """The first and last day meant, taking ``year`` when the text states none."""
        y = self.year if self.year is not None else year
        if y is None:
            return None
        try:
            if self.day is None:
                first = dt.date(y, self.month, 1)
                nxt = dt.date(y + (self.month == 12), self.month % 12 + 1, 1)
                return first, nxt - dt.timedelta(days=1)
            first = dt.date(y, self.month, self.day)
            last = dt.date(y, self.month, self.day_end) if self.day_end else first
        except ValueError:
            return None
        return (first, last) if last >= first else None


def _mention(match: re.Match[str]) -> DateMention | None:
    groups = match.groupdict()
    day: int | None
    if groups.get("a") is not None:
        a, b = int(groups["a"]), int(groups["b"])
        month, day = (b, a) if a > 12 else (a, b)
    elif groups.get("m") is not None:
        month, day = int(groups["m"]), int(groups["day"])
    else:
        month = MONTHS[groups["month"].lower().rstrip(".")]
        day = int(groups["day"]) if groups.get("day") else None
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    year = int(groups["year"]) if groups.get("year") else None
    day_end = int(groups["day_end"]) if groups.get("day_end") else None
    return DateMention(match.group(0), match.start(), match.end(), year, month, day, day_end)


def find_dates(text: str) -> Iterator[DateMention]:
    """Explicit dates in ``text``, in order, without overlaps (the longest reading wins)."""
    found: list[DateMention] = []
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            mention = _mention(match)
            if mention is None:
                continue
            if any(m.start < mention.end and mention.start < m.end for m in found):
                continue
            found.append(mention)
    yield from sorted(found, key=lambda m: m.start)


def parse_date(value: str) -> dt.date | None:
    """One date from a metadata value ("2024-10-21", "2024-10-21T04:40:00Z", "Oct 21, 2024")."""
    value = value.strip()
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for mention in find_dates(value):
        span = mention.resolve()
        if span is not None and mention.day is not None:
            return span[0]
    return None
