"""Argument fallbacks for what the parse leaves unsaid, each a habit of English news prose.

- A participle clause without a subject ("... the envoy earlier this month praising the
  soldiers", "..., the ministry accusing Seoul of ...") is done by the actor named just before it.
- A directed act without a target ("Seoul requested the removal, but the other side refused")
  is aimed at the one other actor the sentence names.
- A threat's condition names its target ("threatened retaliation should Seoul send weapons").
- A state actor's "protest" is a verbal protest; a street protest is civilians' collective act.
- An act on a thing or on people no actor mention covers ("stormed a police station", "freed 37
  prisoners", "condemned the decision") is aimed at that noun phrase, an uncoded target.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...records import Actor
from ..mentions import MentionIndex
from .arguments import children, is_actor, same, slot_tokens
from .patterns import ArgumentWords

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: How far left (in tokens) a participle's actor may stand.
GERUND_WINDOW = 8
PLACE_RULE = "actors.place.v1"
PHRASE_RULE = "events.target_phrase.v1"
#: Named-entity labels of phrases that say when or how much, never whom: "on Monday", "$5 million".
NOT_TARGETS = frozenset({"DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
#: Clause links along which a condition hangs from the threatening verb (or its object).
CONDITION_LINKS = frozenset({"advcl", "conj", "ccomp", "parataxis"})


def is_participle(tok: Token) -> bool:
    """A gerund or participle heading a clause without a subject of its own."""
    own = children(tok, frozenset({"nsubj", "nsubjpass", "csubj", "expl"}))
    return tok.tag_ in ("VBG", "VBN") and tok.pos_ == "VERB" and not own


def nearest_left_actor(tok: Token, mentions: MentionIndex, adjacent: bool = False) -> Token | None:
    """The closest token to the left of ``tok`` in its clause that belongs to an actor mention:
    no verb between them, at most ``GERUND_WINDOW`` tokens away, same sentence. ``adjacent``
    also stops at a comma: "the remarks by the envoy praising X" (the envoy praises) as
    against "the minister met the envoy, praising X" (the minister does)."""
    sent_start = tok.sent.start
    stops = (";", ":", ",") if adjacent else (";", ":")
    own = [c.i for c in tok.lefts if c.dep_ in ("aux", "auxpass", "neg", "advmod")]
    first = min(own, default=tok.i)  # "X has so far declined": look left of "has so far"
    for i in range(first - 1, max(sent_start, first - GERUND_WINDOW) - 1, -1):
        cand = tok.doc[i]
        if cand.pos_ in ("VERB", "AUX") or cand.lower_ in stops or cand.tag_ == "WDT":
            return None
        actor = mentions.for_token(cand)
        if actor is not None and is_actor(actor) and actor.rule != PLACE_RULE:
            return cand
    return None


def counterpart(sent: Span, mentions: MentionIndex, source: Actor) -> Actor | None:
    """The one other coded actor of ``sent`` (not a place, not the source's own code), or None
    when there is none or more than one candidate code."""
    found: dict[str, Actor] = {}
    for actor in mentions.for_span(sent):
        if actor.code is None or actor.rule == PLACE_RULE or actor.code == source.code:
            continue
        if same(actor, source) or (source.start <= actor.start and actor.end <= source.end):
            continue
        found.setdefault(actor.code, actor)
    return next(iter(found.values())) if len(found) == 1 else None


def _opens_condition(clause: Token, words: ArgumentWords) -> bool:
    """``clause`` is a condition: led by "if"/"unless"/"in case", or inverted ("should X")."""
    marks = [c for c in clause.children if c.dep_ == "mark"]
    left = [t.lower_ for t in clause.doc[clause.left_edge.i : clause.i]]
    for cue in words.conditional_marks:
        if any(m.lower_ == cue[0] for m in marks) and len(cue) == 1:
            return True
        if tuple(left[: len(cue)]) == cue:
            return True
    subjects = children(clause, frozenset({"nsubj", "nsubjpass"}))
    auxes = [c for c in clause.children if c.dep_ in ("aux", "auxpass")]
    return bool(
        subjects
        and auxes
        and auxes[0].lower_ in words.inverted_aux
        and auxes[0].i < subjects[0].i
        and auxes[0].i == clause.left_edge.i
    )


def condition_subjects(trigger: Token, words: ArgumentWords) -> list[Token]:
    """Subjects of the conditions attached to ``trigger`` or to its object: in "threatened
    retaliation if Seoul sends arms" -> Seoul."""
    heads = [trigger, *children(trigger, frozenset({"dobj", "obj"}))]
    out: list[Token] = []
    for head in heads:
        for clause in head.children:
            if clause.dep_ in CONDITION_LINKS and _opens_condition(clause, words):
                out.extend(children(clause, frozenset({"nsubj", "nsubjpass"})))
    return out


def is_state(actor: Actor, words: ArgumentWords) -> bool:
    """A state actor: a government, diplomatic, military, intelligence, legislative or judicial
    body, or a bare state or capital standing for its government."""
    if actor.sector is not None:
        return actor.sector in words.state_sectors
    return actor.code is not None and actor.rule in words.state_rules


def phrase_target(trigger: Token, slots: tuple[str, ...]) -> Actor | None:
    """The noun phrase filling the first target slot, as an uncoded target: from its first word
    to its head ("a regional police headquarters" in "stormed a regional police headquarters in
    X"). Pronouns, clauses and phrases of time or quantity are no target."""
    for slot in slots:
        for filler in slot_tokens(trigger, slot):
            if filler.pos_ not in ("NOUN", "PROPN") or filler.ent_type_ in NOT_TARGETS:
                continue
            start = filler.left_edge
            while start.i < filler.i and (start.is_punct or start.dep_ in ("cc", "preconj")):
                start = start.doc[start.i + 1]
            text = filler.doc[start.i : filler.i + 1].text
            return Actor(None, None, text, start.idx, start.idx + len(text), rule=PHRASE_RULE)
    return None
