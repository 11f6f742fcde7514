"""Reports built from hand-built story records: sections, citations, sentences from records,
both sides of a difference, and escaping in Markdown and HTML."""

from __future__ import annotations

import datetime as dt
import re
from html.parser import HTMLParser

import pytest

from tests.export.build import (
    BODY,
    LEAD,
    Actor,
    Claim,
    Quote,
    article,
    cluster,
    day,
    event,
    extraction,
)
from wirewatch.errors import UsageError
from wirewatch.query.stories import StoryDetail
from wirewatch.records import Comparison, Statement, Story
from wirewatch.report import build_report, render_html, render_markdown, renderer

EVIL = "<script>alert('x')</script>"


def detail(title: str = "Finland accuses Estonia") -> StoryDetail:
    first = article("aaaa", "Baltic Wire", dt.date(2026, 3, 1), "https://bw.example/a", title=title)
    second = article("bbbb", "Harbour *Daily*", dt.date(2026, 3, 2), "javascript:alert(1)")
    third = article("cccc", "Baltic Wire", None)
    embassy = Actor("EST", "DIP", "Estonia's embassy")
    minister = Actor("FIN", "GOV", "Aino Virtanen", name="Aino Virtanen", role="foreign minister")
    accuse = event(target=embassy, date=day("2026-03-01", "article"))
    seize = event(
        "COERCE",
        "171",
        Actor("FIN", "MIL", "Finland's navy"),
        Actor("EST", None, "Estonian trawlers"),
        None,
        len(LEAD) + 2,
        BODY,
    )
    quote = Quote(f"We will not accept {EVIL} spying", 10, 40, minister, "Virtanen")
    claim = Claim(
        2.0,
        None,
        "trawlers seized",
        Actor("FIN", "MIL", "the navy"),
        day("2026-02-28"),
        "two",
        0,
        3,
        BODY,
        0,
        len(BODY),
    )
    items = [
        (first, extraction("aaaa", (accuse,), quotes=(quote,), claims=(claim,))),
        (second, extraction("bbbb", (accuse, seize), quotes=(quote,))),
        (third, extraction("cccc")),
    ]
    clusters = [
        cluster("e-aaaa-0", [("aaaa", 0), ("bbbb", 0)], "FIN", "EST", accuse.date, 2, 2),
        cluster("e-bbbb-1", [("bbbb", 1)], "FIN", "EST", None, 1, 1, "COERCE"),
    ]
    rows = [
        Comparison(
            "s-aaaa",
            "count: trawlers seized",
            "contradict",
            (
                Statement("aaaa", "2", "Two trawlers were seized.", 0, 10, "FIN"),
                Statement("bbbb", "3", f"Three trawlers {EVIL} were seized.", 0, 10, "FIN"),
            ),
            "the counts differ",
        ),
        Comparison(
            "s-aaaa",
            "date of FIN ACCUSE EST",
            "agree",
            (
                Statement("aaaa", "2026-03-01", LEAD, 0, 10),
                Statement("bbbb", "2026-03-01", LEAD, 0, 10),
            ),
        ),
    ]
    story = Story(
        "s-aaaa", ("aaaa", "bbbb", "cccc"), title, dt.date(2026, 3, 1), dt.date(2026, 3, 2)
    )
    return StoryDetail(story, items, clusters, rows)


def test_report_sections_are_built_from_the_records() -> None:
    report = build_report(detail())
    assert [s.n for s in report.sources] == [1, 2, 3]
    assert report.sources[2].published == "date unknown"
    happened = [line.text for line in report.happened]
    assert happened[0].startswith("By 2026-03-01, Finland (GOV) accused Estonia (DIP).")
    assert report.happened[0].cites == (1, 2)
    assert happened[1].startswith(
        "On a date the sources do not give, Finland (MIL) took coercive action against Estonia."
    )
    assert [line.label for line in report.timeline] == ["by 2026-03-01", "undated"]
    assert report.timeline[1].quote == BODY
    (quote,) = report.quotes  # the same words from two articles are told once
    assert quote.cites == (1, 2)
    assert quote.label == "Aino Virtanen (FIN.GOV, foreign minister)"
    (number,) = report.numbers
    assert number.label == "two" and "claimed by the navy (FIN.MIL)" in number.text
    (diff,) = report.differences  # only contradict / compare with care are shown
    assert diff.status == "contradict" and [s.label for s in diff.sides] == ["2", "3"]
    assert [s.cites for s in diff.sides] == [(1,), (2,)]
    assert report.compared == "1 of 2 compared points differ (1 agree, 1 contradict)."


def test_markdown_has_every_section_and_cites_each_line() -> None:
    text = render_markdown(build_report(detail()))
    for heading in (
        "What happened",
        "Timeline",
        "Who said what",
        "Numbers and who claims them",
        "Where sources differ",
        "Sources",
    ):
        assert f"\n## {heading}\n" in text
    body = text.split("## Sources")[0]
    bullets = [x for x in body.splitlines() if x.lstrip().startswith("- ")]
    assert bullets and all(re.search(r"(\[\d+\])+$", x) for x in bullets if "**count" not in x)
    assert (
        "- [1] Baltic Wire, “Finland accuses Estonia”, 2026-03-01, <https://bw.example/a>" in text
    )
    assert "Harbour \\*Daily\\*" in text  # Markdown punctuation from articles is escaped
    assert "`javascript:alert(1)`" in text  # not a link
    assert "<script>" not in text and "\\<script\\>" in text


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.hrefs += [v or "" for k, v in attrs if k in ("href", "src")]


def test_html_escapes_article_text_and_links_only_sources() -> None:
    html = render_html(build_report(detail(title=f"Finland {EVIL} Estonia")))
    parser = _Tags()
    parser.feed(html)
    assert "script" not in parser.tags
    assert "&lt;script&gt;" in html
    external = [h for h in parser.hrefs if not h.startswith("#src-")]
    assert external == ["https://bw.example/a"]  # javascript: URLs are shown, not linked
    assert {"#src-1", "#src-2"} <= set(parser.hrefs)
    for section in ("happened", "timeline", "quotes", "numbers", "differences", "sources"):
        assert f'<section id="{section}">' in html
    assert '<li id="src-3">' in html
    assert "<style>" in html and "<link" not in html


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown report format 'pdf'; valid formats: md, html"):
        renderer("pdf")
