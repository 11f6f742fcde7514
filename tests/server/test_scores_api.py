"""`min_score` on `GET /api/events` and `GET /api/dyads/{a}/{b}`, and `score` in their JSON,
over a store of hand-made scored events (those of the CLI's score tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.cli.test_scores_cli import SCORES, scored_events
from tests.store.factory import make_article
from wirewatch.records import Extraction
from wirewatch.store import Store

from .conftest import make_client


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path = tmp_path_factory.mktemp("scores-api") / "w.duckdb"
    a = make_article(13)
    with Store.open(path) as store:
        store.write_batch([a], [], {a.id: Extraction(a.id, events=scored_events(a))})
    with make_client(Path(path)) as c:
        yield c


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_events_have_score_only_where_the_model_scored(client: TestClient) -> None:
    body = get(client, "/api/events")
    assert [(e["type"], e.get("score")) for e in body["items"]] == list(SCORES)
    assert "score" not in body["items"][1]


@pytest.mark.parametrize(
    ("threshold", "kept"),
    [
        ("0", ["ACCUSE", "THREATEN", "CONSULT", "REJECT"]),
        ("0.5", ["THREATEN", "CONSULT", "REJECT"]),
        ("0.51", ["THREATEN", "REJECT"]),
        ("1", ["THREATEN"]),
    ],
)
def test_min_score_drops_lower_scores_and_keeps_unscored(
    client: TestClient, threshold: str, kept: list[str]
) -> None:
    body = get(client, f"/api/events?min_score={threshold}")
    assert [e["type"] for e in body["items"]] == kept
    assert body["total"] == len(kept)


def test_min_score_pages_and_next_keep_the_filter(client: TestClient) -> None:
    first = get(client, "/api/events?min_score=0.5&limit=2")
    assert first["total"] == 3 and [e["type"] for e in first["items"]] == ["THREATEN", "CONSULT"]
    assert "min_score=0.5" in first["next"]
    second = get(client, first["next"])
    assert [e["type"] for e in second["items"]] == ["REJECT"] and second["next"] is None


def test_dyad_min_score_filters_timeline_and_trend(client: TestClient) -> None:
    body = get(client, "/api/dyads/KOR/RUS?min_score=0.9")
    assert [e["type"] for e in body["timeline"]["items"]] == ["THREATEN", "REJECT"]
    assert body["timeline"]["total"] == 2
    assert sum(r["events"] for r in body["trend"]) == 2


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/events?min_score=1.5", ["min_score", "from 0 to 1", "1.5"]),
        ("/api/events?min_score=-1", ["min_score", "from 0 to 1"]),
        ("/api/events?min_score=nan", ["min_score", "from 0 to 1"]),
        ("/api/events?min_score=high", ["min_score", "must be a number", "high"]),
        ("/api/dyads/KOR/RUS?min_score=2", ["min_score", "from 0 to 1"]),
    ],
)
def test_a_bad_min_score_is_a_400_naming_it(client: TestClient, url: str, words: list[str]) -> None:
    body = get(client, url, 400)
    assert set(body) == {"error"} and "\n" not in body["error"]
    for word in words:
        assert word in body["error"], body["error"]


def test_openapi_documents_min_score(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    for path in ("/api/events", "/api/dyads/{a}/{b}"):
        params = {p["name"]: p for p in schema["paths"][path]["get"]["parameters"]}
        assert "no score" in params["min_score"]["description"]
