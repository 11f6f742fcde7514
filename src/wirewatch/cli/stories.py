"""Rich rendering of stories, a story's timeline and comparison, entities, and the brief."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

#: Colours of comparison statuses: contradictions stand out.
STATUS_STYLE = {
    "contradict": "bold red",
    "compare with care": "yellow",
    "agree": "green",
    "complement": "cyan",
    "only one source": "dim",
}


def story_list(console: Console, views: Sequence[dict[str, Any]], db: str) -> None:
    table = Table(title=f"{len(views)} stories in {db}", expand=True, show_lines=True)
    table.add_column("story", no_wrap=True)
    table.add_column("dates", no_wrap=True)
    table.add_column("articles", justify="right")
    table.add_column("outlets", ratio=1)
    table.add_column("title", ratio=2, min_width=24)
    for v in views:
        dates = v["start"] if v["start"] == v["end"] else f"{v['start']}\n{v['end']}"
        table.add_row(
            v["id"],
            str(dates),
            str(len(v["articles"])),
            escape(", ".join(map(str, v["outlets"]))),
            escape(v["title"] or ""),
        )
    console.print(table)


def story(console: Console, view: dict[str, Any]) -> None:
    """A story: its articles, its timeline (events with the articles behind each), and where
    its sources agree or differ."""
    lines = [f"[bold]{escape(view['title'] or view['id'])}[/]  ({view['id']})"]
    for a in view["articles"]:
        where = a.get("url") or a.get("file")
        lines.append(
            f"  {a['published'] or '?'}  {escape(a['outlet'] or '-')}: "
            f"{escape(a['title'] or '(no title)')}  [dim]{escape(str(where))}[/]"
        )
    if view["related"]:
        lines.append(f"[dim]related: {', '.join(view['related'])}[/]")
    console.print(Panel("\n".join(lines), expand=True))
    timeline = Table(title="timeline", expand=True, show_lines=True)
    timeline.add_column("date", no_wrap=True)
    timeline.add_column("event", no_wrap=True)
    timeline.add_column("reported by", ratio=3)
    for c in view["timeline"]:
        when = c["date"]
        day = (
            "-"
            if when is None
            else (
                when["start"] if when["start"] == when["end"] else f"{when['start']}..{when['end']}"
            )
        )
        reports = "\n".join(
            f"[bold]{escape(r['outlet'] or r['file'])}[/]: {escape(r['sentence'])}"
            for r in c["reports"]
        )
        event = f"{c['source'] or '?'} {c['type']} {c['target'] or '-'}"
        timeline.add_row(str(day), f"{event}\n[dim]{c['num_sources']} source(s)[/]", reports)
    console.print(timeline)
    rows = view["comparison"]
    if len(view["articles"]) < 2:  # one source: only its gaps and self-contradictions matter
        rows = [r for r in rows if r["status"] == "contradict" or r["slot"] == "elided date"]
        if not rows:
            console.print("[dim]one article: nothing to compare across sources[/]\n")
            return
    comparison(console, rows)


def comparison(console: Console, rows: Sequence[dict[str, Any]]) -> None:
    table = Table(title="where the sources agree and differ", expand=True, show_lines=True)
    table.add_column("slot", ratio=1)
    table.add_column("status", no_wrap=True)
    table.add_column("what each source says", ratio=3)
    for row in rows:
        sides = []
        for st in row["statements"]:
            who = f" ({escape(st['claimant'])})" if st.get("claimant") else ""
            where = escape(st["outlet"] or st["file"] or "")
            value = escape(str(st["value"]))
            sides.append(f"[bold]{value}[/]{who} - {where}: {escape(st['sentence'])}")
        if row["note"]:
            sides.append(f"[dim]{escape(row['note'])}[/]")
        style = STATUS_STYLE.get(row["status"], "")
        table.add_row(escape(row["slot"]), f"[{style}]{row['status']}[/]", "\n".join(sides))
    console.print(table)


def entity_list(console: Console, views: Sequence[dict[str, Any]], db: str) -> None:
    table = Table(title=f"{len(views)} entities in {db}", expand=True)
    table.add_column("entity")
    table.add_column("code", no_wrap=True)
    table.add_column("mentions", justify="right")
    table.add_column("articles", justify="right")
    table.add_column("aliases", ratio=2)
    for v in views:
        code = ".".join(x for x in (v["code"], v["sector"]) if x) or "-"
        table.add_row(
            escape(v["name"]),
            code,
            str(v["mentions"]),
            str(v["articles"]),
            escape("; ".join(v["aliases"])),
        )
    console.print(table)
