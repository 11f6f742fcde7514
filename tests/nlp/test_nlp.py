"""The spaCy loader: model resolution, components, paragraph sentence starts, long texts."""

from __future__ import annotations

import pytest

from wirewatch import nlp as wnlp
from wirewatch.errors import UsageError


def test_auto_resolves_to_an_installed_english_pipeline() -> None:
    assert wnlp.resolve_model("auto") in wnlp.AUTO_MODELS


def test_an_unknown_model_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="'no_such_model' is not installed"):
        wnlp.resolve_model("no_such_model")


def test_load_is_cached_and_keeps_only_the_needed_components() -> None:
    first = wnlp.load()
    assert wnlp.load() is first
    assert set(first.pipe_names) <= {*wnlp.EXTRACT_COMPONENTS, wnlp.PARAGRAPHS}
    assert first.pipe_names.index(wnlp.PARAGRAPHS) < first.pipe_names.index("parser")


def test_a_heading_never_runs_into_the_paragraph_below() -> None:
    text = "Talks stall in Geneva\n\nThe delegations left the hall on Friday without a deal."
    doc = next(wnlp.parse(wnlp.load(), [text]))
    starts = [s.start_char for s in doc.sents]
    assert text.index("The delegations") in starts


def test_long_texts_are_parsed_in_pieces_with_offsets_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(wnlp, "MAX_DOC_CHARS", 120)
    paragraphs = [f"The council met on day {i} and agreed to meet again." for i in range(12)]
    text = "\n\n".join(paragraphs)
    short = "A short text stays one piece."
    docs = list(wnlp.parse(wnlp.load(), [short, text, short], batch_size=2))
    assert [d.text for d in docs] == [short, text, short]
    at = text.index("day 7")
    assert any(t.idx == at for t in docs[1])
