"""What an article says about an actor once, carried to its later mentions, in text order.

- Apposition: "Lin Jian, a Chinese foreign ministry spokesperson," gives the name the role,
  code and sector of the phrase beside it.
- Surname: "Kim said" takes the most recent full name the article introduced with that first or
  last word ("Kim Hong-kyun"), before any well-known person of the built-in list.
- Pronoun: "he"/"she" as a subject takes the person named as subject (or as its possessor) of
  the clause that governs the pronoun's ("Yoon's office said he agreed"), else the most recent
  person named as a subject in the same or the previous sentence. "it"/"they" as a subject
  take the one coded state or organisation (of the same number) named as a subject in the same
  or the previous sentence; with none or several candidates there is no mention.
- State: "police", "a court" with no code take the one state named in the same or the previous
  sentence, before them (``statecarry``).
- Definite description: "the ministry", "the embassy" take the code most often given so far to a
  mention with the same head word (the article's topic: "the embassy" of an article about
  Russia's embassy), the most recent of them on a tie; else the code of the most recent coded
  mention with the same sector, or one the description may stand for ("the alliance").
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING

from ..quotes import doc_quote_spans
from .gazetteer import Gazetteer, name_key
from .phrases import Found
from .statecarry import carry_state, state_codes

if TYPE_CHECKING:
    from collections.abc import Iterable

    from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRONOUNS = frozenset({"he", "she"})
PRONOUN_RULE = "actors.pronoun.v1"
GROUP_PRONOUNS = {"it": False, "they": True}
"""Pronouns for states and organisations, and whether each is plural."""
#: Links from a clause to the clause that governs it ("said" governs "he agreed").
GOVERNED_DEPS = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis"})
#: Rules of names of one state, singular whatever their form ("the Philippines").
NAME_RULES = frozenset({"actors.country.v1", "actors.capital.v1"})
PLACE_RULE = "actors.place.v1"


def apply_appositions(doc: Doc, found: list[Found]) -> list[Found]:
    """Persons with no code or sector take role, code and sector from a phrase in apposition
    ("Sheikh Hassan Nasrallah, Hezbollah's chief")."""
    by_head = {f.head: f for f in found}
    by_end = {f.end: f for f in found}
    out: list[Found] = []
    for f in found:
        if f.person and f.code is None and f.sector is None and not f.pending:
            partner = _appos_partner(doc[f.head], by_head, by_end)
            if partner is not None and (partner.code or partner.sector):
                f = replace(
                    f,
                    code=partner.code,
                    sector=partner.sector,
                    role=partner.desc,
                    rule="actors.person.appos.v1",
                )
        out.append(f)
    return out


def _appos_partner(tok: Token, by_head: dict[int, Found], by_end: dict[int, Found]) -> Found | None:
    """The non-person phrase in apposition to ``tok``; a bare name the parser attached the
    person to ("Ambassador to South Korea, Georgy Zinoviev") is passed over for the phrase
    right before its preposition."""
    other = tok.head if tok.dep_ == "appos" else None
    if other is None:
        other = next((c for c in tok.children if c.dep_ == "appos"), None)
    if other is None:
        return None
    partner = by_head.get(other.i)
    if partner is not None and partner.desc is None and other.dep_ == "pobj":
        partner = by_end.get(other.head.i)
    if partner is None or partner.person:
        return None
    return partner


def carry(doc: Doc, found: list[Found], gaz: Gazetteer) -> list[Found]:
    """Mentions in text order with surnames, pronouns and definite descriptions resolved;
    pending mentions that nothing resolves are dropped."""
    sentence = _sentence_index(doc)
    named = state_codes(found, sentence, gaz)
    quote = quote_index(doc)
    registry: dict[str, Found] = {}
    out: list[Found] = []
    for f in sorted([*found, *_pronouns(doc, gaz)], key=lambda m: m.start):
        if f.pending == "pronoun" and quote[f.head] >= 0:
            resolved = _quoted_pronoun(doc, f, out, quote)
        elif f.pending == "pronoun":
            resolved = _he_or_she(doc, f, out, sentence, gaz, registry)
        elif f.pending == "group":
            resolved = _group_pronoun(doc, f, out, sentence)
        elif f.person:
            resolved = _surname(f, registry)
            if resolved is not None:
                _register(resolved, registry)
        else:
            resolved = _definite(doc, f, out, gaz) if f.definite else f
            resolved = carry_state(doc, resolved, out, sentence, named, gaz)
        if resolved is not None:
            out.append(resolved)
    return out


def quote_index(doc: Doc) -> list[int]:
    """For each token, the number of the quotation it stands in (-1 outside any), by the
    quoted stretches the quote finder reads from the marks (``quotes.doc_quote_spans``)."""
    index = [-1] * len(doc)
    starts = [t.idx for t in doc]
    for n, span in enumerate(doc_quote_spans(doc)):
        for i in range(bisect_left(starts, span.start), bisect_left(starts, span.end)):
            index[i] = n
    return index


def _quoted_pronoun(doc: Doc, f: Found, out: list[Found], quote: list[int]) -> Found | None:
    """ "he"/"she" inside a quotation: a person the same quotation named before it, never its
    speaker (who says "I") nor anyone across the quotation's boundary; else unresolved."""
    for prev in reversed(out):
        if quote[prev.head] != quote[f.head]:
            break
        if prev.person and not prev.pending:
            return _as(f, prev)
    return None


def _pronouns(doc: Doc, gaz: Gazetteer) -> list[Found]:
    """Subject pronouns waiting for an antecedent; "it" of "it is unclear" is none."""
    out: list[Found] = []
    for t in doc:
        if t.dep_ not in SUBJECT_DEPS:
            continue
        if t.lower_ in PRONOUNS:
            out.append(
                Found(t.i, t.i + 1, t.i, None, None, PRONOUN_RULE, person=True, pending="pronoun")
            )
        elif t.lower_ in GROUP_PRONOUNS and t.head.lemma_.lower() not in gaz.expletive_verbs:
            out.append(Found(t.i, t.i + 1, t.i, None, None, PRONOUN_RULE, pending="group"))
    return out


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _as(pronoun: Found, person: Found) -> Found:
    """The pronoun resolved to ``person``: their code, sector, name, role, id and region."""
    return replace(
        pronoun,
        code=person.code,
        sector=person.sector,
        name=person.name,
        role=person.role,
        pending="",
        id=person.id,
        region=person.region,
    )


def _pronoun(doc: Doc, f: Found, out: list[Found], sentence: list[int]) -> Found | None:
    for prev in reversed(out):
        if sentence[prev.head] < sentence[f.head] - 1:
            return None
        if prev.person and not prev.pending and doc[prev.head].dep_ in SUBJECT_DEPS:
            return _as(f, prev)
    return None


def _he_or_she(
    doc: Doc,
    f: Found,
    out: list[Found],
    sentence: list[int],
    gaz: Gazetteer,
    registry: dict[str, Found],
) -> Found | None:
    """Resolve "he"/"she": the person the governing clause names, else the latest subject
    person; none when the governing clause's subject is an unnamed person ("his aide said he")."""
    subject = _governing_subject(doc, f)
    if subject is None:
        return _pronoun(doc, f, out, sentence)
    mention = next((p for p in reversed(out) if p.start <= subject.i < p.end), None)
    person = None
    if mention is not None and mention.person and not mention.pending:
        person = mention
    elif mention is not None and mention.owner is not None:
        person = _surname(mention.owner, registry) or mention.owner
    if person is not None:
        return _as(f, person)
    if (subject.lemma_ or subject.lower_).lower() in gaz.person_titles:
        return None
    return _pronoun(doc, f, out, sentence)


def _governing_subject(doc: Doc, f: Found) -> Token | None:
    """The subject of the clause that governs the pronoun's ("office" in "Yoon's office said
    he agreed"), when it comes before the pronoun."""
    clause = doc[f.head].head
    if clause.dep_ not in GOVERNED_DEPS or clause.head.i == clause.i:
        return None
    subject = next((c for c in clause.head.children if c.dep_ in SUBJECT_DEPS), None)
    return subject if subject is not None and subject.i < f.head else None


def _group_pronoun(doc: Doc, f: Found, out: list[Found], sentence: list[int]) -> Found | None:
    """Resolve "it"/"they": the one coded state or organisation of the pronoun's number named
    as a subject in the same or the previous sentence; None when there are several or none."""
    plural = GROUP_PRONOUNS[doc[f.head].lower_]
    candidates = [
        p
        for p in out
        if p.code is not None
        and not p.person
        and p.rule != PLACE_RULE
        and sentence[p.head] >= sentence[f.head] - 1
        and doc[p.head].dep_ in SUBJECT_DEPS
        and _plural(doc, p) == plural
    ]
    if len({p.code for p in candidates}) != 1:
        return None
    prev = candidates[-1]
    return replace(f, code=prev.code, sector=prev.sector, pending="")


def _plural(doc: Doc, f: Found) -> bool:
    """Whether a mention names several ("Russian officials"), not one ("the United States")."""
    if f.desc is None and f.rule in NAME_RULES:
        return False  # a bare name: "the United States", "the Philippines"
    return doc[f.head].tag_ in ("NNS", "NNPS")


def _surname(f: Found, registry: dict[str, Found]) -> Found | None:
    """A person mention completed from the full name the article introduced earlier; a
    pending bare name the article never introduced is dropped."""
    known = registry.get(name_key(f.name or ""))
    listed = f.rule == "actors.person.dict.v1"  # the article's own words beat the list
    if known is None or (f.code is not None and not listed):
        return None if f.pending else f
    return replace(
        f,
        code=known.code or f.code,
        sector=known.sector if listed else f.sector or known.sector,
        name=known.name,
        role=known.role if listed else f.role or known.role,
        rule="actors.carry.surname.v1",
        pending="",
        id=known.id or f.id,
        region=known.region or f.region,
    )


def _register(f: Found, registry: dict[str, Found]) -> None:
    """Index a full name by itself, its first and its last word."""
    words = name_key(f.name or "").split()
    if len(words) < 2 or f.rule == "actors.carry.surname.v1":
        return
    for key in {" ".join(words), words[0], words[-1]}:
        if len(key) > 1:
            registry[key] = f


def _definite(doc: Doc, f: Found, out: list[Found], gaz: Gazetteer) -> Found:
    """``f`` with the code of the earlier mention it stands for, if one is found."""
    head = doc[f.head]
    allowed = gaz.definites.get((head.lemma_ or head.lower_).lower())
    earlier = [p for p in reversed(out) if p.code is not None and not p.person]
    prev = _state_antecedent(doc, earlier, allowed, gaz) if allowed else None
    for word in f.words if prev is None else ():
        prev = _topic(p for p in earlier if p.words and p.words[-1] == word)
        if prev is not None:
            break
    if prev is None and f.sector in HOME_SECTORS:
        prev = _lead_state(doc, out, gaz)
    if prev is None and f.sector is not None:
        prev = next((p for p in earlier if p.sector == f.sector), None)
    if prev is None:
        return f
    sector = f.sector or prev.sector
    return replace(f, code=prev.code, sector=sector, rule="actors.carry.definite.v1")


#: Sectors of the bodies a report calls "the ministry", "the police" without naming their state:
#: the state the report is about. Embassies and envoys are left out (they are usually foreign).
HOME_SECTORS = frozenset({"GOV", "MIL", "SPY", "COP", "JUD", "LEG"})


def _lead_state(doc: Doc, out: list[Found], gaz: Gazetteer) -> Found | None:
    """The state that is the subject of the article's first sentence (its lede), if any."""
    first = next(iter(doc.sents), None)
    if first is None:
        return None
    for p in out:
        if p.start >= first.end:
            break
        if gaz.is_state(p.code) and doc[p.head].dep_ in SUBJECT_DEPS and not p.person:
            return p
    return None


def _topic(same_head: Iterable[Found]) -> Found | None:
    """Of mentions latest first, the latest one of the code they give most often."""
    latest: dict[str, Found] = {}
    counts: Counter[str] = Counter()
    for p in same_head:
        latest.setdefault(p.code or "", p)
        counts[p.code or ""] += 1
    if not counts:
        return None
    best = max(counts.values())
    return next(p for code, p in latest.items() if counts[code] == best)  # dicts keep order


def _state_antecedent(
    doc: Doc, earlier: list[Found], allowed: frozenset[str], gaz: Gazetteer
) -> Found | None:
    """For "the country", "the alliance": the latest name they may stand for, preferring one
    that is the subject of its clause."""
    names = [
        p
        for p in earlier
        if p.desc is None and (p.code in allowed or ("STATE" in allowed and gaz.is_state(p.code)))
    ]
    subject = next((p for p in names if doc[p.head].dep_ in SUBJECT_DEPS), None)
    return subject or next(iter(names), None)
