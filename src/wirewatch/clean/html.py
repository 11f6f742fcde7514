"""Main content and metadata of an HTML page, with trafilatura.

trafilatura finds the article body and the page's own metadata (title, author, date from
``<meta>``/JSON-LD via htmldate, site name). Its paragraphs then go through the same
block-level rules as plain text (captions, appeals, one-line ads) without header/tail cutting,
which trafilatura has already done from the page structure.
"""

from __future__ import annotations

from dataclasses import dataclass

import trafilatura

from ..records import PublishedDate
from .dates import parse_date


@dataclass(frozen=True, slots=True)
class HtmlExtract:
    paragraphs: list[str]
    title: str | None
    authors: tuple[str, ...]
    outlet: str | None
    published: PublishedDate
    url: str | None


def extract_html(html: str, url: str | None = None) -> HtmlExtract | None:
    """Body paragraphs and metadata of a page, or None when no main content is found."""
    doc = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if doc is None:
        return None
    data = doc.as_dict()  # type: ignore[union-attr]
    title = (data.get("title") or "").strip() or None
    lines = [ln.strip() for ln in (data.get("text") or "").split("\n") if ln.strip()]
    if lines and title and lines[0] == title:
        lines = lines[1:]
    day = parse_date(data["date"]) if data.get("date") else None
    published = (
        PublishedDate(day, day, "metadata", f"html metadata: {data['date']}")
        if day
        else PublishedDate.unknown()
    )
    authors = tuple(a.strip() for a in (data.get("author") or "").split(";") if a.strip())
    return HtmlExtract(
        paragraphs=lines,
        title=title,
        authors=authors,
        outlet=(data.get("sitename") or "").strip() or None,
        published=published,
        url=url or data.get("url"),
    )
