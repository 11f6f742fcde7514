"""What an article says about an actor once, carried to its later mentions, in text order.

- Apposition: "Lin Jian, a Chinese foreign ministry spokesperson," gives the name the role,
  code and sector of the phrase beside it.
- Surname: "Kim said" takes the most recent full name the article introduced with that first or
  last word ("Kim Hong-kyun"), before any well-known person of the built-in list.
- Pronoun: "he"/"she" as a subject takes the most recent person named as a subject in the same
  or the previous sentence.
- Definite description: "the ministry", "the embassy", "the alliance" take the code of the most
  recent coded mention with the same head word or sector (or one the description may stand for).
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from .gazetteer import Gazetteer, name_key
from .phrases import Found

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRONOUNS = frozenset({"he", "she"})


def apply_appositions(doc: Doc, found: list[Found]) -> list[Found]:
    """Persons with nothing known take role, code and sector from a phrase in apposition."""
    by_head = {f.head: f for f in found}
    by_end = {f.end: f for f in found}
    out: list[Found] = []
    for f in found:
        if f.person and f.code is None and f.role is None and not f.pending:
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
    pending = [
        Found(t.i, t.i + 1, t.i, None, None, "actors.pronoun.v1", person=True, pending="pronoun")
        for t in doc
        if t.lower_ in PRONOUNS and t.dep_ in SUBJECT_DEPS
    ]
    registry: dict[str, Found] = {}
    out: list[Found] = []
    for f in sorted([*found, *pending], key=lambda m: m.start):
        if f.pending == "pronoun":
            resolved = _pronoun(doc, f, out, sentence)
        elif f.person:
            resolved = _surname(f, registry)
            if resolved is not None:
                _register(resolved, registry)
        else:
            resolved = _definite(doc, f, out, gaz) if f.definite else f
        if resolved is not None:
            out.append(resolved)
    return out


def _sentence_index(doc: Doc) -> list[int]:
    index = [0] * len(doc)
    for n, sent in enumerate(doc.sents):
        for i in range(sent.start, sent.end):
            index[i] = n
    return index


def _pronoun(doc: Doc, f: Found, out: list[Found], sentence: list[int]) -> Found | None:
    for prev in reversed(out):
        if sentence[prev.head] < sentence[f.head] - 1:
            return None
        if prev.person and not prev.pending and doc[prev.head].dep_ in SUBJECT_DEPS:
            return replace(
                f, code=prev.code, sector=prev.sector, name=prev.name, role=prev.role, pending=""
            )
    return None


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
        prev = next((p for p in earlier if p.words and p.words[-1] == word), None)
        if prev is not None:
            break
    if prev is None and f.sector is not None:
        prev = next((p for p in earlier if p.sector == f.sector), None)
    if prev is None:
        return f
    sector = f.sector or prev.sector
    return replace(f, code=prev.code, sector=sector, rule="actors.carry.definite.v1")


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
