"""One entity per real actor across the corpus, with every spelling used for it.

The extract stage codes each mention on its own (``Actor``: code, sector, and for people the
full name the article gives). This stage joins them across articles:

* States: every mention of a state as a whole (sector None or GOV), capitals and seats of
  government included ("Seoul", "the Kremlin"), is ``state:<ISO3>``; a state's other bodies
  (troops, embassies, spies) are ``group:<ISO3>.<sector>``; organisations are ``org:<code>``.
  Places named as places (rule ``actors.place.v1``) and uncoded mentions are no actors.
* People: the names articles give are compared token by token after transliteration folds
  (``lexicons/entities.yaml``), so "Georgy Zinoview", "Georgiy Zinoviev" and "Kim Jong-Un" /
  "Kim Jong Un" meet, while "Kim Jong Un" and "Kim Hong-kyun" (same surname, other given
  names) stay apart; clusters merge only when all their full names match, so "George Bush"
  cannot chain "George W. Bush" to "George H. W. Bush". A name of one word ("Zinoviev") joins a
  full name only on evidence, tried in order: the same article gives that full name; code or
  role agree and the person is the corpus's only one with that surname, or far the most named
  (``DOMINANCE``); the gazetteer's list of known people names it, and the corpus has no other
  person of that surname. The extract stage already writes the full name on surnames it
  carried ("Kim" -> "Kim Hong-kyun"), so those join their person directly.

Pronoun mentions that the extract stage resolved ("he", "we") count as mentions of the entity
but are no alias of it. Functions are pure over their inputs; ids are stable across runs.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import pycountry

from ..extract.actors.gazetteer import Entry, fold, load_gazetteer, tokens
from ..records import Actor, Entity, MentionRef
from .names import (
    display_name,
    is_pronoun,
    name_tokens,
    names_match,
    person_alias,
    roles_agree,
    slug,
    surname_forms,
)

PLACE_RULE = "actors.place.v1"
"""Mentions of a place as a place ("in central Seoul"): not an actor."""

#: Sectors under which a state's mention stands for the state itself.
STATE_SECTORS = frozenset({None, "GOV"})

#: A lone surname shared by several people of the corpus goes to the one that at least
#: ``DOMINANCE`` times as many articles name (and at least ``DOMINANT_MIN_ARTICLES``) as all the
#: others together, when code or role agree; otherwise it stays apart.
DOMINANCE = 4
DOMINANT_MIN_ARTICLES = 3

EntityKind = Literal["person", "state", "org", "group"]

# --- mentions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Seen:
    """One mention with the article it stands in."""

    article_id: str
    actor: Actor
    order: int
    """Position in the input, so that mentions are listed in corpus order."""

    def ref(self) -> MentionRef:
        a = self.actor
        return MentionRef(self.article_id, a.text, a.start, a.end)


def _alias(seen: _Seen) -> str | None:
    actor = seen.actor
    if actor.name is not None:
        return person_alias(actor)
    return None if is_pronoun(actor.text) else actor.text


def actor_key(actor: Actor) -> tuple[EntityKind, str] | None:
    """The kind and id of the entity a non-person mention belongs to; None for what is no
    actor (a place, an uncoded mention)."""
    if actor.rule == PLACE_RULE or actor.code is None:
        return None
    if actor.code not in load_gazetteer().states:
        return "org", f"org:{actor.code}"
    if actor.sector in STATE_SECTORS:
        return "state", f"state:{actor.code}"
    return "group", f"group:{actor.code}.{actor.sector}"


def _most_common(values: Iterable[str | None]) -> str | None:
    """The most frequent non-None value (see ``_pick``)."""
    return _pick(Counter(v for v in values if v is not None))


def _pick(counts: Counter[str]) -> str | None:
    """The most counted value; on a tie one not in capitals ("Seoul" over "SEOUL"), then the
    first in sort order, so that the choice does not depend on the order articles come in."""
    return min(counts, key=lambda v: (-counts[v], v.isupper(), v)) if counts else None


def _aliases(
    seen: Sequence[_Seen], code: str | None = None, state: bool = False
) -> tuple[str, ...]:
    """Distinct spellings in order of first use; spellings differing only in case are one,
    written as most often ("SEOUL" / "Seoul", see ``_pick``). For a state, group or
    organisation (``code`` given) only spellings that name it are aliases
    (``_names_entity``): a mention that took its code from its context or an earlier mention
    ("the president", "the committee") still counts as a mention, but its words are no name
    of the entity."""
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for s in seen:
        alias = _alias(s)
        if alias and (code is None or _names_entity(s.actor, code, state)):
            forms[alias.casefold()][alias] += 1
    return tuple(str(_pick(c)) for c in forms.values())


#: Kinds of gazetteer name that name a state itself.
STATE_NAME_KINDS = frozenset({"country", "capital", "demonym"})


def _names_entity(actor: Actor, code: str, state: bool = False) -> bool:
    """Whether the mention's words name the entity of ``code``: for a state, one of its names
    alone or with words of its government (``_state_alias``); for a state's body or an
    organisation, words holding a name of that code ("Russian troops", "the U.N. Security
    Council") or a name the knowledge base knows. A description that took its code from
    the article's country or an earlier mention ("lawmakers", "the ministry") counts as a
    mention of the entity but is no alias of it."""
    if state:
        return _state_alias(actor.text, code)
    words = actor.text.lower().split()
    if words and words[-1] in MEMBER_WORDS:
        return False  # "NATO countries", "E.U. nations": its members, not the body
    return _holds_name(actor.text, code) or actor.basis == "kb"


#: Heads that name an organisation's members, not the organisation.
MEMBER_WORDS = frozenset({"countries", "nations", "members", "states", "governments"})
#: Words a state's name may stand with in an alias of the state ("the U.S. government",
#: "American officials"); anything else ("U.S. Trust Corp.", "U.S. allies", "Latin American
#: countries") makes the phrase another thing's name.
STATE_WORDS = frozenset(
    "the a an government administration authorities officials official leaders leadership "
    "state regime cabinet presidency federal national central top senior government's 's ’s "
    "president prime minister ministry foreign side delegation".split()
)


@lru_cache(maxsize=16384)
def _state_alias(text: str, code: str) -> bool:
    """Whether ``text`` is a name of the state ``code``: one of its names (country, capital,
    seat), alone or with words of its government ("the U.S. government", "Moscow's
    leadership"), or its government named by its leader ("the Obama administration")."""
    words = list(tokens(text))
    g = load_gazetteer()
    named, i, rest = False, 0, []
    while i < len(words):
        hit = g.match(words, i)
        if hit is not None and hit[1].code == code and hit[1].kind in ("country", "capital"):
            named, i = True, i + hit[0]
            continue
        if hit is not None and hit[1].code == code and hit[1].kind == "demonym":
            named, i = True, i + hit[0]
            rest.append("")  # a demonym alone names people, not the state: needs a state word
            continue
        rest.append(words[i].lower())
        i += 1
    if not named:
        leader = _holds_name(text, code, person=True)
        return leader and bool({w.lower().strip(".,") for w in words} & GOVERNMENT_WORDS)
    others = [w for w in rest if w and w not in STATE_WORDS]
    if "" in rest and not any(w in STATE_WORDS - {"the", "a", "an"} for w in rest):
        return False
    return not others


#: Words that make a phrase with a leader's name a name of the government ("the Obama
#: administration").
GOVERNMENT_WORDS = frozenset({"administration", "government", "cabinet", "regime"})


@lru_cache(maxsize=16384)
def _holds_name(text: str, code: str, person: bool = False) -> bool:
    """Whether ``text`` holds a name of ``code``: a country, capital, demonym or (not an
    outlet) organisation of that code; with ``person``, a known person of it."""
    g = load_gazetteer()
    words = list(tokens(text))
    kinds = {"person"} if person else STATE_NAME_KINDS | {"org"}
    found = False
    for i in range(len(words)):
        hit = g.match(words, i)
        if hit is not None and hit[1].sector == "MED":
            return False  # an outlet's name is no name of its country: "RT America"
        if hit is not None and hit[1].code == code and hit[1].kind in kinds:
            found = True
    return found


@lru_cache(maxsize=8192)
def _gazetteer_entry(text: str) -> Entry | None:
    """The gazetteer entry all of ``text`` names, if any (cached: the same few names recur)."""
    g = load_gazetteer()
    words = tokens(text)
    return g.exact.get(words) or g.folded.get(fold(words))


def _gazetteer_name(text: str, code: str | None, kind: str) -> str | None:
    """The gazetteer's name for ``text`` when all of it names an entry of ``kind`` with
    ``code``: the country name as written, an organisation's full name ("United Nations" for
    "U.N.")."""
    entry = _gazetteer_entry(text)
    if entry is None or entry.kind != kind or entry.code != code:
        return None
    return text if kind == "country" else entry.name


def _coded_name(kind: EntityKind, code: str | None, seen: Sequence[_Seen]) -> str:
    """A state's or organisation's name: the most used spelling the gazetteer knows for it,
    else a state's ISO name, else (and for groups) the most used spelling."""
    if kind in ("state", "org"):
        known = "country" if kind == "state" else "org"
        name = _most_common(_gazetteer_name(s.actor.text, code, known) for s in seen)
        if name is not None:
            return name
    country = pycountry.countries.get(alpha_3=code) if kind == "state" else None
    if country is not None:
        return str(getattr(country, "common_name", None) or country.name)
    return _most_common(_alias(s) for s in seen) or seen[0].actor.text


def _coded_entity(kind: EntityKind, eid: str, seen: Sequence[_Seen]) -> Entity:
    """The entity of a state, group or organisation from its mentions."""
    code = seen[0].actor.code
    sector = None if kind == "state" else _most_common(s.actor.sector for s in seen)
    refs = tuple(s.ref() for s in seen)
    aliases = _aliases(seen, code, kind == "state")
    return Entity(eid, kind, _coded_name(kind, code, seen), code, sector, None, aliases, refs)


# --- people ---------------------------------------------------------------------------------


@dataclass(eq=False)
class _Person:
    """Mentions of one person as merging goes: a union-find node."""

    seen: list[_Seen] = field(default_factory=list)
    names: Counter[tuple[str, ...]] = field(default_factory=Counter)
    written: dict[tuple[str, ...], Counter[str]] = field(default_factory=dict)
    codes: set[str] = field(default_factory=set)
    roles: set[str] = field(default_factory=set)
    parent: _Person | None = None

    def root(self) -> _Person:
        node = self
        while node.parent is not None:
            node = node.parent
        return node

    def absorb(self, other: _Person) -> None:
        other = other.root()
        if other is self:
            return
        other.parent = self
        self.seen.extend(other.seen)
        self.names.update(other.names)
        for toks, counts in other.written.items():
            self.written.setdefault(toks, Counter()).update(counts)
        self.codes |= other.codes
        self.roles |= other.roles
        other.seen, other.names, other.written = [], Counter(), {}

    def add(self, seen: _Seen, toks: tuple[str, ...]) -> None:
        self.seen.append(seen)
        self.names[toks] += 1
        self.written.setdefault(toks, Counter())[display_name(str(seen.actor.name))] += 1
        self.codes.update([seen.actor.code] if seen.actor.code else [])
        self.roles.update([seen.actor.role] if seen.actor.role else [])

    def surnames(self) -> set[str]:
        """Every form a lone surname may take for this person: from its full names, and the
        one-word spellings articles used for it ("Yoon", "Xi")."""
        forms: set[str] = set()
        for toks in self.names:
            if len(toks) >= 2:
                forms |= surname_forms(toks)
        for s in self.seen:
            alias = person_alias(s.actor)
            toks = name_tokens(alias) if alias else ()
            if len(toks) == 1:
                forms.add(toks[0])
        return forms


def _codes_agree(a: set[str], b: set[str]) -> bool:
    return not a or not b or bool(a & b)


def _roles_agree(a: set[str], b: set[str]) -> bool:
    """Some role stated for one agrees with some role stated for the other (a person has
    several over time: "businessman", "president"), or either has none."""
    return not a or not b or any(roles_agree(x, y) for x in a for y in b)


def _known_person(lone: _Person, candidates: Sequence[_Person]) -> _Person | None:
    """The gazetteer's person for a lone name ("Trump" -> Donald Trump), when codes and roles
    agree and the corpus names no other person with that surname: the last resort, since a
    lone name in the gazetteer may stand for another person in other years' news."""
    entry = _gazetteer_entry(display_name(str(lone.seen[0].actor.name)))
    if entry is None or entry.kind != "person" or entry.name is None:
        return None
    toks = name_tokens(entry.name)
    if any(toks not in p.names for p in candidates):
        return None
    codes, roles = {entry.code} if entry.code else set(), {entry.role} if entry.role else set()
    if not (_codes_agree(lone.codes, codes) and _roles_agree(lone.roles, roles)):
        return None
    if candidates:
        return candidates[0]
    known = _Person()
    known.names[toks] = 0
    known.written[toks] = Counter({entry.name: 0})
    return known


def _clusters_match(a: _Person, b: _Person) -> bool:
    """Every full name of one person matches every full name of the other, so that "George
    Bush" cannot chain "George W. Bush" to "George H. W. Bush"; codes do not conflict."""
    if not _codes_agree(a.codes, b.codes):
        return False
    return all(names_match(x, y) for x in a.names for y in b.names)


def _full_people(persons: Sequence[_Seen]) -> list[_Person]:
    """One node per distinct full name (2+ tokens), then nodes whose names match merged.
    Candidates are blocked on surname prefixes, so the work grows with the number of names
    sharing one, not with all pairs; names are taken in sorted order, so that the result does
    not depend on the order articles come in."""
    nodes: dict[tuple[str, ...], _Person] = {}
    for s in persons:
        toks = name_tokens(str(s.actor.name))
        if len(toks) >= 2:
            nodes.setdefault(toks, _Person()).add(s, toks)
    blocks: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for toks in sorted(nodes):
        for key in sorted({toks[-1][:3], toks[0][:3]}):
            blocks[key].append(toks)
    for names in blocks.values():
        for i, a in enumerate(names):
            for b in names[i + 1 :]:
                ra, rb = nodes[a].root(), nodes[b].root()
                if ra is not rb and names_match(a, b) and _clusters_match(ra, rb):
                    ra.absorb(rb)
    return list({id(p.root()): p.root() for p in nodes.values()}.values())


def _attach(lone: _Person, candidates: Sequence[_Person], corpus: bool) -> _Person | None:
    """The one person a lone surname belongs to, or None when none or several fit.

    In the article that gives the full name, codes and roles that do not conflict suffice.
    Across the corpus, code or stated role must also agree positively, and the person must be
    the only one with that surname or stand far above the others (``_dominant``)."""
    fits = [
        p
        for p in candidates
        if _codes_agree(lone.codes, p.codes) and _roles_agree(lone.roles, p.roles)
    ]
    if not corpus:
        return fits[0] if len(fits) == 1 else None
    fits = [p for p in fits if lone.codes & p.codes or (lone.roles and p.roles)]
    if len(candidates) == 1:
        return fits[0] if fits else None
    return _dominant(fits, candidates)


def _articles(person: _Person) -> int:
    return len({s.article_id for s in person.seen})


def _dominant(fits: Sequence[_Person], candidates: Sequence[_Person]) -> _Person | None:
    """The fitting person that ``DOMINANCE`` times as many articles name in full as all other
    people of that surname together (in 2016 news, a lone "Obama" of the United States is
    Barack Obama, not Michelle Obama); None when no one stands out so."""
    if not fits:
        return None
    best = max(fits, key=_articles)
    others = sum(_articles(p) for p in candidates if p is not best)
    n = _articles(best)
    return best if n >= DOMINANT_MIN_ARTICLES and n >= DOMINANCE * others else None


def _lone_people(persons: Sequence[_Seen], full: Sequence[_Person]) -> list[_Person]:
    """Attach one-word names to full names where evidence allows; the rest stay one person per
    article and surname (two articles' "Kim" may be two people). Every attachment is decided
    before any is made, so that none depends on another."""
    lone: dict[tuple[str, str], _Person] = {}
    for s in persons:
        toks = name_tokens(str(s.actor.name))
        if len(toks) == 1:
            lone.setdefault((s.article_id, toks[0]), _Person()).add(s, toks)
    by_surname: dict[str, list[_Person]] = defaultdict(list)
    in_article: dict[tuple[str, str], list[_Person]] = defaultdict(list)
    for person in full:
        articles = {s.article_id for s in person.seen}
        for form in sorted(person.surnames()):
            by_surname[form].append(person)
            for aid in articles:
                in_article[(aid, form)].append(person)
    homes = [
        _attach(person, in_article.get(key, []), corpus=False)
        or _attach(person, by_surname.get(key[1], []), corpus=True)
        or _known_person(person, by_surname.get(key[1], []))
        for key, person in lone.items()
    ]
    known: dict[tuple[str, ...], _Person] = {}
    left: list[_Person] = []
    for person, home in zip(lone.values(), homes, strict=True):
        if home is None:
            left.append(person)
        elif home.seen:  # a person of the corpus
            home.absorb(person)
        else:  # a gazetteer person the corpus never names in full: one node per name
            known.setdefault(next(iter(home.names)), home).absorb(person)
    return [*left, *known.values()]


def _spelling(options: Counter[str], every: Iterable[Counter[str]]) -> str:
    """The spelling of a name to show: the most used; on a tie, the one whose words are most
    used among all the person's spellings ("Georgy Zinoviev" over "Georgy Zinoview" and
    "Georgiy Zinoviev"), then the first in sort order."""
    words: Counter[str] = Counter()
    for counts in every:
        for written, n in counts.items():
            words.update({w: n for w in written.split()})
    return min(
        options, key=lambda o: (-options[o], -sum(words[w] for w in o.split()), o.isupper(), o)
    )


def _person_entity(person: _Person) -> Entity:
    """The entity of one person: named by its most used full name."""
    toks = max(person.names, key=lambda t: (len(t) >= 2, person.names[t], len(t), t))
    written = person.written[toks]
    full = Counter({w: n for w, n in written.items() if len(name_tokens(w)) >= 2})
    name = _spelling(full or written, person.written.values())
    eid = "person:" + slug(name)
    code = _most_common(s.actor.code for s in person.seen)
    sector = _most_common(s.actor.sector for s in person.seen)
    role = _most_common(s.actor.role.lower() for s in person.seen if s.actor.role)
    refs = tuple(s.ref() for s in sorted(person.seen, key=lambda s: s.order))
    return Entity(eid, "person", name, code, sector, role, _aliases(person.seen), refs)


def _people(persons: Sequence[_Seen]) -> list[Entity]:
    full = _full_people(persons)
    left = _lone_people(persons, full)
    return [_person_entity(p) for p in [*full, *left]]


# --- the stage ------------------------------------------------------------------------------


def _unique_ids(entities: list[Entity]) -> list[Entity]:
    """Make ids unique where two different people share a normalised name: the later ones (in
    mention order) get their code appended, then a count."""
    from dataclasses import replace

    taken: set[str] = set()
    out: list[Entity] = []
    for e in sorted(entities, key=lambda e: (e.id, e.mentions[0].article_id, e.mentions[0].start)):
        eid = e.id
        if eid in taken:
            eid = f"{e.id}.{e.code or 'X'}"
            n = 2
            while eid in taken:
                eid, n = f"{e.id}.{e.code or 'X'}{n}", n + 1
        taken.add(eid)
        out.append(e if eid == e.id else replace(e, id=eid))
    return out


def merge_entities(found: Iterable[tuple[str, Sequence[Actor]]]) -> list[Entity]:
    """One entity per real actor in ``found`` (article id, that article's actor mentions),
    sorted by number of mentions (most first), then id.

    People are mentions with a name (``Actor.name``); other coded mentions become states,
    groups or organisations by code and sector; places and uncoded mentions are left out.
    """
    persons: list[_Seen] = []
    coded: dict[str, list[_Seen]] = defaultdict(list)
    kinds: dict[str, EntityKind] = {}
    order = 0
    for article_id, mentions in found:
        for actor in mentions:
            seen, order = _Seen(article_id, actor, order), order + 1
            if actor.name is not None:
                persons.append(seen)
                continue
            key = actor_key(actor)
            if key is not None:
                kinds[key[1]] = key[0]
                coded[key[1]].append(seen)
    entities = [_coded_entity(kinds[eid], eid, seen) for eid, seen in coded.items()]
    entities += _unique_ids(_people(persons))
    return sorted(entities, key=lambda e: (-len(e.mentions), e.id))


def find_entity(entities: Iterable[Entity], spelling: str) -> Entity | None:
    """The one entity ``spelling`` names, or None when none or several do.

    An alias (any case) names its entity, and a person's name is also matched as
    ``merge_entities`` matches names: a full name against each person's full-name aliases, a
    lone surname against their surnames (so "Kim" is ambiguous where two Kims are known). For
    looking up what a user or a gold file writes ("Kim Jong-Un") when the corpus spells it
    otherwise.
    """
    people: list[Entity] = []
    hits: list[Entity] = []
    key = spelling.casefold()
    for e in entities:
        if key in (a.casefold() for a in e.aliases):
            hits.append(e)
        if e.kind == "person":
            people.append(e)
    toks = name_tokens(spelling)
    if toks:
        hits += [e for e in people if e not in hits and _names_person(toks, e)]
    return hits[0] if len(hits) == 1 else None


def _names_person(toks: tuple[str, ...], person: Entity) -> bool:
    """Whether folded name ``toks`` is a spelling of ``person``'s name."""
    names = [name_tokens(n) for n in (person.name, *person.aliases)]
    full = [n for n in names if len(n) >= 2]
    if len(toks) >= 2:
        return any(names_match(toks, n) for n in full)
    return any(toks[0] in surname_forms(n) for n in full) or toks in names
