"""The actor gazetteer: names (countries, demonyms, capitals, organisations, people) and the
words that give a phrase its sector, loaded once from pycountry, ``lexicons/actors.yaml`` and an
optional user file.

Names are keyed by their words as spaCy's English tokenizer splits them, so a lookup is a dict
probe per token and window length, independent of any Doc's vocab. Names of four letters or
more that are not acronyms are also keyed case- and hyphen-folded ("SOUTH KOREA", "Kim
Jong-Un" = "Kim Jong Un"); a folded match must start with a capital letter so that ordinary
words ("turkey", "us", "who") never match.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pycountry

from .. import lexicons
from .kb import KB_SECTORS, KbEntry, cached, load_kb, state_codes, subdivisions
from .userfile import UserEntry, read_user_file

#: Kinds of named actor, in the order their entries are loaded (a later kind overrides an
#: earlier one for the same words; user entries come last). A ``place`` is a city or region
#: that is no seat of government ("Mumbai", "Uttar Pradesh"): it gives a phrase its state's
#: code ("Delhi Police") but stands for no government itself.
KINDS = ("place", "country", "demonym", "capital", "org", "person")

#: Sector codes a user file may name.
SECTORS = KB_SECTORS

_HYPHENS = frozenset({"-", "‐", "‑", "–"})


@dataclass(frozen=True, slots=True)
class Entry:
    """What a name stands for."""

    code: str | None
    sector: str | None
    kind: str
    """One of ``KINDS``."""
    name: str
    """The canonical name ("Vladimir Putin" for "Putin")."""
    role: str | None = None
    id: str | None = None
    """The knowledge-base id (``kb.KbEntry.id``) of a person or organisation it knows."""
    region: str | None = None
    """ISO 3166-2 first-level code of a region's own body or of a region named as a place."""


@dataclass(frozen=True)
class Gazetteer:
    """Names and sector words, ready for matching against a Doc's tokens."""

    exact: Mapping[tuple[str, ...], Entry]
    folded: Mapping[tuple[str, ...], Entry]
    max_len: int
    sector_words: Mapping[tuple[str, ...], str | None]
    """Lowercased word tuples that make a phrase an actor, with the sector they give."""
    titles_ignored: frozenset[str]
    locatives: frozenset[str]
    definites: Mapping[str, frozenset[str]]
    """Head word of a definite description -> codes it may stand for (``STATE``: any state)."""
    states: frozenset[str]
    """ISO 3166-1 alpha-3 codes (and XKX), and ISO 3166-3 codes of former states, to tell states
    from organisations."""
    named_heads: Mapping[str, str] = field(default_factory=dict)
    """Head words that give their sector only to a named phrase ("the Labour Party")."""
    speech_nouns: frozenset[str] = frozenset()
    """Nouns for what an actor says or asks ("assertion", "demand")."""
    person_titles: frozenset[str] = frozenset()
    """Words that make the capitalised name after them a person's ("President", "cleric")."""
    place_words: frozenset[str] = frozenset()
    """Nouns for a kind of place ("town", "province")."""
    expletive_verbs: frozenset[str] = frozenset()
    """Verbs whose subject "it" is a placeholder ("it is unclear")."""
    hyphen_links: Mapping[str, str] = field(default_factory=dict)
    """Participles after "X-" ("led", "backed") -> what X gives the phrase: ``acts`` (its code,
    and the phrase is an actor whatever its head), ``code`` (its code) or ``none``."""
    local_sectors: frozenset[str] = frozenset()
    """Sectors a phrase takes a code for from an "in X" phrase ("police in Lagos")."""
    people_sector: str | None = None
    """The sector of a plural demonym naming people ("thousands of Iraqis")."""
    state_carry_sectors: frozenset[str] = frozenset()
    """Sectors of a state's own bodies: an uncoded one takes the state named around it."""
    state_carry_blockers: frozenset[str] = frozenset()
    """Words that make such a phrase someone else's ("foreign forces")."""
    kb: Mapping[str, KbEntry] = field(default_factory=dict)
    """Knowledge-base entries by id, for what depends on the article's date."""
    kb_people: Mapping[str, str] = field(default_factory=dict)
    """``name_key`` of every knowledge-base person's name and alias -> their id."""
    kb_surnames: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Last word of every knowledge-base person's name (``name_key``) -> their ids, for a
    surname with a title ("Sen. Graham")."""
    homes: Mapping[str, str] = field(default_factory=dict)
    """Lowercased names of outlets -> their home country, for an article's context."""
    context_sectors: frozenset[str] = frozenset()
    """Sectors an uncoded phrase may take the article's country for (``basis: context``)."""
    _firsts: Mapping[str, tuple[int, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )
    _folded_firsts: Mapping[str, tuple[int, ...]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        # First word of every name -> the lengths of the names it starts, longest first: most
        # tokens start none and are dismissed with one lookup, the rest try only those lengths.
        object.__setattr__(self, "_firsts", _lengths_by_first(self.exact))
        object.__setattr__(self, "_folded_firsts", _lengths_by_first(self.folded))

    def match(self, words: Sequence[str], i: int) -> tuple[int, Entry] | None:
        """The longest name starting at ``words[i]``: its length in words and its entry."""
        first = words[i]
        exact = self._firsts.get(first, ())
        folded = self._folded_firsts.get(first.lower(), ()) if first[:1].isupper() else ()
        if not exact and not folded:
            return None
        left = len(words) - i
        for n in sorted({*exact, *_spans(folded)}, reverse=True):
            if n > left:
                continue
            window = tuple(words[i : i + n])
            if n > 1 and window[-1] in _HYPHENS:
                continue  # "Iran -" of "Iran-backed" is "Iran"
            entry = self.exact.get(window) if n in exact else None
            if entry is None and folded:
                entry = self.folded.get(fold(window))
            if entry is not None:
                return n, entry
        return None

    def sector_of(self, words: Sequence[str]) -> tuple[bool, str | None]:
        """Whether the lowercased ``words`` are an actor word, and the sector they give."""
        key = tuple(words)
        if key in self.sector_words:
            return True, self.sector_words[key]
        return False, None

    def is_state(self, code: str | None) -> bool:
        return code is not None and code in self.states


def _lengths_by_first(keys: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """First word -> lengths of the keys it starts, longest first (for folded keys, how far
    the text may run is ``_spans``)."""
    out: dict[str, set[int]] = {}
    for key in keys:
        if key:
            out.setdefault(key[0], set()).add(len(key))
    return {k: tuple(sorted(v, reverse=True)) for k, v in out.items()}


def _spans(lengths: tuple[int, ...]) -> range | tuple[int, ...]:
    """Window lengths a folded name of these lengths may take in text: hyphens are tokens
    there but not in its key ("Kim Jong - Un" is four tokens, "kim jong un" three)."""
    return range(1, 2 * max(lengths)) if lengths else ()


def fold(words: Iterable[str]) -> tuple[str, ...]:
    """Words lowercased with hyphens dropped: the key for names matched in any case."""
    return tuple(w.lower() for w in words if w not in _HYPHENS)


def name_key(name: str) -> str:
    """A person's name normalised for comparison ("Kim Jong-Un" -> "kim jong un")."""
    return " ".join(re.sub(r"[-‐‑–]", " ", name).lower().split())


@cache
def _tokenizer() -> Any:
    import spacy

    return spacy.blank("en").tokenizer


def tokens(surface: str) -> tuple[str, ...]:
    """``surface`` split into words as the English tokenizer splits article text."""
    return tuple(t.text for t in _tokenizer()(surface.strip()))


def _read_builtin() -> dict[str, Any]:
    data = lexicons.load("actors.yaml")
    assert isinstance(data, dict), "actors.yaml must be a mapping"
    return data


def _pycountry_names() -> Iterable[tuple[str, str]]:
    """(name, ISO3) for every state's name, common name and official name without commas."""
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value and "(" not in value:
                yield value, country.alpha_3


def _historic_names(extra: Mapping[str, list[str]]) -> Iterable[tuple[str, str]]:
    """(name, code) for former states: pycountry's historic names up to their first comma
    ("USSR, Union of Soviet Socialist Republics" -> "USSR"), and the YAML's other names."""
    for country in pycountry.historic_countries:
        name = country.name.split(",")[0].strip()
        if name and "(" not in name:
            yield name, country.alpha_3
    for code, names in extra.items():
        yield from ((n, code) for n in names)


def _derived_demonyms(
    names: Iterable[tuple[str, str]], rules: list[dict[str, str]]
) -> Iterable[tuple[str, str]]:
    """Demonyms made from short names by the YAML suffix rules ("Russia" -> "Russian")."""
    for name, code in names:
        if len(name.split()) > 2 or name.startswith("the "):
            continue
        for rule in rules:
            if name.endswith(rule["from"]):
                yield name[: -len(rule["from"])] + rule["to"], code
                break


def _demonyms(data: dict[str, Any], names: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Every (demonym, code): derived, listed, and the plurals of those whose ending the YAML
    names ("Nigerian" -> "Nigerians", "Iraqi" -> "Iraqis")."""
    forms = list(_derived_demonyms(names, data["demonym_rules"]))
    for code, listed in data["demonyms"].items():
        forms.extend((f, code) for f in listed)
    endings = tuple(data.get("demonym_plural_endings", ()))
    known = {f for f, _ in forms}
    plurals = [
        (f + "s", c) for f, c in forms if endings and f.endswith(endings) and f + "s" not in known
    ]
    return forms + plurals


@cache
def _first_level_regions() -> dict[tuple[str, str], str]:
    """(ISO3 of the country, subdivision name) -> ISO 3166-2 code, for first-level
    subdivisions ("USA", "Nebraska" -> "US-NE")."""
    out: dict[tuple[str, str], str] = {}
    for sub in subdivisions().values():
        if getattr(sub, "parent_code", None):
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is not None:
            out.setdefault((country.alpha_3, sub.name), sub.code)
    return out


def _kb_entries(kb: Iterable[KbEntry]) -> list[tuple[str, Entry]]:
    """(surface, entry) for every name and alias of the knowledge base."""
    out: list[tuple[str, Entry]] = []
    for item in kb:
        code, sector, role, region = item.at(None)
        entry = Entry(code, sector, item.kind, item.name, role, item.id, region)
        out.extend((s, entry) for s in (item.name, *item.aliases))
    return out


def _builtin_entries(data: dict[str, Any]) -> list[tuple[str, Entry]]:
    """Every (surface, entry) of the built-in data, in loading order."""
    out: list[tuple[str, Entry]] = []
    regions = _first_level_regions()
    for code, places in data.get("places", {}).items():
        out.extend(
            (p, Entry(code, None, "place", p, region=regions.get((code, p)))) for p in places
        )
    for region, names in data.get("region_names", {}).items():
        country = pycountry.countries.get(alpha_2=str(region).split("-")[0])
        if country is not None:
            out.extend((n, Entry(country.alpha_3, None, "place", n, region=region)) for n in names)
    names = list(_historic_names(data.get("historic_names", {})))  # current names load later
    names.extend(_pycountry_names())
    for code, extra in data["country_names"].items():
        names.extend((n, code) for n in extra)
    out.extend((n, Entry(c, None, "country", n)) for n, c in names)
    for surface, code in _demonyms(data, names):
        out.append((surface, Entry(code, None, "demonym", surface)))
    for code, seats in data["capitals"].items():
        out.extend((s, Entry(code, "GOV", "capital", s)) for s in seats)
    for item in data["seats"]:
        entry = Entry(item["code"], item["sector"], "capital", item["name"])
        out.extend((s, entry) for s in [item["name"], *item.get("aliases", [])])
    for item in data["organisations"]:
        ident = item.get("id")
        entry = Entry(item.get("code"), item.get("sector"), "org", item["name"], id=ident)
        out.extend((s, entry) for s in [item["name"], *item.get("aliases", [])])
    for item in data["people"]:
        entry = Entry(item["code"], item["sector"], "person", item["name"], item.get("role"))
        out.extend((s, entry) for s in [item["name"], *item.get("aliases", [])])
    out.extend(_kb_entries(load_kb()))
    return out


def _user_entries(user: list[UserEntry]) -> list[tuple[str, Entry]]:
    out: list[tuple[str, Entry]] = []
    for item in user:
        entry = Entry(item.code, item.sector, item.kind, item.name, item.role)
        out.extend((s, entry) for s in (item.name, *item.aliases))
    return out


def _sector_words(data: dict[str, Any]) -> dict[tuple[str, ...], str | None]:
    out: dict[tuple[str, ...], str | None] = {}
    for sector, words in data["sectors"].items():
        for word in words:
            out[tuple(str(word).lower().split())] = None if sector == "NONE" else str(sector)
    return out


def _foldable(surface: str) -> bool:
    letters = [c for c in surface if c.isalpha()]
    return len(letters) >= 4 and not surface.isupper()


@dataclass(frozen=True, slots=True)
class _KbMaps:
    by_id: dict[str, KbEntry]
    people: dict[str, str]
    surnames: dict[str, tuple[str, ...]]
    homes: dict[str, str]


def _kb_maps(kb: Iterable[KbEntry]) -> _KbMaps:
    """Knowledge-base entries by id, people's name keys and surnames -> id, outlets -> home."""
    maps = _KbMaps({}, {}, {}, {})
    for item in kb:
        maps.by_id[item.id] = item
        if item.kind == "person":
            last = name_key(item.name).split()[-1:]
            if last and item.id not in maps.surnames.get(last[0], ()):
                maps.surnames[last[0]] = (*maps.surnames.get(last[0], ()), item.id)
        for surface in (item.name, *item.aliases):
            if item.kind == "person":
                maps.people[name_key(surface)] = item.id
            elif item.sector == "MED" and item.country:
                maps.homes[surface.lower()] = item.country
    return maps


Index = tuple[dict[tuple[str, ...], Entry], dict[tuple[str, ...], Entry]]


def index(entries: Iterable[tuple[str, Entry]], into: Index | None = None) -> Index:
    """(exact, folded) word-tuple keys of (surface, entry) pairs; later pairs override."""
    exact, folded = ({}, {}) if into is None else (dict(into[0]), dict(into[1]))
    for surface, entry in entries:
        words = tokens(surface)
        if not words:
            continue
        exact[words] = entry
        if _foldable(surface):
            folded[fold(words)] = entry
    return exact, folded


def build(names: Index, data: dict[str, Any]) -> Gazetteer:
    """A gazetteer from the ``index`` of its (surface, entry) pairs and the YAML's word lists."""
    exact, folded = names
    maps = _kb_maps(load_kb())
    return Gazetteer(
        exact=exact,
        folded=folded,
        max_len=max((len(k) for k in exact), default=1),
        sector_words=_sector_words(data),
        titles_ignored=frozenset(str(w).lower() for w in data["titles_ignored"]),
        locatives=frozenset(str(w).lower() for w in data["locative_prepositions"]),
        definites={str(k): frozenset(v) for k, v in data["definites"].items()},
        states=state_codes(),
        named_heads={str(k): str(v) for k, v in data.get("named_heads", {}).items()},
        speech_nouns=_words(data, "speech_nouns"),
        person_titles=_words(data, "person_titles"),
        place_words=_words(data, "place_words"),
        expletive_verbs=_words(data, "expletive_it_verbs"),
        hyphen_links={str(k).lower(): str(v) for k, v in data.get("hyphen_links", {}).items()},
        local_sectors=frozenset(str(s) for s in data.get("local_sectors", ())),
        people_sector=data.get("demonym_people_sector"),
        state_carry_sectors=frozenset(str(s) for s in data.get("state_carry_sectors", ())),
        state_carry_blockers=_words(data, "state_carry_blockers"),
        kb=maps.by_id,
        kb_people=maps.people,
        kb_surnames=maps.surnames,
        homes=maps.homes,
        context_sectors=frozenset(str(s) for s in data.get("context_sectors", ())),
    )


def _words(data: dict[str, Any], key: str) -> frozenset[str]:
    """A YAML word list, lowercased."""
    return frozenset(str(w).lower() for w in data.get(key, ()))


@cache
def load_gazetteer(user_file: str = "") -> Gazetteer:
    """The built-in gazetteer, extended and overridden by ``user_file`` when given; cached.

    Raises:
        UsageError: ``user_file`` cannot be read or is not a valid actor list.
    """
    data = _read_builtin()
    built = cached("gazetteer", lambda: index(_builtin_entries(data)))
    if user_file:
        built = index(_user_entries(read_user_file(user_file, SECTORS)), built)
    return build(built, data)
