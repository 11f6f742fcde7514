"""Who acts and who is acted on: event arguments read from the dependency parse.

The small English model's parse is often wrong, so each lookup has fallbacks: an argument that
is not itself an actor mention is searched for one inside its subtree; a verb without a subject
borrows it from the verb it is conjoined with or controlled by; a coordinated argument ("Russia
and North Korea") gives every conjunct.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...records import Actor
from ..mentions import MentionIndex

if TYPE_CHECKING:
    from spacy.tokens import Token

SUBJECTS = frozenset({"nsubj", "csubj", "nsubjpass"})
OBJECTS = frozenset({"dobj", "obj"})
#: Links from a verb without a subject to the verb whose subject it shares.
SHARED_SUBJECT = frozenset({"conj", "advcl", "xcomp", "pcomp", "ccomp", "dep", "prep", "pobj"})
#: Links from a noun trigger up to the verb that governs it.
NOUN_UP = frozenset(
    {"dobj", "pobj", "prep", "attr", "conj", "appos", "obj", "compound", "npadvmod"}
)
RELATIVE = frozenset({"who", "which", "that", "whom"})
#: Prepositions of time: "said after a phone call with X" -> the caller is the subject.
XOBJ_SLOTS = ("dobj", "dative", "prep:with", "prep:to", "prep:against", "prep:on", "prep:from")
TIME_ENTS = frozenset({"DATE", "TIME"})
TIME_PREPS = frozenset({"after", "during", "before", "following", "amid", "at", "in", "since"})


def is_actor(actor: Actor | None) -> bool:
    """A mention that can be an event's source: coded or at least sectored."""
    return actor is not None and bool(actor.code or actor.sector)


def same(a: Actor, b: Actor | None) -> bool:
    return b is not None and a.start == b.start and a.end == b.end


def children(tok: Token, deps: frozenset[str]) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def agent(verb: Token) -> Token | None:
    """The ``by X`` of a passive verb."""
    for child in verb.children:
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs and children(verb, frozenset({"nsubjpass", "auxpass"})):
                return objs[0]
    return None


def subject_token(verb: Token, object_control: frozenset[str]) -> Token | None:
    """Who does ``verb``: its subject, the agent of a passive, the subject of the verb it is
    conjoined with, or the controller of an infinitive ("asked X to leave" -> X)."""
    tok = verb
    for _ in range(6):
        by = agent(tok)
        if by is not None:
            return by
        subj = children(tok, frozenset({"nsubj", "csubj"}))
        if subj:
            if subj[0].lower_ in RELATIVE and tok.dep_ == "relcl":
                return tok.head
            return subj[0]
        if children(tok, frozenset({"nsubjpass"})):
            return None  # passive without an agent: the actor is not said
        if tok.dep_ in ("acl", "relcl") and tok.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return tok.head
        if tok.dep_ == "pcomp" and tok.head.lower_ == "by":  # "remarks by X praising Y"
            objs = children(tok.head, frozenset({"pobj"}))
            if objs:
                return objs[0]
        if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in object_control:
            objs = children(tok.head, OBJECTS)
            if objs:
                return objs[0]
        if tok.dep_ not in SHARED_SUBJECT or tok.head is tok:
            return None
        tok = tok.head
    return None


def governing_verb(noun: Token) -> Token | None:
    """The verb a noun trigger hangs from ("joined sanctions against X" -> joined)."""
    tok = noun
    for _ in range(5):
        if tok.dep_ not in NOUN_UP or tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return tok
    return None


def resolve(tok: Token, mentions: MentionIndex, exclude: Actor | None = None) -> Actor | None:
    """The actor ``tok`` names: its own mention, else the first one in its subtree."""
    found = mentions.for_token(tok)
    if found is not None and not same(found, exclude):
        return found
    sub = tok.doc[tok.left_edge.i : tok.right_edge.i + 1]
    for actor in mentions.for_span(sub):
        if not same(actor, exclude) and not (exclude and _inside(actor, exclude)):
            return actor
    return None


def _inside(a: Actor, b: Actor) -> bool:
    return b.start <= a.start and a.end <= b.end


def resolve_all(tok: Token, mentions: MentionIndex, exclude: Actor | None) -> list[Actor]:
    """The actor ``tok`` names plus those coordinated with it ("between Russia and Japan")."""
    first = resolve(tok, mentions, exclude)
    if first is None:
        return []
    out = [first]
    span = tok.doc.char_span(first.start, first.end, alignment_mode="expand")
    root = span.root if span is not None and len(span) else tok
    for conj in root.conjuncts:
        other = mentions.for_token(conj)
        if other is not None and not same(other, exclude) and all(not same(other, o) for o in out):
            out.append(other)
    return sorted(out, key=lambda a: a.start)


def _prep_objects(tok: Token, word: str) -> Iterator[Token]:
    for child in tok.children:
        if child.dep_ in ("prep", "dative", "agent", "prt") and child.lower_ == word:
            yield from (c for c in child.children if c.dep_ in ("pobj", "pcomp"))


def slot_tokens(trigger: Token, slot: str) -> list[Token]:
    """Tokens that fill a target slot of a verb or noun trigger."""
    passive = bool(children(trigger, frozenset({"nsubjpass"}))) and agent(trigger) is not None
    objs = children(trigger, frozenset({"nsubjpass"})) if passive else children(trigger, OBJECTS)
    if slot in ("dobj", "nsubjpass"):
        return objs if slot == "dobj" or passive else []
    if slot == "dative":
        return children(trigger, frozenset({"dative"}))
    if slot == "poss":
        return [c for o in [trigger, *objs] for c in o.children if c.dep_ == "poss"]
    if slot == "xsubj":
        clauses = children(trigger, frozenset({"ccomp", "xcomp"}))
        return [s for c in clauses for s in children(c, frozenset({"nsubj"}))]
    if slot == "parent":  # "conveyed concerns to X, requesting ..." -> X
        if trigger.dep_ not in ("advcl", "conj", "xcomp") or trigger.head is trigger:
            return []
        return [t for s in ("dobj", "dative", "prep:to") for t in slot_tokens(trigger.head, s)]
    if slot == "xobj":  # "refused to meet with X", "agreed to lend money to X"
        clauses = children(trigger, frozenset({"xcomp", "ccomp"}))
        return [t for c in clauses for s in XOBJ_SLOTS for t in slot_tokens(c, s)]
    if slot.startswith("prep:"):
        word = slot[5:]
        # "lifted sanctions on Iran on Friday": a date after the preposition names no target
        found = [t for t in _prep_objects(trigger, word) if t.ent_type_ not in TIME_ENTS]
        if not found:
            found = [t for o in objs for t in _prep_objects(o, word)]
        if not found and any(c.dep_ == "prt" and c.lower_ == word for c in trigger.children):
            found = objs  # particle verb: "called on Russia" parsed as call/prt + dobj
        if not found and word == "with" and trigger.pos_ == "NOUN" and trigger.dep_ in OBJECTS:
            # the partner of a noun's act may hang on its verb: "expressed solidarity with X"
            found = list(_prep_objects(trigger.head, word))
        return found
    return []


def partners(subject: Token, mentions: MentionIndex, source: Actor) -> list[Actor]:
    """The other conjuncts of a subject ("Jordan and Britain agreed"): the target of a
    reciprocal act, with the first conjunct as source."""
    out: list[Actor] = []
    for conj in subject.conjuncts:
        other = mentions.for_token(conj) or resolve(conj, mentions, source)
        if other is not None and not same(other, source) and not _inside(other, source):
            out.append(other)
    return out


def targets(
    trigger: Token, slots: tuple[str, ...], mentions: MentionIndex, source: Actor
) -> list[Actor]:
    """The first slot that names an actor gives the targets (several when coordinated)."""
    for slot in slots:
        for tok in slot_tokens(trigger, slot):
            found = resolve_all(tok, mentions, source)
            if found:
                return found
    return []


def _noun_verb_subject(noun: Token, light: frozenset[str], control: frozenset[str]) -> Token | None:
    """The subject of the verb a noun trigger depends on, when that verb only carries the noun
    ("launched a war", "joined sanctions") or the noun sits in a time phrase ("after talks")."""
    tok = noun
    while tok.dep_ == "conj" and tok.head is not tok:
        tok = tok.head
    head = tok.head
    if tok.dep_ in ("dobj", "obj", "attr") and head.pos_ in ("VERB", "AUX"):
        verb = head if head.lemma_.lower() in light else None
    elif tok.dep_ == "pobj" and head.lower_ in TIME_PREPS and head.head.pos_ in ("VERB", "AUX"):
        verb = head.head
    elif tok.dep_ == "pobj" and head.lower_ in TIME_PREPS and head.head.dep_ == "nsubj":
        return head.head  # "X, after talks with Y, said ..." with the phrase hung on X
    else:
        verb = None
    if verb is None:
        return None
    subj = subject_token(verb, control)
    if subj is None or noun.left_edge.i <= subj.i <= noun.right_edge.i:
        return None
    return subj


def noun_source(
    noun: Token,
    slots: tuple[str, ...],
    mentions: MentionIndex,
    light: frozenset[str],
    control: frozenset[str],
) -> Token | None:
    """Who does what a noun trigger names, read from ``slots`` in order: ``poss`` ("Russia's
    invasion"), ``modifier`` ("US sanctions"), ``prep:<word>`` ("withdrawal of troops"),
    ``verb`` (the subject of a light verb: "Russia launched a war"). A possessor that names
    no actor ("declared its support" with "its" unresolved) gives way to the next slot."""
    for slot in slots:
        if slot == "poss":
            found = [c for c in noun.children if c.dep_ == "poss"]
        elif slot == "modifier":
            own = mentions.for_token(noun)  # "US-led sanctions" is one mention: no modifier
            found = [
                c
                for c in noun.lefts
                if c.dep_ in ("amod", "compound", "nmod")
                and is_actor(mentions.for_token(c))
                and mentions.for_token(c) != own
            ]
        elif slot.startswith("prep:"):
            found = list(_prep_objects(noun, slot[5:]))
        else:
            subj = _noun_verb_subject(noun, light, control)
            found = [subj] if subj is not None else []
        if found and (slot != "poss" or is_actor(resolve(found[0], mentions))):
            return found[0]
    return None
