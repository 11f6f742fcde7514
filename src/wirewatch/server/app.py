"""The FastAPI application: the store, per-request cursors, and the routers.

DuckDB allows one writing process per file. The server opens the store once (read-write only
when an ingest token is configured) and gives every request its own cursor on it: a DuckDB
cursor has its own transactions, so reads keep working, on the last committed state, while an
ingest through ``POST /api/ingest`` writes through another cursor. One ingest runs at a time.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass

from fastapi import FastAPI, Request

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

    from . import api, web  # the routers import this module's helpers

    app = FastAPI(
        title="wirewatch",
        summary="News coverage turned into evidence: articles, events, stories, comparisons.",
        version=_version(),
        lifespan=lifespan,
    )
    app.include_router(api.router)
    app.include_router(web.router)
    web.mount_static(app)
    return app


def state(request: Request) -> ServerState:
    """The server state of the app serving ``request``."""
    found: ServerState = request.app.state.wirewatch
    return found


def cursor(request: Request) -> Iterator[Store]:
    """A FastAPI dependency: a cursor on the store for one request, closed after it."""
    handle = state(request).store.cursor()
    try:
        yield handle
    finally:
        handle.close()


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("wirewatch")
    except PackageNotFoundError:
        return "0"
