"""Boilerplate removal for plain text as scrapers give it (trafilatura only sees HTML).

A scraped page is a sequence of blocks (lines or paragraphs). Each block gets features -- its
length, whether it ends like a sentence, its share of function words, first/second-person
appeal language outside quotations, hits of the phrase lexicon, photo-credit shapes, repetition
inside the page and across the batch -- and a first label: ``good`` (body prose), ``bad``
(boilerplate, with a reason) or ``short`` (headings and fragments, decided by context).

Then the page is read as a news page is laid out: a header zone before the first body block
(navigation, promotions, headline, byline), the body, and a tail after it that starts at a
related-stories / comments marker (teasers, news feeds, forms, legal text). Short blocks inside
the body stay (sub-headings); short blocks outside it go. Nothing here names a sentence of a
particular article: the rules describe what boilerplate is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..records import RemovedBlock
from .dedup import normalise
from .language import ENGLISH_FUNCTION_WORDS, english_share
from .lexicon import PhraseRule, builtin_phrases

Label = Literal["good", "bad", "short"]
RULE = "clean.text.{}.v1"

_STOPWORDS = ENGLISH_FUNCTION_WORDS
_APPEAL_WORDS = frozenset(["you", "your", "yours", "we", "us", "our", "ours"])
_QUOTED = re.compile(r"[\"“”«»„][^\"“”«»„]{0,600}[\"“”«»„]")
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_SENTENCE_END = re.compile(r"[.!?…。؟](?:[\"'”’»)\]]*)\s*$")
_CAPTION_CREDIT = re.compile(
    r"\(\s*[^()]{0,80}?\b(getty images|afp|ap photo|associated press|epa|efe|shutterstock|pool|"
    r"xinhua|yonhap|anadolu|handout|photo|file|credit|courtesy|reuters/|via)\b[^()]{0,80}\)\s*$",
    re.IGNORECASE,
)
_CAPTION_LEAD = re.compile(
    r"^\s*(?:(?:©|\(c\))\s*\w+\.?\s*)?(file photo|photo|photograph|picture|image|pictured|caption|"
    r"credit)\s*:",
    re.IGNORECASE,
)
_CAPTION_TAIL = re.compile(
    r"\b(photograph|photo|picture|image)(?: by)?:\s*[^.]{2,60}$|\b(getty images|ap photo)\s*\)?$",
    re.IGNORECASE,
)


@dataclass
class Block:
    """One block of a scraped page and what the classifier decided about it."""

    index: int
    text: str
    words: int = 0
    label: Label = "short"
    reason: str = ""
    rule: str = ""
    script: str = ""
    flags: set[str] = field(default_factory=set)

    def drop(self, reason: str, rule: str) -> None:
        self.label, self.reason, self.rule = "bad", reason, RULE.format(rule)


def split_blocks(text: str) -> list[Block]:
    """Blocks of a scraped page: paragraphs separated by blank lines; inside a paragraph each
    line is a block of its own unless the lines look hard-wrapped (then they are joined)."""
    blocks: list[Block] = []
    for group in re.split(r"\n\s*\n", text.replace("\r\n", "\n")):
        lines = [ln.strip() for ln in group.split("\n") if ln.strip()]
        if not lines:
            continue
        parts = [" ".join(lines)] if _hard_wrapped(lines) else lines
        for part in parts:
            blocks.append(Block(len(blocks), re.sub(r"[ \t\u00a0]+", " ", part)))
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    if len(lines) < 2:
        return False
    body = lines[:-1]
    widest = max(len(ln) for ln in lines)
    long_enough = all(len(ln) >= 0.6 * widest and len(ln) >= 40 for ln in body)
    open_ended = sum(not _SENTENCE_END.search(ln) for ln in body) > len(body) / 2
    return widest <= 120 and long_enough and open_ended


def _script(text: str) -> str:
    """The dominant writing system of ``text``: latin, cyrillic, arabic, cjk, hangul or other."""
    counts: dict[str, int] = {}
    for ch in text:
        if not ch.isalpha():
            continue
        code = ord(ch)
        name = (
            "latin"
            if code < 0x250
            else "cyrillic"
            if 0x400 <= code < 0x530
            else "arabic"
            if 0x600 <= code < 0x700 or 0xFB50 <= code < 0xFF00
            else "hangul"
            if 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200
            else "cjk"
            if 0x3040 <= code < 0xA000
            else "other"
        )
        counts[name] = counts.get(name, 0) + 1
    return max(counts, key=lambda k: counts[k]) if counts else ""


def _features(block: Block) -> tuple[float, float]:
    """(function-word share, appeal-word share) of the block outside quotations."""
    words = [w.lower() for w in _WORD.findall(block.text)]
    block.words = len(words)
    block.script = _script(block.text)
    outside = [w.lower() for w in _WORD.findall(_QUOTED.sub(" ", block.text))]
    if not words:
        return 0.0, 0.0
    stop = sum(w in _STOPWORDS for w in words) / len(words)
    appeal = sum(w in _APPEAL_WORDS for w in outside) / max(len(outside), 1)
    return stop, appeal


def _is_caption(text: str, words: int) -> bool:
    if words > 80:
        return False
    return bool(
        _CAPTION_CREDIT.search(text) or _CAPTION_LEAD.search(text) or _CAPTION_TAIL.search(text)
    )


def classify(block: Block, rules: Sequence[PhraseRule], english: bool, min_words: int) -> None:
    """First label of a block from its own features (context comes later)."""
    stop, appeal = _features(block)
    text = block.text.strip(" -–—|•·*")
    hits = [r.category for r in rules if r.hits(text)]
    if block.words == 0:
        block.drop("no-text", "symbols")
    elif _is_caption(block.text, block.words):
        block.drop("caption", "caption")
    elif hits and (block.words <= 25 or len(hits) >= 3 or (len(hits) >= 2 and appeal >= 0.03)):
        block.drop(hits[0], "phrase")
    elif appeal >= 0.08 and block.words >= 25 and (hits or appeal >= 0.12):
        block.drop("appeal", "appeal")
    elif (
        block.words >= min_words
        and _prose_shaped(block, min_words)
        and (stop >= 0.18 or not english)
    ):
        block.label = "good"
    if hits and block.label != "bad":
        block.flags.add("phrase:" + hits[0])
    if any(h == "related" for h in hits):
        block.flags.add("tail-marker")


def _prose_shaped(block: Block, min_words: int) -> bool:
    """Ends like a sentence, or is long and holds a sentence boundary (a paragraph closing on a
    credit such as "-- Agencies")."""
    if _SENTENCE_END.search(block.text):
        return True
    return block.words >= 2 * min_words and re.search(r"[.!?]\s+[A-Z\"“]", block.text) is not None


def mark_repeats(blocks: Sequence[Block], corpus_counts: dict[str, int], min_docs: int) -> None:
    """Drop short blocks repeated inside the page (form labels, a caption shown twice), and
    short blocks found in at least ``min_docs`` pages of the batch (site templates)."""
    keys = [normalise(b.text) for b in blocks]
    in_page = Counter(keys)
    for b, key in zip(blocks, keys, strict=True):
        if b.label == "bad" or b.words > 60:
            continue
        if in_page[key] > 1 and b.words <= 40:
            b.drop("repeated", "repeated-in-page")
        elif corpus_counts.get(key, 0) >= min_docs and b.words <= 30:
            b.drop("repeated", "repeated-across-corpus")


@dataclass(frozen=True, slots=True)
class TextCleanResult:
    kept: list[Block]
    header: list[Block]
    """Blocks before the body (metadata looks here for title, byline and date lines)."""
    removed: list[RemovedBlock]


def clean_blocks(
    blocks: list[Block],
    *,
    english: bool | None = None,
    min_words: int = 12,
    rules: Sequence[PhraseRule] | None = None,
    corpus_counts: dict[str, int] | None = None,
    repeat_min_docs: int = 3,
    zones: bool = True,
) -> TextCleanResult:
    """Label every block and cut the page into header, body and tail.

    With ``zones=False`` (text already extracted from HTML by trafilatura) only block-level
    rules apply: no header or tail is cut. ``english`` (derived from the page's share of
    English function words when not given) decides whether body prose must show them.
    """
    rules = builtin_phrases() if rules is None else rules
    if english is None:
        english = english_share(" ".join(b.text for b in blocks)) >= 0.15
    for b in blocks:
        classify(b, rules, english, min_words)
    mark_repeats(blocks, corpus_counts or {}, repeat_min_docs)
    _foreign_one_liners(blocks)
    header: list[Block] = []
    if zones:
        header = _cut_zones(blocks)
    kept = [b for b in blocks if b.label != "bad"]
    removed = [RemovedBlock(b.text, b.reason, b.rule) for b in blocks if b.label == "bad"]
    return TextCleanResult(kept, header, removed)


def _foreign_one_liners(blocks: Sequence[Block]) -> None:
    """A short line in another writing system than the page's (a one-line ad in Arabic on an
    English page) is not content; a quotation inside a paragraph is untouched."""
    weights: dict[str, int] = {}
    for b in blocks:
        if b.label == "good":
            weights[b.script] = weights.get(b.script, 0) + b.words
    if not weights:
        return
    main = max(weights, key=lambda k: weights[k])
    for b in blocks:
        if b.label == "short" and b.script and b.script != main and b.words <= 8:
            b.drop("foreign-one-liner", "foreign-script")


def _cut_zones(blocks: list[Block]) -> list[Block]:
    """Drop what stands before the first body block and after the body; return the header."""
    good = [i for i, b in enumerate(blocks) if b.label == "good"]
    if not good:
        return []
    start = good[0]
    header = blocks[:start]
    for b in header:
        if b.label != "bad":
            b.drop("before-body", "zone-header")
    end = _body_end(blocks, start)
    for b in blocks[end + 1 :]:
        if b.label != "bad":
            b.drop("after-body", "zone-tail")
    return header


def _body_end(blocks: list[Block], start: int) -> int:
    """Index of the last body block: before the first tail marker that has less body text after
    it than before it, less any headline-and-summary teasers right above that marker."""
    words_after = sum(b.words for b in blocks if b.label == "good")
    words_before = 0
    for i in range(start, len(blocks)):
        b = blocks[i]
        if b.label == "good":
            words_before += b.words
            words_after -= b.words
        is_marker = "tail-marker" in b.flags or (b.label == "bad" and b.reason in _TAIL_REASONS)
        if is_marker and words_after <= words_before:
            if b.label != "bad":
                b.drop("related", "tail-marker")
            return _strip_teasers(blocks, start, i - 1)
    last_good = max(i for i, b in enumerate(blocks) if b.label == "good")
    return max(last_good, _last_kept_short(blocks, last_good))


_TAIL_REASONS = frozenset({"related", "comments"})


def _last_kept_short(blocks: list[Block], last_good: int) -> int:
    """Short blocks directly after the last body block belong to the body only if they end
    like a sentence (a closing line such as "The talks resume on Friday.")."""
    end = last_good
    for i in range(last_good + 1, len(blocks)):
        b = blocks[i]
        if b.label == "bad" or not _SENTENCE_END.search(b.text):
            break
        end = i
    return end


def _strip_teasers(blocks: list[Block], start: int, end: int) -> int:
    """Before a related-stories marker, a headline line followed by one summary paragraph is a
    teaser for another article -- when the body itself has no sub-headings, or the line reads as
    a teaser headline (a quote and a dash, a numbered list "5 takeaways")."""
    while end - 1 > start:
        head, summary = blocks[end - 1], blocks[end]
        if summary.label == "bad":
            end -= 1
            continue
        if head.label != "short" or summary.label != "good" or _SENTENCE_END.search(head.text):
            break
        interior_heads = any(
            b.label == "short" and not _SENTENCE_END.search(b.text) for b in blocks[start : end - 1]
        )
        if interior_heads and not _TEASER_HEADLINE.search(head.text):
            break
        head.drop("related", "teaser")
        summary.drop("related", "teaser")
        end -= 2
    return end


_TEASER_HEADLINE = re.compile(
    r"^[‘'\"“][^’'\"”]{2,60}[’'\"”]\s*[-–—:]|^\d+\s+(key|things|ways|takeaways|reasons)|\bexplainer\b",
    re.IGNORECASE,
)
