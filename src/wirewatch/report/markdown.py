"""The report as Markdown: headings, one bullet per line, citations as ``[1][2]``.

Text from articles is escaped (Markdown punctuation gets a backslash, line breaks become
spaces), so a title or quotation can neither add structure nor raw HTML to a rendered page.
"""

from __future__ import annotations

import re

from .model import EMPTY, HEADINGS, Difference, Line, Report, Source

__all__ = ["escape", "render_markdown"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_SPACE = re.compile(r"\s+")


def escape(text: str) -> str:
    """Plain text made literal in Markdown (CommonMark backslash escapes), on one line."""
    return _SPECIAL.sub(r"\\\1", _SPACE.sub(" ", text).strip())


def _cites(cites: tuple[int, ...]) -> str:
    return "".join(f"[{n}]" for n in cites)


def _line(line: Line) -> str:
    """``**label**: text — “quote” [1][2]``, leaving out the parts a line does not have."""
    body = " — ".join(
        x for x in (escape(line.text), f"“{escape(line.quote)}”" if line.quote else "") if x
    )
    head = f"**{escape(line.label)}**" if line.label else ""
    return " ".join(
        x for x in (f"{head}:" if head and body else head, body, _cites(line.cites)) if x
    )


def _code(text: str) -> str:
    """A code span holding ``text`` as it is (a fence longer than any backtick run in it)."""
    text = _SPACE.sub(" ", text)
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _where(src: Source) -> str:
    """A web URL as an autolink, any other URL or the file as a code span."""
    if src.url and re.fullmatch(r"https?://[^\s<>]+", src.url):
        return f"<{src.url}>"
    return _code(src.url) if src.url else f"file {_code(src.file)}"


def _difference(diff: Difference) -> list[str]:
    head = f"- **{escape(diff.slot)}**: {escape(diff.status)}"
    if diff.note:
        head += f" — {escape(diff.note)}"
    return [head, *(f"  - {_line(side)}" for side in diff.sides)]


def _source(src: Source) -> str:
    title = f"“{escape(src.title)}”" if src.title else "(no title)"
    outlet = escape(src.outlet or "outlet unknown")
    return f"- [{src.n}] {outlet}, {title}, {escape(src.published)}, {_where(src)}"


def _section(key: str, lines: tuple[Line, ...]) -> list[str]:
    body = [f"- {_line(x)}" for x in lines] or [EMPTY[key]]
    return [f"## {HEADINGS[key]}", "", *body, ""]


def render_markdown(report: Report) -> str:
    """The report as one Markdown document."""
    out = [f"# {escape(report.title)}", "", f"Story {report.story_id}: {report.summary}.", ""]
    out += _section("happened", report.happened)
    out += _section("timeline", report.timeline)
    out += _section("quotes", report.quotes)
    out += _section("numbers", report.numbers)
    out += [f"## {HEADINGS['differences']}", "", escape(report.compared), ""]
    for diff in report.differences:
        out += _difference(diff)
    if not report.differences:
        out.append(EMPTY["differences"])
    out += ["", f"## {HEADINGS['sources']}", ""]
    out += [_source(s) for s in report.sources]
    return "\n".join(out) + "\n"
