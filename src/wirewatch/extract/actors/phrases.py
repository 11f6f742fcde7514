"""Actor phrases in one parsed sentence stream: gazetteer names and the noun phrases they head
or modify, coded and given a sector, before anything is carried across sentences.

A mention covers the whole noun phrase up to its head noun, because consumers look actors up
by token: "South Korea's foreign ministry" is one mention (KOR, GOV from "ministry"), not a
country followed by a ministry. A phrase is an actor when its head is a gazetteer name, a
person, an organisation spaCy found, or a word that gives a sector ("troops", "embassy",
"police"); otherwise its modifiers are looked at in turn ("Moscow's war" -> "Moscow").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .dateline import dateline_spans
from .gazetteer import Gazetteer
from .hits import LOCAL_RULE, PLACE_KINDS, Hit, find_hits, is_actor_word, rule_for, word_forms
from .links import hyphen_links
from .people import is_junk_person, is_title, owns_speech, titled_name_start

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

#: Dependencies by which a word modifies a noun inside its phrase.
MODIFIER_DEPS = frozenset({"compound", "amod", "poss", "nmod", "flat"})
#: Heads that name others by their relation to a possessor: "Kyiv's allies", "the allies of
#: Kyiv", "Moscow's critics" are not Ukraine or Russia, so the possessor gives no code.
RELATIONAL_HEADS = frozenset(
    {
        "ally",
        "partner",
        "neighbour",
        "neighbor",
        "enemy",
        "foe",
        "rival",
        "adversary",
        "critic",
        "opponent",
        "backer",
        "supporter",
        "friend",
        "creditor",
        "debtor",
    }
)
#: The code of an armed group with no one base (docs/actors.md).
PLACELESS = "IMG"
#: The rule of a first-level region acting by its government ("Nebraska sued Colorado").
REGION_RULE = "actors.region.v1"
#: Where a region named alone acts: as a verb's subject or object.
REGION_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "dative"})
#: Left dependents that belong to a noun phrase.
NP_LEFT_DEPS = MODIFIER_DEPS | {"det", "nummod", "quantmod", "predet"}
#: Words never part of a stated role.
NOT_ROLE_POS = frozenset({"DET", "PART", "PUNCT", "NUM", "PRON", "CCONJ", "ADP"})


@dataclass(frozen=True, slots=True)
class Found:
    """A mention under construction, in token offsets ``[start, end)`` with its head token."""

    start: int
    end: int
    head: int
    code: str | None
    sector: str | None
    rule: str
    name: str | None = None
    role: str | None = None
    person: bool = False
    definite: bool = False
    """A definite description ("the ministry") that may take an earlier mention's code."""
    pending: str = ""
    """``name``: a bare proper name kept only if the article introduced it as a person;
    ``pronoun``: he/she waiting for an antecedent."""
    desc: str | None = None
    """The phrase's own words without names and determiners ("foreign ministry spokesperson"),
    the role a person in apposition takes."""
    words: tuple[str, ...] = ()
    """Lemmas of the phrase's actor words, left to right ("ministry", "official")."""
    owner: Found | None = None
    """The person named as the phrase's possessor ("Yoon" of "Yoon's office")."""
    id: str | None = None
    """The knowledge-base id of the person or body the phrase names itself."""
    region: str | None = None
    """The first-level region the phrase's own name or its place gives (``US-NE``)."""


#: Kinds of name an "of" phrase may give a generic head its code from.
_OF_KINDS = ("country", "capital", "org", "place")


class Phrases:
    """Finds the actor phrases of one Doc (see the module docstring)."""

    def __init__(self, doc: Doc, gaz: Gazetteer) -> None:
        self.doc, self.gaz = doc, gaz
        words = [t.text for t in doc]
        self.hits, self.links = hyphen_links(words, find_hits(doc, gaz, words), gaz)
        """Names, and hit start -> what its "X-led"/"X-backed" participle lets it give."""
        self.hit_at: list[Hit | None] = [None] * len(doc)
        for hit in self.hits:
            for i in range(hit.start, hit.end):
                self.hit_at[i] = hit
        self.ent_at: list[tuple[int, int, str] | None] = [None] * len(doc)
        for ent in doc.ents:
            for i in range(ent.start, ent.end):
                self.ent_at[i] = (ent.start, ent.end, ent.label_)
        self.used = [False] * len(doc)
        # Per-token facts read many times below, computed once (spaCy objects are slow to make).
        self.lower = [t.lower_ for t in doc]
        self.forms = [word_forms(t) for t in doc]
        self.sent_start = [0] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                self.sent_start[i] = sent.start
        self.breaks = [0]
        """``breaks[i]``: how many of the tokens before ``i`` hold a line break."""
        for t in doc:
            self.breaks.append(self.breaks[-1] + ("\n" in t.text))
        self.datelines = [d for d in dateline_spans(doc) if self._place_at(d[0])]
        self.floor = [0] * len(doc)
        """The first token a phrase may start at: none runs back into a dateline."""
        self.ceiling = [len(doc)] * len(doc)
        """The end a phrase may reach: none in a dateline runs past its dash."""
        for first, dash in self.datelines:
            for i in range(dash + 1, doc[dash].sent.end):
                self.floor[i] = dash + 1
            for i in range(first, dash + 1):
                self.ceiling[i] = dash
            credit = next((i for i in range(first, dash) if doc[i].text == "("), None)
            if credit is not None:  # the agency credit is no part of the place: "KYIV (Reuters)"
                for i in range(credit, dash):
                    self.floor[i] = credit + 1

    def _place_at(self, i: int) -> bool:
        """Whether token ``i`` is no known name or that of a country, capital or place."""
        hit = self.hit_at[i]
        return hit is None or hit.entry.kind in PLACE_KINDS

    def find(self) -> list[Found]:
        """Every actor phrase, then the names left outside any phrase."""
        out: list[Found] = []
        for tok in self.doc:
            if self._is_top(tok):
                out.extend(self._analyze(tok))
        out.extend(self._leftover_hits())
        return out

    def _is_top(self, tok: Token) -> bool:
        hit = self.hit_at[tok.i]
        if hit is not None and not self._is_root(tok, hit.start, hit.end):
            return False
        noun = tok.pos_ in ("NOUN", "PROPN") or hit is not None
        return noun and tok.dep_ not in MODIFIER_DEPS and not self.used[tok.i]

    def _is_root(self, tok: Token, start: int, end: int) -> bool:
        return not (start <= tok.head.i < end) or tok.head.i == tok.i

    def _analyze(self, head: Token) -> list[Found]:
        start, end = self._extent(head)
        found = self._actor(head, start, end)
        if found is not None:
            for i in range(found.start, found.end):
                self.used[i] = True
            return [found]
        out: list[Found] = []
        for child in head.lefts:
            if child.dep_ in MODIFIER_DEPS and not self.used[child.i]:
                hit = self.hit_at[child.i]
                if hit is None or self._is_root(child, hit.start, hit.end):
                    out.extend(self._analyze(child))
        return out

    def _extent(self, head: Token) -> tuple[int, int]:
        start, end = head.i, head.i + 1
        for child in head.lefts:
            if child.dep_ in ("nummod", "quantmod"):
                start = child.right_edge.i + 1  # numbers stay outside: "2,000 | troops"
            elif child.dep_ in NP_LEFT_DEPS:
                start = min(start, child.left_edge.i)
        start = max(start, self.sent_start[head.i], self.floor[head.i])
        while start < head.i and self.breaks[head.i] - self.breaks[start] > 0:
            start += 1  # a phrase never runs across a line break
        hit = self.hit_at[head.i]
        for span in ((hit.start, hit.end) if hit else None, self._ent(head.i)):
            if span is not None:
                start, end = min(start, span[0]), max(end, span[1])
        return start, min(end, self.ceiling[head.i])

    def _ent(self, i: int, labels: tuple[str, ...] = ("PERSON", "ORG")) -> tuple[int, int] | None:
        ent = self.ent_at[i]
        return (ent[0], ent[1]) if ent is not None and ent[2] in labels else None

    def _actor(self, head: Token, start: int, end: int) -> Found | None:
        """The actor the phrase ``[start, end)`` headed by ``head`` names, if it is one."""
        hit = self.hit_at[head.i]
        adjective = hit is not None and hit.entry.kind == "demonym" and not self._people(head)
        if adjective and not owns_speech(head, self.gaz):
            return None  # an adjective on a word that is no actor: "the Russian flag"
        named = any(self.hit_at[i] is not None for i in range(start, end))
        if head.dep_ in ("compound", "amod", "nmod") and not named:
            return None  # a word on a word that is no actor: "military cooperation"
        if hit is None:
            person = self._ent(head.i, ("PERSON",)) is not None or self._titled(head, start)
            if person and named and self._sector_word(head.i, head.i)[0]:
                person = False  # "Delhi Police" tagged PERSON: a named body, not a name
        else:
            person = hit.entry.kind == "person"
        if person and hit is None and is_junk_person(self.doc, head, start, end, self.gaz):
            return None
        if person:
            return self._person(head, start, end, hit)
        is_word = self._sector_word(head.i, start)[0] and head.pos_ in ("NOUN", "PROPN")
        org = self._ent(head.i, ("ORG",)) is not None and head.pos_ == "PROPN"
        if hit is None and not is_word and not org and not self._led(start, end):
            return self._name_candidate(head, start, end)
        return self._group(head, start, end, hit)

    def _led(self, start: int, end: int) -> bool:
        """Whether a name in ``[start, end)`` is joined to "-led" ("a Saudi-led strike")."""
        return bool(self.links) and any(self.links.get(i) == "acts" for i in range(start, end))

    def _titled(self, head: Token, start: int) -> bool:
        """A capitalised name the parser did not tag as a person, right after a person's
        title inside its phrase ("President Buhari", "cleric Gulen")."""
        ent = self.ent_at[head.i]
        if ent is not None and ent[2] not in ("PERSON", "GPE", "NORP"):
            return False  # "General Motors" (ORG), "the President Hotel" (FAC)
        return self._titled_span(head, start) is not None

    def _titled_span(self, head: Token, start: int) -> tuple[int, int] | None:
        """The name after a person's title that ``head`` ends, with no gazetteer name in it."""
        first = titled_name_start(self.doc, head, start, self.gaz)
        if first is None or any(self.hit_at[t.i] is not None for t in self.doc[first : head.i]):
            return None
        return first, head.i + 1

    def _people(self, head: Token) -> bool:
        """A demonym used as a noun for people ("the Russians", "the Chinese said")."""
        if head.dep_ in MODIFIER_DEPS or head.pos_ not in ("NOUN", "PROPN"):
            return False
        return head.tag_ in ("NNS", "NNPS") or head.dep_ in ("nsubj", "nsubjpass")

    def _sector_word(self, i: int, start: int) -> tuple[bool, str | None]:
        """Whether the words ending at token ``i`` (not before ``start``) are an actor word,
        and the sector they give; the longest such phrase wins."""
        for n in (4, 3, 2, 1):
            first = i - n + 1
            if first < start:
                continue
            if any(self.hit_at[k] is not None for k in range(first, i + 1)):
                continue
            words = self.lower[first : i + 1]
            for form in self.forms[i]:
                words[-1] = form
                is_word, sector = self.gaz.sector_of(words)
                if is_word:
                    return True, sector
        return False, None

    def _nearest_sector(self, start: int, end: int) -> str | None:
        """The sector of the actor word nearest the end of ``[start, end)``."""
        for i in range(end - 1, start - 1, -1):
            is_word, sector = self._sector_word(i, start)
            if is_word and sector is not None:
                return sector
        return None

    def _modifier_hits(self, start: int, end: int, skip: Hit | None) -> list[Hit]:
        """Names inside ``[start, end)`` other than ``skip``, without those a hyphenated
        participle makes a third party ("Iran" of "Iran-backed")."""
        return [
            h
            for h in self.hits
            if start <= h.start
            and h.end <= end
            and h is not skip
            and self.links.get(h.start) != "none"
        ]

    def _group(self, head: Token, start: int, end: int, hit: Hit | None) -> Found:
        """A state, organisation or group of people, with its code and sector."""
        mods = self._modifier_hits(start, end, hit)
        relational = head.lemma_.lower() in RELATIONAL_HEADS
        if relational:
            mods = [h for h in mods if not self._possessor(h, head)]
        source = hit or next((h for h in mods if h.entry.code), None) or next(iter(mods), None)
        if source is None:
            of = None if relational else self._of_name(head)
            of = of or self._in_name(head, start, end)
            if of is not None:
                source, end = of, max(end, of.end)
        code = source.entry.code if source else None
        placed = self._in_name(head, start, end) if code == PLACELESS else None
        if placed is not None:
            # a group of no one base is coded by where the phrase places it ("Islamic State
            # fighters in Syria": SYR)
            code, end = placed.entry.code, max(end, placed.end)
        sector = None if hit is not None else self._named_head_sector(head, start)
        if sector is None and hit is None:
            sector = self._nearest_sector(start, end)
        if sector is None and source is not None and source.start not in self.links:
            sector = source.entry.sector  # "a London-based group" is no government
        if hit is not None and hit.entry.kind == "demonym" and self._plural_people(head, start):
            sector = self.gaz.people_sector
        rule = rule_for(source.entry) if source else "actors.generic.v1"
        if source is not None and source is not hit and source.entry.kind == "place":
            rule = LOCAL_RULE
        if hit is not None and self._is_place(head, hit, start):
            sector, rule = None, "actors.place.v1"
        elif self._region_acts(head, hit, start, end):
            sector, rule = "GOV", REGION_RULE  # "Nebraska sued Colorado": the state's government
        if source is None and not self._sector_word(head.i, start)[0]:
            rule = "actors.org.ner.v1"
        definite = code is None and self.doc[start].lower_ == "the"
        words = tuple(
            word_forms(t)[-1]
            for t in self.doc[start:end]
            if self.hit_at[t.i] is None and is_actor_word(t, self.gaz)
        )
        desc = self._desc(start, end)
        owner = self._owner(head)
        return Found(
            start,
            end,
            head.i,
            code,
            sector,
            rule,
            definite=definite,
            desc=desc,
            words=words,
            owner=owner,
            id=hit.entry.id if hit is not None and source is hit else None,
            region=source.entry.region if source is not None else None,
        )

    def _region_acts(self, head: Token, hit: Hit | None, start: int, end: int) -> bool:
        """A first-level region named alone as a verb's subject or object ("Nebraska and
        Oklahoma sued Colorado"): its government acts, as a state's capital does."""
        if hit is None or hit.entry.kind != "place" or not hit.entry.region:
            return False
        first = start + (self.doc[start].lower_ == "the")
        if (hit.start, hit.end) != (first, end):
            return False  # the phrase is more than the region's name
        dep = head.dep_
        if dep == "conj":
            dep = head.head.dep_
        return dep in REGION_ACTOR_DEPS

    def _possessor(self, hit: Hit, head: Token) -> bool:
        """Whether the name ``hit`` is the possessor of ``head`` ("Kyiv" of "Kyiv's allies")."""
        return any(t.dep_ == "poss" and t.head.i == head.i for t in self.doc[hit.start : hit.end])

    def _named_head_sector(self, head: Token, start: int) -> str | None:
        """The sector of a head word that gives one only to a named phrase ("the Labour Party",
        not "all parties")."""
        sector = next(
            (self.gaz.named_heads[f] for f in word_forms(head) if f in self.gaz.named_heads), None
        )
        if sector is None:
            return None
        named = any(
            t.pos_ == "PROPN" and t.text[:1].isupper() and self.hit_at[t.i] is None
            for t in self.doc[start : head.i]
        )
        capitalised = head.text[:1].isupper() and head.i > head.sent.start
        return sector if named or capitalised else None

    def _owner(self, head: Token) -> Found | None:
        """The person named as possessor of the phrase ("Yoon's office"), for pronouns."""
        for child in head.children:
            hit = self.hit_at[child.i]
            is_person = hit is not None and hit.entry.kind == "person"
            if child.dep_ == "poss" and (is_person or self._ent(child.i, ("PERSON",))):
                start, end = self._extent(child)
                return self._person(child, start, end, hit if is_person else None)
        return None

    def _of_name(self, head: Token) -> Hit | None:
        """A name in an "of" phrase after the head ("the foreign minister of Japan"), or the
        possessor there ("the leaders of NATO's member states")."""
        for prep in head.rights:
            if prep.dep_ == "prep" and prep.lower_ == "of" and prep.i == head.i + 1:
                for obj in prep.children:
                    if obj.dep_ != "pobj":
                        continue
                    owners = [c for c in obj.children if c.dep_ == "poss"]
                    for tok in (obj, *owners):
                        hit = self.hit_at[tok.i]
                        if hit is not None and hit.entry.code and hit.entry.kind in _OF_KINDS:
                            return hit
        return None

    def _in_name(self, head: Token, start: int, end: int) -> Hit | None:
        """The place in an "in" phrase right after a head of a local sector ("police in Lagos",
        "a court in Lyon", "authorities in Kyiv"); troops or diplomats in a country are not
        that country's, so other sectors take no code this way."""
        if self._nearest_sector(start, end) not in self.gaz.local_sectors:
            return None
        nxt = head.i + 1
        if nxt >= len(self.doc) or self.lower[nxt] != "in" or self.doc[nxt].head.i != head.i:
            return None
        for obj in self.doc[nxt].children:
            hit = self.hit_at[obj.i]
            if obj.dep_ == "pobj" and hit is not None and hit.entry.kind in PLACE_KINDS:
                return hit if hit.entry.code else None
        return None

    def _plural_people(self, head: Token, start: int) -> bool:
        """A plural demonym for people of a state, not its side ("thousands of Iraqis", not
        "the Russians")."""
        return head.tag_ in ("NNS", "NNPS") and self.lower[start] != "the"

    def _is_place(self, head: Token, hit: Hit, start: int) -> bool:
        """A country or capital named as where something is ("the embassy in Seoul")."""
        only_name = start >= hit.start - 1
        return (
            only_name
            and hit.entry.kind in PLACE_KINDS
            and head.dep_ == "pobj"
            and head.head.lower_ in self.gaz.locatives
        )

    def _person(self, head: Token, start: int, end: int, hit: Hit | None) -> Found:
        """A named person, with the role and country the words before the name state."""
        span = self._ent(head.i, ("PERSON",)) or self._titled_span(head, start) or (start, end)
        if hit is not None and hit.entry.kind == "person":
            span = (min(span[0], hit.start), max(span[1], hit.end))
        name_start, name_end = span
        while name_start < name_end - 1 and self._is_role_word(self.doc[name_start]):
            name_start += 1  # NER put the title inside the name: "Ambassador Zinoviev"
        start = min(start, name_start)
        mods = self._modifier_hits(start, name_start, None)
        source = next((h for h in mods if h.entry.code), None)
        role_span = self._role_span(start, name_start)
        role = self.doc[role_span[0] : role_span[1]].text if role_span else None
        sector = self._nearest_sector(*role_span) if role_span else None
        entry = hit.entry if hit is not None and hit.entry.kind == "person" else None
        code = source.entry.code if source else (entry.code if entry else None)
        if sector is None:
            sector = next((h.entry.sector for h in (source, hit) if h and h.entry.sector), None)
        if role or source:
            rule = "actors.person.role.v1"
        else:
            rule = "actors.person.dict.v1" if entry else "actors.person.v1"
        if role is None and entry is not None:
            role = entry.role
        name = self.doc[name_start:name_end].text
        region = source.entry.region if source else (entry.region if entry else None)
        return Found(
            start,
            max(end, name_end),
            head.i,
            code,
            sector,
            rule,
            name,
            role,
            True,
            id=entry.id if entry else None,
            region=region,
        )

    def _is_role_word(self, tok: Token) -> bool:
        return is_actor_word(tok, self.gaz) or is_title(tok, self.gaz)

    def _role_span(self, start: int, name_start: int) -> tuple[int, int] | None:
        """Tokens directly before a name that state a role, if one of them is an actor word
        ("first vice foreign minister"); titles such as "Mr" or "former" are left out."""
        first = name_start
        while first > start and (
            self._role_token(self.doc[first - 1]) or self._inner_hyphen(first - 1, start)
        ):
            first -= 1
        end, ignored = name_start, self.gaz.titles_ignored
        while first < end and self.doc[first].lower_ in ignored:
            first += 1
        while end > first and self.doc[end - 1].lower_ in ignored:
            end -= 1
        if first == end or not any(self._is_role_word(t) for t in self.doc[first:end]):
            return None
        return first, end

    def _inner_hyphen(self, i: int, start: int) -> bool:
        """A hyphen inside a role between two of its words ("Secretary-General")."""
        return (
            self.doc[i].text in ("-", "‐", "‑")
            and i - 1 >= start
            and not self.doc[i].whitespace_
            and self._role_token(self.doc[i - 1])
        )

    def _role_token(self, tok: Token) -> bool:
        return (
            self.hit_at[tok.i] is None
            and tok.pos_ not in NOT_ROLE_POS
            and tok.lower_ not in ("'s", "’s")
        )

    def _name_candidate(self, head: Token, start: int, end: int) -> Found | None:
        """A bare proper name ("Kim") that may refer to a person named earlier."""
        toks = [t for t in self.doc[start:end] if t.pos_ != "DET"]
        if not toks or head.pos_ != "PROPN" or any(t.pos_ != "PROPN" for t in toks):
            return None
        name = self.doc[toks[0].i : end].text
        return Found(
            toks[0].i,
            end,
            head.i,
            None,
            None,
            "actors.carry.surname.v1",
            name,
            person=True,
            pending="name",
        )

    def _desc(self, start: int, end: int) -> str | None:
        toks = [t for t in self.doc[start:end] if self._role_token(t)]
        return self.doc[toks[0].i : toks[-1].i + 1].text if toks else None

    def _leftover_hits(self) -> list[Found]:
        """Names outside any actor phrase ("US" in "US-led sanctions"), except adjectives."""
        out: list[Found] = []
        for hit in self.hits:
            if any(self.used[hit.start : hit.end]) or hit.entry.kind == "demonym":
                continue
            root = next(
                (t for t in self.doc[hit.start : hit.end] if self._is_root(t, hit.start, hit.end)),
                self.doc[hit.end - 1],
            )
            entry, rule = hit.entry, rule_for(hit.entry)
            sector = None if self._is_place(root, hit, hit.start) else entry.sector
            if entry.kind == "person":
                out.append(
                    Found(
                        hit.start,
                        hit.end,
                        root.i,
                        entry.code,
                        sector,
                        rule,
                        self.doc[hit.start : hit.end].text,
                        entry.role,
                        True,
                        id=entry.id,
                        region=entry.region,
                    )
                )
            else:
                out.append(
                    Found(
                        hit.start,
                        hit.end,
                        root.i,
                        entry.code,
                        sector,
                        rule,
                        id=entry.id,
                        region=entry.region,
                    )
                )
        return out
