"""``POST /api/ingest``: off without a token, guarded by it, and storing what it is sent."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from wirewatch.server import ServerConfig, create_app
from wirewatch.server.ingest import OFF, safe_name
from wirewatch.settings import load_options

from .conftest import TOKEN, make_client

AUTH = {"Authorization": f"Bearer {TOKEN}"}

PORT_TEXT = """Fuel spill closes the harbour of Valdera

The port authority of Valdera closed its main harbour on Tuesday after a tanker spilled about
300 tonnes of fuel oil near the eastern breakwater, officials said.

Crews from three neighbouring towns worked through the night to contain the slick, and the
environment ministry said it would fine the operator of the ship.

Fishermen painted "<script>alert('spill')</script>" & other slogans on the harbour wall.
"""

BRIDGE_HTML = """<!doctype html><html><head><title>Storm damages Orvik bridge</title>
<meta name="author" content="Lena Marsh"></head><body><article>
<h1>Storm damages Orvik bridge</h1>
<p>A winter storm tore two spans from the old railway bridge at Orvik on Sunday night,
cutting the only rail link between the island and the mainland, the transport agency said.</p>
<p>Engineers expect repairs to take at least six weeks, and replacement buses will run
every half hour from Monday morning until the line reopens.</p>
</article></body></html>
"""

JSONL = "\n".join(
    json.dumps(row)
    for row in (
        {
            "title": "Farmers block the ring road at Telmar",
            "text": "Hundreds of farmers drove their tractors onto the ring road around Telmar "
            "on Thursday to protest against a new tax on diesel, police said, and traffic "
            "stood still for most of the afternoon.",
            "published": "2025-03-06",
            "url": "https://example.test/telmar-farmers",
        },
        {
            "title": "Library of Sarn reopens after a fire",
            "text": "The public library of Sarn reopened its doors on Saturday, fourteen "
            "months after a fire destroyed its reading room, and the mayor thanked the "
            "volunteers who had saved most of the old maps.",
            "published": "2025-03-08",
        },
    )
)


@pytest.fixture
def writer(writable_db: Path) -> Iterator[TestClient]:
    """A client with ingest on (a token), over a private copy of the example store."""
    with make_client(writable_db, TOKEN) as c:
        yield c


def files(*items: tuple[str, str | bytes]) -> list[tuple[str, tuple[str, str | bytes]]]:
    return [("files", (name, data)) for name, data in items]


def test_ingest_is_off_without_a_token(client: TestClient) -> None:
    response = client.post("/api/ingest", files=files(("a.txt", PORT_TEXT)), headers=AUTH)
    assert response.status_code == 403
    assert response.json() == {"error": OFF}


@pytest.mark.parametrize(
    "header",
    [None, "Bearer wrong-token", f"Basic {TOKEN}", "Bearer ", TOKEN, f"Bearer {TOKEN}x"],
)
def test_a_missing_or_wrong_token_is_401_and_stores_nothing(
    writer: TestClient, header: str | None
) -> None:
    before = writer.get("/api/articles").json()["total"]
    headers = {"Authorization": header} if header is not None else {}
    response = writer.post("/api/ingest", files=files(("a.txt", PORT_TEXT)), headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert "token" in response.json()["error"]
    assert writer.get("/api/articles").json()["total"] == before


def test_uploaded_files_are_stored_under_their_own_names(writer: TestClient) -> None:
    upload = files(("../../etc/valdera-spill.txt", PORT_TEXT), ("orvik.html", BRIDGE_HTML))
    response = writer.post("/api/ingest", files=upload, headers=AUTH)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["read"] == 2 and report["stored"] == 2 and report["refused"] == []
    listed = writer.get("/api/articles?limit=500").json()["items"]
    by_file = {a["file"]: a for a in listed}
    assert {"valdera-spill.txt", "orvik.html"} <= set(by_file)
    assert by_file["orvik.html"]["title"] == "Storm damages Orvik bridge"
    found = writer.get("/api/search?q=breakwater").json()["articles"]["items"]
    assert [h["file"] for h in found] == ["valdera-spill.txt"]
    again = writer.post("/api/ingest", files=upload, headers=AUTH).json()
    assert again["stored"] == 0 and again["already_stored"] == 2


def test_article_text_comes_back_as_it_was_stored(writer: TestClient) -> None:
    writer.post("/api/ingest", files=files(("spill.txt", PORT_TEXT)), headers=AUTH)
    hit = writer.get("/api/search?q=slogans").json()["articles"]["items"][0]
    response = writer.get(f"/api/articles/{hit['id']}")
    assert response.headers["content-type"].startswith("application/json")
    assert "\"<script>alert('spill')</script>\" & other slogans" in response.json()["text"]


def test_a_json_lines_body_is_stored_under_the_given_name(writer: TestClient) -> None:
    response = writer.post(
        "/api/ingest?name=wire/feed.jsonl",
        content=JSONL.encode(),
        headers={**AUTH, "Content-Type": "application/x-ndjson"},
    )
    assert response.status_code == 200, response.text
    assert response.json()["stored"] == 2
    listed = writer.get("/api/articles?limit=500").json()["items"]
    assert {"feed.jsonl#L1", "feed.jsonl#L2"} <= {a["file"] for a in listed}
    telmar = next(a for a in listed if a["file"] == "feed.jsonl#L1")
    assert telmar["published"] == "2025-03-06" and telmar["url"].endswith("telmar-farmers")


def test_refused_inputs_are_reported_with_their_reasons(writer: TestClient) -> None:
    upload = files(("empty.txt", b""), ("photo.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64))
    report = writer.post("/api/ingest", files=upload, headers=AUTH).json()
    assert report["stored"] == 0
    refused = {r["source"]: r for r in report["refused"]}
    assert set(refused) == {"empty.txt", "photo.txt"}
    assert all(r["stage"] == "ingest" and r["reason"] for r in refused.values())


@pytest.mark.parametrize(
    ("kwargs", "status", "word"),
    [
        ({"content": b"hello", "headers": {"Content-Type": "text/plain"}}, 415, "multipart"),
        ({"content": b"{}", "headers": {"Content-Type": "application/json"}}, 415, "ndjson"),
        ({"content": b" \n", "headers": {"Content-Type": "application/x-ndjson"}}, 400, "empty"),
        ({"data": {"note": "no file here"}, "files": files(("a.txt", "x"))}, 400, "not a file"),
        ({"data": {"only": "fields"}}, 415, "multipart"),
    ],
)
def test_bad_uploads_are_refused_with_one_line(
    writer: TestClient, kwargs: dict[str, object], status: int, word: str
) -> None:
    headers = {**AUTH, **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    response = writer.post("/api/ingest", headers=headers, **kwargs)  # type: ignore[arg-type]
    assert response.status_code == status, response.text
    assert word in response.json()["error"]


def test_a_multipart_body_without_files_is_400(writer: TestClient) -> None:
    boundary = "b0undary"
    body = f"--{boundary}--\r\n".encode()
    headers = {**AUTH, "Content-Type": f"multipart/form-data; boundary={boundary}"}
    response = writer.post("/api/ingest", content=body, headers=headers)
    assert response.status_code == 400
    assert "no files" in response.json()["error"]


def test_a_body_over_max_bytes_is_413(writable_db: Path) -> None:
    options = load_options(db=str(writable_db), max_bytes=400)
    with TestClient(create_app(ServerConfig(options, TOKEN))) as small:
        response = small.post("/api/ingest", files=files(("spill.txt", PORT_TEXT)), headers=AUTH)
        assert response.status_code == 413
        assert "max_bytes (400 bytes)" in response.json()["error"]
        chunked = small.post(
            "/api/ingest",
            content=iter([JSONL.encode()[:300], JSONL.encode()[300:]]),
            headers={**AUTH, "Content-Type": "application/x-ndjson"},
        )
        assert chunked.status_code == 413


def test_one_ingest_at_a_time(writer: TestClient) -> None:
    lock = writer.app.state.wirewatch.ingest_lock  # type: ignore[attr-defined]
    with lock:
        response = writer.post("/api/ingest", files=files(("a.txt", PORT_TEXT)), headers=AUTH)
    assert response.status_code == 409
    assert "another ingest" in response.json()["error"]
    after = writer.post("/api/ingest", files=files(("a.txt", PORT_TEXT)), headers=AUTH)
    assert after.status_code == 200 and after.json()["stored"] == 1


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("report.txt", "report.txt"),
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\me\\story.html", "story.html"),
        ("bad\x00name\n.txt", "badname.txt"),
        ("..", "upload-1"),
        ("", "upload-1"),
    ],
)
def test_uploaded_names_lose_their_folders(name: str, label: str) -> None:
    assert safe_name(name, "upload-1") == label
