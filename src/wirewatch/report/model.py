"""The analyst report as data: sections of cited lines, rendered as Markdown or HTML.

Every string here is plain text as the articles and records give it; renderers escape it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Source:
    """An article the report cites as ``[n]``."""

    n: int
    article_id: str
    outlet: str | None
    title: str | None
    published: str
    """The publication day, a range saying how it was known, or "date unknown"."""
    url: str | None
    file: str
    """Where the article was read from (a path, ``path#L3``), shown when there is no URL."""


@dataclass(frozen=True, slots=True)
class Line:
    """One report line: a bold ``label``, ``text``, the article's own words (``quote``, shown
    in quotation marks) and the sources that state it (``cites``: numbers of ``Source``)."""

    text: str
    cites: tuple[int, ...]
    label: str = ""
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class Difference:
    """A point the sources state differently: what it is, how they stand, and each side."""

    slot: str
    status: str
    note: str
    sides: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Report:
    """A story as an analyst brief."""

    story_id: str
    title: str
    summary: str
    """One line: how many articles and outlets, and the dates they cover."""
    happened: tuple[Line, ...]
    timeline: tuple[Line, ...]
    quotes: tuple[Line, ...]
    numbers: tuple[Line, ...]
    differences: tuple[Difference, ...]
    compared: str
    """One line on the comparison as a whole ("2 of 9 compared points differ; 4 agree")."""
    sources: tuple[Source, ...]


#: Section headings, shared by both renderers, in order.
HEADINGS = {
    "happened": "What happened",
    "timeline": "Timeline",
    "quotes": "Who said what",
    "numbers": "Numbers and who claims them",
    "differences": "Where sources differ",
    "sources": "Sources",
}

#: What a section says when it has nothing to show.
EMPTY = {
    "happened": "No event stated as having happened was found.",
    "timeline": "No dated or undated events were found.",
    "quotes": "No quotations were found.",
    "numbers": "No numbers were found.",
    "differences": "The sources do not contradict each other on any compared point.",
}
