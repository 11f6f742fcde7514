"""A learned event-type decision, measured before it is wired into extraction: a spaCy
bag-of-n-grams text classifier (``spacy.TextCatBOW.v3``) that types a candidate act (its
sentence, trigger, source and target) as one of the 16 PLOVER types or none.

Usage: python benchmarks/event_types_model.py [--epochs N]

Candidates:
* every coded event of our corpus (``benchmarks/data/events/``): its trigger and actors;
* "none" candidates from the same sentences and from sentences with no event: each verb whose
  subject is an actor phrase (a spaCy noun chunk) and that no coded event has as trigger;
* PLV train (../shared/eval/dev/plover_sentences.jsonl): the marked pair, the trigger taken
  as the word that governs both phrases in the parse.

A candidate is written for the classifier as features of the trigger (lemma, its object's
and preposition's lemmas, the actors' places) followed by the sentence with the source and
target phrases replaced by ``SRC`` and ``TGT``. Printed: on the corpus's held-back part
(``events_open.split_of``), accuracy of the type over coded events and of type-or-none over
all candidates, for the model trained on the corpus's dev part plus PLV train, beside the
first-cue baseline of ``events_open``; and 5-fold cross-validated type accuracy on PLV train,
beside the same baseline.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

import spacy
from spacy.training import Example

from events_corpus import articles, stored
from events_open import _CUE_TYPE, split_of
from stories_eval import DEV
from wirewatch.nlp import load

NONE = "NONE"


@dataclass(frozen=True)
class Candidate:
    text: str
    label: str
    group: str
    """``corpus-dev``, ``corpus-test`` or ``plv``."""
    cue: str | None
    """The first-cue baseline's type for this trigger, if its lemma is a cue."""


def _features(
    sent: Any, trigger: Any, source: tuple[int, int] | None, target: tuple[int, int] | None
) -> str:
    """The classifier's text for one candidate (character spans relative to ``sent``)."""
    words = []
    for tok in sent:
        at = tok.idx - sent.start_char
        if source and source[0] <= at < source[1]:
            if not words or words[-1] != "SRC":
                words.append("SRC")
        elif target and target[0] <= at < target[1]:
            if not words or words[-1] != "TGT":
                words.append("TGT")
        else:
            words.append(tok.lower_)
    feats = [f"trig_{trigger.lemma_.lower()}", f"dep_{trigger.dep_}"]
    for child in trigger.children:
        if child.dep_ in ("dobj", "prt", "xcomp", "ccomp"):
            feats.append(f"{child.dep_}_{child.lemma_.lower()}")
        if child.dep_ == "prep":
            feats.append(f"prep_{child.lower_}")
        if child.dep_ == "neg":
            feats.append("negated")
    if target is None:
        feats.append("no_target")
    return " ".join(feats) + " | " + " ".join(words)


def _relative(actor: dict[str, Any] | None, start: int) -> tuple[int, int] | None:
    """An actor's span relative to its sentence's start."""
    if not actor or not actor.get("span"):
        return None
    return (actor["span"][0] - start, actor["span"][1] - start)


def _token_at(sent: Any, at: int) -> Any:
    return next((t for t in sent if t.idx <= at < t.idx + len(t.text)), None)


def corpus_candidates(nlp: Any) -> list[Candidate]:
    texts = articles()
    out = []
    for _, data in stored():
        text = texts[(data["file"], data["article"])]
        group = f"corpus-{split_of(data['article'])}"
        for s in data["sentences"]:
            start, end = s["span"]
            sent = nlp(text[start:end])
            triggers = set()
            for e in s["events"]:
                tok = _token_at(sent, e["trigger"][0] - start)
                if tok is None:
                    continue
                triggers.add(tok.i)
                src = _relative(e["source"], start)
                tgt = _relative(e["target"], start)
                feats = _features(sent[:], tok, src, tgt)
                out.append(Candidate(feats, e["type"], group, _CUE_TYPE.get(tok.lemma_.lower())))
            for tok in sent:
                if tok.pos_ != "VERB" or tok.i in triggers:
                    continue
                subj = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subj is None or subj.pos_ not in ("PROPN", "NOUN", "PRON"):
                    continue
                src = (subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge.text))
                obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
                tgt = None
                if obj is not None:
                    tgt = (obj.left_edge.idx, obj.right_edge.idx + len(obj.right_edge.text))
                feats = _features(sent[:], tok, src, tgt)
                out.append(Candidate(feats, NONE, group, _CUE_TYPE.get(tok.lemma_.lower())))
    return out


def plv_candidates(nlp: Any) -> list[Candidate]:
    out = []
    for line in (DEV / "plover_sentences.jsonl").read_text("utf-8").splitlines():
        row = json.loads(line)
        label = row["type"][0]
        label = "CONCEDE" if label in ("CONCEDE", "RETREAT") and len(row["type"]) > 1 else label
        doc = nlp(row["sentence"])
        src_at, tgt_at = row["sentence"].find(row["source"]), row["sentence"].find(row["target"])
        if src_at < 0 or tgt_at < 0:
            continue
        src = (src_at, src_at + len(row["source"]))
        tgt = (tgt_at, tgt_at + len(row["target"]))
        trigger = _governor(doc, src, tgt)
        if trigger is None:
            continue
        feats = _features(doc[:], trigger, src, tgt)
        out.append(Candidate(feats, label, "plv", _CUE_TYPE.get(trigger.lemma_.lower())))
    return out


def _governor(doc: Any, src: tuple[int, int], tgt: tuple[int, int]) -> Any:
    """The verb (or head) that governs both phrases: the first common ancestor of their heads."""
    heads = []
    for a, b in (src, tgt):
        span = doc.char_span(a, b, alignment_mode="expand")
        if span is None:
            return None
        heads.append(span.root)
    ancestors = [heads[0], *heads[0].ancestors]
    for tok in [heads[1], *heads[1].ancestors]:
        if tok in ancestors and tok.pos_ in ("VERB", "NOUN", "AUX"):
            return tok
    return heads[0].head


def train(cands: Sequence[Candidate], epochs: int, seed: int = 0) -> Any:
    nlp = spacy.blank("en")
    textcat = nlp.add_pipe(
        "textcat",
        config={
            "model": {
                "@architectures": "spacy.TextCatBOW.v3",
                "exclusive_classes": True,
                "ngram_size": 2,
                "no_output_layer": False,
                "length": 262144,
            }
        },
    )
    labels = sorted({c.label for c in cands})
    for label in labels:
        textcat.add_label(label)
    examples = [
        Example.from_dict(nlp.make_doc(c.text), {"cats": {k: float(k == c.label) for k in labels}})
        for c in cands
    ]
    random.Random(seed).shuffle(examples)
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(epochs):
        random.Random(seed + _).shuffle(examples)
        for i in range(0, len(examples), 64):
            nlp.update(examples[i : i + 64], sgd=optimizer, drop=0.2)
    return nlp


def predict(model: Any, cands: Iterable[Candidate]) -> list[str]:
    out = []
    for doc in model.pipe(c.text for c in cands):
        out.append(max(doc.cats, key=doc.cats.get))
    return out


FOLDS = 5


def folds(n: int, k: int = FOLDS) -> list[tuple[list[int], list[int]]]:
    """(kept, held) indices of ``n`` items for each of ``k`` folds, by one fixed shuffle."""
    order = list(range(n))
    random.Random(1).shuffle(order)
    return [
        (
            [i for m, i in enumerate(order) if m % k != j],
            [i for m, i in enumerate(order) if m % k == j],
        )
        for j in range(k)
    ]


def _acc(pairs: Iterable[tuple[str | None, str]]) -> str:
    pairs = list(pairs)
    right = sum(1 for p, g in pairs if p == g)
    return f"{right / len(pairs):.3f} ({right}/{len(pairs)})" if pairs else "-"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    args = parser.parse_args(argv)
    nlp = load()
    corpus = corpus_candidates(nlp)
    plv = plv_candidates(nlp)
    dev = [c for c in corpus if c.group == "corpus-dev"]
    test = [c for c in corpus if c.group == "corpus-test"]
    coded = sum(1 for c in dev if c.label != NONE)
    print(
        f"candidates: corpus dev {len(dev)} ({coded} events), "
        f"corpus test {len(test)}, PLV train {len(plv)}"
    )
    model = train(dev + plv, args.epochs)
    got = predict(model, test)
    events = [(g, c) for g, c in zip(got, test, strict=True) if c.label != NONE]
    print("held-back corpus part (trained on the corpus dev part and PLV train):")
    print(f"  type of coded events, model     {_acc((g, c.label) for g, c in events)}")
    print(f"  type of coded events, baseline  {_acc((c.cue, c.label) for _, c in events)}")
    every = _acc((g, c.label) for g, c in zip(got, test, strict=True))
    print(f"  type or none, all candidates    {every}")
    base_all = ((c.cue or NONE, c.label) for c in test)
    print(f"  type or none, baseline          {_acc(base_all)}")
    pairs = []
    for k, (kept, held) in enumerate(folds(len(plv))):
        model = train([plv[i] for i in kept] + dev, args.epochs, seed=k)
        part = [plv[i] for i in held]
        pairs += list(zip(predict(model, part), (c.label for c in part), strict=True))
    print(
        f"PLV train, {FOLDS}-fold cross-validated type accuracy: model {_acc(pairs)}, "
        f"baseline {_acc((c.cue, c.label) for c in plv)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
