"""Route 2 fine-tuned: all-MiniLM-L6-v2 trained end to end (encoder and a softmax layer) to
type event candidates, on the same candidates as ``event_types_model.py``.

Usage (a training environment; see ``event_types_minilm.py``):
  python benchmarks/event_types_finetune.py [--epochs N] [--limit N]

Cross-validating a fine-tuned encoder five times takes too long on two cores, so PLV train is
split once (a fifth held out, by a fixed shuffle) and the corpus's held-back part is used as
is. Trained on the corpus's dev part plus four fifths of PLV train. Printed: type accuracy on
the held-out fifth of PLV train and on the held-back corpus events, type-or-none accuracy on
all held-back candidates, the first-cue baseline beside them, and the time taken.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from event_types_minilm import encoder, mean_pooled
from event_types_model import NONE, _acc, corpus_candidates, folds, plv_candidates
from wirewatch.nlp import load


def finetune(texts: list[str], labels: list[str], classes: list[str], epochs: int) -> Any:
    import torch

    tok, model = encoder()
    head = torch.nn.Linear(model.config.hidden_size, len(classes))
    params = list(model.parameters()) + list(head.parameters())
    opt = torch.optim.AdamW(params, lr=5e-5, weight_decay=0.01)
    index = {c: i for i, c in enumerate(classes)}
    order = list(range(len(texts)))
    model.train()
    for epoch in range(epochs):
        random.Random(epoch).shuffle(order)
        for i in range(0, len(order), 32):
            batch = order[i : i + 32]
            enc = tok(
                [texts[k] for k in batch],
                padding=True,
                truncation=True,
                max_length=96,
                return_tensors="pt",
            )
            y = torch.tensor([index[labels[k]] for k in batch])
            loss = torch.nn.functional.cross_entropy(head(mean_pooled(model, enc)), y)
            opt.zero_grad()
            loss.backward()
            opt.step()
    model.eval()
    return tok, model, head


def predict(tok: Any, model: Any, head: Any, texts: list[str], classes: list[str]) -> list[str]:
    import torch

    out: list[str] = []
    with torch.no_grad():
        for i in range(0, len(texts), 64):
            enc = tok(
                texts[i : i + 64], padding=True, truncation=True, max_length=96, return_tensors="pt"
            )
            out += [classes[j] for j in head(mean_pooled(model, enc)).argmax(1).tolist()]
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="train on at most N candidates")
    args = parser.parse_args(argv)
    import torch

    torch.manual_seed(0)
    nlp = load()
    corpus = corpus_candidates(nlp)
    plv = plv_candidates(nlp)
    dev = [c for c in corpus if c.group == "corpus-dev"]
    test = [c for c in corpus if c.group == "corpus-test"]
    kept, held_at = folds(len(plv))[0]
    held = [plv[i] for i in held_at]
    train = dev + [plv[i] for i in kept]
    random.Random(2).shuffle(train)
    if args.limit:
        train = train[: args.limit]
    classes = sorted({c.label for c in corpus + plv})
    started = time.perf_counter()
    tok, model, head = finetune(
        [c.text for c in train], [c.label for c in train], classes, args.epochs
    )
    took = time.perf_counter() - started
    print(f"fine-tuned on {len(train)} candidates, {args.epochs} epochs, {took / 60:.1f} min")
    got_plv = predict(tok, model, head, [c.text for c in held], classes)
    right = _acc(zip(got_plv, (c.label for c in held), strict=True))
    print(
        f"PLV train, held-out fifth ({len(held)}): model {right}, "
        f"baseline {_acc((c.cue, c.label) for c in held)}"
    )
    got = predict(tok, model, head, [c.text for c in test], classes)
    events = [(g, c) for g, c in zip(got, test, strict=True) if c.label != NONE]
    print(
        f"held-back corpus: type of coded events {_acc((g, c.label) for g, c in events)} "
        f"(baseline {_acc((c.cue, c.label) for _, c in events)}); type or none, all candidates "
        f"{_acc((g, c.label) for g, c in zip(got, test, strict=True))}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
