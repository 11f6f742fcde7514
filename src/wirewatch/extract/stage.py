"""The extract stage: cleaned articles in, ``Extraction`` records out.

Per article, in order: date expressions resolved against the article's date (``when``), actor
mentions resolved to codes (``actors``), then events, quotes and claims, which look actors and
dates up by position. Each finder is a pure function of the spaCy Doc and what came before; this
module only loads the shared resources once and runs the finders over a batch, parsing the
batch's texts in one ``nlp.pipe`` stream.

An article that is not in English gets an empty extraction (the patterns are English); an
article on which a finder fails gets a ``Rejected`` value with stage ``extract`` next to an
empty extraction, so the article itself is still stored and the failure is reported.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING, TypeVar

from ..nlp import load, model_label, parse
from ..records import Article, Claim, Event, Extraction, Quote, Rejected, TimeExpression
from ..settings import Options
from .actors import Gazetteer, find_mentions, load_gazetteer
from .claims import find_claims
from .events import Patterns, find_events, load_patterns
from .events.learned import EventModel, load_model
from .first_person import quote_speaker_mentions
from .mentions import MentionIndex
from .quotes import find_quotes
from .when import find_time_expressions

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["Resources", "extract_article", "extract_batch", "resources"]

#: Languages the extract stage reads; others get an empty extraction.
LANGUAGES = frozenset({"en"})


@dataclass(frozen=True, slots=True)
class Resources:
    """What every article's extraction shares: the pipeline and the lexicons."""

    nlp: Language
    gazetteer: Gazetteer
    patterns: Patterns
    model: str
    event_model: EventModel | None = None
    """The learned event layer; None for the rules alone."""


@lru_cache(maxsize=4)
def _resources(model: str, actors: str, patterns: str, events: str) -> Resources:
    nlp = load(model)
    learned = None if events.lower() == "none" else load_model(events)
    return Resources(
        nlp, load_gazetteer(actors), load_patterns(patterns), model_label(nlp), learned
    )


def resources(options: Options) -> Resources:
    """The pipeline and lexicons ``options`` name, loaded once per process.

    Raises:
        UsageError: the spaCy pipeline is not installed, or a user lexicon file is invalid.
    """
    return _resources(options.model, options.actors, options.patterns, options.event_model)


def extract_article(article: Article, doc: Doc, res: Resources) -> Extraction:
    """Everything found in one article, whose cleaned text ``doc`` was parsed from."""
    dates, quotes, index = article_context(article, doc, res)
    events = find_events(
        doc,
        index,
        dates,
        article.published,
        res.patterns,
        quotes=quotes,
        gazetteer=res.gazetteer,
        model=res.event_model,
    )
    return Extraction(
        article_id=article.id,
        events=tuple(_trimmed(e) for e in events),
        quotes=tuple(quotes),
        claims=tuple(_trimmed(c) for c in find_claims(doc, index, dates)),
        dates=tuple(dates),
        mentions=tuple(index.mentions),
        model=res.model,
    )


def article_context(
    article: Article, doc: Doc, res: Resources
) -> tuple[list[TimeExpression], list[Quote], MentionIndex]:
    """What the finders share: the article's dates, its quotes and its actor mentions (quote
    speakers included). The event model's training reads candidates from the same."""
    dates = find_time_expressions(article.text, article.published)
    mentions = find_mentions(doc, res.gazetteer, _day(article), article.outlet)
    quotes = find_quotes(doc, MentionIndex(mentions))
    mentions += quote_speaker_mentions(doc, quotes, MentionIndex(mentions))
    return list(dates), list(quotes), MentionIndex(mentions)


def _day(article: Article) -> date | None:
    """The article's date for dated offices: its day, or the last day of its range."""
    published = article.published
    return published.end or published.start


_Stated = TypeVar("_Stated", Event, Claim)


def _trimmed(found: _Stated) -> _Stated:
    """The record with its sentence cut to its words: spaCy counts the blank line after a
    paragraph's last sentence as part of it."""
    text = found.sentence
    lead = len(text) - len(text.lstrip())
    words = text.strip()
    if len(words) == len(text):
        return found
    start = found.sentence_start + lead
    return replace(found, sentence=words, sentence_start=start, sentence_end=start + len(words))


def readable(article: Article) -> bool:
    """Whether the extract stage reads this article (English, or language unknown)."""
    return article.language is None or article.language in LANGUAGES


def extract_batch(
    articles: Sequence[Article], options: Options
) -> list[tuple[Extraction, Rejected | None]]:
    """One extraction per article, in order, and the failure if a finder raised.

    Raises:
        UsageError: the spaCy pipeline or a user lexicon cannot be loaded.
    """
    res = resources(options)
    todo = [a for a in articles if readable(a)]
    docs = parse(res.nlp, (a.text for a in todo), options.nlp_batch_size)
    parsed: dict[int, Doc] = {id(a): d for a, d in zip(todo, docs, strict=True)}
    return [_one(a, parsed.get(id(a)), res) for a in articles]


def _one(article: Article, doc: Doc | None, res: Resources) -> tuple[Extraction, Rejected | None]:
    if doc is None:
        return Extraction(article.id, model=res.model), None
    try:
        return extract_article(article, doc, res), None
    except Exception as exc:  # a finder bug must not lose the article: report it instead
        reason = f"extraction failed: {type(exc).__name__}: {exc}".splitlines()[0]
        return Extraction(article.id, model=res.model), Rejected(article.source, reason, "extract")


def iter_extractions(
    articles: Sequence[Article], options: Options
) -> Iterator[tuple[Article, Extraction, Rejected | None]]:
    """``extract_batch`` with each result next to its article."""
    for article, (found, failure) in zip(articles, extract_batch(articles, options), strict=True):
        yield article, found, failure
