"""The learned event layer: candidate rules on sentences written for these tests, the model's
inputs, and a tiny model trained from a handful of our own sentences, loaded and used."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.extract.test_events import PUBLISHED, mention, nlp
from wirewatch.errors import UsageError
from wirewatch.extract.events import find_events, load_patterns
from wirewatch.extract.events.learned import (
    N_FEATURES,
    NONE,
    PHRASE_RULE,
    Candidate,
    EventModel,
    Inputs,
    Scored,
    best_per_trigger,
    builtin_folder,
    candidates,
    encode,
    load_model,
    load_tokenizer,
    pooled,
)
from wirewatch.extract.mentions import MentionIndex
from wirewatch.records import Actor

ROOT = Path(__file__).resolve().parents[2]
__all__ = ["nlp"]  # the module's pipeline fixture, shared with the rule tests


def cands(
    nlp: Any, text: str, actors: list[tuple[str, str | None, str | None]], nouns: str = ""
) -> list[Candidate]:
    doc = nlp(text)
    index = MentionIndex(mention(text, *a) for a in actors)
    found = []
    for sent in doc.sents:
        found += candidates(sent, index, load_patterns(), frozenset(nouns.split()))
    return found


def readings(found: list[Candidate]) -> set[tuple[str, str, str, str | None, str]]:
    return {
        (
            c.trigger.text,
            c.source.text,
            c.source_how,
            c.target.text if c.target else None,
            c.target_how,
        )
        for c in found
    }


# --- candidates -----------------------------------------------------------------------------


def test_subject_and_object_make_a_candidate_and_a_no_target_one(nlp: Any) -> None:
    text = "Ruritania condemned Borduria on Tuesday."
    got = readings(cands(nlp, text, [("Ruritania", "RUR", None), ("Borduria", "BOR", None)]))
    assert ("condemned", "Ruritania", "subj", "Borduria", "obj") in got
    assert ("condemned", "Ruritania", "subj", None, "none") in got


def test_prepositional_target_and_passive_agent(nlp: Any) -> None:
    text = "The protesters were arrested by the police of Ruritania."
    got = readings(
        cands(
            nlp, text, [("The protesters", None, "CVL"), ("the police of Ruritania", "RUR", "COP")]
        )
    )
    assert ("arrested", "the police of Ruritania", "agent", "The protesters", "obj") in got
    text = "The minister appealed to Borduria for calm."
    got = readings(cands(nlp, text, [("The minister", "RUR", "GOV"), ("Borduria", "BOR", None)]))
    assert ("appealed", "The minister", "subj", "Borduria", "prep") in got


def test_no_act_verb_or_a_doer_that_names_no_one_is_no_candidate(nlp: Any) -> None:
    text = "The capital of Borduria was quiet on Monday."
    assert cands(nlp, text, [("Borduria", "BOR", None)]) == []
    text = "What followed surprised Borduria."
    assert not [
        c for c in cands(nlp, text, [("Borduria", "BOR", None)]) if c.trigger.text == "surprised"
    ]


def test_an_uncoded_subject_is_a_phrase_source(nlp: Any) -> None:
    text = "A local businessman sued Ruritania over the tax."
    found = cands(nlp, text, [("Ruritania", "RUR", None)])
    sued = [c for c in found if c.trigger.text == "sued" and c.target is not None]
    assert sued and sued[0].source.rule == PHRASE_RULE
    assert sued[0].source.text == "local businessman"


def test_an_uncoded_object_is_a_phrase_target(nlp: Any) -> None:
    text = "The ministry of Ruritania praised the volunteers."
    found = cands(nlp, text, [("The ministry of Ruritania", "RUR", "GOV")])
    targets = {c.target.text: c.target.rule for c in found if c.target is not None}
    assert targets == {"volunteers": PHRASE_RULE}


def test_a_reported_act_is_also_read_as_the_speakers(nlp: Any) -> None:
    text = "The president said Borduria would attack Ruritania."
    got = readings(
        cands(
            nlp,
            text,
            [
                ("The president", "RUR", "GOV"),
                ("Borduria", "BOR", None),
                ("Ruritania", "RUR", None),
            ],
        )
    )
    assert ("attack", "Borduria", "subj", "Ruritania", "obj") in got
    assert ("attack", "The president", "speaker", "Ruritania", "obj") in got


def test_each_conjunct_of_a_subject_is_a_source(nlp: Any) -> None:
    text = "Ruritania and Borduria condemned Syldavia."
    got = readings(
        cands(
            nlp,
            text,
            [("Ruritania", "RUR", None), ("Borduria", "BOR", None), ("Syldavia", "SYL", None)],
        )
    )
    assert ("condemned", "Ruritania", "subj", "Syldavia", "obj") in got
    assert ("condemned", "Borduria", "subj", "Syldavia", "obj") in got


def test_noun_triggers_only_those_named_and_a_light_verb_carries_the_target(nlp: Any) -> None:
    text = "Ruritania held talks with Borduria."
    actors = [("Ruritania", "RUR", None), ("Borduria", "BOR", None)]
    assert not [c for c in cands(nlp, text, actors) if c.trigger.text == "talks"]
    got = readings(cands(nlp, text, actors, nouns="talk"))
    assert ("talks", "Ruritania", "verb", "Borduria", "prep") in got
    text = "Ruritania's invasion of Borduria began at dawn."
    got = readings(cands(nlp, text, actors, nouns="invasion"))
    assert ("invasion", "Ruritania", "poss", "Borduria", "prep") in got


def test_a_place_is_no_source(nlp: Any) -> None:
    text = "Borduria sent troops."
    doc = nlp(text)
    place = Actor("BOR", None, "Borduria", 0, 8, rule="actors.place.v1")
    found = candidates(next(iter(doc.sents)), MentionIndex([place]), load_patterns(), frozenset())
    assert found == []


# --- picking events from scores ---------------------------------------------------------------


def _scored(label: str, p: float) -> Scored:
    return Scored(label, p, {label: p})


def test_targeted_readings_win_over_the_no_target_one(nlp: Any) -> None:
    text = "Ruritania condemned Borduria and Syldavia."
    found = cands(
        nlp,
        text,
        [("Ruritania", "RUR", None), ("Borduria", "BOR", None), ("Syldavia", "SYL", None)],
    )
    scores = [_scored("ACCUSE", 0.9) for _ in found]
    picked = list(best_per_trigger(found, scores, 0.5))
    assert {c.target.text for c, _ in picked if c.target} == {"Borduria", "Syldavia"}
    assert all(c.target is not None for c, _ in picked)
    low = [_scored("ACCUSE", 0.4) for _ in found]
    assert list(best_per_trigger(found, low, 0.5)) == []
    none = [_scored(NONE, 0.99) for _ in found]
    assert list(best_per_trigger(found, none, 0.5)) == []


def test_inputs_pool_the_right_wordpieces(nlp: Any) -> None:
    folder = builtin_folder()
    if not (folder / "tokenizer.json").is_file():
        pytest.skip("no shipped tokenizer (run make train)")
    tok = load_tokenizer(folder / "tokenizer.json")
    text = "Ruritania condemned Borduria."
    found = cands(nlp, text, [("Ruritania", "RUR", None), ("Borduria", "BOR", None)])
    inputs = encode(tok, [(text, found)])
    enc = tok.encode(text)
    for c, (trig, src, tgt) in zip(found, inputs.spans, strict=True):
        words = [enc.offsets[i] for i in range(*trig)]
        assert text[words[0][0] : words[-1][1]] == "condemned"
        assert text[enc.offsets[src[0]][0] : enc.offsets[src[1] - 1][1]] == "Ruritania"
        assert (tgt == (0, 0)) == (c.target is None)


def test_a_named_folder_without_a_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no event model here"):
        load_model(str(tmp_path))
    (tmp_path / "meta.json").write_text("{}", "utf-8")
    with pytest.raises(UsageError, match="not a usable event model"):
        EventModel(tmp_path)


# --- a tiny model, trained here -----------------------------------------------------------------

TINY = """
- text: Chile condemned Peru for the raid.
  events: [{trigger: condemned, source: Chile, target: Peru, type: ACCUSE}]
- text: Bolivia condemned Chile over the border.
  events: [{trigger: condemned, source: Bolivia, target: Chile, type: ACCUSE}]
- text: Peru condemned Bolivia again.
  events: [{trigger: condemned, source: Peru, target: Bolivia, type: ACCUSE}]
- text: Chile visited Peru in spring.
  events: [{trigger: visited, source: Chile, target: Peru, type: CONSULT}]
- text: Bolivia visited Peru last week.
  events: [{trigger: visited, source: Bolivia, target: Peru, type: CONSULT}]
- text: Peru visited Chile on Friday.
  events: [{trigger: visited, source: Peru, target: Chile, type: CONSULT}]
- text: Chile watched Peru closely.
  events: []
- text: Bolivia watched Chile on television.
  events: []
"""


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("torch", reason="torch (a dev pin of the lock) trains the model")
    if not (builtin_folder() / "tokenizer.json").is_file():
        pytest.skip("no shipped tokenizer (run make train)")
    folder = tmp_path_factory.mktemp("tiny")
    data = folder / "sentences.yaml"
    data.write_text(TINY, "utf-8")
    out = folder / "model"
    done = subprocess.run(
        [sys.executable, str(ROOT / "train" / "events.py"), "--tiny", "--epochs", "60",
         "--sentences", str(data), "--out", str(out)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def test_a_tiny_model_is_trained_saved_with_its_data_and_loaded(tiny_model: Path) -> None:
    meta = json.loads((tiny_model / "meta.json").read_text("utf-8"))
    assert meta["data"]["sentences"] and "train" in meta["scores"]
    assert set(meta["labels"]) == {"ACCUSE", "CONSULT", NONE}
    model = load_model(str(tiny_model))
    assert model is not None and model.labels == meta["labels"]


def test_the_tiny_model_types_the_events_of_find_events(nlp: Any, tiny_model: Path) -> None:
    model = EventModel(tiny_model)
    text = "Chile condemned Bolivia for the raid. Peru visited Bolivia last week."
    at = text.rindex("Bolivia")
    index = MentionIndex(
        [mention(text, "Chile", "CHL"), mention(text, "Bolivia", "BOL"),
         Actor("BOL", None, "Bolivia", at, at + 7), mention(text, "Peru", "PER")]
    )  # fmt: skip
    events = find_events(nlp(text), index, [], PUBLISHED, load_patterns(), model=model)
    learned = {
        (e.type, e.source.text, e.target.text if e.target else None)
        for e in events
        if e.rule == "events.learned.v1"
    }
    assert ("ACCUSE", "Chile", "Bolivia") in learned
    assert ("CONSULT", "Peru", "Bolivia") in learned
    assert all(e.score is not None and 0 <= e.score <= 1 for e in events)
    # the same text without the model: the rules' events only, unscored
    ruled = find_events(nlp(text), index, [], PUBLISHED, load_patterns())
    assert all(e.score is None and e.rule != "events.learned.v1" for e in ruled)


# --- pooling: numpy at run time, torch in training, one definition ---------------------------


def _pool_case() -> tuple[Any, Any, Inputs]:
    import numpy as np

    rng = np.random.default_rng(0)
    hidden = rng.normal(size=(2, 7, 5)).astype(np.float32)
    mask = np.array([[1] * 7, [1] * 4 + [0] * 3])
    spans = [((1, 3), (0, 1), (0, 0)), ((2, 3), (3, 4), (1, 2)), ((0, 0), (1, 4), (5, 6))]
    feats = [[float(i == k) for i in range(N_FEATURES)] for k in range(3)]
    return hidden, mask, Inputs([], [], [0, 1, 1], spans, feats)


def test_pooling_is_the_mean_of_each_span_and_zeros_for_none() -> None:
    import numpy as np

    hidden, mask, inputs = _pool_case()
    got = pooled(hidden, mask, inputs)
    for i, (row, spans) in enumerate(zip(inputs.rows, inputs.spans, strict=True)):
        h, m = hidden[row], mask[row]
        want = [(h * m[:, None]).sum(0) / m.sum()]
        want += [h[a:b].mean(0) if b > a else np.zeros(5) for a, b in spans]
        want.append(np.asarray(inputs.features[i]))
        assert np.allclose(got[i], np.concatenate(want), atol=1e-5)


def test_training_pools_as_the_runtime_does() -> None:
    torch = pytest.importorskip("torch", reason="torch (a dev pin of the lock) trains the model")
    import importlib.util

    import numpy as np

    spec = importlib.util.spec_from_file_location("train_events", ROOT / "train" / "events.py")
    assert spec is not None and spec.loader is not None
    train = importlib.util.module_from_spec(spec)
    sys.modules["train_events"] = train  # its dataclasses look their module up
    spec.loader.exec_module(train)
    hidden, mask, inputs = _pool_case()
    got = train._pooled_torch(torch.tensor(hidden), torch.tensor(mask), inputs).numpy()
    assert np.allclose(got, pooled(hidden, mask, inputs), atol=1e-5)


def test_union_keeps_the_rules_events_and_scores_them(
    nlp: Any, tiny_model: Path, tmp_path: Path
) -> None:
    import shutil

    folder = tmp_path / "union"
    shutil.copytree(tiny_model, folder)
    meta = json.loads((folder / "meta.json").read_text("utf-8"))
    meta["rules"] = "union"
    (folder / "meta.json").write_text(json.dumps(meta), "utf-8")
    text = "Chile condemned Bolivia for the raid."
    index = MentionIndex([mention(text, "Chile", "CHL"), mention(text, "Bolivia", "BOL")])
    ruled = find_events(nlp(text), index, [], PUBLISHED, load_patterns())
    both = find_events(nlp(text), index, [], PUBLISHED, load_patterns(), model=EventModel(folder))
    pairs = {(e.type, e.source.text, e.target.text if e.target else None) for e in ruled}
    assert pairs and pairs <= {
        (e.type, e.source.text, e.target.text if e.target else None) for e in both
    }
    kept = [e for e in both if e.rule != "events.learned.v1"]
    assert kept and all(e.score is not None for e in kept)  # a candidate reads each of them
    # one event per pair: the model adds none where a rule event stands
    assert len({(e.source.start, e.target.start if e.target else -1) for e in both}) == len(both)
