"""Rich tables for what the extract stage finds: ``wirewatch extract`` and ``wirewatch events``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from ..query.phrase import PhraseCoding
from ..records import Actor, Article, DateRange, Event, Extraction
from ..store import ArticleRef


def actor(a: Actor | None) -> str:
    """``KOR.GOV South Korea's foreign ministry`` (code, sector, words), or ``-``."""
    if a is None:
        return "-"
    code = ".".join(x for x in (a.code, a.sector) if x) or "?"
    return f"{code} {a.text}"


def when(d: DateRange | None) -> str:
    if d is None or (d.start is None and d.end is None):
        return "-" if d is None else d.basis
    span = f"{d.start}" if d.start == d.end else f"{d.start or '?'}..{d.end or '?'}"
    return f"{span} ({d.basis})"


def flags(e: Event) -> str:
    marks = [("negated", e.negated), ("hypothetical", e.hypothetical), ("future", e.future)]
    return ", ".join(name for name, on in marks if on)


def _events_table(title: str) -> Table:
    """Events as two columns, so that the sentence keeps its room on a narrow terminal."""
    table = Table(title=title, expand=True, show_lines=True)
    table.add_column("event", ratio=2)
    table.add_column("sentence", ratio=3)
    return table


def _event_cell(e: Event, where: str | None = None) -> str:
    marks = flags(e)
    score = "" if e.score is None else f" [dim]score {e.score:.2f}[/]"
    lines = [
        f"[bold]{e.type}[/] {when(e.date)}{score}",
        f"{escape(actor(e.source))} [dim]->[/] {escape(actor(e.target))}",
    ]
    if marks:
        lines.append(f"[yellow]{marks}[/]")
    if where:
        lines.append(f"[dim]{escape(where)}[/]")
    return "\n".join(lines)


def extraction(console: Console, article: Article, found: Extraction) -> None:
    """One article's events, quotes, claims and dates, each beside its words."""
    pub = article.published
    day = f"{pub.start or '?'}" if pub.start == pub.end else f"{pub.start or '?'}..{pub.end or '?'}"
    head = (
        f"[bold]{escape(article.title or '(no title)')}[/]\n"
        f"file: {escape(article.source)}   published: {day} ({pub.source})"
    )
    console.print(Panel(head, expand=True))
    events = _events_table(f"{len(found.events)} events")
    for e in found.events:
        events.add_row(_event_cell(e), escape(e.sentence.strip()))
    console.print(events)
    if found.quotes:
        quotes = Table(title=f"{len(found.quotes)} quotes", expand=True)
        quotes.add_column("speaker")
        quotes.add_column("quote", ratio=3)
        for q in found.quotes:
            who = actor(q.speaker) if q.speaker else (q.speaker_text or "?")
            quotes.add_row(escape(who), escape(q.text))
        console.print(quotes)
    if found.claims:
        claims = Table(title=f"{len(found.claims)} claims", expand=True)
        for col in ("value", "unit", "what", "claimant", "date"):
            claims.add_column(col)
        for c in found.claims:
            claims.add_row(
                f"{c.value:g}",
                c.unit or "",
                escape(c.what),
                escape(actor(c.claimant)),
                when(c.date),
            )
        console.print(claims)
    if found.dates:
        dates = Table(title=f"{len(found.dates)} date expressions")
        dates.add_column("text")
        dates.add_column("means")
        for d in found.dates:
            dates.add_row(escape(d.text), when(d.value))
        console.print(dates)


def stored_events(console: Console, rows: Sequence[tuple[Event, ArticleRef]], db: str) -> None:
    """Stored events with the outlet and file they came from."""
    table = _events_table(f"{len(rows)} events in {db}")
    for e, ref in rows:
        table.add_row(_event_cell(e, ref.outlet or ref.source), escape(e.sentence.strip()))
    console.print(table)


def dyad(
    console: Console,
    a: str,
    b: str,
    timeline: Sequence[tuple[Event, ArticleRef]],
    trend: Sequence[tuple[dt.date, str, int, float]],
    by: str,
) -> None:
    """A dyad: the trend per period and type (events, Goldstein total), then the timeline."""
    table = Table(title=f"{a} <-> {b}: events stated as having happened, per {by}")
    for col in ("period", "type", "events", "Goldstein"):
        table.add_column(col, justify="right" if col in ("events", "Goldstein") else "left")
    for period, kind, n, total in trend:
        table.add_row(period.isoformat(), kind, str(n), f"{total:+.1f}")
    console.print(table)
    events = _events_table(f"timeline: {len(timeline)} events between {a} and {b}")
    for e, ref in timeline:
        events.add_row(_event_cell(e, ref.outlet or ref.source), escape(e.sentence.strip()))
    console.print(events)


def phrase_codings(out: Console, codings: Sequence[PhraseCoding]) -> None:
    """``wirewatch actor``: each phrase's coding, then why (rule, basis, knowledge base)."""
    for c in codings:
        a = c.actor
        table = Table(title=escape(f"{c.phrase} ({c.on or 'no date'})"), show_header=False)
        table.add_column("field", style="bold")
        table.add_column("value")
        if a is None:
            table.add_row("coded", "no actor mention covers the phrase")
        else:
            table.add_row("code", escape(".".join(x for x in (a.code, a.sector) if x) or "?"))
            for label, value in (
                ("words", a.text),
                ("name", a.name),
                ("role", a.role),
                ("region", a.region),
                ("id", a.id),
                ("basis", a.basis),
                ("rule", a.rule),
            ):
                if value:
                    table.add_row(label, escape(value))
        if c.country:
            table.add_row("article country", escape(f"{c.country} ({c.why})"))
        if c.entry is not None:
            e = c.entry
            where = f"{e.file}" + (f"; source: {e.source}" if e.source else "")
            table.add_row("knowledge base", escape(f"{e.name} [{where}]"))
            for r in e.roles:
                span = f"{r.start or '…'} to {r.end or 'now'}"
                extra = ", ".join(x for x in (r.country, r.region) if x)
                table.add_row("  role", escape(f"{r.role} ({r.sector}) {span} {extra}".strip()))
        table.add_row("sentence", escape(c.text))
        out.print(table)
