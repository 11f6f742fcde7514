"""Property: any stored Article reads back equal, field for field."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from wirewatch.records import Article, ElidedDate, PublishedDate, RemovedBlock, Span
from wirewatch.store import BatchResult, Store

_offsets = st.integers(min_value=0, max_value=2**31 - 1)
_words = st.text(max_size=40)
_maybe_words = st.none() | _words
_dates = st.none() | st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
_hex = st.text(alphabet="0123456789abcdef", min_size=16, max_size=16)


@st.composite
def _spans(draw: st.DrawFn, *, with_language: bool) -> tuple[Span, ...]:
    languages = _maybe_words if with_language else st.none()
    count = draw(st.integers(min_value=0, max_value=6))
    return tuple(Span(i, draw(_offsets), draw(_offsets), draw(languages)) for i in range(count))


_published = st.builds(
    PublishedDate,
    start=_dates,
    end=_dates,
    source=st.sampled_from(["metadata", "byline", "inferred", "unknown"]),
    evidence=_maybe_words,
)

_articles = st.builds(
    Article,
    id=_hex,
    source=_words,
    text=st.text(max_size=400),
    title=_maybe_words,
    authors=st.lists(_words, max_size=3).map(tuple),
    outlet=_maybe_words,
    url=_maybe_words,
    published=_published,
    language=_maybe_words,
    paragraphs=_spans(with_language=True),
    sentences=_spans(with_language=False),
    removed=st.lists(st.builds(RemovedBlock, _words, _words, _words), max_size=3).map(tuple),
    elided_dates=st.lists(st.builds(ElidedDate, _words, _offsets, _offsets), max_size=3).map(tuple),
    raw_hash=st.just("") | st.text(alphabet="0123456789abcdef", min_size=64, max_size=64),
    kind=st.sampled_from(["text", "html"]),
    container=st.sampled_from(["file", "jsonl", "feed", "warc", "stdin"]),
    minhash=st.binary(max_size=64),
)


@pytest.fixture(scope="module")
def store() -> Iterator[Store]:
    """One store for all examples; each example empties it first (opening costs ~25 ms)."""
    with Store.open(":memory:") as s:
        yield s


def _order(article: Article) -> tuple[bool, dt.date, str]:
    start = article.published.start
    return (start is None, start or dt.date.min, article.id)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.lists(_articles, min_size=1, max_size=4, unique_by=lambda a: a.id))
def test_articles_round_trip(store: Store, articles: list[Article]) -> None:
    for table in store.tables():
        store._conn().execute(f"DELETE FROM {table}")
    assert store.write_batch(articles, []) == BatchResult(stored=len(articles))
    assert store.articles() == sorted(articles, key=_order)
    assert store.article(articles[-1].id) == articles[-1]
