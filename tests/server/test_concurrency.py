"""Reads go on while an ingest writes: a real server, one thread ingesting over HTTP and
others reading, every read answered at once with a consistent page."""

from __future__ import annotations

import json
import socket
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import uvicorn

from wirewatch.server import ServerConfig, create_app
from wirewatch.settings import load_options

from .conftest import TOKEN

TOWNS = ["Arlen", "Bexmoor", "Caldry", "Dunmere", "Elsby", "Farholt", "Glenwick", "Hestor"]
OPENINGS = [
    "The council of {t} voted on Monday to close two primary schools",
    "Flooding along the river cut the main road into {t} for a third day",
    "Nurses at the hospital in {t} walked out on Tuesday over unpaid overtime",
    "A fire at a timber yard outside {t} burned through the night",
    "Police in {t} arrested four men after a string of night-time burglaries",
    "The mayor of {t} resigned on Friday after an audit of the harbour accounts",
    "Bus drivers in {t} agreed a new contract after six weeks of talks",
    "Archaeologists digging near {t} found the remains of a Roman bath house",
]
MIDDLES = [
    "Officials said the decision followed a long review of costs and attendance.",
    "Residents were told to boil their water until further notice.",
    "The union said its members had been asked to cover empty shifts since spring.",
    "Firefighters from three stations kept the flames away from nearby homes.",
    "Detectives recovered jewellery, laptops and a stolen van from a garage.",
    "Auditors found that payments to a cleaning firm had been approved twice.",
    "The agreement raises pay by four percent and limits split shifts.",
    "The find will be shown at the county museum from next summer.",
]


def articles() -> list[dict[str, str]]:
    """Eight short, unlike articles (every sentence differs between them)."""
    return [
        {
            "title": f"News from {town}",
            "text": f"{OPENINGS[i].format(t=town)}, local officials said. "
            f"{MIDDLES[(3 * i) % 8]} {MIDDLES[(5 * i + 1) % 8]}",
            "published": f"2025-04-{10 + i:02d}",
        }
        for i, town in enumerate(TOWNS)
    ]


@pytest.fixture
def server(writable_db: Path) -> Iterator[str]:
    """A uvicorn server over a copy of the example store, with ingest on, one article per
    batch (so an ingest commits several times); yields its base URL."""
    options = load_options(db=str(writable_db), batch_size=1)
    app = create_app(ServerConfig(options, TOKEN))
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", ws="none", lifespan="on")
    live = uvicorn.Server(config)
    thread = threading.Thread(target=live.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not live.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        live.should_exit = True
        thread.join(10)
        sock.close()


def fetch(url: str, body: bytes | None = None, headers: dict[str, str] | None = None) -> Any:
    request = urllib.request.Request(url, data=body, headers=headers or {})
    with urllib.request.urlopen(request, timeout=60) as response:
        assert response.status == 200
        return json.loads(response.read())


@dataclass
class Reads:
    """What one reader thread saw: (started, finished, body) per read, and any failure."""

    seen: list[tuple[float, float, Any]] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def read_until(stop: threading.Event, url: str, out: Reads) -> None:
    while not stop.is_set():
        started = time.monotonic()
        try:
            body = fetch(url)
        except Exception as exc:  # recorded, and the test fails on it
            out.failures.append(f"{url}: {exc!r}")
            return
        out.seen.append((started, time.monotonic(), body))


def consistent_page(body: Any) -> bool:
    """A whole list in one page: its total is its length, and no item twice."""
    ids = [json.dumps(item, sort_keys=True) for item in body["items"]]
    return body["total"] == len(ids) == len(set(ids))


def stories_cover_their_articles(body: Any) -> bool:
    return consistent_page(body) and all(s["articles"] for s in body["items"])


CHECKS: dict[str, Callable[[Any], bool]] = {
    "/api/articles?limit=500": consistent_page,
    "/api/events?limit=500": consistent_page,
    "/api/stories?limit=500": stories_cover_their_articles,
}


def test_reads_go_on_while_an_ingest_writes(server: str) -> None:
    before = fetch(f"{server}/api/articles?limit=500")["total"]
    stop = threading.Event()
    reads = {path: Reads() for path in CHECKS}
    readers = [
        threading.Thread(target=read_until, args=(stop, server + path, out))
        for path, out in reads.items()
    ]
    for reader in readers:
        reader.start()
    body = "\n".join(json.dumps(a) for a in articles()).encode()
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    began = time.monotonic()
    try:
        report = fetch(f"{server}/api/ingest?name=towns.jsonl", body, headers)
    finally:
        ended = time.monotonic()
        stop.set()
        for reader in readers:
            reader.join(60)
    assert report["stored"] == len(TOWNS), report
    for path, out in reads.items():
        assert not out.failures, out.failures
        during = [b for start, end, b in out.seen if began < start and end < ended]
        assert during, f"no read of {path} was answered while the ingest ran"
        assert all(CHECKS[path](b) for _, _, b in out.seen), path
    totals = [b["total"] for _, _, b in reads["/api/articles?limit=500"].seen]
    assert totals == sorted(totals) and before <= totals[0]
    after = fetch(f"{server}/api/articles?limit=500")
    assert after["total"] == before + len(TOWNS)
    assert {f"towns.jsonl#L{i}" for i in range(1, 9)} <= {a["file"] for a in after["items"]}
    found = fetch(f"{server}/api/search?q=Glenwick")["articles"]["items"]
    assert [a["file"] for a in found] == ["towns.jsonl#L7"]
