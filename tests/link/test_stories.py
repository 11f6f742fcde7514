"""Stories across outlets and event clusters: the seeds' gold grouping, the examples, order
independence, related links, persistence, and the rules on hand-built records."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest
import yaml

from tests.conftest import EXAMPLES, GOLD
from wirewatch import extract_articles
from wirewatch.errors import UsageError
from wirewatch.link.clusters import cluster_events
from wirewatch.link.stories import StoryIndex, StoryOptions, salient_terms, time_factor
from wirewatch.records import (
    Actor,
    Article,
    DateRange,
    Event,
    Extraction,
    PublishedDate,
)

Items = list[tuple[Article, Extraction]]


@pytest.fixture(scope="module")
def seeds(seeds_dir: Path) -> Items:
    return extract_articles(sorted(seeds_dir.glob("*.txt")))


@pytest.fixture(scope="module")
def examples() -> Items:
    names = ("banner_scraped.txt", "banner_page.html", "wire.jsonl")
    return extract_articles([EXAMPLES / name for name in names])


def _name(article: Article) -> str:
    return Path(article.source).name


def _grouping(items: Items, index: StoryIndex | None = None) -> set[frozenset[str]]:
    """The stories of ``items`` as sets of file names (added in the given order)."""
    index = index or StoryIndex()
    for article, found in items:
        index.add(article, found)
    names = {article.id: _name(article) for article, _ in items}
    return {frozenset(names[a] for a in story.article_ids) for story in index.stories()}


# --- the sample articles ---------------------------------------------------------------------


def test_seeds_match_the_gold_stories(seeds: Items) -> None:
    gold = yaml.safe_load(GOLD.read_text("utf-8"))["stories"]
    assert _grouping(seeds) == {frozenset(files) for files in gold}


def test_seed_grouping_does_not_depend_on_arrival_order(seeds: Items) -> None:
    expected = _grouping(seeds)
    assert _grouping(seeds[::-1]) == expected
    shuffled = list(seeds)
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert _grouping(shuffled) == expected


def test_background_on_the_same_actors_is_related_not_merged(seeds: Items) -> None:
    index = StoryIndex()
    ids = {_name(article): index.add(article, found) for article, found in seeds}
    interview, summons = ids["003_8bd2ecd20b555593.txt"], ids["004_9154a7180a783233.txt"]
    assert interview != summons
    stories = {story.id: story for story in index.stories()}
    assert summons in stories[interview].related
    assert interview in stories[summons].related


def test_story_id_is_its_first_article_and_dates_span_its_articles(seeds: Items) -> None:
    index = StoryIndex()
    first_id = index.add(*seeds[0])
    for article, found in seeds[1:]:
        index.add(article, found)
    banner = next(story for story in index.stories() if story.id == first_id)
    assert first_id == "s-" + seeds[0][0].id
    assert len(banner.article_ids) == 3
    assert banner.start is not None and banner.end is not None
    assert banner.start <= dt.date(2026, 2, 21) and banner.end >= dt.date(2026, 2, 23)


def test_examples_two_outlets_one_banner_story_a_copy_and_a_summit(examples: Items) -> None:
    assert _grouping(examples) == {
        frozenset({"banner_scraped.txt", "banner_page.html"}),
        frozenset({"wire.jsonl#L1", "wire.jsonl#L2"}),
        frozenset({"wire.jsonl#L3"}),
    }


def test_rows_round_trip_then_more_articles_join(seeds: Items, examples: Items) -> None:
    corpus = seeds + examples
    whole = StoryIndex()
    for article, found in corpus:
        whole.add(article, found)
    part = StoryIndex()
    for article, found in corpus[:4]:
        part.add(article, found)
    restored = StoryIndex.from_rows(part.to_rows())
    assert restored.to_rows() == part.to_rows()
    for article, found in corpus[4:]:
        restored.add(article, found)
    assert sorted(restored.stories(), key=lambda s: s.id) == sorted(
        whole.stories(), key=lambda s: s.id
    )


def test_rows_of_another_signature_size_are_refused(seeds: Items) -> None:
    index = StoryIndex()
    index.add(*seeds[0])
    with pytest.raises(UsageError, match="num_perm"):
        StoryIndex.from_rows(index.to_rows(), StoryOptions(num_perm=64))


# --- the rule on hand-built records -----------------------------------------------------------

_BANNER = (
    "Seoul asked the Russian embassy to take down a giant victory banner hung on its wall before "
    "the war anniversary. The foreign ministry said the banner breached diplomatic courtesy and "
    "asked Ambassador Petrov to remove it within 48 hours."
)
_BANNER_REWRITE = (
    "The Russian embassy in Seoul was told to remove a victory banner from its wall. Diplomats "
    "said Ambassador Petrov received the request, with 48 hours to comply, ahead of the war "
    "anniversary."
)
_TRADE = (
    "Seoul and Moscow signed a fishing quota accord covering crab catches in the Sea of Okhotsk, "
    "with Minister Petrov praising the deal as a sign that commerce continues."
)


def _actor(code: str | None, name: str | None = None) -> Actor:
    return Actor(code, None, name or code or "someone", name=name)


def _event(
    kind: str,
    source: str | None,
    target: str | None,
    date: DateRange | None = None,
    *,
    negated: bool = False,
) -> Event:
    return Event(
        type=kind,
        source=_actor(source),
        target=_actor(target) if target else None,
        mode=None,
        cameo="10",
        quad_class=1,
        goldstein=0.0,
        date=date,
        location=None,
        sentence="s",
        sentence_start=0,
        sentence_end=1,
        trigger="t",
        trigger_start=0,
        trigger_end=1,
        negated=negated,
    )


def _article(
    aid: str,
    text: str,
    day: dt.date | None,
    outlet: str | None = None,
    duplicate_of: str | None = None,
) -> Article:
    published = PublishedDate(day, day, "metadata") if day else PublishedDate.unknown()
    return Article(
        id=aid,
        source=f"{aid}.txt",
        text=text,
        outlet=outlet,
        published=published,
        duplicate_of=duplicate_of,
    )


def _found(aid: str, *events: Event) -> Extraction:
    mentions = (_actor("KOR"), _actor("RUS"), _actor("RUS", "Ivan Petrov"))
    return Extraction(article_id=aid, events=events, mentions=mentions)


def _pair(text_b: str, day_b: dt.date | None, **kw: str | None) -> tuple[str, str, StoryIndex]:
    index = StoryIndex()
    request = _event("REQUEST", "KOR", "RUS")
    a = index.add(_article("a", _BANNER, dt.date(2026, 2, 23)), _found("a", request))
    b = index.add(_article("b", text_b, day_b, **kw), _found("b", request))
    return a, b, index


def test_a_rewrite_days_apart_joins_the_story() -> None:
    a, b, _ = _pair(_BANNER_REWRITE, dt.date(2026, 2, 25))
    assert a == b == "s-a"


def test_the_same_words_a_month_later_are_another_story() -> None:
    a, b, index = _pair(_BANNER_REWRITE, dt.date(2026, 3, 25))
    assert a != b
    (first, second) = index.stories()
    assert second.id in first.related  # same actors and dyad: related


def test_same_actors_same_day_other_happening_is_related() -> None:
    a, b, index = _pair(_TRADE, dt.date(2026, 2, 23))
    assert a != b
    assert [s.related for s in index.stories()] == [(b,), (a,)]


def test_an_undated_article_is_compared_around_its_arrival() -> None:
    a, b, _ = _pair(_BANNER_REWRITE, None)
    assert a == b


def test_a_copy_joins_its_original_whichever_comes_first() -> None:
    index = StoryIndex()
    copy = _article("copy", "Completely different words here", dt.date(2020, 1, 1), None, "orig")
    assert index.add(copy, _found("copy")) == "s-copy"
    assert index.add(_article("orig", _TRADE, dt.date(2026, 2, 23)), _found("orig")) == "s-copy"


def test_a_late_article_that_links_two_stories_merges_them_under_the_older_id() -> None:
    index = StoryIndex()
    index.add(_article("x", _BANNER, dt.date(2026, 2, 1), duplicate_of="z"), _found("x"))
    index.add(_article("y", _TRADE, dt.date(2024, 1, 1), duplicate_of="z"), _found("y"))
    assert len(index.stories()) == 2
    assert index.add(_article("z", "bridge", None), _found("z")) == "s-x"
    assert [s.article_ids for s in index.stories()] == [("y", "x", "z")]


def test_adding_an_article_twice_changes_nothing() -> None:
    index = StoryIndex()
    article = _article("a", _BANNER, dt.date(2026, 2, 23))
    index.add(article, _found("a"))
    index.add(article, _found("a"))
    assert len(index) == 1


def test_time_factor_full_within_grace_then_falls_to_zero() -> None:
    options = StoryOptions(grace_days=2, max_gap_days=10)
    assert time_factor(0, options) == time_factor(2, options) == 1.0
    assert time_factor(6, options) == pytest.approx(0.5)
    assert time_factor(10, options) == 0.0


def test_salient_terms_drop_stop_words_and_fold_plurals() -> None:
    article = _article("a", "The sanctions on Russia's banks were lifted in 2024.", None)
    assert salient_terms(article) == {"sanction", "russia", "bank", "lifted", "2024"}


# --- event clusters ---------------------------------------------------------------------------


def _day(d: int, to: int | None = None, basis: str = "explicit") -> DateRange:
    return DateRange(dt.date(2026, 2, d), dt.date(2026, 2, to or d), basis)  # type: ignore[arg-type]


def test_one_event_reported_by_three_articles_two_outlets() -> None:
    items = [
        (_article("a", "x", None, "Wire"), _found("a", _event("REQUEST", "KOR", "RUS", _day(11)))),
        (
            _article("b", "x", None, "wire"),
            _found("b", _event("REQUEST", "KOR", "RUS", _day(1, 23))),
        ),
        (_article("c", "x", None), _found("c", _event("REQUEST", "KOR", "RUS", _day(11)))),
    ]
    (cluster,) = cluster_events("s-a", items)
    assert (cluster.type, cluster.source_code, cluster.target_code) == ("REQUEST", "KOR", "RUS")
    assert cluster.num_articles == 3
    assert cluster.num_sources == 2  # "Wire" twice; c has no outlet and counts as its own
    assert cluster.date == _day(11)  # given by two articles
    assert [(r.article_id, r.idx) for r in cluster.reports] == [("a", 0), ("b", 0), ("c", 0)]
    assert cluster.story_id == "s-a"


def test_dates_that_do_not_meet_make_two_clusters_and_undated_joins_the_larger() -> None:
    items = [
        (_article("a", "x", None, "A"), _found("a", _event("ASSAULT", "RUS", "UKR", _day(2)))),
        (_article("b", "x", None, "B"), _found("b", _event("ASSAULT", "RUS", "UKR", _day(2)))),
        (_article("c", "x", None, "C"), _found("c", _event("ASSAULT", "RUS", "UKR", _day(20)))),
        (_article("d", "x", None, "D"), _found("d", _event("ASSAULT", "RUS", "UKR"))),
    ]
    early, late = cluster_events("s", items)
    assert early.date == _day(2) and late.date == _day(20)
    assert {r.article_id for r in early.reports} == {"a", "b", "d"}
    assert early.num_articles == 3 and late.num_articles == 1


def test_a_range_only_joins_reports_it_meets_all_of() -> None:
    items = [
        (_article("a", "x", None), _found("a", _event("AID", "KOR", "UKR", _day(3)))),
        (_article("b", "x", None), _found("b", _event("AID", "KOR", "UKR", _day(20)))),
        (_article("c", "x", None), _found("c", _event("AID", "KOR", "UKR", _day(1, 28)))),
    ]
    clusters = cluster_events("s", items)
    assert sorted(c.num_articles for c in clusters) == [1, 2]


def test_only_events_that_happened_and_other_keys_apart() -> None:
    found = _found(
        "a",
        _event("REQUEST", "KOR", "RUS", _day(5)),
        _event("REQUEST", "KOR", "RUS", _day(5), negated=True),
        _event("REQUEST", "KOR", "PRK", _day(5)),
        _event("REQUEST", None, "RUS", _day(5)),
        _event("REQUEST", None, "RUS", _day(5)),
    )
    clusters = cluster_events("s", [(_article("a", "x", None), found)])
    assert sorted((c.target_code, len(c.reports)) for c in clusters) == [
        ("PRK", 1),
        ("RUS", 1),
        ("RUS", 1),
        ("RUS", 1),
    ]
    assert all(r.idx != 1 for c in clusters for r in c.reports)


def test_the_seed_banner_story_counts_its_sources(seeds: Items) -> None:
    banner = [item for item in seeds if _name(item[0]) < "003"]
    clusters = cluster_events("s-banner", banner)
    request = max(
        (
            c
            for c in clusters
            if (c.type, c.source_code, c.target_code) == ("REQUEST", "KOR", "RUS")
        ),
        key=lambda c: c.num_articles,
    )
    assert request.num_articles == 3 and request.num_sources == 3
    praise = [
        c for c in clusters if (c.type, c.source_code, c.target_code) == ("SUPPORT", "RUS", "PRK")
    ]
    assert len(praise) == 1 and praise[0].num_articles == 3
    assert praise[0].date is not None and praise[0].date.point == dt.date(2026, 2, 11)


def test_events_dated_only_by_their_articles_a_day_apart_are_one_cluster() -> None:
    def by_article(day: int) -> DateRange:
        return _day(day, basis="article")

    items = [
        (
            _article("a", "x", None, "A"),
            _found("a", _event("REQUEST", "KOR", "RUS", by_article(22))),
        ),
        (
            _article("b", "x", None, "B"),
            _found("b", _event("REQUEST", "KOR", "RUS", by_article(23))),
        ),
    ]
    (cluster,) = cluster_events("s", items)
    assert cluster.num_articles == 2 and cluster.num_sources == 2
