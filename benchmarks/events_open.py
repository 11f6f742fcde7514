"""Open-world events on whole articles: every event wirewatch finds in every sentence of our
hand-coded corpus, scored against all the events a coder found there (docs/codebook.md).

Usage: python benchmarks/events_open.py [--split test|dev|val|all] [--errors N]
         [--event-model FOLDER|none] [--min-score P]

The corpus is ``benchmarks/data/events/`` (real articles of ../shared/eval/dev, coded by
``benchmarks/events_corpus.py``). ``--split test`` (the default) is the held-back part: the
articles whose id hashes into the last three tenths, never trained or tuned on. ``val`` is the
tenth of the dev part that ``train/events.py`` does not train on (it picks the threshold).

An event found counts as right when the coded sentence has an event of the same type whose
source words overlap the found source's and whose target overlaps the found target (or both
have none). Printed: precision, recall and F1 overall and per type (with the learned layer; the
rules alone beside it), the same for type with source and target codes instead of words, the
share of matched events whose negated, hypothetical and future flags agree, and the same
figures for a first-cue baseline run in the same process: in each sentence the first verb from
a short cue list gives the type, its subject the source and its object (or the object of
"against", "on", "with", "to") the target.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from events_corpus import FLAGS, articles, stored
from stories_eval import _polnear_meta
from wirewatch import pipeline
from wirewatch.settings import load_options

#: The first-cue baseline's verbs, by PLOVER type (lemmas).
CUES: dict[str, tuple[str, ...]] = {
    "AGREE": ("agree", "sign", "pledge", "promise", "accept"),
    "CONSULT": ("meet", "visit", "host", "talk", "call", "discuss", "negotiate"),
    "SUPPORT": ("praise", "back", "support", "endorse", "welcome", "thank", "defend"),
    "CONCEDE": ("release", "free", "lift", "ease", "apologize", "apologise", "resign", "allow"),
    "COOPERATE": ("cooperate", "extradite", "share"),
    "AID": ("aid", "help", "supply", "send", "fund", "donate", "grant"),
    "RETREAT": ("withdraw", "retreat", "evacuate"),
    "REQUEST": ("urge", "ask", "demand", "request", "appeal", "seek"),
    "ACCUSE": (
        "accuse",
        "criticize",
        "criticise",
        "condemn",
        "blame",
        "charge",
        "sue",
        "investigate",
    ),
    "REJECT": ("reject", "refuse", "deny", "veto", "oppose", "dismiss"),
    "THREATEN": ("threaten", "warn"),
    "PROTEST": ("protest", "rally", "march", "strike", "boycott", "demonstrate"),
    "SANCTION": ("sanction", "expel", "suspend", "recall", "fire", "ban"),
    "MOBILIZE": ("deploy", "mobilize", "mobilise"),
    "COERCE": ("arrest", "detain", "seize", "jail", "convict", "sentence", "deport"),
    "ASSAULT": ("attack", "kill", "bomb", "shoot", "shell", "invade", "assault"),
}
_CUE_TYPE = {verb: t for t, verbs in CUES.items() for verb in verbs}
HELD_BACK = 3
"""Tenths of the corpus held back for testing (by the hash of the article id)."""


def tenth_of(article_id: str) -> int:
    """The tenth (0-9) an article falls in, fixed by the hash of its id."""
    return int(hashlib.sha1(article_id.encode()).hexdigest()[:8], 16) % 10


def split_of(article_id: str) -> str:
    """``test`` for the held-back part, ``dev`` for the rest: fixed by the article id."""
    return "test" if tenth_of(article_id) >= 10 - HELD_BACK else "dev"


@dataclass(frozen=True)
class Ev:
    """An event as scored: sentence index, type, actor spans and codes, flags."""

    sentence: int
    type: str
    source: tuple[int, int] | None
    target: tuple[int, int] | None
    source_code: str | None
    target_code: str | None
    flags: tuple[bool, bool, bool]


def _overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return min(a[1], b[1]) > max(a[0], b[0])


def gold_events(data: dict[str, Any]) -> list[Ev]:
    out = []
    for s in data["sentences"]:
        for e in s["events"]:
            src, tgt = e["source"] or {}, e["target"]
            out.append(
                Ev(
                    s["i"],
                    e["type"],
                    tuple(src["span"]) if src.get("span") else None,
                    tuple(tgt["span"]) if tgt and tgt.get("span") else None,
                    src.get("code"),
                    tgt.get("code") if tgt else None,
                    tuple(bool(e[f]) for f in FLAGS),
                )
            )
    return out


def _sentence_of(spans: Sequence[tuple[int, int]], at: int) -> int:
    for i, (start, end) in enumerate(spans):
        if start <= at < end:
            return i
    return -1


def _raw_span(raw: str, words: str | None, within: tuple[int, int]) -> tuple[int, int] | None:
    if not words:
        return None
    at = raw.find(words, *within)
    return (at, at + len(words)) if at >= 0 else None


def found_events(raw: str, spans: Sequence[tuple[int, int]], events: Iterable[Any]) -> list[Ev]:
    """wirewatch's events placed in the raw article text (cleaning may move offsets, so each
    is found by its sentence's words, and its actors inside that sentence)."""
    out = []
    cursor = 0
    for e in events:
        at = raw.find(e.sentence[:80], cursor)
        if at < 0:
            at = raw.find(e.sentence[:80])
        if at < 0:
            continue
        cursor = at
        i = _sentence_of(spans, at)
        if i < 0:
            continue
        within = (spans[i][0], spans[i][1])
        src = _raw_span(raw, e.source.text, within)
        tgt = _raw_span(raw, e.target.text, within) if e.target is not None else None
        flags = (bool(e.negated), bool(e.hypothetical), bool(e.future))
        tcode = e.target.code if e.target is not None else None
        out.append(Ev(i, e.type, src, tgt, e.source.code, tcode, flags))
    return out


def _subtree(doc: Any, tok: Any, start: int) -> tuple[int, int] | None:
    """Raw offsets of the words ``tok`` heads, in a sentence starting at ``start``."""
    if tok is None:
        return None
    sub = doc[tok.left_edge.i : tok.right_edge.i + 1]
    return (start + sub.start_char, start + sub.end_char)


def baseline_events(raw: str, spans: Sequence[tuple[int, int]], nlp: Any) -> list[Ev]:
    """The first-cue baseline (see the module docstring)."""
    out = []
    for i, (start, end) in enumerate(spans):
        doc = nlp(raw[start:end])
        cue = first_cue(doc)
        if cue is None:
            continue
        kind, subj, obj = cue
        found = (_subtree(doc, subj, start), _subtree(doc, obj, start))
        out.append(Ev(i, kind, *found, None, None, (False,) * 3))
    return out


def first_cue(doc: Any) -> tuple[str, Any, Any] | None:
    """The first-cue baseline on one parsed sentence: the type of its first cue verb, the
    verb's subject and its object (or the object of "against", "on", "with", "to"); None
    without a cue verb."""
    verb = next((t for t in doc if t.pos_ == "VERB" and t.lemma_.lower() in _CUE_TYPE), None)
    if verb is None:
        return None
    subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    obj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if obj is None:
        preps = [
            c
            for c in verb.children
            if c.dep_ == "prep" and c.lower_ in ("against", "on", "with", "to")
        ]
        obj = next((g for p in preps for g in p.children if g.dep_ == "pobj"), None)
    return _CUE_TYPE[verb.lemma_.lower()], subj, obj


@dataclass
class Tally:
    tp: int = 0
    pred: int = 0
    gold: int = 0

    def line(self) -> str:
        p = self.tp / self.pred if self.pred else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        counts = f"{self.tp} right of {self.pred} found, {self.gold} coded"
        return f"P {p:.3f}  R {r:.3f}  F1 {f:.3f}  ({counts})"


def _words_match(f: Ev, g: Ev) -> bool:
    return f.type == g.type and _overlap(f.source, g.source) and _overlap(f.target, g.target)


def _codes_match(f: Ev, g: Ev) -> bool:
    return f.type == g.type and f.source_code == g.source_code and f.target_code == g.target_code


def score(
    found: Sequence[Ev], gold: Sequence[Ev], same: Any
) -> tuple[Tally, dict[str, Tally], list[tuple[Ev, Ev]]]:
    """Greedy one-to-one matching within each sentence."""
    total, per = Tally(pred=len(found), gold=len(gold)), defaultdict(Tally)
    for g in gold:
        per[g.type].gold += 1
    for f in found:
        per[f.type].pred += 1
    used: set[int] = set()
    pairs = []
    for f in found:
        for k, g in enumerate(gold):
            if k not in used and g.sentence == f.sentence and same(f, g):
                used.add(k)
                total.tp += 1
                per[f.type].tp += 1
                pairs.append((f, g))
                break
    return total, per, pairs


def corpus_url(data: dict[str, Any]) -> str:
    """The URL an annotated article is ingested under (to find its extraction again)."""
    return f"https://corpus.invalid/{data['file']}/{data['article']}"


def write_corpus(corpus: Sequence[dict[str, Any]], path: Path) -> None:
    """The annotated articles as a JSON Lines file the pipeline reads, with their dates and
    outlets where the dev sets know them."""
    texts = articles()
    published = {d["article"]: d.get("published") for d in _timebank_dates()}
    with path.open("w", encoding="utf-8") as out:
        for d in corpus:
            day, outlet = _dated(d["file"], d["article"])
            record = {"id": d["article"], "text": texts[(d["file"], d["article"])]}
            record["url"] = corpus_url(d)
            if day or published.get(d["article"]):
                record["published"] = day or published[d["article"]]
            if outlet:
                record["outlet"] = outlet
            out.write(json.dumps(record) + "\n")


VAL_TENTH = 6
"""The dev articles whose id hashes to this tenth are not trained on (``train/events.py``)."""


def _in_split(article: str, split: str) -> bool:
    if split == "all":
        return True
    if split == "val":
        return split_of(article) == "dev" and tenth_of(article) == VAL_TENTH
    return split_of(article) == split


def _dated(file: str, article: str) -> tuple[str | None, str | None]:
    if file.startswith("polnear"):
        day, outlet = _polnear_meta(article)
        return day.isoformat(), outlet
    return None, None


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", default="test", choices=("test", "dev", "val", "all"))
    parser.add_argument("--errors", type=int, default=0, help="print N misses and N false finds")
    parser.add_argument(
        "--event-model", default="", help="model folder (default: the shipped one; none: rules)"
    )
    parser.add_argument("--min-score", type=float, help="leave out events scored below this")
    args = parser.parse_args(argv)
    corpus = [(p, d) for p, d in stored() if _in_split(d["article"], args.split)]
    if not corpus:
        print("no annotated articles in this split (benchmarks/data/events/ is empty or absent)")
        return 0
    texts = articles()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        write_corpus([d for _, d in corpus], path)
        runs = {}
        for name, folder in (("rules", "none"), ("model", args.event_model)):
            runs[name] = {
                r[0].url: r[1]
                for r in pipeline.extract_paths([str(path)], load_options(event_model=folder))
                if isinstance(r, tuple)
            }
    from wirewatch.nlp import load

    nlp = load()
    all_found, all_base, all_gold, all_rules = [], [], [], []
    for n, (_, d) in enumerate(corpus):
        raw = texts[(d["file"], d["article"])]
        spans = [tuple(s["span"]) for s in d["sentences"]]
        url = corpus_url(d)
        x = runs["model"].get(url)
        events = [e for e in (x.events if x else []) if e.meets(args.min_score)]
        found = found_events(raw, spans, events)
        y = runs["rules"].get(url)
        ruled = found_events(raw, spans, y.events if y else [])
        base = baseline_events(raw, spans, nlp)
        gold = gold_events(d)
        all_found += [_numbered(n, e) for e in found]
        all_rules += [_numbered(n, e) for e in ruled]
        all_base += [_numbered(n, e) for e in base]
        all_gold += [_numbered(n, e) for e in gold]
    sents = sum(len(d["sentences"]) for _, d in corpus)
    print(f"{len(corpus)} articles ({args.split}), {sents} sentences, {len(all_gold)} coded events")
    ruled_total, _, _ = score(all_rules, all_gold, _words_match)
    print(f"rules alone, type + source + target words: {ruled_total.line()}")
    total, per, pairs = score(all_found, all_gold, _words_match)
    base, base_per, _ = score(all_base, all_gold, _words_match)
    codes, _, _ = score(all_found, all_gold, _codes_match)
    print(f"wirewatch, type + source + target words: {total.line()}")
    print(f"baseline,  type + source + target words: {base.line()}")
    print(f"wirewatch, type + source + target codes: {codes.line()}")
    typed, _, _ = score(all_found, all_gold, lambda f, g: f.type == g.type)
    based, _, _ = score(all_base, all_gold, lambda f, g: f.type == g.type)
    print(f"wirewatch, type in the sentence:         {typed.line()}")
    print(f"baseline,  type in the sentence:         {based.line()}")
    agree = Counter(f.flags == g.flags for f, g in pairs)
    print(f"flags agree on matched events: {agree[True]}/{len(pairs)}")
    print("\nper type (wirewatch | baseline), words:")
    for t in sorted(set(per) | set(base_per)):
        print(f"  {t:<10} {per[t].line()}  |  F1 {_f1(base_per[t]):.3f}")
    if args.errors:
        _print_errors(all_found, all_gold, args.errors)
    return 0


def _numbered(article: int, e: Ev) -> Ev:
    """``e`` with a sentence number unique across the corpus (article, then sentence)."""
    return Ev(article * 10000 + e.sentence, *(getattr(e, f) for f in _FIELDS))


_FIELDS = ("type", "source", "target", "source_code", "target_code", "flags")


def _f1(t: Tally) -> float:
    p = t.tp / t.pred if t.pred else 0.0
    r = t.tp / t.gold if t.gold else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _print_errors(found: Sequence[Ev], gold: Sequence[Ev], n: int) -> None:
    _, _, pairs = score(found, gold, _words_match)
    matched_f = {id(f) for f, _ in pairs}
    matched_g = {id(g) for _, g in pairs}
    print("\nmisses:")
    for g in [g for g in gold if id(g) not in matched_g][:n]:
        print(f"  s{g.sentence} {g.type} {g.source_code} -> {g.target_code}")
    print("false finds:")
    for f in [f for f in found if id(f) not in matched_f][:n]:
        print(f"  s{f.sentence} {f.type} {f.source_code} -> {f.target_code}")


def _timebank_dates() -> list[dict[str, Any]]:
    from stories_eval import DEV

    rows = []
    for line in (DEV / "timebank_dates.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            rows.append({"article": row["id"], "published": row.get("published")})
    return rows


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
