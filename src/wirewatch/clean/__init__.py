"""The clean stage: ``RawDocument -> Article | Rejected``, over batches.

Per document: boilerplate removal (``text`` for scraped text, ``html`` via trafilatura),
metadata (``metadata``: title, byline, outlet, date with provenance, elided dates), language
(``language``), paragraph and sentence spans (``segment``). Per batch: block repetition across
the batch's pages, and near-duplicate detection (``dedup``) against an index the caller owns.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from ..records import Article, PublishedDate, RawDocument, Rejected, RemovedBlock
from ..settings import Options
from . import language
from .dates import parse_date
from .dedup import (
    DuplicateIndex,
    normalise,
    signature,
    signature_bytes,
    signature_from_bytes,
)
from .html import extract_html
from .lexicon import PhraseRule, load_phrases
from .metadata import find_elided_dates, infer_published, read_header, split_date_prefix
from .segment import paragraph_spans, sentence_spans
from .text import Block, clean_blocks, split_blocks

__all__ = ["clean_batch", "clean_document", "corpus_block_counts"]

STAGE = "clean"


def clean_batch(
    docs: Sequence[RawDocument],
    options: Options,
    index: DuplicateIndex | None = None,
    rules: Sequence[PhraseRule] | None = None,
) -> list[Article | Rejected]:
    """Clean a batch of documents, in order.

    ``index`` holds articles seen before (earlier batches, the store); articles of this batch
    are added to it, so a later copy in the same batch links to the earlier one.
    """
    rules = load_phrases(options.lexicon or None) if rules is None else rules
    counts = corpus_block_counts(docs)
    out: list[Article | Rejected] = []
    for doc in docs:
        result = clean_document(doc, options, counts, rules)
        if isinstance(result, Article) and index is not None:
            result = _link_duplicate(result, index, options.minhash_perm)
        out.append(result)
    return out


def corpus_block_counts(docs: Sequence[RawDocument]) -> dict[str, int]:
    """In how many documents of the batch each short text block occurs (template detection)."""
    counts: Counter[str] = Counter()
    for doc in docs:
        if doc.kind == "text":
            keys = {normalise(b.text) for b in split_blocks(doc.text) if len(b.text) < 300}
            counts.update(keys)
    return dict(counts)


def clean_document(
    doc: RawDocument,
    options: Options,
    corpus_counts: dict[str, int] | None = None,
    rules: Sequence[PhraseRule] | None = None,
) -> Article | Rejected:
    """One document to an Article, or Rejected with the reason.

    ``rules`` default to the built-in phrase lexicon plus ``options.lexicon``.
    """
    rules = load_phrases(options.lexicon or None) if rules is None else rules
    if doc.kind == "html":
        return _clean_html(doc, options, rules)
    blocks = _split_with_date_prefix(doc.text)
    result = clean_blocks(
        blocks,
        min_words=options.min_body_words,
        rules=rules,
        corpus_counts=corpus_counts,
        repeat_min_docs=options.repeat_min_docs,
    )
    header = read_header(result.header, [r.text for r in result.removed])
    return _article(
        doc,
        [b.text for b in result.kept],
        title=header.title,
        authors=header.authors,
        outlet=header.outlet,
        published=header.published,
        removed=[_as_metadata(r, header.used) for r in result.removed],
        num_perm=options.minhash_perm,
    )


def _as_metadata(block: RemovedBlock, used: dict[str, str]) -> RemovedBlock:
    """Header lines that gave the title, byline or date are reported as such."""
    what = used.get(block.text)
    return RemovedBlock(block.text, what, "clean.metadata.header.v1") if what else block


def _split_with_date_prefix(text: str) -> list[Block]:
    blocks = split_blocks(text)
    if blocks and (parts := split_date_prefix(blocks[0])) is not None:
        date_line, rest = parts
        head = [Block(0, date_line)] + ([Block(1, rest)] if rest else [])
        blocks = head + [replace(b, index=b.index + len(head) - 1) for b in blocks[1:]]
    return blocks


def _clean_html(
    doc: RawDocument, options: Options, rules: Sequence[PhraseRule]
) -> Article | Rejected:
    extract = extract_html(doc.text, doc.url)
    if extract is None or not extract.paragraphs:
        return Rejected(doc.source, "no main content found in the HTML page", STAGE)
    blocks = [Block(i, p) for i, p in enumerate(extract.paragraphs)]
    result = clean_blocks(blocks, min_words=options.min_body_words, rules=rules, zones=False)
    return _article(
        replace(doc, url=extract.url),
        [b.text for b in result.kept],
        title=extract.title,
        authors=extract.authors,
        outlet=extract.outlet,
        published=extract.published,
        removed=result.removed,
        num_perm=options.minhash_perm,
    )


def _article(
    doc: RawDocument,
    paragraphs: list[str],
    *,
    title: str | None,
    authors: tuple[str, ...],
    outlet: str | None,
    published: PublishedDate,
    removed: Sequence[RemovedBlock],
    num_perm: int,
) -> Article | Rejected:
    """Assemble the Article: container metadata (JSON Lines fields, feed entries) wins over
    what was read from the page, since the user or the feed stated it. A page with no body
    left is Rejected."""
    if not paragraphs:
        return Rejected(doc.source, "no article text left after removing boilerplate", STAGE)
    text, para_spans = paragraph_spans(paragraphs)
    article_language, langs = language.detect_article(paragraphs)
    para_spans = [replace(s, language=lang) for s, lang in zip(para_spans, langs, strict=True)]
    meta = doc.meta
    if meta.get("published") and (day := parse_date(meta["published"])) is not None:
        published = PublishedDate(day, day, "metadata", f"{doc.container}: {meta['published']}")
    elif published.source == "unknown":
        published = infer_published(text)
    authors = tuple(a.strip() for a in meta["author"].split(";")) if meta.get("author") else authors
    sig = signature(text, num_perm)
    return Article(
        id=hashlib.sha256(normalise(text).encode()).hexdigest()[:16],
        source=doc.source,
        text=text,
        title=meta.get("title") or title,
        authors=authors,
        outlet=meta.get("outlet") or outlet,
        url=doc.url,
        published=published,
        language=meta.get("language") or article_language,
        paragraphs=tuple(para_spans),
        sentences=tuple(sentence_spans(text, para_spans)),
        removed=tuple(removed),
        elided_dates=tuple(find_elided_dates(text)),
        raw_hash=doc.raw_hash,
        kind=doc.kind,
        container=doc.container,
        minhash=signature_bytes(sig),
    )


def _link_duplicate(article: Article, index: DuplicateIndex, num_perm: int) -> Article:
    sig = signature_from_bytes(article.minhash, num_perm)
    found = index.find(sig)
    if found is not None:
        return replace(article, duplicate_of=found[0], similarity=round(found[1], 3))
    index.add(article.id, sig)
    return article
