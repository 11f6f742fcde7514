"""The event annotations of our own corpus: convert a coder's working file to offsets, check
the stored annotations, and show one article with its events.

Usage:
  python benchmarks/events_corpus.py convert WORKING.yaml   # coder's file -> data/events/
  python benchmarks/events_corpus.py check                  # every stored file is sound
  python benchmarks/events_corpus.py show FILE:ARTICLE_ID   # sentences with their events
  python benchmarks/events_corpus.py convert WORKING.yaml --out DIR  # a second coding
  python benchmarks/events_corpus.py agree DIR              # agreement with the corpus

The codebook is docs/codebook.md. Stored annotations (``benchmarks/data/events/<collection>/
<article id>.yaml``) hold offsets into the article's text in ../shared/eval/dev, never the
text itself. A coder's working file names the words instead (trigger, source and target as
they stand in the sentence); ``convert`` finds them in the sentence and writes the offsets,
and refuses, with one line per problem, a phrase the sentence does not hold.

Working file::

    articles:
      - file: polnear_quotes.jsonl
        article: breitbart_2016-09-26_...
        coder: A
        sentences:
          - i: 0                    # the sentence index of the task file
            events:
              - {type: ACCUSE, mode: null, trigger: condemned,
                 source: {text: "the senator", code: USA, sector: LEG},
                 target: {text: "the FBI", code: USA, sector: COP},
                 negated: false, hypothetical: false, future: false, doubt: null}
          - i: 1
            events: []
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).parent))

from stories_eval import DEV
from wirewatch.extract.actors.kb import KB_SECTORS, state_codes

OUT = Path(__file__).parent / "data" / "events"
TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN "
    "PROTEST SANCTION MOBILIZE COERCE ASSAULT".split()
)
BODIES = frozenset("UN EU NATO IMF WHO ICC ICJ IAEA AU ASEAN OPEC WTO OSCE IGO NGO IMG".split())
FLAGS = ("negated", "hypothetical", "future")


def articles() -> dict[tuple[str, str], str]:
    """(file, article id) -> text of every dev article."""
    out = {}
    for name in ("timebank_dates.jsonl", "polnear_quotes.jsonl"):
        for line in (DEV / name).read_text("utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                out[(name, row["id"])] = row["text"]
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """The sentence spans the task files were made with (wirewatch's spaCy pipeline)."""
    from wirewatch.nlp import load

    doc = load()(text)
    return [(s.start_char, s.end_char) for s in doc.sents if s.text.strip()]


def safe_name(article_id: str) -> str:
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", article_id)[:80]
    return f"{name}-{hashlib.sha1(article_id.encode()).hexdigest()[:6]}"


def _find(text: str, phrase: str, start: int, end: int) -> list[int] | None:
    """Offsets of ``phrase`` inside ``text[start:end]``: its first occurrence as whole words
    ("he" is not the end of "The"), in its case, else in any case, else anywhere."""
    lead = r"\b" if phrase[:1].isalnum() else ""
    tail = r"\b" if phrase[-1:].isalnum() else ""
    pattern = lead + re.escape(phrase) + tail
    for flags in (0, re.IGNORECASE):
        m = re.compile(pattern, flags).search(text, start, end)
        if m is not None:
            return [m.start(), m.end()]
    at = text.lower().find(phrase.lower(), start, end)
    return [at, at + len(phrase)] if at >= 0 else None


def _actor(text: str, item: Any, span: tuple[int, int], where: str) -> tuple[Any, list[str]]:
    if item is None:
        return None, []
    if not isinstance(item, dict) or not item.get("text"):
        return None, [f"{where}: an actor needs `text`"]
    found = _find(text, str(item["text"]), *span)
    problems = [] if found else [f"{where}: {item['text']!r} is not in the sentence"]
    code, sector = item.get("code"), item.get("sector")
    if code is not None and code not in state_codes() and code not in BODIES:
        problems.append(f"{where}: unknown code {code!r}")
    if sector is not None and sector not in KB_SECTORS:
        problems.append(f"{where}: unknown sector {sector!r}")
    return {"span": found, "code": code, "sector": sector}, problems


def convert_event(text: str, e: Any, span: tuple[int, int], where: str) -> tuple[Any, list[str]]:
    """One working event as stored offsets, and its problems."""
    problems: list[str] = []
    if not isinstance(e, dict) or e.get("type") not in TYPES:
        return None, [f"{where}: unknown type {e.get('type') if isinstance(e, dict) else e!r}"]
    trigger = _find(text, str(e.get("trigger") or ""), *span) if e.get("trigger") else None
    if trigger is None:
        problems.append(f"{where}: trigger {e.get('trigger')!r} is not in the sentence")
    source, p1 = _actor(text, e.get("source"), span, f"{where} source")
    target, p2 = _actor(text, e.get("target"), span, f"{where} target")
    if source is None and not p1:
        p1 = [f"{where}: an event needs a source"]
    out = {"type": e["type"], "mode": e.get("mode"), "trigger": trigger, "source": source}
    out["target"] = target
    out.update({f: bool(e.get(f, False)) for f in FLAGS})
    if e.get("doubt"):
        out["doubt"] = str(e["doubt"])
    return out, problems + p1 + p2


def convert(path: Path, out_dir: Path = OUT) -> int:
    texts = articles()
    data = yaml.safe_load(path.read_text("utf-8"))
    problems: list[str] = []
    written = 0
    for art in data.get("articles", []):
        key = (art["file"], art["article"])
        if key not in texts:
            problems.append(f"{key}: no such dev article")
            continue
        text = texts[key]
        spans = sentences(text)
        coded = {s["i"]: s.get("events") or [] for s in art.get("sentences", [])}
        missing = [i for i in range(len(spans)) if i not in coded]
        if missing:
            problems.append(f"{art['article']}: sentences not coded: {missing[:10]}")
            continue
        rows, bad = [], []
        for i, span in enumerate(spans):
            events = []
            for n, e in enumerate(coded[i]):
                ev, p = convert_event(text, e, span, f"{art['article']} s{i} e{n}")
                bad += p
                if ev is not None:
                    events.append(ev)
            rows.append({"i": i, "span": list(span), "events": events})
        if bad:
            problems += bad
            continue
        folder = out_dir / Path(art["file"]).stem
        folder.mkdir(parents=True, exist_ok=True)
        record = {
            "file": art["file"],
            "article": art["article"],
            "coder": art.get("coder"),
            "sentences": rows,
        }
        out = folder / f"{safe_name(art['article'])}.yaml"
        out.write_text(yaml.safe_dump(record, sort_keys=False, width=200), "utf-8")
        written += 1
    for p in problems:
        print(p)
    print(f"{written} articles written, {len(problems)} problems")
    return 1 if problems else 0


def stored() -> Iterator[tuple[Path, dict[str, Any]]]:
    for path in sorted(OUT.glob("*/*.yaml")):
        yield path, yaml.safe_load(path.read_text("utf-8"))


def check() -> int:
    """Every stored span lies in its article's text and sentence; every label is known."""
    texts = articles()
    problems, events, sents = [], 0, 0
    for path, data in stored():
        text = texts.get((data["file"], data["article"]))
        if text is None:
            problems.append(f"{path.name}: no such dev article")
            continue
        for s in data["sentences"]:
            sents += 1
            start, end = s["span"]
            for e in s["events"]:
                events += 1
                spans = [e["trigger"], (e["source"] or {}).get("span")]
                spans.append((e["target"] or {}).get("span"))
                for sp in spans:
                    if sp is not None and not (start <= sp[0] < sp[1] <= end):
                        problems.append(f"{path.name} s{s['i']}: span {sp} outside its sentence")
                if e["type"] not in TYPES:
                    problems.append(f"{path.name} s{s['i']}: unknown type {e['type']}")
    for p in problems:
        print(p)
    n = len(list(stored()))
    print(f"{n} articles, {sents} sentences, {events} events, {len(problems)} problems")
    return 1 if problems else 0


def agree(second: Path) -> int:
    """Agreement of a second coding (stored in ``second``, same layout) with the corpus, on
    the articles both coded: events matched one to one within a sentence when type, source
    and target words agree; F1 of one coder against the other, and the share of sentences
    both leave without events or both give some."""
    first = {(d["file"], d["article"]): d for _, d in stored()}
    tp = n1 = n2 = 0
    same_empty = sentences = 0
    arts = 0
    for path in sorted(second.glob("*/*.yaml")):
        other = yaml.safe_load(path.read_text("utf-8"))
        mine = first.get((other["file"], other["article"]))
        if mine is None:
            continue
        arts += 1
        for a, b in zip(mine["sentences"], other["sentences"], strict=True):
            sentences += 1
            same_empty += bool(a["events"]) == bool(b["events"])
            n1, n2 = n1 + len(a["events"]), n2 + len(b["events"])
            used: set[int] = set()
            for e in a["events"]:
                for k, f in enumerate(b["events"]):
                    if k not in used and _same_event(e, f):
                        used.add(k)
                        tp += 1
                        break
    p = tp / n2 if n2 else 0.0
    r = tp / n1 if n1 else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    print(f"{arts} articles, {sentences} sentences coded twice: events {n1} and {n2}")
    print(f"event agreement (type + source + target words), F1 {f1:.3f}")
    if sentences:
        print(
            f"sentences both coders give events or both leave empty: {same_empty / sentences:.3f}"
        )
    return 0


def _overlap(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return bool(min(a["span"][1], b["span"][1]) > max(a["span"][0], b["span"][0]))


def _same_event(e: dict[str, Any], f: dict[str, Any]) -> bool:
    return bool(
        e["type"] == f["type"]
        and _overlap(e["source"], f["source"])
        and _overlap(e["target"], f["target"])
    )


def show(key: str) -> int:
    name, article = key.split(":", 1)
    text = articles()[(name, article)]
    path = OUT / Path(name).stem / f"{safe_name(article)}.yaml"
    data = yaml.safe_load(path.read_text("utf-8"))
    for s in data["sentences"]:
        print(f"[{s['i']}] {text[s['span'][0] : s['span'][1]].strip()}")
        for e in s["events"]:

            def words(a: Any) -> str:
                return (
                    "-"
                    if a is None
                    else f"{a['code']}.{a['sector']} {text[a['span'][0] : a['span'][1]]!r}"
                )

            flags = ",".join(f for f in FLAGS if e[f])
            print(f"     {e['type']} {words(e['source'])} -> {words(e['target'])} {flags}")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["convert"] and len(argv) == 2:
        return convert(Path(argv[1]))
    if argv[:1] == ["convert"] and len(argv) == 4 and argv[2] == "--out":
        return convert(Path(argv[1]), Path(argv[3]))
    if argv[:1] == ["agree"] and len(argv) == 2:
        return agree(Path(argv[1]))
    if argv[:1] == ["check"]:
        return check()
    if argv[:1] == ["show"] and len(argv) == 2:
        return show(argv[1])
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
