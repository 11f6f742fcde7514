"""The extract stage's knowledge as data: versioned YAML word lists and patterns an analyst can
read and extend (actors, events, quotes, claims, date expressions). ``load`` reads one; each
finder compiles what it reads once and caches the result."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def load(name: str) -> Any:
    """The parsed YAML file ``name`` of this folder (``"events.yaml"``)."""
    return yaml.safe_load(resources.files(__name__).joinpath(name).read_text("utf-8"))
