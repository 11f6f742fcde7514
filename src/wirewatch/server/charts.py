"""Charts for the web pages, drawn as inline SVG in Python: no JavaScript, no chart library,
nothing fetched at run time, so they pass the pages' Content-Security-Policy.

Every piece of text that goes into a chart (actor codes, labels, tooltips) is escaped here;
the functions return ``Markup`` the templates can insert as it is. Colours are presentation
attributes (``fill="#…"``), which the CSP allows, never ``style`` attributes.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

#: One colour per PLOVER type, cooperation in greens and blues, conflict in oranges and reds.
TYPE_COLOURS: dict[str, str] = {
    "AGREE": "#1b7837",
    "CONSULT": "#5aae61",
    "SUPPORT": "#a6dba0",
    "CONCEDE": "#66c2a5",
    "COOPERATE": "#2166ac",
    "AID": "#4393c3",
    "RETREAT": "#92c5de",
    "REQUEST": "#8073ac",
    "ACCUSE": "#fdb863",
    "REJECT": "#e08214",
    "THREATEN": "#b35806",
    "PROTEST": "#f4a582",
    "SANCTION": "#d6604d",
    "MOBILIZE": "#c51b7d",
    "COERCE": "#8e0152",
    "ASSAULT": "#b2182b",
}
OTHER_COLOUR = "#999999"

WIDTH = 760
MAX_LANES = 80


def colour(event_type: str) -> str:
    """The colour of a PLOVER type (grey for anything else)."""
    return TYPE_COLOURS.get(event_type, OTHER_COLOUR)


def type_order(types: Sequence[str]) -> list[str]:
    """Distinct ``types`` in PLOVER order (cooperation first), unknown ones last."""
    known = list(TYPE_COLOURS)
    return sorted(set(types), key=lambda t: (known.index(t) if t in known else len(known), t))


@dataclass(frozen=True, slots=True)
class Span:
    """One bar of a timeline: an event cluster from ``start`` to ``end`` (inclusive days)."""

    label: str
    start: dt.date
    end: dt.date
    kind: str
    """PLOVER type: picks the colour."""
    tip: str
    """Tooltip text (an SVG ``<title>``)."""
    href: str | None = None


def _attrs(attrs: Mapping[str, object]) -> str:
    return "".join(f' {k}="{escape(str(v))}"' for k, v in attrs.items() if v is not None)


def _tag(name: str, attrs: Mapping[str, object], *children: str) -> str:
    """An SVG element; ``children`` are already-escaped markup."""
    if not children:
        return f"<{name}{_attrs(attrs)}/>"
    return f"<{name}{_attrs(attrs)}>{''.join(children)}</{name}>"


def _text(x: float, y: float, words: str, css: str, anchor: str = "start") -> str:
    attrs = {"x": _n(x), "y": _n(y), "class": css, "text-anchor": anchor}
    return _tag("text", attrs, str(escape(words)))


def _axis_label(y: float, words: str) -> str:
    """A y-axis title, written upwards along the left edge."""
    attrs = {
        "x": 12,
        "y": _n(y),
        "class": "axis-label",
        "text-anchor": "middle",
        "transform": f"rotate(-90 12 {_n(y)})",
    }
    return _tag("text", attrs, str(escape(words)))


def _rect(x: float, y: float, w: float, h: float, tip: str | None = None, **attrs: object) -> str:
    """A rectangle; ``tip`` becomes its tooltip, ``attrs`` its fill or class."""
    box = {"x": _n(x), "y": _n(y), "width": _n(w), "height": _n(h)}
    if tip is None:
        return _tag("rect", box | attrs)
    return _tag("rect", box | attrs, _tag("title", {}, str(escape(tip))))


def _line(x1: float, y1: float, x2: float, y2: float, css: str) -> str:
    return _tag("line", {"x1": _n(x1), "x2": _n(x2), "y1": _n(y1), "y2": _n(y2), "class": css})


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _svg(height: float, label: str, *body: str) -> Markup:
    attrs = {
        "class": "chart",
        "viewBox": f"0 0 {WIDTH} {_n(height)}",
        "width": WIDTH,
        "height": _n(height),
        "role": "img",
        "aria-label": label,
        "xmlns": "http://www.w3.org/2000/svg",
    }
    return Markup(_tag("svg", attrs, _tag("title", {}, str(escape(label))), *body))


def _shorten(words: str, limit: int) -> str:
    return words if len(words) <= limit else words[: limit - 1] + "…"


def next_month(day: dt.date, months: int = 1) -> dt.date:
    """The first day of the month ``months`` after ``day``'s."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def date_ticks(first: dt.date, last: dt.date) -> list[tuple[dt.date, str]]:
    """Axis ticks between two days: days, weeks, months or years, whichever gives at most
    about eight labels."""
    span = (last - first).days
    if span <= 70:
        step = 1 if span <= 8 else 2 if span <= 16 else 7 if span <= 56 else 14
        days = [first + dt.timedelta(d) for d in range(0, span + 1, step)]
        return [(d, f"{d.day} {d:%b}") for d in days]
    if span <= 800:
        months = max(1, math.ceil(span / 30.4 / 8))
        day, out = next_month(first.replace(day=1)), []
        while day <= last:
            out.append((day, f"{day:%b %Y}"))
            day = next_month(day, months)
        return out
    years = max(1, math.ceil(span / 365.25 / 8))
    return [(dt.date(y, 1, 1), str(y)) for y in range(first.year + 1, last.year + 1, years)]


def timeline(spans: Sequence[Span], label: str = "timeline") -> Markup:
    """A lane per event cluster, each a bar over its days, on a shared date axis.

    Bars link to ``href`` (the cluster's row in the table) and carry a tooltip. Only the first
    ``MAX_LANES`` spans are drawn; the caller says how many were left out.
    """
    spans = list(spans)[:MAX_LANES]
    if not spans:
        return Markup("")
    left, right, top, lane = 210.0, 20.0, 8.0, 22.0
    first = min(s.start for s in spans)
    last = max(s.end for s in spans) + dt.timedelta(days=1)
    if (last - first).days < 2:
        first, last = first - dt.timedelta(days=1), last + dt.timedelta(days=1)
    plot, days = WIDTH - left - right, (last - first).days
    bottom = top + lane * len(spans)

    def x(day: dt.date) -> float:
        return left + (day - first).days / days * plot

    parts = [_rect(left, top, plot, bottom - top, **{"class": "plot"})]
    for day, text in date_ticks(first, last):
        parts.append(_line(x(day), top, x(day), bottom, "grid"))
        parts.append(_text(x(day), bottom + 16, text, "tick", "middle"))
    for i, s in enumerate(spans):
        y = top + i * lane
        start, end = x(s.start), x(s.end + dt.timedelta(days=1))
        bar = _rect(start, y + 4, max(end - start, 6), lane - 8, s.tip, rx=2, fill=colour(s.kind))
        parts.append(_tag("a", {"href": s.href}, bar) if s.href else bar)
        parts.append(_text(left - 8, y + lane / 2 + 4, _shorten(s.label, 34), "label", "end"))
    return _svg(bottom + 26, label, *parts)


def nice_step(top: float, ticks: int = 5) -> float:
    """A round axis step (1, 2 or 5 times a power of ten) giving at most ``ticks`` steps."""
    if top <= 0:
        return 1.0
    raw = top / ticks
    power = 10.0 ** math.floor(math.log10(raw))
    return next(m * power for m in (1, 2, 5, 10) if m * power >= raw)


def _steps(low: float, high: float, step: float) -> list[float]:
    """``low``, ``low + step``, … up to ``high`` (inclusive)."""
    return [low + i * step for i in range(round((high - low) / step) + 1)]


def _category_labels(count: int, most: int = 10) -> set[int]:
    """Which category indexes get an axis label: at most ``most``, evenly spread."""
    step = max(1, math.ceil(count / most))
    return set(range(0, count, step))


@dataclass(frozen=True, slots=True)
class _Frame:
    """A plot area with categories along x and a value axis along y."""

    top: float
    height: float
    low: float
    high: float
    count: int
    left: float = 44.0
    right: float = 16.0

    @property
    def slot(self) -> float:
        return (WIDTH - self.left - self.right) / self.count

    def x(self, i: int) -> float:
        return self.left + i * self.slot

    def y(self, value: float) -> float:
        return self.top + (self.high - value) / (self.high - self.low) * self.height

    def axes(self, periods: Sequence[str], step: float, title: str) -> list[str]:
        """The plot area, grid lines with value labels, period labels and the axis title."""
        width = WIDTH - self.left - self.right
        parts = [_rect(self.left, self.top, width, self.height, **{"class": "plot"})]
        for value in _steps(self.low, self.high, step):
            css = "zero" if self.low < 0 and abs(value) < 1e-9 else "grid"
            parts.append(_line(self.left, self.y(value), self.left + width, self.y(value), css))
            parts.append(_text(self.left - 6, self.y(value) + 4, f"{value:g}", "tick", "end"))
        bottom = self.top + self.height
        for i in sorted(_category_labels(len(periods))):
            parts.append(
                _text(self.x(i) + self.slot / 2, bottom + 16, periods[i], "tick", "middle")
            )
        parts.append(_axis_label(self.top + self.height / 2, title))
        return parts


def stacked_bars(
    periods: Sequence[str], counts: Mapping[tuple[str, str], int], label: str
) -> Markup:
    """Events per period (x), stacked by PLOVER type, with a count axis and a legend.

    ``counts`` maps ``(period, type)`` to a number of events; periods with none stay empty.
    """
    if not periods:
        return Markup("")
    types = type_order([t for _, t in counts])
    most = max(sum(counts.get((p, t), 0) for t in types) for p in periods)
    step = nice_step(most, 5) if most >= 5 else 1.0
    frame = _Frame(10.0, 200.0, 0.0, max(step * math.ceil(most / step), step), len(periods))
    parts = frame.axes(periods, step, "events")
    for i, period in enumerate(periods):
        below = 0
        for t in types:
            n = counts.get((period, t), 0)
            if n:
                tip = f"{period}: {n} {t} event{'s' if n != 1 else ''}"
                top, height = frame.y(below + n), frame.y(below) - frame.y(below + n)
                x, w = frame.x(i) + frame.slot * 0.15, max(frame.slot * 0.7, 1)
                parts.append(_rect(x, top, w, height, tip, fill=colour(t)))
                below += n
    legend, legend_height = _legend(types, frame.top + frame.height + 34)
    return _svg(frame.top + frame.height + 34 + legend_height, label, *parts, legend)


def _legend(types: Sequence[str], top: float) -> tuple[str, float]:
    """Swatches with type names, six to a row."""
    items = []
    for i, t in enumerate(types):
        x, y = 44 + (i % 6) * 116, top + (i // 6) * 20
        items.append(_rect(x, y, 12, 12, fill=colour(t)))
        items.append(_text(x + 17, y + 10, t, "legend"))
    rows = math.ceil(len(types) / 6)
    return _tag("g", {"class": "legend"}, *items), rows * 20.0


def diverging_bars(periods: Sequence[str], values: Mapping[str, float], label: str) -> Markup:
    """One bar per period around a zero line: positive (cooperation) up, negative (conflict)
    down, as for Goldstein totals."""
    if not periods:
        return Markup("")
    peak = max([abs(values.get(p, 0.0)) for p in periods] + [1.0])
    step = nice_step(peak, 3)
    reach = step * math.ceil(peak / step)
    frame = _Frame(10.0, 160.0, -reach, reach, len(periods))
    parts = frame.axes(periods, step, "Goldstein")
    for i, period in enumerate(periods):
        value = values.get(period, 0.0)
        if value:
            fill = TYPE_COLOURS["COOPERATE"] if value > 0 else TYPE_COLOURS["ASSAULT"]
            top = min(frame.y(value), frame.y(0))
            x, w = frame.x(i) + frame.slot * 0.15, max(frame.slot * 0.7, 1)
            tip = f"{period}: {value:+.1f}"
            parts.append(_rect(x, top, w, abs(frame.y(value) - frame.y(0)), tip, fill=fill))
    return _svg(frame.top + frame.height + 24, label, *parts)
