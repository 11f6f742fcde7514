"""What each actor mention is on the article's date and in the article's country.

The phrase rules (``phrases``, ``carry``) read what the words say; this last pass adds what the
words leave to the reader:

- **Dated offices** (``actors.kb.person.v1``): a person the knowledge base knows takes the
  office held on the article's date, ``ELI`` after the last one ended ("Obama" in 2019), and
  the office's region ("Senator Obama" in 2007: ``US-IL``). The phrase's own title wins over
  the list for sector and role ("President Obama" stays GOV), and "former" or "ex-" make
  ``ELI`` whatever the date.
- **Dated organisations**: a body whose sector changed (the Taliban: GOV from 2021-08-15).
- **Party groups in a chamber** are the chamber: "Senate Democrats", "Labour MPs" (``LEG``).
- **Context** (``basis: context``): an uncoded domestic institution ("the Senate", "the
  governor", "police") takes the country the article is about: its dateline's, else its
  outlet's home, else the state it names most (at least twice and half of all state names).
- **Titles are not names**: "Mr. Jordan" is a person named Jordan, never the country.
- ``basis`` records how each code was known (see ``records.Actor``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from ...records import Actor
from .gazetteer import Gazetteer, name_key
from .kb import KbEntry

#: How the rule that coded a mention knew its code.
BASIS_BY_RULE = {
    "actors.country.v1": "name",
    "actors.capital.v1": "name",
    "actors.local.v1": "name",
    "actors.place.v1": "name",
    "actors.region.v1": "name",
    "actors.demonym.v1": "title",
    "actors.org.v1": "kb",
    "actors.person.dict.v1": "kb",
    "actors.kb.person.v1": "kb",
    "actors.person.role.v1": "title",
    "actors.person.appos.v1": "title",
    "actors.carry.surname.v1": "carried",
    "actors.pronoun.v1": "carried",
    "actors.carry.definite.v1": "carried",
    "actors.carry.state.v1": "carried",
    "actors.first_person.v1": "quote",
}
KB_PERSON_RULE = "actors.kb.person.v1"
#: Sectors of office: "former" makes them ELI.
OFFICE_SECTORS = frozenset("GOV DIP MIL COP JUD LEG SPY IGO".split())
#: Words that make a stated office a past one.
FORMER_WORDS = ("former ", "ex-", "ex ", "one-time ", "onetime ", "erstwhile ")
#: Words of a chamber that make a party group a legislative one.
CHAMBER_WORDS = frozenset(
    "senate house congressional parliamentary lawmakers legislators mps caucus assembly "
    "congressmen congresswomen senators representatives".split()
)
#: Words that make an uncoded body foreign to the article's country.
FOREIGN_WORDS = frozenset("foreign international overseas rebel enemy allied coalition".split())
#: Words of a region's own bodies and offices: the dateline's region is theirs.
REGIONAL_WORDS = frozenset(
    "governor state statehouse legislature assembly lieutenant attorney county mayor".split()
)
#: Words after "foreign" that name the state's own office ("the foreign ministry").
OWN_FOREIGN = ("minist", "secretar", "office", "affairs", "service", "policy")
#: Role words that name someone by their relation to the named body ("Kremlin critic"): that
#: body gives the person no sector.
RELATIONAL_ROLES = frozenset(
    "critic critics opponent opponents foe rival ally allies adviser advisor aide".split()
)
#: Titles before a name that make a country's name a person's ("Mr. Jordan").
NAME_TITLES = frozenset(
    "mr mr. mrs mrs. ms ms. miss dr dr. sen. sen rep. rep gov. gen. lt. col. capt. sgt. "
    "judge justice".split()
)


@dataclass(frozen=True, slots=True)
class Setting:
    """What the article says about itself: its date and the country it is about."""

    on: date | None = None
    country: str | None = None
    """The article's country: dateline, outlet's home or the state named most."""
    why: str | None = None
    """``dateline``, ``outlet`` or ``named``."""
    region: str | None = None
    """The region the dateline names ("ALBANY, N.Y." -> ``US-NY``), for a region's own body."""


def article_setting(
    actors: Sequence[Actor],
    gaz: Gazetteer,
    on: date | None = None,
    dateline: str | None = None,
    outlet: str | None = None,
) -> Setting:
    """The article's date and country, from its dateline's code, its outlet or its names."""
    if dateline and gaz.is_state(dateline):
        return Setting(on, dateline, "dateline")
    home = gaz.homes.get((outlet or "").strip().lower())
    if home:
        return Setting(on, home, "outlet")
    named = dominant_state(actors, gaz)
    return Setting(on, named, "named" if named else None)


def dominant_state(actors: Iterable[Actor], gaz: Gazetteer) -> str | None:
    """The state named most, if at least twice and by half of the state names or more."""
    counts = Counter(
        a.code
        for a in actors
        if gaz.is_state(a.code)
        and a.sector != "MED"  # an agency's credit or an outlet names no subject
        and BASIS_BY_RULE.get(a.rule) in ("name", "title", "kb")
    )
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2)
    if n < 2 or n * 2 < sum(counts.values()) or (rest and rest[0][1] == n):
        return None
    return top


def resolve(actors: Sequence[Actor], gaz: Gazetteer, setting: Setting, text: str) -> list[Actor]:
    """Each mention with its dated office, chamber, context country, id, region and basis;
    ``text`` is the article text the offsets point into."""
    out = []
    for actor in actors:
        actor = _not_a_country(actor, text, gaz)
        actor = _dated(actor, gaz, setting.on)
        actor = _chamber(actor)
        actor = _context(actor, gaz, setting)
        if actor.basis is None and actor.code is not None:
            actor = replace(actor, basis=BASIS_BY_RULE.get(actor.rule))
        out.append(actor)
    return out


def _before(actor: Actor, text: str, width: int = 12) -> str:
    return text[max(0, actor.start - width) : max(0, actor.start)].lower()


def _not_a_country(actor: Actor, text: str, gaz: Gazetteer) -> Actor:
    """A country's name after a person's title is that person's name ("Mr. Jordan")."""
    if actor.rule != "actors.country.v1" or actor.start < 0:
        return actor
    own = actor.text.split()
    words = _before(actor, text).split() + [w.lower() for w in own[:-1]]
    if not words or words[-1] not in NAME_TITLES:
        return actor
    return replace(actor, code=None, sector=None, name=own[-1], rule="actors.person.v1")


def _former(actor: Actor) -> bool:
    """Whether the words before the person's name make the office a past one."""
    words = actor.text.lower()
    name = (actor.name or "").lower()
    head = words[: words.rfind(name)] if name and name in words else words
    return any(w in head for w in FORMER_WORDS)


def _dated(actor: Actor, gaz: Gazetteer, on: date | None) -> Actor:
    """A known person's office on ``on``; a dated organisation's sector on ``on``."""
    ident = actor.id or (gaz.kb_people.get(name_key(actor.name)) if actor.name else None)
    entry = gaz.kb.get(ident) if ident else _titled_surname(actor, gaz, on)
    if entry is None:
        if actor.sector in OFFICE_SECTORS and _former(actor):
            return replace(actor, sector="ELI")
        return actor
    code, sector, role, region = entry.at(on)
    if entry.kind == "org":
        if entry.periods and actor.sector in (entry.sector, entry.at(None)[1]):
            return replace(actor, sector=sector, id=entry.id)
        return replace(actor, id=entry.id, region=actor.region or region)
    stated = actor.rule in ("actors.person.role.v1", "actors.person.appos.v1")
    role_words = (actor.role or "").lower().split()
    relational = bool(role_words) and role_words[-1] in RELATIONAL_ROLES
    if stated and actor.sector is not None and not relational:
        sector, role = actor.sector, actor.role
    if _former(actor) and (sector in OFFICE_SECTORS or sector is None):
        sector = "ELI"
    by_kb = actor.code is None or actor.rule in ("actors.person.dict.v1", "actors.person.v1")
    return replace(
        actor,
        code=actor.code if actor.code is not None and not by_kb else code,
        sector=sector,
        role=role or actor.role,
        region=region if region else actor.region,
        id=entry.id,
        basis="kb" if by_kb else None,
        rule=KB_PERSON_RULE if actor.rule == "actors.person.v1" else actor.rule,
    )


def _titled_surname(actor: Actor, gaz: Gazetteer, on: date | None) -> KbEntry | None:
    """The one known person of a surname whose office matches the title before it ("Sen.
    Graham": the senator Graham in office on ``on``); None when there is not exactly one."""
    if not actor.name or actor.sector is None or len(actor.name.split()) != 1:
        return None
    found = []
    for ident in gaz.kb_surnames.get(name_key(actor.name), ()):
        entry = gaz.kb[ident]
        sectors = {r.sector for r in entry.roles if on is None or r.holds(on)}
        if actor.sector in sectors and (actor.code is None or actor.code == entry.country):
            found.append(entry)
    return found[0] if len(found) == 1 else None


def _chamber(actor: Actor) -> Actor:
    """A party group in a chamber is the chamber ("Senate Democrats": LEG)."""
    if actor.sector != "PTY":
        return actor
    words = set(actor.text.lower().replace("-", " ").split())
    return replace(actor, sector="LEG") if words & CHAMBER_WORDS else actor


def _foreign(text: str) -> bool:
    """Whether the words make a body another state's ("foreign forces", "rebel militia"), not
    the state's own office for foreign affairs ("the foreign ministry")."""
    words = text.lower().split()
    for i, w in enumerate(words):
        if w in FOREIGN_WORDS:
            after = words[i + 1] if i + 1 < len(words) else ""
            if w != "foreign" or not after.startswith(OWN_FOREIGN):
                return True
    return False


def _context(actor: Actor, gaz: Gazetteer, setting: Setting) -> Actor:
    """An uncoded domestic institution with the article's country (``basis: context``); a
    region's own ("the governor", "the state legislature") also with the dateline's region."""
    regional = set(actor.text.lower().replace("-", " ").split()) & REGIONAL_WORDS
    own = actor.code == setting.country or (
        actor.code is None and actor.sector in gaz.context_sectors
    )
    if setting.region and regional and own and actor.region is None:
        return replace(
            actor, code=setting.country, region=setting.region, basis=actor.basis or "context"
        )
    if actor.code is not None or setting.country is None:
        return actor
    if actor.sector not in gaz.context_sectors:
        return actor
    if _foreign(actor.text):
        return actor
    return replace(actor, code=setting.country, basis="context")
