"""What surrounds a trigger: its flags (negated, hypothetical, future), date and location."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...records import DateRange, PublishedDate, TimeExpression
from .arguments import governing_verb
from .patterns import FlagWords

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

#: Links along which a governor's meaning reaches the trigger ("declined to meet").
NONFINITE_LINKS = frozenset({"xcomp", "acl", "advcl", "ccomp", "pcomp", "prep", "pobj", "conj"})
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


@dataclass(frozen=True, slots=True)
class Flags:
    negated: bool = False
    hypothetical: bool = False
    future: bool = False


def predicate(tok: Token) -> Token:
    """The verb of the clause ``tok`` belongs to (``tok`` itself when it is a verb)."""
    if tok.pos_ in ("VERB", "AUX"):
        return tok
    return governing_verb(tok) or tok


def _finite(tok: Token) -> bool:
    return tok.tag_ in ("VBD", "VBZ", "VBP", "MD") or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBZ", "VBP", "MD") for c in tok.children
    )


def _governors(pred: Token) -> list[Token]:
    """Verbs (or adjectives) that govern ``pred`` through non-finite links, nearest first:
    "plans to visit" -> plans; "declined to comment" -> declined. Stops at a finite clause."""
    out: list[Token] = []
    tok = pred
    for _ in range(4):
        if tok.dep_ not in NONFINITE_LINKS or tok.head is tok:
            break
        if tok.dep_ != "xcomp" and tok.pos_ in ("VERB", "AUX") and _finite(tok):
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            out.append(tok)
    return out


def _has_aux(tok: Token, words: FlagWords) -> bool:
    return any(
        c.dep_ in ("aux", "neg", "advmod", "det") and c.lower_ in words.aux for c in tok.children
    )


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower()


def _conditional(pred: Token, words: FlagWords) -> bool:
    """An "if"/"unless" clause: the predicate's own, or one attached to a verb above it."""
    tok = pred
    for _ in range(4):
        if any(c.dep_ == "mark" and c.lower_ in words.marks for c in tok.children):
            return True
        for clause in tok.children:
            if clause.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in words.marks for c in clause.children
            ):
                return True
        if tok.head is tok or tok.dep_ not in ("xcomp", "ccomp", "conj", "advcl"):
            return False
        tok = tok.head
    return False


def flags_for(
    trigger: Token, flags: dict[str, FlagWords], is_reject: bool, is_threat: bool = False
) -> Flags:
    """The flags of the event ``trigger`` states (cue lists from the pattern data). A threat's
    condition ("threatened X if Y ...") is part of the threat, not a doubt that it was made."""
    neg = flags.get("negated", FlagWords())
    hyp = flags.get("hypothetical", FlagWords())
    fut = flags.get("future", FlagWords())
    pred = predicate(trigger)
    heads = [pred] if pred is trigger else [trigger, pred]
    govs = _governors(pred)
    if pred is not trigger:  # a noun trigger: its verb governs it ("urged the withdrawal")
        govs.insert(0, pred)
    negated = any(_has_aux(t, neg) for t in heads) or (
        not is_reject and any(_lemma(g) in neg.governors for g in govs)
    )
    hypothetical = (
        any(_has_aux(t, hyp) for t in heads)
        or (not is_threat and _conditional(pred, hyp))
        or any(_lemma(g) in hyp.governors or _has_aux(g, hyp) for g in govs)
    )
    future = (
        any(_has_aux(t, fut) for t in heads)
        or any(_lemma(g) in fut.governors or _has_aux(g, fut) for g in govs)
        or (
            any(c.lower_ == "to" and c.dep_ == "aux" for c in pred.children)
            and pred.dep_ not in ("xcomp", "advcl", "acl", "ccomp")
        )
    )
    return Flags(negated=negated, hypothetical=hypothetical, future=future)


def _expression_root(doc_span: Span, expr: TimeExpression) -> Token | None:
    span = doc_span.doc.char_span(expr.start, expr.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _ancestors(tok: Token) -> list[Token]:
    return [tok, *tok.ancestors]


def pick_date(
    trigger: Token,
    sent: Span,
    dates: Sequence[TimeExpression],
    other_predicates: set[int],
    nominal: bool = False,
) -> TimeExpression | None:
    """The date expression of the trigger's clause: one under the trigger or its predicate,
    else one on a verb above it (a reporting verb's date), else the nearest one that hangs on no
    other clause's verb (the parser's attachments of dates are often loose).
    A ``nominal`` trigger ("Russia's invasion") names an act that usually happened earlier than
    the clause it sits in: only an expression inside the noun phrase dates it."""
    pred = predicate(trigger)
    in_sentence = [d for d in dates if sent.start_char <= d.start and d.end <= sent.end_char]
    attached, above, loose = [], [], []
    lineage = {t.i for t in _ancestors(pred)}
    for expr in in_sentence:
        root = _expression_root(sent, expr)
        if root is None:
            continue
        owner = predicate(root.head) if root.dep_ != "ROOT" else root
        distance = abs(root.i - trigger.i)
        if nominal:
            if trigger in root.ancestors:
                attached.append((distance, expr))
            continue
        if owner.i == pred.i or _under_without_clause(root, trigger):
            attached.append((distance, expr))
        elif owner.i in lineage:
            above.append((distance, expr))
        elif owner.pos_ in ("VERB", "AUX"):
            continue  # the date of another clause: "..., days before X reaches Y on 24 May"
        elif not any(a.i in other_predicates for a in root.ancestors):
            loose.append((distance, expr))
    for group in (attached, above, loose):
        if group:
            return min(group, key=lambda pair: pair[0])[1]
    return None


def _under_without_clause(root: Token, trigger: Token) -> bool:
    """``root`` hangs under ``trigger`` with no other verb between them: a date inside a
    subordinate clause ("..., before the treaty expires on 20 March") is that clause's."""
    for node in root.ancestors:
        if node.i == trigger.i:
            return True
        if node.pos_ in ("VERB", "AUX") and not _simultaneous(node):
            return False
    return False


def _simultaneous(clause: Token) -> bool:
    """A "when"/"as"/"while" clause: its date is the date of the clause it hangs on ("praised
    the troops when he met reporters on 11 February")."""
    marks = [c.lower_ for c in clause.children if c.dep_ in ("mark", "advmod")]
    return clause.dep_ == "advcl" and any(m in ("when", "as", "while") for m in marks)


def stated_as_past(trigger: Token) -> bool:
    """The clause is in the past, the perfect or the present (not planned or conditional)."""
    tok = predicate(trigger)
    for cand in _ancestors(tok)[:4]:
        if cand.pos_ not in ("VERB", "AUX"):
            continue
        if _finite(cand) or any(_lemma(c) == "have" for c in cand.children if c.dep_ == "aux"):
            return True
    return False


def event_date(
    trigger: Token,
    sent: Span,
    dates: Sequence[TimeExpression],
    other_predicates: set[int],
    published: PublishedDate,
    flags: Flags,
    nominal: bool = False,
) -> DateRange | None:
    """The event's date: its own expression, else the article's date (GDELT convention, marked
    ``article``) for an event stated as having happened, else None. A nominal trigger takes no
    article date: "the war" or "Russia's invasion" refers back to an earlier event."""
    expr = pick_date(trigger, sent, dates, other_predicates, nominal)
    if expr is not None:
        return expr.value
    if nominal or flags.future or flags.hypothetical or not stated_as_past(trigger):
        return None
    if published.start is None or published.end is None:
        return None
    return DateRange(published.start, published.end, "article")


def before_article(date: DateRange | None, published: PublishedDate) -> bool:
    """``date`` ends before the article's date: whatever it dates has already happened."""
    return (
        date is not None
        and date.end is not None
        and published.start is not None
        and date.end < published.start
    )


def location(trigger: Token) -> str | None:
    """A place named in an "in/at X" phrase of the trigger, of its clause's verb, or of the
    verb's direct object ("summoned the ambassador in Seoul")."""
    pred = predicate(trigger)
    objects = [c for c in pred.children if c.dep_ == "dobj"]
    for head in dict.fromkeys([trigger, pred, *objects]):
        for prep in head.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("in", "at"):
                continue
            for obj in prep.children:
                if obj.dep_ == "pobj" and obj.ent_type_ in PLACE_LABELS:
                    return _entity_text(obj)
    return None


def _entity_text(tok: Token) -> str:
    for ent in tok.doc.ents:
        if ent.start <= tok.i < ent.end:
            return str(ent.text)
    return str(tok.text)
