"""The actor knowledge base: people with dated offices and organisations with country, sector,
region and id, read from ``lexicons/kb/*.yaml`` (format and rules in ``kb/README.md``).

``load_kb()`` returns every entry of the packaged files; ``check(data, name)`` lists what is
wrong with one file's data. ``python -m wirewatch.extract.actors.kb FILE...`` prints those
problems, one line each, and exits 1 when there is one.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

import pycountry
import yaml

T = TypeVar("T")

#: Sector codes the knowledge base may use (docs/actors.md).
KB_SECTORS = frozenset(
    "GOV DIP MIL COP JUD LEG SPY PTY OPP REB ELI CVL BUS LAB AGR EDU HLH MED REL REF CRM NGO "
    "IGO UAF".split()
)
#: Codes of international bodies that stand where a country code would.
IGO_CODES = frozenset("UN EU NATO IMF WHO ICC ICJ IAEA AU ASEAN OPEC WTO OSCE IGO NGO IMG".split())
#: Which of a person's offices held at once speaks for them: the first sector in this order.
ROLE_RANK = (
    "GOV IGO MIL SPY COP JUD DIP REB OPP LEG PTY ELI BUS MED NGO LAB EDU HLH REL AGR CVL REF "
    "CRM UAF"
).split()
_RANK = {sector: i for i, sector in enumerate(ROLE_RANK)}

_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")
#: libyaml's safe loader where PyYAML was built with it (eight times faster on these files).
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class Role:
    """One office of a person, with the dates it was held (either end may be open)."""

    role: str
    sector: str
    start: date | None
    end: date | None
    country: str | None = None
    """The office's own code when it is not the person's ("UN" for a secretary-general)."""
    region: str | None = None

    def holds(self, on: date) -> bool:
        return _within(self.start, self.end, on)


@dataclass(frozen=True, slots=True)
class Period:
    """A sector an organisation has from ``start`` on ("the Taliban": GOV from 2021-08-15)."""

    sector: str
    start: date | None
    end: date | None = None

    def holds(self, on: date) -> bool:
        return _within(self.start, self.end, on)


def _within(start: date | None, end: date | None, on: date) -> bool:
    """Whether ``on`` falls in ``[start, end)``, either end open when None."""
    return (start is None or start <= on) and (end is None or on < end)


@dataclass(frozen=True, slots=True)
class KbEntry:
    """A person or organisation the knowledge base knows."""

    kind: str
    """``person`` or ``org``."""
    name: str
    aliases: tuple[str, ...]
    country: str | None
    sector: str | None
    """An organisation's sector; for a person, the sector of their latest office."""
    id: str
    region: str | None = None
    roles: tuple[Role, ...] = ()
    periods: tuple[Period, ...] = ()
    source: str | None = None
    file: str = ""

    def at(self, on: date | None) -> tuple[str | None, str | None, str | None, str | None]:
        """(code, sector, role, region) of the entry on the date ``on`` (None: its latest)."""
        if self.kind == "org":
            sector = self.sector
            for p in self.periods:
                if on is None or p.holds(on):
                    sector = p.sector
            return self.country, sector, None, self.region
        role = self._role_at(on)
        if role is None:
            return self.country, None, None, None
        if role.sector == "ELI" or (on is not None and role.end is not None and on >= role.end):
            return self.country, "ELI", "former " + role.role, None
        return role.country or self.country, role.sector, role.role, role.region or self.region

    def _role_at(self, on: date | None) -> Role | None:
        if not self.roles:
            return None
        if on is None:
            ongoing = [r for r in self.roles if r.end is None]
            return _ranked(ongoing) if ongoing else max(self.roles, key=_end_key)
        held = [r for r in self.roles if r.holds(on)]
        if held:
            return _ranked(held)
        past = [r for r in self.roles if r.end is not None and r.end <= on]
        return max(past, key=_end_key) if past else None


def _end_key(role: Role) -> date:
    return role.end or date.max


def _ranked(roles: list[Role]) -> Role:
    return min(roles, key=lambda r: _RANK.get(r.sector, len(_RANK)))


def parse_date(value: Any, upper: bool = False) -> date | None:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (or a YAML date) as a date; a partial date is
    its first day, or with ``upper`` the first day after it.

    Raises:
        ValueError: the value is no such date.
    """
    if value is None:
        return None
    if isinstance(value, date):
        return value
    m = _DATE.match(str(value).strip())
    if m is None:
        raise ValueError(f"not a date: {value!r}")
    y, mo, d = int(m[1]), int(m[2] or 1), int(m[3] or 1)
    try:
        if upper and m[3] is None:
            if m[2] is None:
                return date(y + 1, 1, 1)
            return date(y + (mo == 12), mo % 12 + 1, date(y, mo, 1).day)
        return date(y, mo, d)
    except ValueError:
        raise ValueError(f"not a date: {value!r}") from None


def slug(kind: str, name: str) -> str:
    """A stable id from a name: ``person:nancy-pelosi``, ``org:federal-bureau-of-investigation``."""
    folded = re.sub(r"[^a-z0-9]+", "-", _ascii(name).lower()).strip("-")
    return f"{kind}:{folded}"


def _ascii(text: str) -> str:
    import unicodedata

    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


@cache
def state_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes of current and former states (ISO 3166-3), and XKX (Kosovo)."""
    codes = {c.alpha_3 for c in pycountry.countries} | {"XKX"}
    return frozenset(codes | {c.alpha_3 for c in pycountry.historic_countries})


@cache
def subdivisions() -> dict[str, Any]:
    """pycountry's subdivisions by ISO 3166-2 code ("US-NE")."""
    return {sub.code: sub for sub in pycountry.subdivisions}


def check(data: Any, name: str) -> list[str]:
    """Every problem in one knowledge-base file's parsed YAML, as ``name: where: what``."""
    if not isinstance(data, dict):
        return [f"{name}: the file must be a mapping with `people` and/or `organisations`"]
    problems: list[str] = []
    for i, item in enumerate(data.get("people") or []):
        problems.extend(f"{name}: people[{i}]: {p}" for p in _check_person(item))
    for i, item in enumerate(data.get("organisations") or []):
        problems.extend(f"{name}: organisations[{i}]: {p}" for p in _check_org(item))
    return problems


def _check_code(code: Any) -> list[str]:
    if code is None or code in state_codes() or code in IGO_CODES:
        return []
    return [f"unknown country or body code {code!r}"]


def _check_region(region: Any) -> list[str]:
    if region is None or region in subdivisions():
        return []
    return [f"unknown ISO 3166-2 region {region!r}"]


def _check_common(item: Any) -> list[str]:
    if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"]:
        return ["an entry needs a `name`"]
    aliases = item.get("aliases") or []
    if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
        return [f"{item['name']}: `aliases` must be a list of names"]
    return _check_code(item.get("country", item.get("code"))) + _check_region(item.get("region"))


def _check_person(item: Any) -> list[str]:
    problems = _check_common(item)
    if problems and "needs a `name`" in problems[0]:
        return problems
    roles = item.get("roles")
    if not isinstance(roles, list) or not roles:
        return [*problems, f"{item['name']}: a person needs `roles`"]
    for role in roles:
        problems.extend(f"{item['name']}: {p}" for p in _check_role(role))
    return problems


def _check_role(role: Any) -> list[str]:
    if not isinstance(role, dict) or not role.get("role"):
        return ["a role needs `role` and `sector`"]
    problems = (
        [] if role.get("sector") in KB_SECTORS else [f"unknown sector {role.get('sector')!r}"]
    )
    problems += _check_code(role.get("country")) + _check_region(role.get("region"))
    try:
        start, end = parse_date(role.get("from")), parse_date(role.get("to"), upper=True)
    except ValueError as err:
        return [*problems, str(err)]
    if start and end and end < start:
        problems.append(f"role {role['role']!r} ends before it starts")
    return problems


def _check_org(item: Any) -> list[str]:
    problems = _check_common(item)
    if problems and "needs a `name`" in problems[0]:
        return problems
    if item.get("sector") not in KB_SECTORS:
        problems.append(f"{item['name']}: unknown sector {item.get('sector')!r}")
    for change in item.get("changes") or []:
        if not isinstance(change, dict) or change.get("sector") not in KB_SECTORS:
            problems.append(f"{item['name']}: a change needs a known `sector`")
            continue
        try:
            parse_date(change.get("from"))
        except ValueError as err:
            problems.append(f"{item['name']}: {err}")
    return problems


def entries_of(data: dict[str, Any], file: str = "") -> Iterator[KbEntry]:
    """The entries of one checked file's data."""
    for item in data.get("people") or []:
        roles = tuple(
            Role(
                role=str(r["role"]),
                sector=str(r["sector"]),
                start=parse_date(r.get("from")),
                end=parse_date(r.get("to"), upper=True),
                country=r.get("country"),
                region=r.get("region"),
            )
            for r in item["roles"]
        )
        latest = max(roles, key=_end_key)
        yield KbEntry(
            kind="person",
            name=item["name"],
            aliases=tuple(item.get("aliases") or ()),
            country=item.get("country", item.get("code")),
            sector=latest.sector,
            id=item.get("id") or slug("person", item["name"]),
            region=item.get("region"),
            roles=roles,
            source=item.get("source"),
            file=file,
        )
    for item in data.get("organisations") or []:
        periods = tuple(
            Period(str(c["sector"]), parse_date(c.get("from")), parse_date(c.get("to"), True))
            for c in item.get("changes") or []
        )
        yield KbEntry(
            kind="org",
            name=item["name"],
            aliases=tuple(item.get("aliases") or ()),
            country=item.get("country", item.get("code")),
            sector=str(item["sector"]),
            id=item.get("id") or slug("org", item["name"]),
            region=item.get("region"),
            periods=periods,
            source=item.get("source"),
            file=file,
        )


def _packaged_files() -> list[tuple[str, str]]:
    folder = resources.files("wirewatch.extract.lexicons").joinpath("kb")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return [(f.name, f.read_text(encoding="utf-8")) for f in files]


@cache
def _digest() -> str:
    """One hash of the packaged actor data (``actors.yaml`` and every knowledge-base file),
    of the code that builds from it and of this wirewatch's version: what a cached build of
    them is valid for."""
    from ... import __version__

    h = hashlib.sha256(__version__.encode())
    for module in ("kb.py", "gazetteer.py"):  # the code that builds what is cached
        h.update((Path(__file__).parent / module).read_bytes())
    folder = resources.files("wirewatch.extract.lexicons")
    h.update(folder.joinpath("actors.yaml").read_bytes())
    for name, text in _packaged_files():
        h.update(name.encode() + b"\0" + text.encode("utf-8"))
    return h.hexdigest()[:24]


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "wirewatch"


def cached(name: str, build: Callable[[], T]) -> T:
    """``build()``, kept in the user's cache folder (``$XDG_CACHE_HOME/wirewatch``) under the
    hash of the packaged actor data, so that a process does not parse and index ten thousand
    entries again while the data is unchanged. A cache that cannot be read or written is
    rebuilt or skipped; the data files stay the only source."""
    try:
        path: Path | None = _cache_dir() / f"{name}-{_digest()}.pickle"
    except RuntimeError:
        path = None  # no home folder: build every time
    try:
        if path is not None:
            with path.open("rb") as f:
                return cast(T, pickle.load(f))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        pass  # no cache yet, or a broken cache file: build anew
    value = build()
    if path is None:
        return value
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass
    return value


@cache
def load_kb() -> tuple[KbEntry, ...]:
    """Every entry of the packaged knowledge base, in file order (cached, see ``cached``).

    Raises:
        ValueError: a packaged file breaks the rules (a test keeps this from shipping).
    """
    return cached("kb", _read_kb)


def _read_kb() -> tuple[KbEntry, ...]:
    out: list[KbEntry] = []
    for name, text in _packaged_files():
        data = yaml.load(text, Loader=_LOADER) or {}
        problems = check(data, name)
        if problems:
            raise ValueError(problems[0])
        out.extend(entries_of(data, name))
    return tuple(out)


def main(argv: Iterable[str]) -> int:
    """Check knowledge-base files; print each problem; 1 when there is one."""
    problems: list[str] = []
    counted = 0
    for path in argv:
        try:
            data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
        except (OSError, yaml.YAMLError) as err:
            problems.append(f"{path}: cannot be read: {str(err).splitlines()[0]}")
            continue
        problems.extend(check(data, path))
        if isinstance(data, dict):
            counted += len(data.get("people") or []) + len(data.get("organisations") or [])
    for p in problems:
        print(p)
    print(f"{counted} entries, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
