"""The JSON API on the example store: every endpoint, its errors, and its pages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from wirewatch.query.events import EVENT_TYPES

from .conftest import make_client

LISTS = ["/api/articles", "/api/events", "/api/stories", "/api/entities"]


def get(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, response.text
    return response.json()


def test_articles_list_every_stored_article_without_text(client: TestClient) -> None:
    body = get(client, "/api/articles")
    counts = get(client, "/api/health")["counts"]
    assert body["total"] == counts["articles"] == len(body["items"])
    for item in body["items"]:
        assert {"id", "title", "outlet", "published", "url", "file", "language"} <= set(item)
        assert "text" not in item


def test_an_article_has_its_text_and_findings(client: TestClient) -> None:
    events = get(client, "/api/events?limit=500")["items"]
    article_id = events[0]["article"]
    body = get(client, f"/api/articles/{article_id}")
    assert body["id"] == article_id
    assert body["text"]
    mine = [e for e in events if e["article"] == article_id]
    assert len(body["events"]) == len(mine) > 0
    for event in body["events"]:
        start, end = event["span"]
        assert body["text"][start:end] == event["sentence"]
    assert isinstance(body["quotes"], list) and isinstance(body["claims"], list)


def test_events_filter_as_the_cli_does(client: TestClient) -> None:
    every = get(client, "/api/events?limit=500")
    assert every["total"] == len(every["items"]) > 0
    first = every["items"][0]
    code, kind = first["source"]["code"], first["type"]
    by_source = get(client, f"/api/events?source={code.lower()}&limit=500")["items"]
    assert by_source and all(e["source"]["code"] == code for e in by_source)
    by_type = get(client, f"/api/events?type={kind.lower()}&limit=500")
    assert by_type["total"] == sum(e["type"] == kind for e in every["items"])
    happened = get(client, "/api/events?happened=true&limit=500")["items"]
    assert all(not (e["negated"] or e["hypothetical"] or e["future"]) for e in happened)
    assert len(happened) < len(every["items"])  # the examples have planned events


def test_events_between_dates_overlap_them(client: TestClient) -> None:
    dated = [e for e in get(client, "/api/events?limit=500")["items"] if e["date"]]
    day = dated[0]["date"]["start"]
    found = get(client, f"/api/events?since={day}&until={day}&limit=500")["items"]
    assert found
    assert all(e["date"]["start"] <= day <= e["date"]["end"] for e in found)


def test_stories_and_one_story_with_timeline_and_comparison(client: TestClient) -> None:
    stories = get(client, "/api/stories")
    assert stories["total"] == len(stories["items"]) > 0
    story = max(stories["items"], key=lambda s: len(s["articles"]))
    body = get(client, f"/api/stories/{story['id']}")
    assert body["id"] == story["id"]
    assert [a["id"] for a in body["articles"]] == [a["id"] for a in story["articles"]]
    assert body["timeline"] and isinstance(body["comparison"], list)
    for entry in body["timeline"]:
        assert entry["reports"] and all(r["sentence"] for r in entry["reports"])


def test_dyad_gives_a_timeline_page_trend_and_numbers(client: TestClient) -> None:
    event = next(e for e in get(client, "/api/events?limit=500")["items"] if e["target"])
    a, b = event["source"]["code"], event["target"]["code"]
    body = get(client, f"/api/dyads/{b.lower()}/{a.lower()}?by=week&limit=1")
    assert body["actors"] == [b, a]
    timeline = body["timeline"]
    assert timeline["total"] >= 1 and len(timeline["items"]) == 1
    codes = {timeline["items"][0]["source"]["code"], timeline["items"][0]["target"]["code"]}
    assert codes == {a, b}
    assert isinstance(body["trend"], list) and isinstance(body["numbers"], list)
    for row in body["trend"]:
        assert {"period", "type", "events", "goldstein"} <= set(row)


def test_entities_and_an_actor_with_its_events(client: TestClient) -> None:
    entities = get(client, "/api/entities?limit=500")
    assert entities["total"] == len(entities["items"]) > 0
    person = next(e for e in entities["items"] if e["kind"] == "person")
    body = get(client, f"/api/actors/{person['id']}")
    assert body["id"] == person["id"] and body["mentions"] == person["mentions"]
    assert body["source_events"] == len(body["as_source"])
    state = next(e for e in entities["items"] if e["kind"] == "state")
    by_id = get(client, f"/api/actors/{state['id']}")
    by_code = get(client, f"/api/actors/{state['code'].lower()}")
    assert by_id["id"] == by_code["id"] == state["id"]
    assert by_id["source_events"] == get(client, f"/api/events?source={state['code']}")["total"]


def test_search_finds_articles_and_events_by_every_word(client: TestClient) -> None:
    article = get(client, "/api/articles")["items"][0]
    word = max(article["title"].split(), key=len).strip("'\".,:")
    body = get(client, f"/api/search?q={word.upper()}")
    assert body["query"] == word.upper()
    hits = body["articles"]["items"]
    assert article["id"] in [h["id"] for h in hits]
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)
    assert all(word.lower() in h["snippet"].lower() or h["title"] for h in hits)
    for event in body["events"]["items"]:
        assert word.lower() in (event["sentence"] + event["trigger"] + event["type"]).lower()
    none = get(client, f"/api/search?q={word}+zqxjvw")
    assert none["articles"]["total"] == none["events"]["total"] == 0


def test_search_terms_are_literal_not_like_patterns(client: TestClient) -> None:
    body = get(client, "/api/search?q=_%25_")  # "_%_" would match everything as LIKE
    assert body["articles"]["total"] == 0 and body["events"]["total"] == 0


@pytest.mark.parametrize("url", LISTS)
def test_pages_are_disjoint_and_cover_the_list(client: TestClient, url: str) -> None:
    whole = get(client, f"{url}?limit=500")
    total = whole["total"]
    assert total >= 2, url
    seen: list[Any] = []
    page = get(client, f"{url}?limit=1")
    while True:
        assert page["total"] == total and page["limit"] == 1 and len(page["items"]) == 1
        seen.extend(page["items"])
        if page["next"] is None:
            break
        page = get(client, page["next"])
    assert seen == whole["items"]
    assert whole["next"] is None
    beyond = get(client, f"{url}?offset={total + 5}")
    assert beyond["items"] == [] and beyond["total"] == total and beyond["next"] is None


def test_next_keeps_the_filters(client: TestClient) -> None:
    code = get(client, "/api/events")["items"][0]["source"]["code"]
    page = get(client, f"/api/events?source={code}&limit=1")
    if page["total"] > 1:
        assert f"source={code}" in page["next"] and "offset=1" in page["next"]
        assert get(client, page["next"])["items"][0]["source"]["code"] == code


def test_defaults_are_fifty_per_page(client: TestClient) -> None:
    body = get(client, "/api/entities")
    assert body["limit"] == 50 and body["offset"] == 0


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("/api/articles?limit=0", ["limit", "at least 1"]),
        ("/api/articles?limit=501", ["limit", "at most 500"]),
        ("/api/events?offset=-1", ["offset", "at least 0"]),
        ("/api/stories?limit=ten", ["limit", "whole number"]),
        ("/api/events?since=2024-02-30", ["since", "YYYY-MM-DD"]),
        ("/api/events?until=yesterday", ["until", "YYYY-MM-DD"]),
        ("/api/events?since=2024-05-02&until=2024-05-01", ["since", "after"]),
        ("/api/events?type=INVADE", ["type", "PLOVER", "ASSAULT"]),
        ("/api/events?source=R%20US", ["source", "actor code"]),
        ("/api/events?happened=maybe", ["happened", "true or false"]),
        ("/api/search?q=", ["q", "word"]),
        ("/api/search?q=%20%20", ["q", "word"]),
        ("/api/search", ["q", "required"]),
        ("/api/dyads/RUS/KOR?by=year", ["by", "week", "month"]),
        ("/api/dyads/RUS/K%20OR", ["b", "actor code"]),
        ("/api/actors/not%20a%20code", ["actor", "entity id"]),
        ("/api/entities?limit=501&offset=-1", ["limit", "offset"]),
    ],
)
def test_bad_parameters_are_400_with_one_line_naming_them(
    client: TestClient, url: str, words: list[str]
) -> None:
    body = get(client, url, 400)
    assert set(body) == {"error"}
    message = body["error"]
    assert "\n" not in message
    for word in words:
        assert word in message, message


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/0000000000000000",
        "/api/stories/s-0000000000000000",
        "/api/actors/person:nobody-at-all",
        "/api/actors/ZZZ",
        "/api/no-such-thing",
    ],
)
def test_unknown_things_are_404_with_a_message(client: TestClient, url: str) -> None:
    body = get(client, url, 404)
    assert set(body) == {"error"} and body["error"]


def test_openapi_documents_every_endpoint(client: TestClient) -> None:
    schema = get(client, "/openapi.json")
    paths = schema["paths"]
    expected = {
        "/api/articles": "get",
        "/api/articles/{article_id}": "get",
        "/api/events": "get",
        "/api/stories": "get",
        "/api/stories/{story_id}": "get",
        "/api/dyads/{a}/{b}": "get",
        "/api/entities": "get",
        "/api/actors/{key}": "get",
        "/api/search": "get",
        "/api/ingest": "post",
    }
    for path, method in expected.items():
        operation = paths[path][method]
        assert operation["summary"] and operation["description"], path
        assert "422" not in operation["responses"], path
        assert "400" in operation["responses"], path
        for param in operation.get("parameters", []):
            assert param.get("description"), (path, param["name"])
    limit = next(p for p in paths["/api/articles"]["get"]["parameters"] if p["name"] == "limit")
    assert limit["schema"]["maximum"] == 500 and limit["schema"]["minimum"] == 1
    assert "multipart/form-data" in paths["/api/ingest"]["post"]["requestBody"]["content"]
    assert client.get("/docs").status_code == 200


def test_every_plover_type_is_accepted(client: TestClient) -> None:
    for kind in EVENT_TYPES:
        body = get(client, f"/api/events?type={kind}&limit=1")
        assert all(e["type"] == kind for e in body["items"])


def test_a_store_that_cannot_be_read_is_a_500_with_its_reason(example_db: Path) -> None:
    with make_client(example_db) as own:
        own.app.state.wirewatch.store.close()  # type: ignore[attr-defined]
        response = own.get("/api/articles")
    assert response.status_code == 500
    assert response.json() == {"error": f"{example_db}: store is closed"}
