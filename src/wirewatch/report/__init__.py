"""Analyst reports: one story as a brief an analyst can forward.

A report tells what happened (the best-supported event clusters as sentences), the timeline,
who said what (quotations with speakers), the numbers with who claims them, and where the
sources differ (comparison rows that contradict or must be compared with care, both sides),
each line citing its articles as ``[1]``, ``[2]`` with a sources list at the end.

::

    story_report(store, "s-…")  ->  Report  ->  render_markdown / render_html  ->  str
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import UsageError
from ..query import stories as story_query
from ..store import Store
from .build import build_report
from .html import render_html
from .markdown import render_markdown
from .model import Difference, Line, Report, Source

__all__ = [
    "FORMATS",
    "Difference",
    "Line",
    "Report",
    "Source",
    "build_report",
    "render_html",
    "render_markdown",
    "renderer",
    "save",
    "story_report",
]

#: Report formats and their renderers.
FORMATS: dict[str, Callable[[Report], str]] = {"md": render_markdown, "html": render_html}


def renderer(fmt: str) -> Callable[[Report], str]:
    """The renderer of a report format.

    Raises:
        UsageError: an unknown format.
    """
    if fmt not in FORMATS:
        raise UsageError(f"unknown report format {fmt!r}; valid formats: {', '.join(FORMATS)}")
    return FORMATS[fmt]


def story_report(store: Store, story_id: str) -> Report:
    """The report of the stored story ``story_id``.

    Raises:
        UsageError: no story has that id.
        StoreError: the store cannot be read.
    """
    match = story_query.find_story(store, story_id)
    if match is None:
        raise UsageError(f"no story {story_id!r} in {store.label} (see `wirewatch stories`)")
    return build_report(story_query.story_detail(store, match))


def save(text: str, out: Path) -> None:
    """Write a rendered report to ``out`` (UTF-8).

    Raises:
        UsageError: the file cannot be written.
    """
    try:
        out.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write: {exc.strerror or exc}") from None
