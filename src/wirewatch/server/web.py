"""The web pages at ``/``: server-rendered HTML over the same ``query`` views the CLI prints.

Articles are untrusted input, so every template escapes (Jinja2 autoescape, nothing marked
safe but the charts, which escape their own text), and every page is sent with a strict
Content-Security-Policy: no scripts at all, styles and images from this server only. Query
parameters are read as text and checked here, so a bad one gets a 400 page, not a JSON error.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, FastAPI
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from jinja2 import Environment, FileSystemLoader, StrictUndefined
from starlette.types import Scope

from ..errors import StoreError, UsageError
from ..store import Store
from . import pages
from .app import cursor
from .pages import PageError

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).parent / "static"
TEMPLATES = Path(__file__).parent / "templates"

#: Sent with every page. No script source at all: the pages need no JavaScript.
CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}

StoreDep = Annotated[Store, Depends(cursor)]
F = TypeVar("F", bound=Callable[..., Response])

_env = Environment(
    loader=FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)


def render(template: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """A page from ``template`` with the security headers."""
    html = _env.get_template(template).render(**context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def error_page(status: int, message: str) -> HTMLResponse:
    titles = {400: "Bad request", 404: "Not found", 503: "The store cannot be read"}
    try:
        fallback = HTTPStatus(status).phrase
    except ValueError:
        fallback = "Error"
    title = titles.get(status, fallback)
    return render("error.html", {"title": title, "status": status, "message": message}, status)


def html_errors(fn: F) -> F:
    """Turn a page's errors into HTML error pages: 400 for bad parameters, 404 for unknown
    ids, 503 when the store cannot be read."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return fn(*args, **kwargs)
        except PageError as exc:
            return error_page(exc.status, exc.message)
        except UsageError as exc:
            return error_page(400, str(exc))
        except StoreError as exc:
            return error_page(503, str(exc))

    return wrapper  # type: ignore[return-value]


@router.get("/")
@html_errors
def stories_page(store: StoreDep, offset: str | None = None) -> Response:
    """Every story: title, dates, how many articles and outlets."""
    start = pages.parse_int(offset, "offset", 0, 0, 10**9)
    return render("stories.html", pages.stories_context(store, start))


@router.get("/stories/{story_id}")
@html_errors
def story_page(story_id: str, store: StoreDep) -> Response:
    """One story: timeline chart and table, comparison table, each row linked to its
    sentence."""
    return render("story.html", pages.story_context(store, pages.find_story(store, story_id)))


@router.get("/articles/{article_id}")
@html_errors
def article_page(
    article_id: str, store: StoreDep, start: str | None = None, end: str | None = None
) -> Response:
    """An article's text with the evidence sentence marked (``start``/``end`` offsets)."""
    article = pages.find_article(store, article_id)
    span = pages.evidence_span(article, start, end)
    return render("article.html", pages.article_context(store, article, span))


@router.get("/dyads")
@html_errors
def dyads_page(
    store: StoreDep, a: str | None = None, b: str | None = None, by: str | None = None
) -> Response:
    """The dyad form; with ``a`` and ``b``, the relation between the two actors."""
    period = pages.period_of(by)
    context: dict[str, Any] = {"a": a or "", "b": b or "", "by": period, "codes": []}
    if not (a or b):
        context["codes"] = pages.known_codes(store)
        return render("dyad.html", context | {"result": None})
    first, second = pages.actor_code(a, "a"), pages.actor_code(b, "b")
    result = pages.dyad_context(store, first, second, period)
    return render("dyad.html", context | {"result": result})


@router.get("/dyads/{a}/{b}")
@html_errors
def dyad_page(a: str, b: str, store: StoreDep, by: str | None = None) -> Response:
    """The relation between two actors, as ``/dyads?a=…&b=…``."""
    return dyads_page(store, a, b, by)


@router.get("/actors")
@html_errors
def actors_page(store: StoreDep, offset: str | None = None) -> Response:
    """Every entity with its aliases, most mentioned first."""
    start = pages.parse_int(offset, "offset", 0, 0, 10**9)
    return render("actors.html", pages.entities_context(store, start))


@router.get("/actors/{key:path}")
@html_errors
def actor_page(key: str, store: StoreDep) -> Response:
    """One actor: aliases, roles, and its events as source and as target."""
    return render("actor.html", pages.actor_context(store, key))


@router.get("/search")
@html_errors
def search_page(store: StoreDep, q: str | None = None, offset: str | None = None) -> Response:
    """The search form; with ``q``, the articles and events that contain all its words."""
    start = pages.parse_int(offset, "offset", 0, 0, 10**9)
    if not (q or "").strip():
        return render("search.html", {"q": "", "result": None})
    return render("search.html", {"q": q, "result": pages.search_context(store, q or "", start)})


class _Static(StaticFiles):
    """The bundled files, sent with ``nosniff`` so a browser takes them as what they are."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        response = await super().get_response(path, scope)
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response


def mount_static(app: FastAPI) -> None:
    """Serve the bundled CSS (and any JS) at ``/static``: nothing is loaded from a CDN."""
    app.mount("/static", _Static(directory=STATIC), name="static")
