"""PLOVER events from a parsed article: who did what to whom, when and where.

Triggers are verb lemmas ("urge", "call for", "summon" + ambassador), nouns ("sanctions against
X", "X's invasion of Y", "a phone call with X") and statement frames (a reporting verb whose
complement holds an evaluative cue). The patterns are data (``lexicons/events.yaml``); this
package holds the mechanism: match a trigger, read its arguments from the parse, resolve them
to actor mentions, then set flags, date and location. Every event carries its sentence, trigger
and the rule that found it. Negated, hypothetical and planned events are kept and marked.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...records import Actor, DateRange, Event, PublishedDate, TimeExpression
from ..mentions import MentionIndex
from . import arguments as args
from .context import Flags, event_date, flags_for, location, predicate
from .patterns import PLOVER_TYPES, Pattern, Patterns, load_patterns
from .statements import find_cues, statement_targets

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

__all__ = ["PLOVER_TYPES", "Pattern", "Patterns", "find_events", "load_patterns"]


@dataclass(frozen=True, slots=True)
class _Article:
    """What every lookup in one article needs."""

    mentions: MentionIndex
    dates: Sequence[TimeExpression]
    published: PublishedDate
    patterns: Patterns


def _lemma_forms(tok: Token) -> set[str]:
    lower = tok.lower_
    return {tok.lemma_.lower(), lower, lower.rstrip("s")}


def _verb_matches(tok: Token, pattern: Pattern) -> bool:
    if pattern.particle and not any(
        c.dep_ in ("prt", "prep", "dative", "agent") and c.lower_ == pattern.particle
        for c in tok.children
    ):
        return False
    if pattern.objects:
        objs = args.children(tok, frozenset({"dobj", "obj", "nsubjpass", "dative"}))
        return any(_lemma_forms(o) & pattern.objects for o in objs)
    return True


def _noun_matches(tok: Token, pattern: Pattern) -> bool:
    if pattern.modifiers:
        return any(_lemma_forms(c) & pattern.modifiers for c in tok.lefts)
    return True


def _triggers(sent: Span, patterns: Patterns) -> Iterator[tuple[Token, Pattern]]:
    """Every (token, pattern) pair whose lemma and constraints match in ``sent``."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            for pattern in patterns.verbs.get(lemma, ()):
                if _verb_matches(tok, pattern):
                    yield tok, pattern
        elif tok.pos_ in ("NOUN", "PROPN"):
            for pattern in patterns.nouns.get(lemma, ()):
                if _noun_matches(tok, pattern):
                    yield tok, pattern


def _source(tok: Token, pattern: Pattern, art: _Article) -> tuple[Actor, Token] | None:
    """The source actor and the token it was read from."""
    control = art.patterns.object_control
    if pattern.family == "noun":
        light = art.patterns.light_verbs
        subj = args.noun_source(tok, pattern.sources, art.mentions, light, control)
    else:
        subj = args.subject_token(tok, control)
    if subj is None:
        return None
    actor = art.mentions.for_token(subj) or args.resolve(subj, art.mentions)
    return (actor, subj) if actor is not None and args.is_actor(actor) else None


def _event(
    tok: Token,
    pattern: Pattern,
    sent: Span,
    source: Actor,
    target: Actor | None,
    when: tuple[Flags, DateRange | None],
) -> Event:
    flags, date = when
    return Event(
        type=pattern.type, source=source, target=target, mode=pattern.mode, cameo=pattern.cameo,
        quad_class=pattern.quad_class, goldstein=pattern.goldstein,
        date=date, location=location(tok), sentence=sent.text, sentence_start=sent.start_char,
        sentence_end=sent.end_char, trigger=tok.text, trigger_start=tok.idx,
        trigger_end=tok.idx + len(tok.text), negated=flags.negated,
        hypothetical=flags.hypothetical, future=flags.future, rule=pattern.rule,
    )  # fmt: skip


def _dated(
    tok: Token, pattern: Pattern, sent: Span, art: _Article, others: set[int]
) -> tuple[Flags, DateRange | None]:
    flags = flags_for(tok, dict(art.patterns.flags), pattern.type == "REJECT")
    return flags, event_date(tok, sent, art.dates, others, art.published, flags)


def _pattern_events(
    tok: Token, pattern: Pattern, sent: Span, art: _Article, others: set[int]
) -> list[Event]:
    """Events of one matched trigger: one per target, none without an actor as source."""
    found_source = _source(tok, pattern, art)
    if found_source is None:
        return []
    source, subject = found_source
    found: list[Actor | None] = []
    if pattern.reciprocal:
        found.extend(args.partners(subject, art.mentions, source))
    if not found:
        found.extend(args.targets(tok, pattern.targets, art.mentions, source))
    if not found:
        if not pattern.target_optional:
            return []
        found = [None]
    when = _dated(tok, pattern, sent, art, others - {predicate(tok).i})
    return [_event(tok, pattern, sent, source, target, when) for target in found]


def _statement_events(verb: Token, sent: Span, art: _Article, others: set[int]) -> list[Event]:
    """Events of a statement frame: the speaker's act toward what the statement is about."""
    cues = list(find_cues(verb, art.patterns))
    if not cues:
        return []
    subj = args.subject_token(verb, art.patterns.object_control)
    speaker = art.mentions.for_token(subj) if subj is not None else None
    if speaker is None and subj is not None:
        speaker = args.resolve(subj, art.mentions)
    if speaker is None or not args.is_actor(speaker):
        return []
    out: list[Event] = []
    for pattern, cue in cues:
        targets = statement_targets(verb, cue, pattern, art.mentions, speaker)
        when = _dated(verb, pattern, sent, art, others - {verb.i})
        flags = when[0]
        if any(c.dep_ == "neg" for c in cue.head.children) or any(
            c.dep_ == "neg" for c in cue.children
        ):
            when = (Flags(True, flags.hypothetical, flags.future), when[1])
        out.extend(_event(verb, pattern, sent, speaker, t, when) for t in targets)
    return out


def _key(event: Event) -> tuple[int, str, int, int]:
    target = event.target.start if event.target is not None else -1
    return (event.sentence_start, event.type, event.source.start, target)


def find_events(
    doc: Doc,
    mentions: MentionIndex,
    dates: Sequence[TimeExpression],
    published: PublishedDate,
    patterns: Patterns,
) -> list[Event]:
    """Every event stated in ``doc``, in text order, one per (type, source, target) a sentence
    states. ``dates`` are the article's resolved date expressions; ``published`` its date."""
    art = _Article(mentions, dates, published, patterns)
    events: list[Event] = []
    seen: set[tuple[int, str, int, int]] = set()
    for sent in doc.sents:
        matched = list(_triggers(sent, patterns))
        others = {predicate(tok).i for tok, _ in matched}
        found: list[Event] = []
        for tok, pattern in matched:
            found.extend(_pattern_events(tok, pattern, sent, art, others))
        for tok in sent:
            found.extend(_statement_events(tok, sent, art, others))
        for event in found:
            if _key(event) not in seen:
                seen.add(_key(event))
                events.append(event)
    return events
