"""``wirewatch serve``: the HTTP side. One FastAPI app holds the store open; the JSON API lives
under ``/api`` (``api.py``), the web pages at ``/`` (``web.py``). Both read through the same
``query`` views the CLI prints, so every interface shows the same facts."""

from .app import ServerConfig, create_app

__all__ = ["ServerConfig", "create_app"]
