"""Statement frames: "the ministry said Russia's invasion is illegal" is the ministry's act.

A reporting verb (say, tell, warn ...) whose complement holds an evaluative cue ("illegal",
"violation", "in line with international law") is coded as the speaker's event of the cue's
type. The target is the addressee ("told Kim that ...") or the actor the complement is about
(the complement's subject), as the cue group says.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ...records import Actor
from ..mentions import MentionIndex
from .arguments import OBJECTS, children, resolve_all
from .patterns import Pattern, Patterns

if TYPE_CHECKING:
    from spacy.tokens import Token

#: The most tokens on either side of a reporting verb that its complement is read from.
MAX_COMPLEMENT = 80

COMPLEMENTS = frozenset({"ccomp", "xcomp", "parataxis", "advcl", "oprd", "dobj", "prep", "acomp"})


def _complement(verb: Token) -> list[Token]:
    """Tokens of what is said: the verb's clausal complements, or for "describe X as Y" its
    object and "as" phrase. Subject and addressee are left out."""
    out: list[Token] = []
    sent = verb.sent
    for child in verb.children:
        if child.dep_ not in COMPLEMENTS:
            continue
        if child.dep_ == "dobj" and not any(c.lower_ == "as" for c in verb.children):
            continue
        if child.dep_ == "prep" and child.lower_ != "as":
            continue
        # a subtree is a contiguous run of tokens; clipped to the sentence and to
        # MAX_COMPLEMENT tokens, so a degenerate parse (a page of unclosed quotes chained into
        # one clause) cannot make this quadratic in the article's length
        start = max(child.left_edge.i, sent.start, verb.i - MAX_COMPLEMENT)
        end = min(child.right_edge.i + 1, sent.end, verb.i + MAX_COMPLEMENT)
        out.extend(verb.doc[start:end])
    return sorted(set(out), key=lambda t: t.i)


def cue_at(tokens: list[Token], cue: tuple[str, ...]) -> Token | None:
    """The first token where the word sequence ``cue`` starts (words match text or lemma)."""
    n = len(cue)
    for k in range(len(tokens) - n + 1):
        window = tokens[k : k + n]
        if window[-1].i - window[0].i != n - 1:
            continue
        if all(t.lower_ == w or t.lemma_.lower() == w for t, w in zip(window, cue, strict=True)):
            return window[0]
    return None


def _about(verb: Token, cue: Token) -> list[Token]:
    """Who the statement is about: the subject of the clause holding the cue, or the object of
    "describe X as ...", nearest clause first."""
    tok = cue
    while tok.i != verb.i and tok.head is not tok:
        subj = children(tok, frozenset({"nsubj", "nsubjpass", "csubj"}))
        if subj:
            return subj
        if tok.head.i == verb.i:
            break
        tok = tok.head
    return children(verb, OBJECTS)


def _addressee(verb: Token) -> list[Token]:
    out = children(verb, frozenset({"dative"}))
    if verb.lemma_.lower() == "tell":
        out += children(verb, OBJECTS)
    return out


def agent_of(noun: Token, mentions: MentionIndex) -> Actor | None:
    """Who does what a noun names: its possessor ("Moscow's invasion of Ukraine") or its
    "by" phrase ("the invasion of Ukraine by Russia", "the blockade imposed by X")."""
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    for child in noun.children:
        if child.dep_ == "poss":
            found = mentions.for_token(child)
            if found is not None and found.code:
                return found
        nodes = [child, *(c for c in child.children)] if child.dep_ == "acl" else [child]
        for node in nodes:
            if node.dep_ in ("prep", "agent") and node.lower_ == "by":
                for obj in node.children:
                    found = mentions.for_token(obj) if obj.dep_ == "pobj" else None
                    if found is not None and found.code:
                        return found
    return None


def names_harm(noun: Token, patterns: Patterns | None) -> bool:
    """A noun naming a hostile act (a nominal ASSAULT/COERCE/... pattern: "invasion")."""
    if patterns is None or noun.pos_ != "NOUN":
        return False
    hostile = ("ASSAULT", "COERCE", "MOBILIZE", "THREATEN", "SANCTION")
    return any(p.type in hostile for p in patterns.nouns.get(noun.lemma_.lower(), ()))


def statement_targets(
    verb: Token,
    cue: Token,
    pattern: Pattern,
    mentions: MentionIndex,
    speaker: Actor,
    patterns: Patterns | None = None,
) -> list[Actor]:
    """Targets of a statement, read from the cue group's slots in order."""
    for slot in pattern.targets:
        tokens = _addressee(verb) if slot == "addressee" else _about(verb, cue)
        for tok in tokens:
            agent = agent_of(tok, mentions)
            if agent is not None and agent.code != speaker.code:
                return [agent]  # "X's invasion of Y is illegal" is about X, not Y
            if names_harm(tok, patterns):
                continue  # "the invasion of Y is illegal": Y is the victim, not accused
            found = [
                a
                for a in resolve_all(tok, mentions, speaker)
                if a.code is None or a.code != speaker.code
            ]
            if found:
                return found
    return []


def find_cues(verb: Token, patterns: Patterns) -> Iterator[tuple[Pattern, Token]]:
    """Statement cue groups whose words occur in what ``verb`` reports (first hit per group)."""
    if verb.lemma_.lower() not in patterns.reporting or verb.pos_ != "VERB":
        return
    tokens = _complement(verb)
    if not tokens:
        return
    present = {t.lower_ for t in tokens} | {t.lemma_.lower() for t in tokens}
    for pattern in patterns.cues:
        for words in pattern.words:
            if not present.issuperset(words):
                continue  # cheap test first: most cue phrases share no word with the clause
            hit = cue_at(tokens, words)
            if hit is not None:
                yield pattern, hit
                break
