"""The learned event layer: candidates from the parse, typed by a trained model.

A **candidate** is a possible act: a trigger (a verb, or a noun the model knows as an act:
"talks", "invasion"), its source (the actor the parse makes its doer: subject, passive agent,
possessor, the subject of a light verb, or the actor just before a participle) and one target
(an actor in the trigger's phrase) or none. The **model** (a small transformer encoder run with
onnxruntime, plus a two-layer head; ``make train`` builds it, see ``train/events.py``) reads the
sentence once and gives each candidate a probability for each PLOVER type and for "none".

Rules stay where they are reliable: flags, dates, places, who may act on whom (``_valid``),
statements in direct quotes. The model decides whether a candidate is an event and its type.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ...errors import UsageError
from ...records import Actor
from ..mentions import MentionIndex
from . import arguments as args
from .fallbacks import NOT_TARGETS, PLACE_RULE, is_participle, nearest_left_actor
from .patterns import DEFAULT_NOUN_SOURCES, Patterns

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

NONE = "NONE"
#: How a candidate's source was read from the parse.
SOURCE_HOW = ("subj", "agent", "poss", "modifier", "prep", "verb", "left", "speaker")
#: How a candidate's target stands to the trigger.
TARGET_HOW = ("none", "obj", "prep", "comp", "tree")
PHRASE_RULE = "events.phrase.v1"
"""The rule of an uncoded source or target read from the parse (no actor mention covers it)."""
#: Pronouns that never stand for an actor.
_NOT_ACTOR_WORDS = frozenset(
    "what which that this these those there here something anything everything nothing "
    "itself themselves himself herself one".split()
)
#: Prepositions whose object may be an act's target.
_TARGET_PREPS = frozenset(
    "to against with on of from at over about for into toward towards between among upon".split()
)
#: Targets per trigger, nearest first.
MAX_TARGETS = 5
#: Wordpieces read per sentence (longer sentences are cut; spans past the cut pool nothing).
MAX_PIECES = 128
_OBJ_DEPS = frozenset({"dobj", "obj", "dative", "nsubjpass", "attr", "oprd"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_CLAUSE_DEPS = frozenset({"ccomp", "xcomp", "advcl", "relcl", "acl", "parataxis", "conj"})


@dataclass(frozen=True, slots=True)
class Candidate:
    """A possible act in ``sent``: ``trigger`` done by ``source`` to ``target`` (or no one)."""

    sent: Span
    trigger: Token
    source: Actor
    source_how: str
    target: Actor | None
    target_how: str

    def features(self) -> list[float]:
        """The parse facts beside the pooled vectors: how the source and target were read,
        whether the trigger is a noun."""
        out = [float(self.source_how == h) for h in SOURCE_HOW]
        out += [float(self.target_how == h) for h in TARGET_HOW]
        out.append(float(self.trigger.pos_ in ("NOUN", "PROPN")))
        out.append(float(args.is_actor(self.source)))
        out.append(float(self.target is not None and args.is_actor(self.target)))
        return out


N_FEATURES = len(SOURCE_HOW) + len(TARGET_HOW) + 3


def phrase_actor(tok: Token) -> Actor | None:
    """The noun phrase ``tok`` heads as an uncoded actor, from its first word to its head
    ("the Democratic presidential candidate"), or None for words that name no one (clauses,
    times, amounts, "what", "this")."""
    if tok.pos_ not in ("NOUN", "PROPN", "PRON") or tok.ent_type_ in NOT_TARGETS:
        return None
    if tok.lower_ in _NOT_ACTOR_WORDS or not tok.text.strip():
        return None
    start = tok.left_edge
    while start.i < tok.i and (start.is_punct or start.dep_ in ("cc", "preconj", "det")):
        start = start.doc[start.i + 1]
    if start.dep_ == "det":
        start = start.doc[start.i + 1]
    words = tok.doc[start.i : tok.i + 1]
    return Actor(None, None, words.text, words.start_char, words.end_char, rule=PHRASE_RULE)


def _overlaps(a: Actor, b: Actor) -> bool:
    return a.start < b.end and b.start < a.end


def _usable(actor: Actor | None) -> bool:
    return actor is not None and args.is_actor(actor) and actor.rule != PLACE_RULE


def _actor_of(tok: Token, mentions: MentionIndex) -> Actor | None:
    actor = mentions.for_token(tok) or args.resolve(tok, mentions)
    return actor if _usable(actor) else None


def _verb_source(
    tok: Token, mentions: MentionIndex, patterns: Patterns
) -> tuple[Actor, str] | None:
    subj = args.subject_token(tok, patterns.object_control)
    how = "subj"
    if subj is not None:
        how = "agent" if subj.head.dep_ in ("agent", "prep") else "subj"
        actor = _actor_of(subj, mentions)
        if actor is not None:
            return actor, how
    if is_participle(tok):
        left = nearest_left_actor(tok, mentions)
        if left is not None:
            actor = mentions.for_token(left)
            if _usable(actor) and actor is not None:
                return actor, "left"
    if subj is not None:
        own = mentions.for_token(subj)  # a mention that names no code: "hackers", a person
        if own is not None and own.rule != PLACE_RULE:
            return own, how
        phrase = phrase_actor(subj) if own is None else None
        if phrase is not None:
            return phrase, how
    return None


def _conjuncts(
    tok: Token, source: Actor, mentions: MentionIndex, patterns: Patterns
) -> list[tuple[Actor, str]]:
    """The other actors of a coordinated subject ("Obama and Clinton withdrew"), each a
    source of its own."""
    subj = args.subject_token(tok, patterns.object_control)
    if subj is None:
        return []
    out: list[tuple[Actor, str]] = []
    for other in args.partners(subj, mentions, source):
        if _usable(other) and not any(args.same(other, o) for o, _ in out):
            out.append((other, "subj"))
    return out


def _speaker(tok: Token, mentions: MentionIndex, patterns: Patterns) -> Actor | None:
    """The actor who says the clause ``tok`` heads: the subject of the reporting verb whose
    complement it is ("X said Y would strike": X), for the codebook's statements."""
    clause = tok
    for _ in range(3):
        if clause.dep_ not in ("ccomp", "xcomp", "conj") or clause.head.i == clause.i:
            return None
        clause = clause.head
        if clause.lemma_.lower() in patterns.reporting:
            subj = args.subject_token(clause, patterns.object_control)
            return _actor_of(subj, mentions) if subj is not None else None
    return None


def _noun_source(
    tok: Token, mentions: MentionIndex, patterns: Patterns
) -> tuple[Actor, str] | None:
    for slot in DEFAULT_NOUN_SOURCES:
        found = args.noun_source(
            tok, (slot,), mentions, patterns.light_verbs, patterns.object_control
        )
        if found is None:
            continue
        actor = _actor_of(found, mentions)
        if actor is not None:
            return actor, slot.split(":")[0]
    return None


def _scope(tok: Token) -> Token:
    """The phrase a trigger's targets are read from: a noun's own phrase, or the verb that
    carries it ("held talks with X", "joined sanctions against X")."""
    if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("dobj", "obj", "attr", "pobj"):
        head = tok.head if tok.dep_ != "pobj" else tok.head.head
        if head.pos_ in ("VERB", "AUX"):
            return head
    return tok


def _target_how(root: Token, trigger: Token, scope: Token) -> str:
    path = []
    tok = root
    stops = {trigger.i, scope.i}
    while tok.i not in stops and tok.head.i != tok.i:
        path.append(tok)
        tok = tok.head
    if tok.i not in stops:
        return "tree"
    if len(path) == 1 and path[0].dep_ in _OBJ_DEPS | {"poss", "compound", "nmod"}:
        return "obj"
    if len(path) == 2 and path[1].dep_ in _PREP_DEPS:
        return "prep"
    if any(t.dep_ in _CLAUSE_DEPS for t in path):
        return "comp"
    return "tree"


def _slot_phrases(scope: Token, mentions: MentionIndex) -> list[Actor]:
    """Objects and target-preposition objects of ``scope`` that no mention covers."""
    fillers = [c for c in scope.children if c.dep_ in _OBJ_DEPS]
    for prep in scope.children:
        if prep.dep_ in _PREP_DEPS and prep.lower_ in _TARGET_PREPS:
            fillers += [c for c in prep.children if c.dep_ == "pobj"]
    out: list[Actor] = []
    for filler in fillers:
        if mentions.for_span(filler.doc[filler.left_edge.i : filler.right_edge.i + 1]):
            continue
        phrase = phrase_actor(filler)
        if phrase is not None:
            out.append(phrase)
    return out


def _targets(tok: Token, source: Actor, mentions: MentionIndex) -> list[tuple[Actor, str]]:
    scope = _scope(tok)
    doc = tok.doc
    span = doc[scope.left_edge.i : scope.right_edge.i + 1]
    found = []
    phrases = _slot_phrases(scope, mentions)
    if scope.i != tok.i:
        phrases += _slot_phrases(tok, mentions)
    for actor in [*mentions.for_span(span), *phrases]:
        if args.same(source, actor):
            continue
        if _overlaps(actor, source):
            continue  # inside the source's words
        if actor.rule == PLACE_RULE:
            continue
        words = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        if words is None or not len(words):
            continue
        found.append((abs(words.root.i - tok.i), actor, _target_how(words.root, tok, scope)))
    found.sort(key=lambda f: f[0])
    kept: list[tuple[Actor, str]] = []
    for _, actor, how in found:
        if any(k.start <= actor.start and actor.end <= k.end for k, _ in kept):
            continue  # a mention inside one already kept ("the leader of X" and "X")
        kept.append((actor, how))
        if len(kept) == MAX_TARGETS:
            break
    return kept


def candidates(
    sent: Span, mentions: MentionIndex, patterns: Patterns, nouns: frozenset[str]
) -> list[Candidate]:
    """Every candidate act of ``sent``: each verb (and each noun in ``nouns``) whose doer the
    parse names as an actor, once with no target and once per actor in its phrase."""
    out: list[Candidate] = []
    for tok in sent:
        if tok.pos_ == "VERB":
            found = _verb_source(tok, mentions, patterns)
        elif tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in nouns:
            found = _noun_source(tok, mentions, patterns)
        else:
            continue
        if found is None:
            continue
        readings = [found]
        if found[1] in ("subj", "agent"):
            readings += _conjuncts(tok, found[0], mentions, patterns)
        speaker = _speaker(tok, mentions, patterns) if tok.pos_ == "VERB" else None
        if speaker is not None and not args.same(speaker, found[0]):
            readings.append((speaker, "speaker"))
        for source, how in readings:
            # an uncoded phrase as doer, or the speaker's reading, needs an actor mention as
            # target: alone they are events once in fifty (our corpus's dev part)
            weak = source.rule == PHRASE_RULE or how == "speaker"
            if not weak:
                out.append(Candidate(sent, tok, source, how, None, "none"))
            for target, target_how in _targets(tok, source, mentions):
                if how == "speaker" and _overlaps(target, found[0]):
                    continue  # the speaker does not act on the doer of the act it reports
                if not (weak and target.rule == PHRASE_RULE):
                    out.append(Candidate(sent, tok, source, how, target, target_how))
    return out


def doc_candidates(
    doc: Doc,
    mentions: MentionIndex,
    patterns: Patterns,
    nouns: frozenset[str],
    coded_only: bool = False,
) -> list[Candidate]:
    """The candidates of every sentence; with ``coded_only``, only of sentences where one
    candidate's source or target is a coded actor."""
    out = []
    for sent in doc.sents:
        found = candidates(sent, mentions, patterns, nouns)
        if coded_only and not any(
            args.is_actor(c.source) or (c.target is not None and args.is_actor(c.target))
            for c in found
        ):
            continue
        out += found
    return out


# ---------------------------------------------------------------------------------------------
# Model inputs: shared by training (train/events.py) and the runtime below, so both read the
# same wordpieces and pool the same spans.


@dataclass(frozen=True, slots=True)
class Inputs:
    """One batch of sentences: wordpiece ids and mask (sentences x pieces), and per candidate
    its sentence row, the piece ranges of trigger, source and target ((0, 0): none) and its
    parse features."""

    ids: list[list[int]]
    mask: list[list[int]]
    rows: list[int]
    spans: list[tuple[tuple[int, int], tuple[int, int], tuple[int, int]]]
    features: list[list[float]]


def _pieces(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The wordpiece range ``[a, b)`` covering characters ``[start, end)``; (0, 0) if none."""
    hit = [i for i, (a, b) in enumerate(offsets) if b > a and a < end and start < b]
    return (hit[0], hit[-1] + 1) if hit else (0, 0)


def encode(tokenizer: Any, groups: Sequence[tuple[str, Sequence[Candidate]]]) -> Inputs:
    """Model inputs for ``groups``: (sentence text, its candidates) pairs. Character spans are
    relative to each candidate's ``sent``."""
    texts = [text for text, _ in groups]
    encodings = tokenizer.encode_batch(texts)
    width = max((len(e.ids) for e in encodings), default=0)
    ids, mask, rows, spans, feats = [], [], [], [], []
    for row, (enc, (_, cands)) in enumerate(zip(encodings, groups, strict=True)):
        pad = width - len(enc.ids)
        ids.append(list(enc.ids) + [0] * pad)
        mask.append([1] * len(enc.ids) + [0] * pad)
        offsets = enc.offsets
        for c in cands:
            base = c.sent.start_char
            trig = _pieces(offsets, c.trigger.idx - base, c.trigger.idx + len(c.trigger) - base)
            src = _pieces(offsets, c.source.start - base, c.source.end - base)
            tgt = (0, 0)
            if c.target is not None:
                tgt = _pieces(offsets, c.target.start - base, c.target.end - base)
            rows.append(row)
            spans.append((trig, src, tgt))
            feats.append(c.features())
    return Inputs(ids, mask, rows, spans, feats)


def load_tokenizer(path: Path) -> Any:
    """The wordpiece tokenizer saved beside the model, cutting at ``MAX_PIECES``."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(path))
    tok.enable_truncation(MAX_PIECES)
    tok.no_padding()
    return tok


# ---------------------------------------------------------------------------------------------
# The runtime model.


@dataclass(frozen=True, slots=True)
class Scored:
    """A candidate's best type (``NONE`` for no event) and the model's probabilities."""

    type: str
    score: float
    probs: Mapping[str, float]


class _Probs(Mapping[str, float]):
    """One candidate's probabilities by label, read from the model's output row."""

    __slots__ = ("_index", "_row")

    def __init__(self, row: Any, index: Mapping[str, int]) -> None:
        self._row, self._index = row, index

    def __getitem__(self, label: str) -> float:
        return float(self._row[self._index[label]])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


class EventModel:
    """A trained event model read from its folder: ``encoder.onnx`` (the transformer),
    ``head.npz`` (the head's weights), ``tokenizer.json`` and ``meta.json`` (labels, noun
    triggers, threshold, data versions and scores)."""

    def __init__(self, folder: Path) -> None:
        import numpy as np
        import onnxruntime as ort

        self.folder = folder
        try:
            self.meta: dict[str, Any] = json.loads((folder / "meta.json").read_text("utf-8"))
            head = np.load(folder / "head.npz")
            options = ort.SessionOptions()
            options.intra_op_num_threads = int(self.meta.get("threads", 0)) or 0
            options.log_severity_level = 3
            # the encoder runs between spaCy's work on the same cores: its threads must not
            # spin waiting for the next batch
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            self._session = ort.InferenceSession(
                str(folder / "encoder.onnx"), options, providers=["CPUExecutionProvider"]
            )
            self._tokenizer = load_tokenizer(folder / "tokenizer.json")
        except (OSError, ValueError, KeyError) as exc:
            raise UsageError(f"{folder}: not a usable event model ({exc})") from None
        self._w = [head[f"w{i}"] for i in range(2)]
        self._b = [head[f"b{i}"] for i in range(2)]
        self.labels: list[str] = list(self.meta["labels"])
        self._index = {label: i for i, label in enumerate(self.labels)}
        self.coded_only = bool(self.meta.get("coded_only", False))
        """Read only sentences where a candidate has a coded actor (faster, less recall)."""
        self.nouns = frozenset(self.meta.get("nouns", ()))
        self.threshold = float(self.meta.get("threshold", 0.5))
        self.batch = int(self.meta.get("batch", 16))

    def hidden(self, ids: Any, mask: Any) -> Any:
        """The encoder's token vectors (sentences x pieces x width)."""
        return self._session.run(None, {"input_ids": ids, "attention_mask": mask})[0]

    def score(self, cands: Sequence[Candidate]) -> list[Scored]:
        """Each candidate's type and probabilities; sentences are read once each."""
        import numpy as np

        groups: dict[int, list[int]] = {}
        for i, c in enumerate(cands):
            groups.setdefault(c.sent.start_char, []).append(i)
        # sentences of like length batched together: less padding for the encoder
        order = sorted(groups.values(), key=lambda g: len(cands[g[0]].sent.text))
        out: list[Scored | None] = [None] * len(cands)
        for at in range(0, len(order), self.batch):
            chunk = order[at : at + self.batch]
            pairs = [(cands[g[0]].sent.text, [cands[i] for i in g]) for g in chunk]
            inputs = encode(self._tokenizer, pairs)
            ids = np.asarray(inputs.ids, dtype=np.int64)
            mask = np.asarray(inputs.mask, dtype=np.int64)
            hidden = self.hidden(ids, mask)
            x = pooled(hidden, mask, inputs)
            probs = _softmax(self._forward(x))
            flat = [i for g in chunk for i in g]
            bests = probs.argmax(axis=1).tolist()
            tops = probs.max(axis=1).tolist()
            for k, i in enumerate(flat):
                out[i] = Scored(self.labels[bests[k]], tops[k], _Probs(probs[k], self._index))
        return [s for s in out if s is not None]

    def _forward(self, x: Any) -> Any:
        import numpy as np

        h = np.maximum(x @ self._w[0] + self._b[0], 0.0)
        return h @ self._w[1] + self._b[1]


def pooled(hidden: Any, mask: Any, inputs: Inputs) -> Any:
    """Per candidate: mean vectors of the sentence, trigger, source and target pieces (zeros
    for an empty range), then the parse features. numpy here, by running sums over the pieces;
    the training script pools the same way in torch."""
    import numpy as np

    n, width = len(inputs.rows), hidden.shape[-1]
    if not n:
        return np.zeros((0, 4 * width + N_FEATURES), dtype=np.float32)
    m = mask.astype(hidden.dtype)
    sent = (hidden * m[:, :, None]).sum(1) / np.maximum(m.sum(1, keepdims=True), 1.0)
    sums = np.concatenate(
        [np.zeros((hidden.shape[0], 1, width), hidden.dtype), hidden.cumsum(1)], axis=1
    )
    rows = np.asarray(inputs.rows)
    spans = np.asarray(inputs.spans, dtype=np.int64).reshape(n, 3, 2)
    parts = [sent[rows]]
    for k in range(3):
        a, b = spans[:, k, 0], spans[:, k, 1]
        count = (b - a).astype(hidden.dtype)[:, None]
        total = sums[rows, b] - sums[rows, a]
        parts.append(np.where(count > 0, total / np.maximum(count, 1.0), 0.0).astype(hidden.dtype))
    parts.append(np.asarray(inputs.features, dtype=hidden.dtype).reshape(n, N_FEATURES))
    return np.concatenate(parts, axis=1)


def _softmax(z: Any) -> Any:
    import numpy as np

    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def builtin_folder() -> Path:
    """Where the shipped model lies in the package."""
    return Path(str(resources.files("wirewatch") / "models" / "events"))


@cache
def load_model(folder: str = "") -> EventModel | None:
    """The event model in ``folder`` (the shipped one by default); None where the default
    folder holds none (a checkout before ``make train``). Cached per folder.

    Raises:
        UsageError: a folder that was named holds no usable model.
    """
    path = Path(folder) if folder else builtin_folder()
    if not (path / "meta.json").is_file():
        if folder:
            raise UsageError(f"{folder}: no event model here (meta.json missing)")
        return None
    return EventModel(path)


def best_per_trigger(
    cands: Sequence[Candidate], scored: Sequence[Scored], threshold: float
) -> Iterator[tuple[Candidate, Scored]]:
    """The events the model finds: candidates typed as an event with at least ``threshold``;
    a trigger's no-target candidate only where none of its targets is an event, and per
    (trigger, target) the best source reading."""
    by_trigger: dict[int, list[tuple[Candidate, Scored]]] = {}
    for c, s in zip(cands, scored, strict=True):
        if s.type != NONE and s.score >= threshold:
            by_trigger.setdefault(c.trigger.i, []).append((c, s))
    for found in by_trigger.values():
        targeted = [(c, s) for c, s in found if c.target is not None]
        if not targeted:
            yield max(found, key=lambda f: f[1].score)
            continue
        best: dict[int, tuple[Candidate, Scored]] = {}
        for c, s in targeted:
            assert c.target is not None
            kept = best.get(c.target.start)
            if kept is None or s.score > kept[1].score:
                best[c.target.start] = (c, s)
        yield from best.values()
