"""Date expressions in an article, resolved against the article's date.

``find_time_expressions`` finds every date expression in the cleaned text, explicit ("22 February
2022", "July 8") or relative ("on Monday", "last week", "two years ago", "earlier this month"),
and turns each into the days it means. Explicit dates come from ``clean.dates.find_dates``; the
relative forms are patterns in ``lexicons/when.yaml`` whose named groups feed the resolvers here.

Resolution follows English news conventions: a weekday is the most recent such day on or before
the article date, or the next one on or after it when its clause is about the future ("will meet
on Tuesday"); a date without a year takes the year nearest the article date, or the one "last" /
"next" before it asks for; "a year earlier" or "for the year" count from the article date only
when no other date precedes them in their sentence. An article dated by a range (``inferred``)
resolves against both ends and keeps the hull, with an open side where the range is open; an
article of unknown date leaves relative expressions ``unresolved``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..clean.dates import MONTHS, DateMention, find_dates
from ..records import DateRange, PublishedDate, TimeExpression
from . import lexicons

Days = tuple[dt.date, dt.date]
Groups = dict[str, str | None]
Resolver = Callable[[Groups, dt.date, bool], Days | None]

EXPLICIT_RULE = "when.explicit.v1"
_ONE_DAY = dt.timedelta(days=1)
# A full stop before a capital ("Aug. 26. A year earlier"), not an abbreviation ("Sept. 30").
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘'])|\n")


@dataclass(frozen=True, slots=True)
class _Rule:
    name: str
    regex: re.Pattern[str]
    resolve: str
    explicit: bool
    not_after: frozenset[str]
    not_before: frozenset[str]
    anaphoric: bool


@dataclass(frozen=True, slots=True)
class _Lexicon:
    rules: tuple[_Rule, ...]
    weekdays: tuple[str, ...]
    numbers: dict[str, int]
    units: dict[str, str]
    deictic: dict[str, int]
    direction: dict[str, int]
    future: re.Pattern[str]
    cuts: re.Pattern[str]
    reporting: re.Pattern[str]
    explicit_prefix: re.Pattern[str]


@dataclass(frozen=True, slots=True)
class _Found:
    """A match before resolution: its span, rule, and how to get its days from an anchor."""

    start: int
    end: int
    rule: str
    resolve: Callable[[dt.date], Days | None]
    explicit: bool
    anaphoric: bool = False


def _norm(words: str) -> str:
    return " ".join(words.lower().split())


def _alternation(words: list[str]) -> str:
    """A regex alternation of ``words``, longest first, any run of spaces matching ``\\s+``."""
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in ordered)


def _month_names() -> str:
    """Capitalised month names; abbreviations only with their full stop ("Sept.")."""
    full = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
    short = [m + "." for m in MONTHS if m not in full]
    return _alternation([m.capitalize() for m in full + short])


def _compile(pattern: str, fills: dict[str, str]) -> re.Pattern[str]:
    for key, value in fills.items():
        pattern = pattern.replace("{" + key + "}", f"(?:{value})")
    return re.compile(pattern, re.IGNORECASE | re.VERBOSE)


@cache
def _lexicon() -> _Lexicon:
    """The date lexicon shipped with wirewatch, compiled once."""
    data: dict[str, Any] = lexicons.load("when.yaml")
    vocab = data["vocab"]
    fills = {
        "weekday": _alternation(vocab["weekday"]),
        "month": _month_names(),
        "number": _alternation(list(vocab["number"])) + r"|\d{1,3}",
        "unit": _alternation(list(vocab["unit"])),
    }
    rules = tuple(
        _Rule(
            name=r["name"],
            regex=_compile(r["pattern"], fills),
            resolve=r["resolve"],
            explicit=r.get("basis") == "explicit",
            not_after=frozenset(w.lower() for w in r.get("not_after", [])),
            not_before=frozenset(w.lower() for w in r.get("not_before", [])),
            anaphoric=bool(r.get("anaphoric", False)),
        )
        for r in data["rules"]
    )
    return _Lexicon(
        rules=rules,
        weekdays=tuple(w.lower() for w in vocab["weekday"]),
        numbers={_norm(k): int(v) for k, v in vocab["number"].items()},
        units={k.lower(): v for k, v in vocab["unit"].items()},
        deictic={_norm(k): int(v) for k, v in vocab["deictic"].items()},
        direction={_norm(k): int(v) for k, v in vocab["direction"].items()},
        future=_compile(data["future_cues"], fills),
        cuts=_compile(data["clause_cuts"], fills),
        reporting=_compile(data["reporting_verb"], fills),
        explicit_prefix=_compile(data["explicit_prefix"], fills),
    )


# Calendar arithmetic -------------------------------------------------------------------------


def _month_days(year: int, month: int) -> Days:
    first = dt.date(year, month, 1)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    return first, nxt - _ONE_DAY


def _shift_month(year: int, month: int, by: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + by
    return index // 12, index % 12 + 1


def _week_days(day: dt.date) -> Days:
    monday = day - dt.timedelta(days=day.weekday())
    return monday, monday + dt.timedelta(days=6)


def _unit_days(unit: str, anchor: dt.date, by: int) -> Days:
    """The week (Monday-Sunday), month or year ``by`` units from the one holding ``anchor``."""
    if unit == "day":
        day = anchor + dt.timedelta(days=by)
        return day, day
    if unit == "week":
        return _week_days(anchor + dt.timedelta(weeks=by))
    if unit == "month":
        return _month_days(*_shift_month(anchor.year, anchor.month, by))
    return dt.date(anchor.year + by, 1, 1), dt.date(anchor.year + by, 12, 31)


def _move(anchor: dt.date, unit: str, n: int) -> dt.date:
    """``anchor`` moved ``n`` units (negative: back), clamping the day to the month's length."""
    if unit in ("day", "week"):
        return anchor + dt.timedelta(days=n * (7 if unit == "week" else 1))
    months = n * (12 if unit == "year" else 1)
    year, month = _shift_month(anchor.year, anchor.month, months)
    return dt.date(year, month, min(anchor.day, _month_days(year, month)[1].day))


# Resolvers: named groups of a match + the article date + "clause is future" -> days ------------


def _direction(groups: Groups, key: str = "dir") -> int | None:
    word = groups.get(key)
    return _lexicon().direction.get(_norm(word)) if word else None


def _deictic(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    offset = _lexicon().deictic.get(_norm(groups["word"] or ""))
    if offset is None:
        return None
    day = anchor + dt.timedelta(days=offset)
    return day, day


def _weekday(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    target = _lexicon().weekdays.index((groups["weekday"] or "").lower())
    way = _direction(groups)
    if way == -1:
        back = (anchor.weekday() - target) % 7 or 7
    elif way == 1:
        back = -((target - anchor.weekday()) % 7 or 7)
    elif future:
        back = -((target - anchor.weekday()) % 7)
    else:
        back = (anchor.weekday() - target) % 7
    day = anchor - dt.timedelta(days=back)
    return day, day


def _weekend(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    way = _direction(groups)
    ahead = way == 1 or (way is None and future) or (way == 0 and future)
    if anchor.weekday() >= 5 and way != -1:
        saturday = anchor - dt.timedelta(days=anchor.weekday() - 5)
    elif ahead:
        saturday = anchor + dt.timedelta(days=5 - anchor.weekday())
    else:
        saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7 or 7)
    return saturday, saturday + _ONE_DAY


def _period(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    unit = (groups["unit"] or "").lower()
    way = _direction(groups)
    if way is None:
        way = 0
    first, last = _unit_days(unit, anchor, way)
    mod = (groups.get("mod") or "").lower()
    if way == 0 and mod == "earlier":
        return first, anchor
    if way == 0 and mod == "later":
        return anchor, last
    return first, last


def _count(groups: Groups) -> int:
    word = groups.get("number")
    if not word:
        return 1
    return int(word) if word.isdigit() else _lexicon().numbers[_norm(word)]


def _ago(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    unit = _lexicon().units[(groups["unit"] or "").lower()]
    n = _count(groups) * (1 if groups.get("ahead") else -1)
    return _unit_days(unit, _move(anchor, unit, n), 0)


def _span(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    word = (groups["unit"] or "").lower()
    if not groups.get("number") and word.endswith("s"):
        return None  # "the coming days", "the past weeks": no telling how many
    unit, n = _lexicon().units[word], _count(groups)
    if _direction(groups) == 1:
        return anchor, _move(anchor, unit, n)
    return _move(anchor, unit, -n), anchor


def _month(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    if not any(groups.get(k) for k in ("cue", "in", "mod", "dir", "ydir")):
        return None  # a bare capitalised month word may be a name ("April", "May")
    month = MONTHS[(groups["month"] or "").lower().rstrip(".")]
    year_way, way = _direction(groups, "ydir"), _direction(groups)
    if year_way is not None:
        return _month_days(anchor.year + year_way, month)
    if way == 0:
        return _month_days(anchor.year, month)
    if way is None:  # the nearest such month; one on the wrong side of the clause's tense
        # counts three times as far, as a month is measured to its nearer edge ("in June"
        # written in February is last June in a past clause, "in November" on Oct. 30 is next)
        years = (anchor.year - 1, anchor.year, anchor.year + 1)
        return _nearest([_month_days(y, month) for y in years], anchor, future, 3)
    if way < 0:
        return _month_days(anchor.year - (month >= anchor.month), month)
    return _month_days(anchor.year + (month <= anchor.month), month)


def _ordinal(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    day = int(groups["day"] or 0)
    step = 1 if future and day < anchor.day else -1 if day > anchor.day else 0
    year, month = anchor.year, anchor.month
    for _ in range(3):  # "the 31st" skips months without one
        year, month = _shift_month(year, month, step) if step else (year, month)
        if day <= _month_days(year, month)[1].day:
            date = dt.date(year, month, day)
            return date, date
        step = step or -1
    return None


def _year(groups: Groups, anchor: dt.date, future: bool) -> Days | None:
    year = int(groups["year"] or 0)
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


_RESOLVERS: dict[str, Resolver] = {
    "deictic": _deictic,
    "weekday": _weekday,
    "weekend": _weekend,
    "period": _period,
    "ago": _ago,
    "span": _span,
    "month": _month,
    "ordinal": _ordinal,
    "year": _year,
}


# Finding ---------------------------------------------------------------------------------------


def _is_future(text: str, start: int, end: int) -> bool:
    """Whether the clause around ``text[start:end]`` speaks of the future ("will meet on
    Tuesday", "is due to vote next week"). A date right after a reporting verb ("said on
    Monday that it will ...") belongs to that verb and is past."""
    lex = _lexicon()
    left = text[max(0, start - 80) : start]
    if lex.reporting.search(left):
        return False
    cuts = list(lex.cuts.finditer(left))
    if cuts:
        left = left[cuts[-1].end() :]
    right = text[end : end + 80]
    cut = lex.cuts.search(right)
    if cut:
        right = right[: cut.start()]
    return bool(lex.future.search(left) or lex.future.search(right))


def _word_before(text: str, start: int) -> str:
    words = text[max(0, start - 30) : start].split()
    return words[-1].lower() if words else ""


def _word_after(text: str, end: int) -> str:
    words = text[end : end + 30].split()
    return words[0].lower().strip(".,;:'\"") if words else ""


def _bind(resolver: Resolver, groups: Groups, future: bool) -> Callable[[dt.date], Days | None]:
    def resolve(anchor: dt.date) -> Days | None:
        return resolver(groups, anchor, future)

    return resolve


def _relative(text: str) -> Iterator[_Found]:
    """Matches of the lexicon's rules, each with a resolver bound to its groups and clause."""
    for rule in _lexicon().rules:
        resolver = _RESOLVERS[rule.resolve]
        for match in rule.regex.finditer(text):
            start, end = match.span("expr") if match.groupdict().get("expr") else match.span()
            if _word_before(text, start) in rule.not_after:
                continue
            if _word_after(text, end) in rule.not_before:
                continue
            bound = _bind(resolver, match.groupdict(), _is_future(text, start, end))
            yield _Found(start, end, rule.name, bound, rule.explicit, rule.anaphoric)


def _nearest(
    readings: list[Days | None], anchor: dt.date, future: bool, wrong_side: int = 2
) -> Days | None:
    """The reading nearest ``anchor``; one on the wrong side of it (after it in a past clause,
    before it in a future one) counts ``wrong_side`` times as far, so that "Dec. 15" written on
    Oct. 31 is this December, but "Nov. 30" written in late February is last November."""
    best: tuple[int, Days] | None = None
    for days in readings:
        if days is None:
            continue
        if days[0] > anchor:
            cost = (days[0] - anchor).days * (1 if future else wrong_side)
        elif days[1] < anchor:
            cost = (anchor - days[1]).days * (wrong_side if future else 1)
        else:
            cost = 0
        if best is None or cost < best[0]:
            best = (cost, days)
    return best[1] if best else None


def _nearest_year(mention: DateMention, anchor: dt.date, future: bool) -> Days | None:
    """A date stated without its year, in the year that places it nearest ``anchor``."""
    years = (anchor.year - 1, anchor.year, anchor.year + 1)
    return _nearest([mention.resolve(y) for y in years], anchor, future)


def _explicit(text: str) -> Iterator[_Found]:
    """Explicit dates, widened leftwards over "on"/"in", a modifier ("early", "mid-") or a
    weekday ("Saturday, April 25"); the date itself decides the value."""
    prefix = _lexicon().explicit_prefix
    for mention in find_dates(text):
        before = prefix.search(text, max(0, mention.start - 40), mention.start)
        start = before.start() if before else mention.start
        way = _direction(before.groupdict()) if before else None
        future = mention.year is None and _is_future(text, start, mention.end)
        bound = _bind_year(mention, future, way)
        yield _Found(start, mention.end, EXPLICIT_RULE, bound, mention.year is not None)


def _directed_year(mention: DateMention, anchor: dt.date, way: int) -> Days | None:
    """A date without its year after "last" (the latest reading before ``anchor``) or "next"
    (the first one after it)."""
    readings = [mention.resolve(y) for y in range(anchor.year - 1, anchor.year + 2)]
    if way < 0:
        before = [r for r in readings if r is not None and r[1] < anchor]
        return before[-1] if before else None
    after = [r for r in readings if r is not None and r[0] > anchor]
    return after[0] if after else None


def _bind_year(
    mention: DateMention, future: bool, way: int | None
) -> Callable[[dt.date], Days | None]:
    """Resolve an explicit date: its own year, else the one "last"/"next" asks for, else the
    nearest ("this March 3" is the nearest March 3, as is a bare "March 3")."""

    def resolve(anchor: dt.date) -> Days | None:
        if mention.year is not None:
            return mention.resolve()
        if way:
            return _directed_year(mention, anchor, way)
        return _nearest_year(mention, anchor, future)

    return resolve


def _select(found: list[_Found]) -> list[_Found]:
    """Non-overlapping matches in text order, the longest winning (explicit dates on ties)."""
    chosen: list[_Found] = []
    for item in sorted(found, key=lambda f: (f.start - f.end, f.rule != EXPLICIT_RULE, f.start)):
        if all(item.end <= c.start or c.end <= item.start for c in chosen):
            chosen.append(item)
    return sorted(chosen, key=lambda f: f.start)


def _article_referenced(text: str, found: list[_Found]) -> list[_Found]:
    """``found`` less the anaphoric matches ("a year earlier") that follow another date in
    their sentence: that date, not the article's, is what they count back from."""
    kept: list[_Found] = []
    for i, item in enumerate(found):
        if item.anaphoric and i > 0:
            between = text[found[i - 1].end : item.start]
            if not _SENTENCE_END.search(between):
                continue
        kept.append(item)
    return kept


def _value(item: _Found, published: PublishedDate) -> DateRange | None:
    """The days ``item`` means. Resolved against each known end of the article's date and
    widened to the hull; an open end of the article's range leaves that side open."""
    if item.explicit:
        days = item.resolve(dt.date.min)
        return DateRange(days[0], days[1], "explicit") if days else None
    anchors = [a for a in (published.start, published.end) if a is not None]
    if not anchors:
        return DateRange(None, None, "unresolved")
    readings = [item.resolve(a) for a in dict.fromkeys(anchors)]
    if any(r is None for r in readings):
        return None
    firsts = [r[0] for r in readings if r is not None]
    lasts = [r[1] for r in readings if r is not None]
    return DateRange(
        min(firsts) if published.start is not None else None,
        max(lasts) if published.end is not None else None,
        "relative",
    )


def find_time_expressions(text: str, published: PublishedDate) -> list[TimeExpression]:
    """Every date expression in ``text``, in text order and without overlaps (the longest match
    wins), each resolved against the article's date ``published``.

    Explicit dates that state their year keep it whatever the article date; everything else is
    placed relative to it, and left ``unresolved`` (both ends None) when it is unknown. A match
    that names no real day (``"on the 31st"`` where no recent month has one) is left out.
    """
    found = _article_referenced(text, _select([*_explicit(text), *_relative(text)]))
    out: list[TimeExpression] = []
    for item in found:
        value = _value(item, published)
        if value is not None:
            out.append(
                TimeExpression(text[item.start : item.end], item.start, item.end, value, item.rule)
            )
    return out
