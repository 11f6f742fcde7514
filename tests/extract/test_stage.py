"""The extract stage over a batch: one extraction per article, in order; non-English articles
get an empty one; a finder failure keeps the article and reports it."""

from __future__ import annotations

import pytest

from wirewatch.extract import stage
from wirewatch.records import Article
from wirewatch.settings import Options

EN = "The Chilean government summoned Peru's ambassador on Monday to protest over the border."
FR = "Le gouvernement chilien a convoqué l'ambassadeur du Pérou lundi pour protester."


def _article(aid: str, text: str, language: str | None) -> Article:
    return Article(id=aid, source=f"{aid}.txt", text=text, language=language)


def test_one_extraction_per_article_in_order_and_none_for_other_languages() -> None:
    batch = [_article("a", EN, "en"), _article("b", FR, "fr"), _article("c", EN, None)]
    results = stage.extract_batch(batch, Options())
    assert [x.article_id for x, _ in results] == ["a", "b", "c"]
    assert all(failure is None for _, failure in results)
    assert results[0][0].events and results[2][0].events
    assert results[1][0].events == () and results[1][0].mentions == ()


def test_a_finder_failure_keeps_the_article_and_reports_the_stage(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def broken(*args: object, **kwargs: object) -> list[object]:
        raise ValueError("pattern table corrupt")

    monkeypatch.setattr(stage, "find_claims", broken)
    [(found, failure)] = stage.extract_batch([_article("a", EN, "en")], Options())
    assert found.article_id == "a" and found.events == ()
    assert failure is not None and failure.stage == "extract"
    assert failure.reason == "extraction failed: ValueError: pattern table corrupt"
