"""Actor mentions in an article, resolved to a code (ISO3 state or organisation) and a sector.

``find_mentions(doc, load_gazetteer())`` returns every mention in text order, non-overlapping,
each covering the head noun of its phrase so that ``MentionIndex.for_token`` finds it from any
word of the phrase. The gazetteer (``lexicons/actors.yaml`` plus pycountry, and a user file)
holds the knowledge; ``phrases`` reads noun phrases, ``carry`` carries what the article said
about an actor to its later mentions. Rules, as recorded on each mention:

- ``actors.country.v1``, ``actors.demonym.v1``, ``actors.capital.v1``, ``actors.org.v1``: the
  phrase's code comes from a name of that kind ("South Korea's foreign ministry" is
  ``actors.country.v1``, KOR, GOV; the demonym of "dismissed South Korean assertions" names
  who asserted, KOR); ``actors.place.v1``: a country or capital named as a place ("in Seoul",
  the dateline "SEOUL (Reuters) -"), and a city or region that is no seat of government
  ("Aleppo"), coded with no sector; ``actors.local.v1``: a phrase coded from the city or region
  it names or is "in" ("Delhi Police", "a court in Lyon"); ``actors.generic.v1``: no code
  ("police", "protesters"); ``actors.org.ner.v1``: an organisation only spaCy recognised. A
  plural demonym names civilians ("thousands of Iraqis", CVL); "X-led" gives X's code, "X-backed"
  none (``links``).
- ``actors.person.role.v1`` (role, title or country stated before the name: "President
  Buhari"), ``actors.person.appos.v1`` (stated in apposition), ``actors.person.dict.v1`` (the
  built-in list of well-known people), ``actors.person.v1`` (a name and nothing more).
- ``actors.carry.surname.v1``, ``actors.pronoun.v1``, ``actors.carry.definite.v1``,
  ``actors.carry.state.v1`` (an uncoded state body given the one state named around it).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from ...records import Actor
from .carry import apply_appositions, carry
from .dateline import mark_datelines
from .gazetteer import Entry, Gazetteer, load_gazetteer
from .phrases import Found, Phrases
from .resolve import Setting, article_setting, resolve

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["Entry", "Gazetteer", "Setting", "find_mentions", "load_gazetteer"]


def find_mentions(
    doc: Doc,
    gazetteer: Gazetteer,
    on: date | None = None,
    outlet: str | None = None,
    context: str | None = None,
) -> list[Actor]:
    """Every actor mention in ``doc``, in text order and non-overlapping, as it stands on the
    article's date ``on`` and in the article's country (``resolve``): its dateline's, else
    ``context`` (a country code the caller knows), else the home of ``outlet``, else the state
    the article names most.

    ``doc`` must be parsed (dependencies and entities): phrases are read from the parse.
    """
    phrases = Phrases(doc, gazetteer)
    found = mark_datelines(doc, phrases.find(), phrases.datelines)
    found = apply_appositions(doc, found)
    found = carry(doc, found, gazetteer)
    actors = [_actor(doc, f) for f in _non_overlapping(found)]
    place = _dateline_place(found, phrases.datelines)
    dateline = place.code if place is not None else context
    setting = article_setting(actors, gazetteer, on, dateline, outlet)
    if place is not None and place.region and setting.country == place.code:
        setting = replace(setting, region=place.region)
    return resolve(actors, gazetteer, setting, doc.text)


def _dateline_place(found: list[Found], datelines: list[tuple[int, int]]) -> Found | None:
    """The place the article's first dateline names ("LAGOS (Reuters) -", "ALBANY, N.Y."):
    its code, and its region when a name there gives one."""
    for first, dash in datelines[:1]:
        places = sorted(
            (
                f
                for f in found
                if first <= f.start and f.end <= dash + 1 and f.code and f.rule in _PLACE_RULES
            ),
            key=lambda f: f.start,
        )
        if places:
            region = next((f.region for f in places if f.region), None)
            return replace(places[0], region=region)
    return None


#: Rules of a name that says where: a dateline's place, not its agency ("(Reuters)").
_PLACE_RULES = frozenset(
    {"actors.place.v1", "actors.capital.v1", "actors.country.v1", "actors.local.v1"}
)


def _non_overlapping(found: list[Found]) -> list[Found]:
    """The longest of overlapping mentions, earlier first on ties, in text order."""
    taken = [False] * (max((f.end for f in found), default=0))
    kept: list[Found] = []
    for f in sorted(found, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(taken[f.start : f.end]):
            kept.append(f)
            for i in range(f.start, f.end):
                taken[i] = True
    return sorted(kept, key=lambda m: m.start)


def _actor(doc: Doc, f: Found) -> Actor:
    span = doc[f.start : f.end]
    return Actor(
        code=f.code,
        sector=f.sector,
        text=span.text,
        start=span.start_char,
        end=span.end_char,
        name=f.name,
        role=f.role,
        rule=f.rule,
        id=f.id,
        region=f.region,
    )
