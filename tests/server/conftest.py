"""Fixtures for the HTTP server's tests: a store holding the example corpus, and clients."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from wirewatch import pipeline
from wirewatch.server import ServerConfig, create_app
from wirewatch.settings import load_options
from wirewatch.store import Store

from ..conftest import EXAMPLES

TOKEN = "test-token-5b1f"


@pytest.fixture(scope="session")
def example_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store with the bundled examples ingested; tests must not write to it (copy it)."""
    path = tmp_path_factory.mktemp("server") / "examples.duckdb"
    options = load_options(db=str(path))
    with Store.open(path) as store:
        report = pipeline.ingest([str(EXAMPLES)], store, options)
    assert report.stored >= 3, report
    return path


@pytest.fixture
def writable_db(example_db: Path, tmp_path: Path) -> Path:
    """A private copy of the example store, for tests that ingest."""
    copy = tmp_path / "copy.duckdb"
    shutil.copy(example_db, copy)
    return copy


def make_client(db: Path, token: str | None = None) -> TestClient:
    """A test client of the app over ``db`` (read-only unless ``token`` is given)."""
    return TestClient(create_app(ServerConfig(load_options(db=str(db)), token)))


@pytest.fixture(scope="session")
def client(example_db: Path) -> Iterator[TestClient]:
    """A read-only client over the example store, shared by the session."""
    with make_client(example_db) as c:
        yield c
