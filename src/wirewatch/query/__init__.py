"""The read side shared by every interface (CLI, Python API, later HTTP): plain views of records.

``article_view`` is the one JSON shape of a cleaned article; the CLI's ``clean --json`` and
``articles --json`` print it, and tests pin its keys.
"""

from __future__ import annotations

from typing import Any

from ..records import Article

ARTICLE_KEYS = (
    "file",
    "title",
    "byline",
    "outlet",
    "published",
    "published_source",
    "language",
    "text",
    "removed",
    "elided_dates",
    "duplicate_of",
)


def article_view(article: Article, duplicate_of: str | None = None) -> dict[str, Any]:
    """The JSON object of an article.

    ``published`` is an ISO day when the date is known to the day (``metadata``/``byline``), else
    null; ``published_range`` always gives ``[start, end]`` (inferred ranges, open ends as null).
    ``duplicate_of`` names the earlier copy (its file, when the caller gives it, else its id).
    """
    pub = article.published
    return {
        "file": article.source,
        "title": article.title,
        "byline": article.byline,
        "outlet": article.outlet,
        "published": pub.point.isoformat() if pub.point else None,
        "published_source": pub.source,
        "language": article.language,
        "text": article.text,
        "removed": [{"text": r.text, "reason": r.reason, "rule": r.rule} for r in article.removed],
        "elided_dates": [{"context": e.context, "offset": e.start} for e in article.elided_dates],
        "duplicate_of": duplicate_of or article.duplicate_of,
        "id": article.id,
        "url": article.url,
        "authors": list(article.authors),
        "published_range": [
            pub.start.isoformat() if pub.start else None,
            pub.end.isoformat() if pub.end else None,
        ],
        "published_evidence": pub.evidence,
        "similarity": article.similarity,
        "paragraph_languages": [p.language for p in article.paragraphs],
    }
