"""Reading a user's actor file: YAML or CSV rows of name, aliases, code, sector, role (and an
optional kind), which add to or override the built-in gazetteer.

YAML::

    actors:
      - {name: Kim Hong-kyun, aliases: [Kim Hong Kyun], code: KOR, sector: GOV,
         role: first vice foreign minister}
      - {name: Namdaemun Police Station, code: KOR, sector: COP}

CSV: a header row naming the columns (``name`` required); aliases separated by ``;``.
Without ``kind``, an entry with a role is a person, any other an organisation.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ...errors import UsageError

_CODE = re.compile(r"[A-Z][A-Z0-9-]{1,11}")
_KINDS = ("place", "country", "demonym", "capital", "org", "person")
_COLUMNS = ("name", "aliases", "code", "sector", "role", "kind")


@dataclass(frozen=True, slots=True)
class UserEntry:
    name: str
    aliases: tuple[str, ...]
    code: str | None
    sector: str | None
    role: str | None
    kind: str


def read_user_file(path: str, sectors: frozenset[str]) -> list[UserEntry]:
    """The entries of a user actor file (``.csv`` is read as CSV, anything else as YAML).

    Raises:
        UsageError: the file is missing, unreadable, or an entry is malformed; the message is
            one line naming the file and the reason.
    """
    try:
        text = Path(path).read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise UsageError(f"{path}: cannot read actor file: {reason}") from None
    rows = _csv_rows(path, text) if path.lower().endswith(".csv") else _yaml_rows(path, text)
    return [_entry(path, n, row, sectors) for n, row in enumerate(rows, 1)]


def _yaml_rows(path: str, text: str) -> list[Any]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise UsageError(f"{path}: not valid YAML{where}") from None
    if isinstance(data, dict) and "actors" in data:
        data = data["actors"]
    if not isinstance(data, list):
        raise UsageError(f"{path}: expected a list of actors (or an 'actors:' list)")
    return data


def _csv_rows(path: str, text: str) -> list[Any]:
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in reader.fieldnames or []]
    if "name" not in header:
        raise UsageError(f"{path}: a CSV actor file needs a header row with a 'name' column")
    unknown = sorted(set(header) - set(_COLUMNS))
    if unknown:
        raise UsageError(f"{path}: unknown column {unknown[0]!r} (expected {', '.join(_COLUMNS)})")
    reader.fieldnames = header
    return [{k: v for k, v in row.items() if k is not None} for row in reader]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    value = str(value).strip()
    return value or None


def _aliases(value: Any) -> tuple[str, ...]:
    items: Iterable[Any]
    if value is None:
        items = ()
    elif isinstance(value, list):
        items = value
    else:
        items = re.split(r"[;|]", str(value))
    return tuple(a for a in (_text(v) for v in items) if a)


def _entry(path: str, n: int, row: Any, sectors: frozenset[str]) -> UserEntry:
    """One validated entry; ``n`` numbers it in messages."""
    if not isinstance(row, dict):
        raise UsageError(f"{path}: actor {n} is not a mapping of name, aliases, code, sector, role")
    name = _text(row.get("name"))
    if name is None:
        raise UsageError(f"{path}: actor {n} has no name")
    code, sector, role = _text(row.get("code")), _text(row.get("sector")), _text(row.get("role"))
    if code is not None and not _CODE.fullmatch(code):
        raise UsageError(f"{path}: actor {name!r} has a bad code {code!r} (e.g. KOR, NATO)")
    if sector is not None and sector not in sectors:
        raise UsageError(
            f"{path}: actor {name!r} has an unknown sector {sector!r} "
            f"(one of {', '.join(sorted(sectors))})"
        )
    kind = _text(row.get("kind")) or ("person" if role else "org")
    if kind not in _KINDS:
        raise UsageError(f"{path}: actor {name!r} has an unknown kind {kind!r}")
    return UserEntry(name, _aliases(row.get("aliases")), code, sector, role, kind)
