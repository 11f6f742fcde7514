"""Readable names for actor codes, for exports and reports that must name an actor by its code
alone (an event cluster keeps codes, not the words of each report).

A state's name is the short name English news uses when the actor gazetteer lists one
(``lexicons/actors.yaml`` ``country_names``: "South Korea", "Russia", "Britain"), unless that
name is an abbreviation ("U.S.", "UAE"); else pycountry's common name, else its name. An
organisation's name is that of the first gazetteer entry the code abbreviates (the code is
among its name and aliases: "United Nations" for UN); a shared code such as IGO, or any other
code, is its own name.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import pycountry
import yaml

from ..extract import lexicons

__all__ = ["code_name", "is_state"]

#: States pycountry lacks that actor codes use.
_EXTRA_STATES = {"XKX": "Kosovo"}


@lru_cache(maxsize=1)
def _gazetteer() -> dict[str, Any]:
    """The actor gazetteer's data, parsed with libyaml when it is there (an export reads it in
    a process that may not extract anything, and the pure-Python parser takes about a second)."""
    text = resources.files(lexicons.__name__).joinpath("actors.yaml").read_text("utf-8")
    data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    assert isinstance(data, dict), "actors.yaml must be a mapping"
    return data


def _abbreviation(name: str) -> bool:
    return "." in name or name.isupper()


def is_state(code: str | None) -> bool:
    """Whether ``code`` is an ISO 3166-1 alpha-3 state code (current or former)."""
    if not code or len(code) != 3 or not code.isupper():
        return False
    if code in _EXTRA_STATES:
        return True
    return (
        pycountry.countries.get(alpha_3=code) is not None
        or pycountry.historic_countries.get(alpha_3=code) is not None
    )


@lru_cache(maxsize=1024)
def code_name(code: str) -> str:
    """A readable name for an actor code: a state's short name, an organisation's name, or the
    code itself when nothing better is known."""
    data = _gazetteer()
    if is_state(code):
        listed = [str(n) for n in data.get("country_names", {}).get(code, [])]
        if listed and not _abbreviation(listed[0]):
            return listed[0]
        if code in _EXTRA_STATES:
            return _EXTRA_STATES[code]
        country = pycountry.countries.get(alpha_3=code)
        if country is not None:
            return str(getattr(country, "common_name", None) or country.name)
        former = pycountry.historic_countries.get(alpha_3=code)
        return str(former.name).split(",")[0].strip() if former is not None else code
    for org in data.get("organisations", []):
        if org.get("code") == code and code in (org["name"], *org.get("aliases", [])):
            return str(org["name"])
    return code
