"""The weighted story rule: terms and actor keys count by how rare they are among the articles
added so far, uncoded organisations are actor keys, terms persist with their counts, and rows
stored before schema version 4 (no terms) keep their stories and are renewed from the text."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from wirewatch.errors import UsageError
from wirewatch.link.profiles import (
    TERM_RECORD,
    Frequencies,
    KeyFrequencies,
    entity_keys,
    org_key,
    term_records,
    text_similarities,
    weighted_overlap,
)
from wirewatch.link.stories import StoryIndex, StoryOptions, StoryRows, renew_row
from wirewatch.records import Actor, Article, Extraction, PublishedDate

DAY = dt.date(2025, 5, 12)

#: Market-page boilerplate that every article below shares: common words, no happening.
_COMMON = (
    "The company said its shares rose in market trading on Monday, and analysts said the "
    "quarterly results were in line with the market, the company said in a statement."
)


def _article(aid: str, text: str, day: dt.date | None = DAY) -> Article:
    published = PublishedDate(day, day, "metadata") if day else PublishedDate.unknown()
    return Article(id=aid, source=f"{aid}.txt", text=text, published=published)


def _org(text: str, rule: str = "actors.org.ner.v1", code: str | None = None) -> Actor:
    return Actor(code, None, text, rule=rule)


def _found(aid: str, *mentions: Actor) -> Extraction:
    return Extraction(article_id=aid, mentions=mentions)


def _background(index: StoryIndex, n: int) -> None:
    """``n`` unrelated market reports of the same days, each about another firm."""
    for i in range(n):
        text = f"{_COMMON} Firm{i} Holdings reported results for unit {i}{i}7."
        index.add(_article(f"bg{i}", text, DAY - dt.timedelta(days=i % 3)), _found(f"bg{i}"))


# --- what is rare counts -----------------------------------------------------------------------

_KESTREL = (
    f"{_COMMON} Kestrel Mining agreed to buy the Orrisdale copper mine from Valdane for "
    "$412 million, Kestrel said."
)
_KESTREL_REWRITE = (
    "Kestrel Mining will pay $412 million for Valdane's Orrisdale copper mine, the miner "
    "announced, its largest purchase."
)
_OTHER_FIRM = f"{_COMMON} Brightwater Foods cut its dividend after a weak harvest season."


def _groups(*items: tuple[Article, Extraction], background: int = 60) -> dict[str, str]:
    index = StoryIndex()
    _background(index, background)
    return {article.id: index.add(article, found) for article, found in items}


def test_rare_names_link_a_rewrite_and_shared_boilerplate_does_not() -> None:
    got = _groups(
        (_article("a", _KESTREL), _found("a")),
        (_article("b", _OTHER_FIRM), _found("b")),
        (_article("c", _KESTREL_REWRITE, DAY + dt.timedelta(days=1)), _found("c")),
    )
    assert got["c"] == got["a"]
    assert got["b"] != got["a"]


def test_boilerplate_shares_more_words_than_the_rewrite_but_weighs_less() -> None:
    index = StoryIndex()
    _background(index, 60)
    a = index.add(_article("a", _KESTREL), _found("a"))
    vocabulary = index._terms
    profiles = {p.article_id: p for p in index._profiles}
    for aid, text in (("b", _OTHER_FIRM), ("c", _KESTREL_REWRITE)):
        assert index.add(_article(aid, text), _found(aid)) == (a if aid == "c" else "s-b")
        profiles[aid] = index._profiles[-1]
    mine = profiles["a"].terms
    others = [profiles["b"].terms, profiles["c"].terms]
    assert mine is not None
    boilerplate, rewrite = text_similarities(mine, others, vocabulary)
    assert rewrite > boilerplate
    shared = [len(np.intersect1d(mine.ids, o.ids)) for o in others if o is not None]
    assert shared[0] > shared[1]  # more words in common, all of them common words


def test_a_key_every_article_names_counts_for_less_than_a_rare_one() -> None:
    keys = KeyFrequencies(prior=100)
    for i in range(200):
        keys.add({"USA", f"org:firm{i}"})
    keys.add({"USA", "org:kestrel mining"})
    assert keys.idf("USA") < keys.idf("org:kestrel mining")
    a = frozenset({"USA", "org:kestrel mining"})
    common_only = weighted_overlap(a, frozenset({"USA", "org:brightwater"}), keys)
    rare_shared = weighted_overlap(a, frozenset({"org:kestrel mining", "GBR"}), keys)
    assert rare_shared > common_only
    only_usa = frozenset({"USA"})
    assert weighted_overlap(only_usa, only_usa, keys) < 0.1  # named by every article
    rare = frozenset({"org:kestrel mining"})
    assert weighted_overlap(rare, rare, keys) > 0.8


def test_text_similarity_is_one_for_the_same_words_and_zero_for_none_shared() -> None:
    vocabulary = Frequencies(prior=100)
    same, again, other = vocabulary.add(
        [
            term_records({"kestrel": 2, "copper": 1}),
            term_records({"copper": 1, "kestrel": 2}),
            term_records({"harvest": 1}),
        ]
    )
    assert text_similarities(same, [again, other, None], vocabulary) == pytest.approx(
        [1.0, 0.0, 0.0]
    )


def test_a_word_the_article_keeps_using_counts_more_than_one_it_uses_once() -> None:
    vocabulary = Frequencies(prior=100)
    a, subject, aside = vocabulary.add(
        [
            term_records({"kestrel": 5, "copper": 1, "harvest": 1}),
            term_records({"kestrel": 1, "valdane": 1}),
            term_records({"copper": 1, "orrisdale": 1}),
        ]
    )
    on_subject, on_aside = text_similarities(a, [subject, aside], vocabulary)
    assert on_subject > on_aside > 0


def test_an_index_needs_a_prior_of_at_least_one_document() -> None:
    with pytest.raises(UsageError, match="prior_documents"):
        StoryIndex(StoryOptions(prior_documents=0))


_EXPULSION = (
    "Iceland expelled a Peruvian diplomat on Monday over leaked whaling permit records, the "
    "Icelandic foreign ministry said, giving him three days to leave. Peru's foreign ministry "
    "called the expulsion unjustified."
)
_TALKS = (
    "Trade talks between Iceland and Peru on fish tariffs ended in Reykjavik, officials said, "
    "with both governments agreeing to meet again in June."
)


def test_the_same_two_states_in_other_news_of_those_days_is_not_the_story() -> None:
    states = (Actor("ISL", "GOV", "Iceland"), Actor("PER", "GOV", "Peru"))
    index = StoryIndex()  # a young store: every name still looks rare
    talks = index.add(_article("t", _TALKS, DAY), _found("t", *states))
    expulsion = index.add(
        _article("e", _EXPULSION, DAY + dt.timedelta(days=2)), _found("e", *states)
    )
    assert talks != expulsion


# --- organisations -----------------------------------------------------------------------------


def test_uncoded_organisations_are_keys_without_legal_forms_or_possessives() -> None:
    assert org_key(_org("Kestrel Mining Corp.")) == "org:kestrel mining"
    assert org_key(_org("Kestrel Mining's", rule="actors.org.v1")) == "org:kestrel mining"
    assert org_key(_org("the Kestrel Mining Co.")) == "org:kestrel mining"
    assert org_key(_org("the company", rule="actors.generic.v1")) is None
    assert org_key(_org("NATO", rule="actors.org.v1", code="NATO")) is None
    assert org_key(_org("Inc.")) is None
    found = _found("a", _org("Valdane Ltd"), _org("Valdane"), _org("NATO", code="NATO"))
    assert entity_keys(found) == {"org:valdane", "NATO"}


# --- persisting --------------------------------------------------------------------------------


def test_terms_are_stored_with_their_counts_and_restored_exactly() -> None:
    index = StoryIndex()
    _background(index, 60)
    index.add(_article("a", _KESTREL), _found("a", _org("Kestrel Mining")))
    rows = index.to_rows()
    last = rows.articles[-1]
    assert last.terms is not None
    records = np.frombuffer(last.terms, dtype=TERM_RECORD)
    assert list(records["term"]) == sorted(records["term"])
    assert records["count"].max() >= 2  # "company", "said", "kestrel" recur
    restored = StoryIndex.from_rows(rows)
    assert restored.to_rows() == rows
    late = _article("c", _KESTREL_REWRITE, DAY + dt.timedelta(days=1))
    assert restored.add(late, _found("c")) == index.add(late, _found("c")) == "s-a"
    assert restored._terms.documents == index._terms.documents == 62


def test_colliding_terms_are_one_record_with_both_counts() -> None:
    # "plumless" and "buckeroo" have the same CRC-32
    records = term_records({"plumless": 2, "buckeroo": 3, "kestrel": 1})
    assert len(records) == 2
    assert sorted(records["count"]) == [1, 5]


def test_rows_without_terms_keep_their_story_and_are_renewed_from_the_article() -> None:
    index = StoryIndex()
    _background(index, 60)
    article = _article("a", _KESTREL)
    found = _found("a", _org("Kestrel Mining"))
    index.add(article, found)
    index.add(_article("x", _OTHER_FIRM), _found("x"))
    *background, row, other = index.to_rows().articles
    old = row._replace(terms=None, entities=())
    stored = [*background, old, other._replace(story_id="s-a")]  # grouped by an older rule
    restored = StoryIndex.from_rows(StoryRows(stored, []))
    assert restored.story_of("x") == "s-a"
    assert restored.to_rows().articles == stored  # nothing invented for it
    # nothing to compare it by: a rewrite cannot join it until it is renewed
    rewrite = _article("c", _KESTREL_REWRITE)
    assert restored.add(rewrite, _found("c", _org("Kestrel Mining Corp."))) == "s-c"
    renewed = renew_row(old, article, found)
    assert renewed == row
    again = StoryIndex.from_rows(StoryRows([*background, renewed, stored[-1]], []))
    assert again.add(rewrite, _found("c", _org("Kestrel Mining Corp."))) == "s-a"


def test_rows_with_broken_terms_are_refused() -> None:
    index = StoryIndex()
    index.add(_article("a", _KESTREL), _found("a"))
    (row,) = index.to_rows().articles
    with pytest.raises(UsageError, match="records"):
        StoryIndex.from_rows(StoryRows([row._replace(terms=b"12345")], []))
