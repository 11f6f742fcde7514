"""PLOVER events from a parsed article: who did what to whom, when and where.

Triggers are verb lemmas ("urge", "call for", "summon" + ambassador), nouns ("sanctions against
X", "X's invasion of Y", "a phone call with X") and statement frames (a reporting verb whose
complement holds an evaluative cue). The patterns are data (``lexicons/events.yaml``); this
package holds the mechanism: match a trigger, read its arguments from the parse, resolve them
to actor mentions, then set flags, date and location. Every event carries its sentence, trigger
and the rule that found it. Negated, hypothetical and planned events are kept and marked.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from ...records import Actor, DateRange, Event, PublishedDate, Quote, TimeExpression
from ..mentions import MentionIndex
from . import arguments as args
from .context import (
    Flags,
    before_article,
    event_date,
    flags_for,
    location,
    pick_date,
    predicate,
)
from .fallbacks import (
    PLACE_RULE,
    condition_subjects,
    counterpart,
    is_participle,
    is_state,
    nearest_left_actor,
    phrase_target,
)
from .learned import EventModel, Scored, best_per_trigger, doc_candidates
from .patterns import PLOVER_TYPES, Pattern, Patterns, load_patterns
from .quoted import QuoteAct, quote_acts
from .speech import SpeechOwners
from .statements import find_cues, statement_targets

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from ..actors import Gazetteer

__all__ = ["PLOVER_TYPES", "Pattern", "Patterns", "find_events", "load_patterns"]


@dataclass(frozen=True, slots=True)
class _Article:
    """What every lookup in one article needs."""

    mentions: MentionIndex
    dates: Sequence[TimeExpression]
    published: PublishedDate
    patterns: Patterns
    speech: SpeechOwners


_COMPLEMENTS = frozenset({"oprd", "ccomp", "xcomp", "acomp"})


def _lemma_forms(tok: Token) -> set[str]:
    lower = tok.lower_
    return {tok.lemma_.lower(), lower, lower.rstrip("s")}


def _particles(tok: Token, word: str, anywhere: bool) -> list[Token]:
    """The particle ``word`` of a phrasal verb: a ``prt`` child anywhere ("handed the city
    over"), a preposition right after the verb ("called on X", not "called X on Monday")
    unless an object constraint pins it ("placed the brigade on alert")."""
    return [
        c
        for c in tok.children
        if c.lower_ == word
        and (
            c.dep_ == "prt"
            or (c.dep_ in ("prep", "dative", "agent") and (anywhere or c.i == tok.i + 1))
        )
    ]


def _verb_matches(tok: Token, pattern: Pattern) -> bool:
    """The verb's particle and object constraints hold; with a particle the object may be the
    particle's ("went on strike", "put on alert")."""
    particle, anywhere = pattern.particle, bool(pattern.objects)
    particles = _particles(tok, particle, anywhere) if particle else []
    if pattern.particle and not particles:
        return False
    if pattern.objects:
        objs = args.children(tok, frozenset({"dobj", "obj", "nsubjpass", "dative"}))
        objs += [o for p in particles for o in args.children(p, frozenset({"pobj"}))]
        # an adjective complement stands for the object: "found X guilty", "held X responsible"
        # (the parse may hang it on the object: an adjective after its noun)
        objs += [c for c in args.children(tok, _COMPLEMENTS) if c.pos_ == "ADJ"]
        objs += [a for o in list(objs) for a in o.rights if a.dep_ == "amod" and a.pos_ == "ADJ"]
        return any(_lemma_forms(o) & pattern.objects for o in objs)
    return True


def _noun_matches(tok: Token, pattern: Pattern) -> bool:
    if pattern.modifiers:
        return any(_lemma_forms(c) & pattern.modifiers for c in tok.lefts)
    return True


def _specific(pattern: Pattern) -> bool:
    return bool(pattern.particle or pattern.objects or pattern.modifiers)


def _triggers(sent: Span, patterns: Patterns) -> Iterator[tuple[Token, Pattern]]:
    """Every (token, pattern) pair whose lemma and constraints match in ``sent``. Where a
    pattern with a particle, object or modifier matches, the lemma's bare patterns do not:
    "struck a deal" is no strike, "backed down" no backing, "expelled journalists" no
    diplomatic expulsion."""
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB":
            found = [p for p in patterns.verbs.get(lemma, ()) if _verb_matches(tok, p)]
        elif tok.pos_ in ("NOUN", "PROPN"):
            found = [p for p in patterns.nouns.get(lemma, ()) if _noun_matches(tok, p)]
        else:
            continue
        if len(found) > 1 and any(_specific(p) for p in found):
            found = [p for p in found if _specific(p)]
        for pattern in found:
            yield tok, pattern


def _source(tok: Token, pattern: Pattern, art: _Article) -> tuple[Actor, Token, str] | None:
    """The source actor, the token it was read from and the rule suffix of a fallback."""
    control = art.patterns.object_control
    if pattern.family == "verb" and tok.tag_ == "VBG" and is_participle(tok):
        # a participle right after an actor, no comma between, is that actor's act even
        # where the parse hangs it on an earlier verb
        left = nearest_left_actor(tok, art.mentions, adjacent=True)
        found = art.mentions.for_token(left) if left is not None else None
        if left is not None and found is not None:
            return found, left, ".nearest"
    if pattern.family == "noun":
        light = art.patterns.light_verbs
        subj = args.noun_source(tok, pattern.sources, art.mentions, light, control)
    else:
        subj = args.subject_token(tok, control)
    actor = None
    if subj is not None:
        actor = art.mentions.for_token(subj) or args.resolve(subj, art.mentions)
    if actor is not None and actor.rule == PLACE_RULE and pattern.family == "verb":
        # a place parsed as the subject ("SEOUL - The ministry asked ..."): the actor
        # named between it and the verb acts
        verb = subj.head if subj is not None else tok  # the verb the place is subject of
        left = nearest_left_actor(verb, art.mentions)
        found = art.mentions.for_token(left) if left is not None else None
        return (found, left, ".nearest") if left is not None and found is not None else None
    if actor is not None and args.is_actor(actor) and subj is not None:
        return actor, subj, ""
    if pattern.family == "verb" and is_participle(tok):
        left = nearest_left_actor(tok, art.mentions)
        found = art.mentions.for_token(left) if left is not None else None
        if left is not None and found is not None:
            return found, left, ".nearest"
    return None


def _rule(pattern: Pattern, suffix: str) -> str:
    return pattern.rule + suffix


def _event(
    tok: Token,
    pattern: Pattern,
    sent: Span,
    actors: tuple[Actor, Actor | None],
    when: tuple[Flags, DateRange | None],
    rule: str,
) -> Event:
    (flags, date), (source, target) = when, actors
    return Event(
        type=pattern.type, source=source, target=target, mode=pattern.mode, cameo=pattern.cameo,
        quad_class=pattern.quad_class, goldstein=pattern.goldstein,
        date=date, location=location(tok), sentence=sent.text, sentence_start=sent.start_char,
        sentence_end=sent.end_char, trigger=tok.text, trigger_start=tok.idx,
        trigger_end=tok.idx + len(tok.text), negated=flags.negated,
        hypothetical=flags.hypothetical, future=flags.future, rule=rule,
    )  # fmt: skip


def _dated(
    tok: Token, pattern: Pattern, sent: Span, art: _Article, others: set[int]
) -> tuple[Flags, DateRange | None]:
    """Flags and date; a planned event dated wholly before the article has happened."""
    flags = flags_for(
        tok, dict(art.patterns.flags), pattern.type == "REJECT", pattern.type == "THREATEN"
    )
    nominal = pattern.family == "noun"
    date = event_date(tok, sent, art.dates, others, art.published, flags, nominal)
    if flags.future and before_article(date, art.published):
        flags = Flags(flags.negated, flags.hypothetical, False)
    return flags, date


def _slot_tokens(tok: Token, slot: str, art: _Article) -> list[Token]:
    if slot == "cond":
        return condition_subjects(tok, art.patterns.arguments)
    return args.slot_tokens(tok, slot)


def _targets(tok: Token, pattern: Pattern, art: _Article, source: Actor) -> list[Actor]:
    """The first slot that names an actor gives the targets (several when coordinated). A
    speech noun in a slot ("rejected Seoul's assertions that ...") gives its owner if the text
    names one, else whoever the phrase names."""
    for slot in pattern.targets:
        for filler in _slot_tokens(tok, slot, art):
            owner = art.speech.owner(filler) if art.speech.is_speech(filler) else None
            if owner is not None and not args.same(owner, source):
                return [owner]
            found = args.resolve_all(filler, art.mentions, source)
            if found:
                return found
    return []


def _arguments(
    tok: Token, pattern: Pattern, sent: Span, art: _Article
) -> tuple[Actor, list[Actor | None], str] | None:
    """Source, targets and the rule suffix of the fallbacks used; None when there is no event."""
    found_source = _source(tok, pattern, art)
    if found_source is None:
        return None
    source, subject, suffix = found_source
    words = art.patterns.arguments
    if pattern.source_kind != "any" and is_state(source, words) != (pattern.source_kind == "state"):
        return None
    found: list[Actor | None] = []
    if pattern.reciprocal:
        found.extend(args.partners(subject, art.mentions, source))
    if not found:
        found.extend(_targets(tok, pattern, art, source))
    reports = args.children(tok, frozenset({"ccomp"}))  # "warned that ...": a statement
    if not found and pattern.type in words.counterpart_types and not reports:
        other = counterpart(sent, art.mentions, source)
        if other is not None:
            found, suffix = [other], suffix + ".counterpart"
    if not found and pattern.type in words.phrase_target_types:
        phrase = phrase_target(tok, pattern.targets)
        if phrase is not None:
            found, suffix = [phrase], suffix + ".phrase"
    if not found:
        if not pattern.target_optional:
            return None
        found = [None]
    return source, found, suffix


def _pattern_events(
    tok: Token, pattern: Pattern, sent: Span, art: _Article, others: set[int]
) -> list[Event]:
    """Events of one matched trigger: one per target, none without an actor as source."""
    found = _arguments(tok, pattern, sent, art)
    if found is None:
        return []
    source, targets, suffix = found
    when = _dated(tok, pattern, sent, art, others - {predicate(tok).i})
    rule = _rule(pattern, suffix)
    return [_event(tok, pattern, sent, (source, t), when, rule) for t in targets]


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
        targets = statement_targets(verb, cue, pattern, art.mentions, speaker, art.patterns)
        when = _dated(verb, pattern, sent, art, others - {verb.i})
        flags = when[0]
        if any(c.dep_ == "neg" for c in cue.head.children) or any(
            c.dep_ == "neg" for c in cue.children
        ):
            when = (Flags(True, flags.hypothetical, flags.future), when[1])
        out.extend(_event(verb, pattern, sent, (speaker, t), when, pattern.rule) for t in targets)
    return out


def _quote_event(act: QuoteAct, art: _Article, speaker_token: Token | None) -> Event:
    """A quoted statement, dated like its sentence, else like the sentence naming the speaker;
    the statement was made, so it takes the article date when nothing else dates it."""
    sent = act.cue.sent
    expr = None
    for anchor in (act.cue, speaker_token):
        if anchor is not None and expr is None:
            expr = pick_date(anchor, anchor.sent, art.dates, set())
    date = expr.value if expr is not None else None
    if date is None and art.published.start is not None and art.published.end is not None:
        date = DateRange(art.published.start, art.published.end, "article")
    when = (Flags(negated=act.negated), date)
    rule = act.pattern.rule.replace("events.statement.", "events.quote.")
    return _event(act.cue, act.pattern, sent, (act.speaker, act.target), when, rule)


def _quote_events(doc: Doc, quotes: Sequence[Quote], art: _Article) -> list[Event]:
    out: list[Event] = []
    for act in quote_acts(doc, quotes, art.mentions, art.patterns):
        span = doc.char_span(act.speaker.start, act.speaker.end, alignment_mode="expand")
        anchor = span.root if span is not None and len(span) else None
        out.append(_quote_event(act, art, anchor))
    return out


def _valid(event: Event, is_state: Callable[[str | None], bool]) -> bool:
    """Not an act of an actor on itself: the same mention, the same words, or the same code and
    sector where that names one body: an organisation ("NATO agreed with NATO") or a state with
    no sector. Offices of one government (president, prime minister), two regions of one state
    ("Nebraska sued Colorado") and two known people or bodies act on each other."""
    target, source = event.target, event.source
    if target is None:
        return True
    if args.same(source, target) or _words(source) == _words(target):
        return False
    if target.code is None or (target.code, target.sector) != (source.code, source.sector):
        return True
    if source.region != target.region or (source.id and target.id and source.id != target.id):
        return True  # Nebraska sues Colorado; one senator answers another
    return is_state(source.code) and source.sector is not None


def _words(actor: Actor) -> str:
    words = actor.text.lower().split()
    return " ".join(words[1:] if words and words[0] in ("the", "a", "an") else words)


def _key(event: Event) -> tuple[int, str, int, int]:
    target = event.target.start if event.target is not None else -1
    return (event.sentence_start, event.type, event.source.start, target)


def find_events(
    doc: Doc,
    mentions: MentionIndex,
    dates: Sequence[TimeExpression],
    published: PublishedDate,
    patterns: Patterns,
    *,
    quotes: Sequence[Quote] = (),
    gazetteer: Gazetteer | None = None,
    model: EventModel | None = None,
) -> list[Event]:
    """Every event stated in ``doc``, in text order, one per (type, source, target) a sentence
    states. ``dates`` are the article's resolved date expressions; ``published`` its date;
    ``quotes`` its attributed direct quotes (their statements are their speakers' acts);
    ``gazetteer`` reads actor modifiers that no mention covers (the built-in one by default);
    ``model`` is the learned layer (``learned.py``): it types the parse's candidates and scores
    the rules' events, whose kept share its metadata sets."""
    if gazetteer is None:
        from ..actors import load_gazetteer

        gazetteer = load_gazetteer()
    speech = SpeechOwners(patterns.arguments.speech_nouns, mentions, gazetteer)
    art = _Article(mentions, dates, published, patterns, speech)
    found: list[Event] = []
    for sent in doc.sents:
        matched = list(_triggers(sent, patterns))
        others = {predicate(tok).i for tok, _ in matched}
        for tok, pattern in matched:
            found.extend(_pattern_events(tok, pattern, sent, art, others))
        for tok in sent:
            found.extend(_statement_events(tok, sent, art, others))
    found.extend(_quote_events(doc, quotes, art))
    if model is not None:
        found = _with_model(doc, art, model, found)
    return _unique(found, gazetteer.is_state)


LEARNED_RULE = "events.learned.v1"


def _with_model(doc: Doc, art: _Article, model: EventModel, ruled: list[Event]) -> list[Event]:
    """The rules' events and the model's, by the model's ``rules`` setting:

    - ``union`` (the default): every rule event, then the model's events on triggers and
      pairs (sentence, source, target) no rule event has; a rule event whose trigger, source
      and target are a candidate takes the model's probability of its type as score
      (``--min-score`` filters);
    - ``model``: the model's events, then rule events on other pairs whose score reaches
      ``rule_floor``;
    - ``none``: the model's events alone.

    Rule events no candidate reads (quotes, phrase targets) stay unscored."""
    cands = doc_candidates(doc, art.mentions, art.patterns, model.nouns, model.coded_only)
    scored = model.score(cands)
    learned: list[Event] = []
    by_sentence: dict[int, set[int]] = {}
    picked = list(best_per_trigger(cands, scored, model.threshold))
    for c, _ in picked:
        by_sentence.setdefault(c.sent.start, set()).add(predicate(c.trigger).i)
    for c, s in picked:
        pattern = _learned_pattern(c.trigger, s.type, art.patterns)
        others = by_sentence[c.sent.start] - {predicate(c.trigger).i}
        when = _dated(c.trigger, pattern, c.sent, art, others)
        event = _event(c.trigger, pattern, c.sent, (c.source, c.target), when, LEARNED_RULE)
        learned.append(replace(event, score=round(s.score, 4)))
    mode = str(model.meta.get("rules", "union"))
    if mode == "none":
        return learned
    index = {
        _cand_key(c.trigger.idx, c.source, c.target): s for c, s in zip(cands, scored, strict=True)
    }
    floor = float(model.meta.get("rule_floor", 0.0)) if mode == "model" else 0.0
    rules: list[Event] = []
    for event in ruled:
        found: Scored | None = index.get(_cand_key(event.trigger_start, event.source, event.target))
        if found is None:
            rules.append(event)
            continue
        score = found.probs.get(event.type, 0.0)
        if score >= floor:
            rules.append(replace(event, score=round(score, 4)))
    if mode == "union":  # a trigger the rules read is theirs: the model adds other acts only
        read = {e.trigger_start for e in rules}
        learned = [e for e in learned if e.trigger_start not in read]
    first, second = (rules, learned) if mode == "union" else (learned, rules)
    taken = {_pair(e) for e in first}
    return first + [e for e in second if _pair(e) not in taken]


def _pair(event: Event) -> tuple[int, int, int]:
    return (event.sentence_start, event.source.start, _start(event.target))


def _start(actor: Actor | None) -> int:
    return actor.start if actor is not None else -1


def _cand_key(trigger: int, source: Actor, target: Actor | None) -> tuple[int, int, int]:
    return (trigger, source.start, _start(target))


def _learned_pattern(tok: Token, ptype: str, patterns: Patterns) -> Pattern:
    """The pattern whose CAMEO code, mode and Goldstein score a model-typed event takes: the
    rules' own for this trigger and type where they have one, else the type's root."""
    lemma = tok.lemma_.lower()
    family = "noun" if tok.pos_ in ("NOUN", "PROPN") else "verb"
    index = patterns.nouns if family == "noun" else patterns.verbs
    for pattern in index.get(lemma, ()):
        if pattern.type == ptype:
            return pattern
    cameo, quad, goldstein = patterns.roots[ptype]
    return Pattern(
        id="learned", family=family, lemma=lemma, type=ptype, cameo=cameo,
        quad_class=quad, goldstein=goldstein,
    )  # fmt: skip


def _unique(found: list[Event], is_state: Callable[[str | None], bool]) -> list[Event]:
    """Valid events in text order, the first of each (sentence, type, source, target); a quoted
    statement repeating a pair the sentence already gives is left out."""
    events: list[Event] = []
    seen: set[tuple[int, str, int, int]] = set()
    pairs: set[tuple[int, str, str | None, str | None]] = set()
    for event in sorted(found, key=lambda e: (e.sentence_start, e.rule.startswith("events.quote"))):
        pair = (event.sentence_start, event.type, event.source.code, _code(event.target))
        if not _valid(event, is_state) or _key(event) in seen:
            continue
        if event.rule.startswith("events.quote.") and pair in pairs:
            continue
        seen.add(_key(event))
        pairs.add(pair)
        events.append(event)
    return events


def _code(actor: Actor | None) -> str | None:
    return actor.code if actor is not None else None
