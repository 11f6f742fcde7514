"""The extract stage's knowledge as data: versioned YAML word lists and patterns an analyst can
read and extend (actors, events, quotes, claims, date expressions). ``load`` reads one; each
finder compiles what it reads once and caches the result."""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml

#: libyaml's safe loader where PyYAML was built with it, else PyYAML's own.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load(name: str) -> Any:
    """The parsed YAML file ``name`` of this folder (``"events.yaml"``)."""
    return yaml.load(resources.files(__name__).joinpath(name).read_text("utf-8"), Loader=_LOADER)
