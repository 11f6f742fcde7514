"""The FastAPI application: the store, per-request cursors, and the routers.

DuckDB allows one writing process per file. The server opens the store once (read-write only
when an ingest token is configured) and gives every request its own cursor on it: a DuckDB
cursor has its own transactions, so reads keep working, on the last committed state, while an
ingest through ``POST /api/ingest`` writes through another cursor. One ingest runs at a time.

Errors have one shape under ``/api``: ``{"error": "<one line>"}`` with the status, 400 for a bad
parameter (FastAPI's validation errors included, which it would answer with 422), 404 for what
does not exist, 500 when the store cannot be read. Elsewhere (the web pages) an error is the
site's HTML error page with the same line and the pages' security headers.

The interactive API documentation at ``/docs`` is Swagger UI 5 from the ``swagger-ui-py``
wheel, served from ``/docs-static``: FastAPI's default page loads it from a CDN, and wirewatch
makes no network request at run time.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException

from ..errors import StoreError, WirewatchError
from ..settings import Options
from ..store import Store


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """What ``create_app`` needs: the pipeline options (``options.db`` is the store) and the
    ingest token; ``None`` keeps the ingest endpoint off and the store read-only."""

    options: Options
    token: str | None = None


class ServerState:
    """The open store, the configuration, and the lock that keeps ingests one at a time."""

    def __init__(self, config: ServerConfig, store: Store) -> None:
        self.config = config
        self.store = store
        self.ingest_lock = threading.Lock()


def create_app(config: ServerConfig) -> FastAPI:
    """The app for ``config``; the store opens when the app starts and closes when it stops.

    Raises (at startup):
        StoreError: the store cannot be opened.
    """

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        store = Store.open(config.options.db, read_only=config.token is None)
        app.state.wirewatch = ServerState(config, store)
        try:
            yield
        finally:
            store.close()

    from . import api, ingest, web  # the routers import this module's helpers

    app = FastAPI(
        title="wirewatch",
        summary="News coverage turned into evidence: articles, events, stories, comparisons.",
        version=_version(),
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    _offline_docs(app)
    app.include_router(api.router)
    app.include_router(ingest.router)
    app.include_router(web.router)
    web.mount_static(app)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(WirewatchError, _domain_error)
    app.openapi = lambda: _openapi(app)  # type: ignore[method-assign]
    return app


def state(request: Request) -> ServerState:
    """The server state of the app serving ``request``."""
    found: ServerState = request.app.state.wirewatch
    return found


def cursor(request: Request) -> Iterator[Store]:
    """A FastAPI dependency: a cursor on the store for one request, closed after it. Its reads
    share one snapshot (``Store.snapshot``), so that a count and the page it goes with agree
    while an ingest commits."""
    handle = state(request).store.cursor()
    try:
        with handle.snapshot():
            yield handle
    finally:
        handle.close()


def is_api(request: Request) -> bool:
    """Whether the request is one of the JSON API's (its errors are JSON)."""
    path = request.url.path
    return path == "/api" or path.startswith("/api/")


def error_response(request: Request, status: int, message: str, **headers: str) -> Response:
    """``{"error": message}`` under ``/api``, the message as plain text elsewhere."""
    if is_api(request):
        return JSONResponse({"error": message}, status, headers or None)
    return PlainTextResponse(message, status, headers or None)


#: What a validation error says, by pydantic error type; ``{…}`` are its context values.
_REASONS = {
    "missing": "is required",
    "greater_than_equal": "must be at least {ge}",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be at most {le}",
    "less_than": "must be less than {lt}",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "float_parsing": "must be a number",
    "bool_parsing": "must be true or false",
    "literal_error": "must be one of {expected}",
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters",
}


def validation_message(errors: Any) -> str:
    """FastAPI's validation errors as one line: ``limit: must be at most 500 (got 501)``,
    each error named by its parameter, several joined by "; "."""
    return "; ".join(_error_line(e) for e in errors) or "invalid request"


def _error_line(error: Mapping[str, Any]) -> str:
    where = [str(p) for p in error.get("loc", ()) if p not in ("query", "path", "header", "body")]
    name = ".".join(where) or "request"
    template = _REASONS.get(str(error.get("type")))
    try:
        reason = template.format(**error.get("ctx", {})) if template else None
    except (KeyError, IndexError):
        reason = None
    reason = reason or str(error.get("msg", "is not valid")).removeprefix("Input ")
    value = error.get("input")
    if isinstance(value, str) and len(value) > 40:
        value = value[:40] + "…"
    got = f" (got {value!r})" if isinstance(value, str | int | float) else ""
    return f"{name}: {reason}{got}"


async def _invalid_request(request: Request, exc: Exception) -> Response:
    """A bad parameter is a 400 with one line naming it (FastAPI would send a 422)."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    if not is_api(request):
        from . import web

        return web.error_page(400, validation_message(errors))
    return error_response(request, 400, validation_message(errors))


async def _http_error(request: Request, exc: Exception) -> Response:
    """Under ``/api``, ``{"error": detail}`` with the status and headers; elsewhere the site's
    HTML error page (a path no page has, a method a page does not take)."""
    assert isinstance(exc, HTTPException)
    if not is_api(request):
        from . import web

        if exc.status_code == 404 and exc.detail == "Not Found":
            return web.error_page(404, f"no page at {request.url.path}")
        return web.error_page(exc.status_code, str(exc.detail))
    detail = exc.detail
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no such endpoint: {request.url.path} (see /docs)"
    return error_response(request, exc.status_code, str(detail), **(exc.headers or {}))


async def _domain_error(request: Request, exc: Exception) -> Response:
    """A store that cannot be read is the server's fault (500); anything else wirewatch
    raises is a bad request (400). The message is wirewatch's one line."""
    status = 500 if isinstance(exc, StoreError) else 400
    return error_response(request, status, str(exc))


def _openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document, without the 422 answers FastAPI lists (bad parameters get 400)."""
    if app.openapi_schema is None:
        from fastapi.openapi.utils import get_openapi

        schema = get_openapi(
            title=app.title,
            version=app.version,
            summary=app.summary,
            routes=app.routes,
        )
        for path in schema.get("paths", {}).values():
            for operation in path.values():
                operation.get("responses", {}).pop("422", None)
        app.openapi_schema = schema
    return app.openapi_schema


def _offline_docs(app: FastAPI) -> None:
    """Swagger UI at ``/docs`` from the files of the ``swagger-ui-py`` wheel (Swagger UI 5,
    which reads the OpenAPI 3.1 document FastAPI writes)."""
    import swagger_ui
    from fastapi.openapi.docs import get_swagger_ui_html
    from fastapi.responses import HTMLResponse
    from fastapi.staticfiles import StaticFiles

    files = Path(swagger_ui.__file__).parent / "static"
    app.mount("/docs-static", StaticFiles(directory=files), name="docs-static")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/openapi.json",
            title="wirewatch API",
            swagger_js_url="/docs-static/swagger-ui-bundle.js",
            swagger_css_url="/docs-static/swagger-ui.css",
            swagger_favicon_url="/docs-static/favicon-32x32.png",
        )


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wirewatch")
    except PackageNotFoundError:
        return "0"
