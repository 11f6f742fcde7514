"""The web pages in a real browser: headless Chromium (Debian's ``chromium`` package) driven
by Playwright, against a real uvicorn server over the example store plus the web test cases.

Every page loads with no console error and no Content-Security-Policy violation; a reader
clicks from the stories list to a story and from an event or comparison row to the article,
where the sentence is marked and in view; a ``<script>`` in an article does not run.

Skipped, saying why, when Chromium or Playwright is missing, unless
``WIREWATCH_REQUIRE_BROWSER=1`` (CI sets it), which turns the skip into a failure. Deselect
with ``-m "not slow"`` or ``--deselect tests/server/test_browser.py``.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from wirewatch.server import ServerConfig, create_app
from wirewatch.settings import load_options

from .web_cases import CONTRADICTING_TITLE, HOSTILE, HOSTILE_TITLE_START, store_with_cases

pytestmark = pytest.mark.slow

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _chromium() -> str | None:
    if Path("/usr/bin/chromium").is_file():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


def _unavailable(reason: str) -> None:
    """Skip the browser tests, or fail them when the environment requires a browser."""
    if os.environ.get("WIREWATCH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason}, and WIREWATCH_REQUIRE_BROWSER=1 requires the browser tests")
    pytest.skip(f"{reason}: install Debian's chromium package to run the browser tests")


@pytest.fixture(scope="module")
def base_url(example_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn server on a free port, in a thread, over the example store and cases."""
    import uvicorn

    db = store_with_cases(example_db, tmp_path_factory.mktemp("browser"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(ServerConfig(load_options(db=str(db)), None))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Headless Chromium, started once for the module."""
    executable = _chromium()
    if executable is None:
        _unavailable("chromium is not installed (no /usr/bin/chromium, none on PATH)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    with sync_playwright() as p:
        found = p.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield found
        finally:
            found.close()


class Watched:
    """A page whose console errors, page errors and CSP violations are recorded."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context(viewport={"width": 1280, "height": 900})
        self.page = self.context.new_page()
        self.base = base
        self.problems: list[str] = []
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))

    def _console(self, message: Any) -> None:
        if message.type in ("error", "warning") or "Content Security Policy" in message.text:
            self.problems.append(f"console {message.type}: {message.text}")

    def open(self, path: str) -> Any:
        """Load ``path``; it must answer 200."""
        response = self.page.goto(self.base + path)
        assert response is not None and response.status == 200, (path, response)
        return self.page

    def shot(self, folder: Path, name: str) -> Path:
        """A full-page screenshot; it must be a real PNG."""
        out = folder / f"{name}.png"
        self.page.screenshot(path=str(out), full_page=True)
        assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and out.stat().st_size > 2000
        return out


@pytest.fixture
def watched(browser: Any, base_url: str) -> Iterator[Watched]:
    """A fresh page; the test fails if anything went wrong in the browser console."""
    tab = Watched(browser, base_url)
    try:
        yield tab
        assert not tab.problems, tab.problems
    finally:
        tab.context.close()


def _hrefs(page: Any, selector: str) -> list[str]:
    found: list[str] = page.eval_on_selector_all(
        selector, "nodes => nodes.map(n => n.getAttribute('href'))"
    )
    return found


def test_every_page_loads_cleanly(watched: Watched, tmp_path: Path) -> None:
    page = watched.open("/")
    stories = _hrefs(page, "a.story-link")
    assert len(stories) >= 3
    watched.shot(tmp_path, "stories")
    articles: list[str] = []
    for i, story in enumerate(stories):
        watched.open(story)
        assert page.locator("header.site nav").is_visible()
        articles += _hrefs(page, "ul.articles a")
        watched.shot(tmp_path, f"story-{i}")
    paths = [
        articles[0],
        "/dyads",
        "/dyads?a=KOR&b=RUS&by=month",
        "/dyads/KOR/RUS?by=week",
        "/actors",
        "/actors/state:RUS",
        "/search",
        "/search?q=embassy",
    ]
    for i, path in enumerate(paths):
        watched.open(path)
        assert page.locator("h1").first.is_visible()
        watched.shot(tmp_path, f"page-{i}")
    assert page.locator("p.snippet mark").count() >= 1


def test_click_from_story_list_to_the_contradicting_sentence(
    watched: Watched, tmp_path: Path
) -> None:
    page = watched.open("/")
    page.get_by_role("link", name=CONTRADICTING_TITLE).click()
    page.wait_for_load_state()
    row = page.locator("tr.comparison-row.status-contradict").first
    assert row.is_visible()
    assert "contradiction" in row.locator(".status").inner_text()
    link = row.locator("a.evidence").first
    sentence = link.inner_text()
    link.click()
    page.wait_for_load_state()
    assert page.url.endswith("#evidence")
    mark = page.locator("mark#evidence")
    assert mark.is_visible() and mark.inner_text() == sentence
    assert page.evaluate(
        "() => { const r = document.getElementById('evidence').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }"
    ), "the marked sentence is scrolled into view"
    watched.shot(tmp_path, "evidence-contradiction")


def test_click_from_an_event_row_to_its_sentence(watched: Watched, tmp_path: Path) -> None:
    page = watched.open("/")
    for story in _hrefs(page, "a.story-link"):
        watched.open(story)
        if page.locator("table.timeline a.evidence").count():
            break
    link = page.locator("table.timeline a.evidence").first
    sentence = link.inner_text()
    link.click()
    page.wait_for_load_state()
    mark = page.locator("mark#evidence")
    assert mark.is_visible() and mark.inner_text() == sentence
    watched.shot(tmp_path, "evidence-event")


def test_script_in_an_article_does_not_run(watched: Watched, tmp_path: Path) -> None:
    page = watched.open("/")
    page.get_by_role("link", name=HOSTILE_TITLE_START).first.click()
    page.wait_for_load_state()
    page.locator("ul.articles a").first.click()
    page.wait_for_load_state()
    text = page.locator("article.text").inner_text()
    assert "<script>window.__pwned = 1;" in text and "onerror=" in text
    _assert_nothing_ran(page)
    assert page.title().startswith(HOSTILE_TITLE_START)
    watched.shot(tmp_path, "hostile-article")
    for path in ("/", "/search?q=pwned", "/search?q=harbour+fees", "/actors"):
        watched.open(path)
        _assert_nothing_ran(page)
    watched.open("/search?q=harbour+fees")
    page.locator("ol.hits a").first.click()
    page.wait_for_load_state()
    assert page.locator("dl.meta").inner_text().count(str(HOSTILE[1]["url"])) == 1
    assert page.locator("a[href^='javascript']").count() == 0
    _assert_nothing_ran(page)


def _assert_nothing_ran(page: Any) -> None:
    """No script, image or event handler from article text made it into the document."""
    assert page.evaluate("() => window.__pwned") is None
    assert page.evaluate("() => document.scripts.length") == 0
    planted = "main img, main svg[onload], main [onerror], main [onmouseover]"
    assert page.locator(planted).count() == 0
    assert page.title() != "pwned"


def test_api_docs_render_from_bundled_files_only(watched: Watched) -> None:
    """/docs (Swagger UI) draws every endpoint without a request leaving the server."""
    outside: list[str] = []
    watched.page.on(
        "request",
        lambda request: outside.append(request.url)
        if not request.url.startswith((watched.base, "data:"))
        else None,
    )
    page = watched.open("/docs")
    page.wait_for_selector(".opblock", timeout=15000)
    assert page.locator(".opblock").count() >= 10
    assert not outside, outside
