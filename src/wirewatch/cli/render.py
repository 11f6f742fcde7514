"""Rich rendering for the CLI: articles, explanations, tables, progress and summaries."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from ..pipeline import IngestReport
from ..records import Article


def _date(article: Article) -> str:
    pub = article.published
    if pub.point:
        return f"{pub.point} ({pub.source})"
    if pub.source == "inferred":
        return f"{pub.start or '?'} .. {pub.end or '?'} (inferred)"
    return "unknown"


def article(console: Console, a: Article, duplicate_of: str | None, explain: bool) -> None:
    """One cleaned article: a header panel, the body, and with ``explain`` what was removed."""
    head = [
        f"[bold]{escape(a.title or '(no title)')}[/]",
        f"file: {escape(a.source)}   outlet: {escape(a.outlet or '-')}   "
        f"byline: {escape(a.byline or '-')}",
        f"published: {_date(a)}   language: {a.language or '-'}",
    ]
    if duplicate_of:
        head.append(f"[yellow]copy of {escape(duplicate_of)} (similarity {a.similarity})[/]")
    if a.elided_dates:
        gaps = "; ".join(f"“{e.context}”" for e in a.elided_dates)
        head.append(f"[red]elided dates:[/] {escape(gaps)}")
    console.print(Panel("\n".join(head), expand=True))
    console.print(escape(a.text), end="\n\n")
    if explain:
        table = Table(title=f"removed from {a.source}", show_lines=False, expand=True)
        table.add_column("reason", style="cyan", no_wrap=True)
        table.add_column("rule", style="dim", no_wrap=True)
        table.add_column("text")
        for r in a.removed:
            short = r.text if len(r.text) <= 160 else r.text[:157] + "..."
            table.add_row(r.reason, r.rule, escape(short))
        console.print(table)


def article_table(console: Console, articles: Sequence[Article], db: str) -> None:
    """Stored articles: date and how it was known, outlet, title with id, language, source."""
    table = Table(title=f"{len(articles)} articles in {db}", show_lines=True)
    table.add_column("published", no_wrap=True)
    table.add_column("outlet", max_width=16)
    table.add_column("title  [dim](id · language · source)[/]", overflow="fold")
    for a in articles:
        pub = a.published
        when = (
            f"{pub.point}\n[dim]{pub.source}[/]"
            if pub.point
            else f"{pub.start or '?'}\n{pub.end or '?'}\n[dim]{pub.source}[/]"
            if pub.source == "inferred"
            else "[dim]unknown[/]"
        )
        detail = f"[dim]{a.id} · {a.language or '-'} · {escape(a.source)}[/]"
        table.add_row(when, escape(a.outlet or "-"), f"{escape(a.title or '(no title)')}\n{detail}")
    console.print(table)


class RateColumn(ProgressColumn):
    """Articles per second."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} articles/s" if speed else "- articles/s", style="cyan")


def progress(console: Console) -> Progress:
    """A progress bar with articles/s and ETA, shown only on a terminal."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        RateColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=console,
        disable=not console.is_terminal,
        transient=False,
    )


def ingest_summary(console: Console, report: IngestReport, db: str) -> None:
    table = Table(title=f"ingest into {db}")
    table.add_column("documents", style="bold")
    table.add_column("count", justify="right")
    table.add_row("read", str(report.read))
    table.add_row("stored", str(report.stored))
    table.add_row("duplicates (linked, not stored twice)", str(report.duplicates))
    table.add_row("already stored (skipped)", str(report.already_stored))
    table.add_row("refused", str(len(report.refused)))
    table.add_section()
    table.add_row("events found", str(report.events))
    table.add_row("quotes found", str(report.quotes))
    table.add_row("claims found", str(report.claims))
    console.print(table)
    reasons = Counter(r.reason for r in report.refused)
    if reasons:
        why = Table(title="refused, by reason")
        why.add_column("reason")
        why.add_column("count", justify="right")
        for reason, n in reasons.most_common():
            why.add_row(escape(reason), str(n))
        console.print(why)
