"""The web pages: every page answers on the example store with the security headers, evidence
links land on the sentence, article text is escaped, bad requests get HTML error pages."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape

from wirewatch.server import charts, pages
from wirewatch.server.web import CSP

from .conftest import make_client
from .web_cases import (
    CONTRADICTING_TITLE,
    HOSTILE_TITLE_START,
    IMAGE,
    SCRIPT,
    store_with_cases,
)


@pytest.fixture(scope="module")
def cases_client(
    example_db: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[TestClient]:
    """A client over the example store plus the contradicting and hostile test articles."""
    db = store_with_cases(example_db, tmp_path_factory.mktemp("web"))
    with make_client(db) as c:
        yield c


def get_page(client: TestClient, path: str, status: int = 200) -> str:
    """The HTML at ``path``, checked for status, type and security headers."""
    response = client.get(path)
    assert response.status_code == status, (path, response.text[-500:])
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert '<nav aria-label="main">' in response.text
    return response.text


def links(page: str, pattern: str) -> list[str]:
    """The (unescaped) hrefs on ``page`` that match ``pattern``."""
    found = re.findall(r'href="([^"]*)"', page)
    return [html.unescape(h) for h in found if re.search(pattern, html.unescape(h))]


def story_ids(client: TestClient) -> list[str]:
    return [h.removeprefix("/stories/") for h in links(get_page(client, "/"), r"^/stories/")]


def test_csp_forbids_scripts_and_foreign_sources() -> None:
    rules = dict(part.strip().split(" ", 1) for part in CSP.split(";"))
    assert rules["default-src"] == "'none'"
    assert "script-src" not in rules  # falls back to 'none'
    assert rules["style-src"] == "'self'"
    assert rules["frame-ancestors"] == "'none'"


def test_stories_list_links_every_story(client: TestClient) -> None:
    page = get_page(client, "/")
    ids = story_ids(client)
    assert len(ids) >= 3
    assert all(i.startswith("s-") for i in ids)
    assert "outlets" in page.lower()


def test_every_story_page_has_a_timeline_linked_to_evidence(client: TestClient) -> None:
    with_events = 0
    for story in story_ids(client):
        page = get_page(client, f"/stories/{story}")
        assert '<section id="timeline">' in page
        assert links(page, r"^/articles/[0-9a-f]+$"), "the story lists its articles"
        if '<table class="timeline">' in page:
            with_events += 1
            rows = page.count('<tr id="e-')
            evidence = links(page, r"^/articles/[^?]+\?start=\d+&end=\d+#evidence$")
            assert rows and len(evidence) >= rows
        else:
            assert "No events were found" in page
    assert with_events >= 2


def test_a_multi_source_story_draws_its_timeline_and_compares(client: TestClient) -> None:
    pages_ = [get_page(client, f"/stories/{s}") for s in story_ids(client)]
    multi = [p for p in pages_ if '<table class="comparison">' in p]
    assert multi, "the examples hold a story with two outlets"
    assert '<svg class="chart"' in multi[0]
    assert "<title>" in multi[0]


def test_evidence_link_marks_the_sentence(client: TestClient) -> None:
    story = next(s for s in story_ids(client))
    page = get_page(client, f"/stories/{story}")
    match = re.search(r'<a class="evidence" href="([^"]+)">([^<]+)</a>', page)
    assert match, "an event row links to its sentence"
    href, sentence = html.unescape(match.group(1)), html.unescape(match.group(2))
    article = get_page(client, href.split("#")[0])
    marked = re.search(r'<mark id="evidence">(.*?)</mark>', article, re.S)
    assert marked and html.unescape(marked.group(1)) == sentence


def test_article_without_offsets_has_no_mark(client: TestClient) -> None:
    story = story_ids(client)[0]
    article = links(get_page(client, f"/stories/{story}"), r"^/articles/[^?]+$")[0]
    page = get_page(client, article)
    assert "<mark" not in page
    assert '<article class="text">' in page


def test_dyad_pages(client: TestClient) -> None:
    form = get_page(client, "/dyads")
    assert '<form class="dyad-form"' in form and '<option value="KOR">' in form
    for path in ("/dyads?a=KOR&b=RUS", "/dyads/kor/rus?by=week", "/dyads?a=RUS.DIP&b=KOR"):
        page = get_page(client, path)
        assert "Relations between" in page
        assert links(page, r"#evidence$")
    monthly = get_page(client, "/dyads?a=KOR&b=RUS&by=month")
    assert monthly.count('<svg class="chart"') == 2  # events by type, Goldstein totals
    assert "REQUEST" in monthly and "Goldstein" in monthly


def test_dyad_without_events_says_so(client: TestClient) -> None:
    page = get_page(client, "/dyads?a=FRA&b=PER")
    assert "No events between FRA and PER" in page


def test_actor_pages(client: TestClient) -> None:
    listing = get_page(client, "/actors")
    actors = links(listing, r"^/actors/.")
    assert "/actors/state:RUS" in actors
    for path in actors[:6]:
        page = get_page(client, quote(path, safe="/:"))
        assert "Events as source" in page and "Events as target" in page
    russia = get_page(client, "/actors/RUS")
    assert "Moscow" in russia and links(russia, r"^/dyads/RUS/")


def test_search_page(client: TestClient) -> None:
    assert '<form class="search-form"' in get_page(client, "/search")
    page = get_page(client, "/search?q=Embassy+banner")
    assert "<mark>embassy</mark>" in page.lower()
    assert links(page, r"^/articles/")
    assert links(page, r"#evidence$")
    nothing = get_page(client, "/search?q=zzqxj")
    assert "No article contains" in nothing


def test_contradictions_are_labelled_not_only_coloured(cases_client: TestClient) -> None:
    story = next(
        h
        for h in links(get_page(cases_client, "/"), r"^/stories/")
        if CONTRADICTING_TITLE in get_page(cases_client, h)
    )
    page = get_page(cases_client, story)
    row = re.search(r'<tr class="comparison-row status-contradict">(.*?)</tr>', page, re.S)
    assert row, "the contradicting dates make a contradiction row"
    assert "⚠ contradiction" in row.group(1)
    assert len(links(row.group(1), r"#evidence$")) == 2
    assert "1 contradiction" in page


def test_article_text_title_and_outlet_are_escaped(cases_client: TestClient) -> None:
    listing = get_page(cases_client, "/")
    assert "&lt;script&gt;window.__pwned = 3&lt;/script&gt;" in listing
    hostile = [h for h in links(listing, r"^/stories/") if h]
    for story in hostile:
        page = get_page(cases_client, story)
        for article in links(page, r"^/articles/[^?]+$"):
            text = get_page(cases_client, article)
            assert "<script" not in text.lower()
            assert "<img" not in text.lower() and "<svg onload" not in text.lower()
            assert "<b " not in text
            assert 'href="javascript:' not in text.lower()
    search = get_page(cases_client, "/search?q=pwned")
    assert "&lt;script&gt;" in search and "<script" not in search.lower()
    assert "&lt;img src=x onerror=" in search


def test_hostile_article_page_shows_the_markup_as_text(cases_client: TestClient) -> None:
    found = get_page(cases_client, f"/search?q={quote(HOSTILE_TITLE_START)}")
    article = links(found, r"^/articles/[^?#]+$")[0]
    page = get_page(cases_client, article)
    assert str(escape(SCRIPT)) in page and str(escape(IMAGE)) in page


@pytest.mark.parametrize(
    ("path", "status", "message"),
    [
        ("/stories/s-0000000000000000", 404, "no story"),
        ("/articles/0000000000000000", 404, "no article"),
        ("/actors/person:nobody-at-all", 404, "no actor"),
        ("/?offset=-1", 400, "offset: must be between"),
        ("/?offset=ten", 400, "offset: expected a whole number"),
        ("/actors?offset=1.5", 400, "offset: expected a whole number"),
        ("/dyads?a=KOR", 400, "b: give an actor code"),
        ("/dyads?a=K%3Cb&b=RUS", 400, "is not an actor code"),
        ("/dyads?a=KOR&b=RUS&by=year", 400, "by: must be week or month"),
        ("/search?q=" + "+".join(f"w{i}" for i in range(20)), 400, "q: at most"),
        ("/search?q=embassy&offset=-5", 400, "offset: must be between"),
    ],
)
def test_bad_requests_get_html_error_pages(
    client: TestClient, path: str, status: int, message: str
) -> None:
    page = get_page(client, path, status)
    assert message in html.unescape(page)
    assert '<p class="error-message">' in page


def test_bad_evidence_offsets_are_400(client: TestClient) -> None:
    story = story_ids(client)[0]
    article = links(get_page(client, f"/stories/{story}"), r"^/articles/[^?]+$")[0]
    for query, message in [
        ("?start=5", "give both offsets or neither"),
        ("?start=9&end=3", "end: must be after start"),
        ("?start=0&end=99999999", "end: must be between 0 and"),
        ("?start=x&end=4", "start: expected a whole number"),
    ]:
        page = get_page(client, article + query, 400)
        assert message in html.unescape(page)


def test_error_page_escapes_what_was_asked(client: TestClient) -> None:
    page = get_page(client, "/stories/%3Cscript%3Ealert(1)%3C%5Cscript%3E", 404)
    assert "<script" not in page and "&lt;script&gt;" in page


def test_static_files_are_bundled(client: TestClient) -> None:
    css = client.get("/static/style.css")
    assert css.status_code == 200 and "mark#evidence" in css.text
    assert css.headers["x-content-type-options"] == "nosniff"
    assert client.get("/static/favicon.svg").status_code == 200
    page = get_page(client, "/")
    assert not re.search(r'(src|href)="(https?:)?//', page.replace('href="https://', ""))


# Charts and page helpers, without a store.


def test_timeline_chart_escapes_labels_and_links_bars() -> None:
    day = dt.date(2026, 2, 22)
    svg = charts.timeline(
        [charts.Span("<script>x</script>", day, day, "REQUEST", 'tip "&" <b>', "#c-1")]
    )
    assert "<script" not in svg and "&lt;script&gt;" in svg
    assert 'href="#c-1"' in svg and "tip &#34;&amp;&#34; &lt;b&gt;" in svg
    assert charts.TYPE_COLOURS["REQUEST"] in svg
    assert charts.timeline([]) == ""


def test_stacked_bars_stack_types_in_plover_order_with_a_legend() -> None:
    counts = {("2026-01", "ASSAULT"): 2, ("2026-01", "AGREE"): 1, ("2026-03", "AGREE"): 4}
    svg = charts.stacked_bars(["2026-01", "2026-02", "2026-03"], counts, "trend")
    legend = svg[svg.index('<g class="legend">') :]
    assert legend.index("AGREE") < legend.index("ASSAULT")
    assert svg.count("<rect") == 1 + 3 + 2  # plot area, three bars, two swatches
    assert "2026-03: 4 AGREE events" in svg


def test_diverging_bars_put_conflict_below_zero() -> None:
    svg = charts.diverging_bars(["a", "b"], {"a": 6.0, "b": -10.4}, "goldstein")
    assert 'class="zero"' in svg
    assert "a: +6.0" in svg and "b: -10.4" in svg


def test_date_ticks_pick_a_readable_unit() -> None:
    few = charts.date_ticks(dt.date(2026, 2, 20), dt.date(2026, 2, 24))
    assert [label for _, label in few] == ["20 Feb", "21 Feb", "22 Feb", "23 Feb", "24 Feb"]
    months = charts.date_ticks(dt.date(2025, 1, 15), dt.date(2025, 9, 1))
    assert months[0] == (dt.date(2025, 2, 1), "Feb 2025") and len(months) <= 8
    years = charts.date_ticks(dt.date(2022, 2, 24), dt.date(2026, 2, 24))
    assert [label for _, label in years] == ["2023", "2024", "2025", "2026"]


def test_fill_periods_leaves_no_gaps() -> None:
    months = pages.fill_periods([dt.date(2025, 11, 1), dt.date(2026, 2, 1)], "month")
    assert months == [dt.date(2025, 11, 1), dt.date(2025, 12, 1), dt.date(2026, 1, 1),
                      dt.date(2026, 2, 1)]  # fmt: skip
    weeks = pages.fill_periods([dt.date(2026, 2, 16), dt.date(2026, 2, 2)], "week")
    assert weeks == [dt.date(2026, 2, 2), dt.date(2026, 2, 9), dt.date(2026, 2, 16)]


def test_marked_splits_hits_in_any_case() -> None:
    assert pages.marked("The Embassy's banner", ["embassy", "banner"]) == [
        ("The ", False),
        ("Embassy", True),
        ("'s ", False),
        ("banner", True),
    ]


def test_evidence_href_quotes_the_id() -> None:
    assert pages.evidence_href("a/b", [3, 9]) == "/articles/a%2Fb?start=3&end=9#evidence"
    assert pages.evidence_href("abc", None) == "/articles/abc"


def test_a_path_no_page_has_gets_the_html_error_page(client: TestClient) -> None:
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert "content-security-policy" in response.headers
    assert "no page at /no-such-page" in response.text


def test_api_docs_are_served_without_a_cdn(client: TestClient) -> None:
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn." not in page.text and "/docs-static/swagger-ui-bundle.js" in page.text
    assert client.get("/docs-static/swagger-ui-bundle.js").status_code == 200
