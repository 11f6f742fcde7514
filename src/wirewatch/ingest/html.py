"""HTML: the whole page is one document; only its canonical URL is read here.

Everything else (title, byline, date, body) is extracted by the clean stage with trafilatura,
so this reader stays cheap: a regex over the ``<link>`` and ``<meta>`` tags of the head.
"""

from __future__ import annotations

import html as html_entities
import re

from ..records import RawDocument
from .text import read_text

_HEAD_LIMIT = 100_000
_TAG = re.compile(r"<(link|meta)\b([^<>]*)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"'>]+)""")


def read_html(text: str, data: bytes, source: str) -> RawDocument:
    """One ``kind="html"`` document holding the page as decoded ``text``."""
    return read_text(text, data, source, "html", canonical_url(text))


def canonical_url(page: str) -> str | None:
    """The absolute URL from ``<link rel=canonical>``, else from ``og:url``, else None."""
    head = page[:_HEAD_LIMIT]
    end = head.lower().find("</head>")
    if end >= 0:
        head = head[:end]
    canonical: str | None = None
    og_url: str | None = None
    for match in _TAG.finditer(head):
        attributes = _attributes(match.group(2))
        rel = attributes.get("rel", "").lower().split()
        if match.group(1).lower() == "link" and "canonical" in rel:
            canonical = canonical or _absolute(attributes.get("href"))
        elif attributes.get("property") == "og:url" or attributes.get("name") == "og:url":
            og_url = og_url or _absolute(attributes.get("content"))
    return canonical or og_url


def _attributes(raw: str) -> dict[str, str]:
    """Attributes of one tag, names lower-cased, values unquoted and unescaped."""
    found: dict[str, str] = {}
    for name, value in _ATTRIBUTE.findall(raw):
        if value[:1] in ("'", '"'):
            value = value[1:-1]
        found.setdefault(name.lower(), html_entities.unescape(value).strip())
    return found


def _absolute(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) URL; relative ones cannot identify an article."""
    if url and url.lower().startswith(("http://", "https://")):
        return url
    return None
