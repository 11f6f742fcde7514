"""The app opens its store and answers on a per-request cursor."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_health_counts_the_example_store(client: TestClient) -> None:
    body = client.get("/api/health").json()
    assert body["counts"]["articles"] >= 3
