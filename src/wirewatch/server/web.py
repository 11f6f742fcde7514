"""The web pages at ``/``."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter, FastAPI
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)

STATIC = Path(__file__).parent / "static"


def mount_static(app: FastAPI) -> None:
    """Serve the bundled CSS (and any JS) at ``/static``: nothing is loaded from a CDN."""
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
