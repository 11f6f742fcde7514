"""Articles written for the web tests, ingested on top of the example store: two outlets that
contradict each other on an event's date, and two hostile articles whose title, outlet, URL
and text carry HTML and script that a page must show as text and never run."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from wirewatch import pipeline
from wirewatch.settings import load_options
from wirewatch.store import Store

#: Two reports of one expulsion that disagree on its day (3 March against 5 March).
CONTRADICTING = [
    {
        "url": "https://ledger.example.net/2025/03/06/expulsion",
        "title": "Norway expels Chilean diplomat over fishing data leak",
        "outlet": "North Ledger",
        "published": "2025-03-06",
        "text": "Norway expelled a Chilean diplomat on 3 March over the leak of fishing quota "
        "data, the Norwegian foreign ministry said.\n\nThe ministry said the diplomat had "
        "passed confidential quota figures to a trawler company, and gave him 48 hours to "
        "leave the country.\n\nChile's foreign ministry called the expulsion unjustified and "
        "said it would respond.",
    },
    {
        "url": "https://fjord.example.net/2025/03/06/diplomat-out",
        "title": "Oslo orders Chilean diplomat out after fishing quota leak",
        "outlet": "Fjord Times",
        "published": "2025-03-06",
        "text": "Norway expelled a Chilean diplomat on 5 March after confidential fishing quota "
        "data leaked to a trawler company, the Norwegian foreign ministry said.\n\nThe "
        "diplomat was given 48 hours to leave the country, the ministry said.\n\nChile's "
        "foreign ministry said the expulsion was unjustified and that it would respond in kind.",
    },
]
CONTRADICTING_TITLE = CONTRADICTING[0]["title"]

#: Script and markup as article text: a page shows it, escaped, and a browser never runs it.
SCRIPT = "<script>window.__pwned = 1; document.title = 'pwned';</script>"
IMAGE = '<img src=x onerror="window.__pwned = 2">'
HOSTILE = [
    {
        "url": "https://gazette.example.net/2025/03/04/port-talks",
        "title": "Port talks stall <script>window.__pwned = 3</script>",
        "outlet": "Test Gazette",
        "published": "2025-03-04",
        "text": "Norway's trade minister met Chile's ambassador in Oslo on Tuesday to discuss "
        f"fishing quotas, officials said.\n\nA note pasted into the page read {SCRIPT} and "
        f"also {IMAGE} before the report went on.\n\nThe two governments agreed to meet again "
        "in April, according to the ministry, which called the talks constructive.",
    },
    {
        "url": "javascript:window.__pwned=4",
        "title": "Harbour fees <img src=x onerror=window.__pwned=5> rise",
        "outlet": "<b onmouseover=window.__pwned=6>Evil Wire</b>",
        "published": "2025-05-02",
        "text": "Peru's transport ministry raised harbour fees in Callao on Friday, the ministry "
        "said in a statement.\n\nShipping firms called the increase unfair and said they would "
        "ask the government to reconsider <svg onload=window.__pwned=7> the decision before "
        "the summer season.",
    },
]
HOSTILE_TITLE_START = "Port talks stall"


def store_with_cases(example_db: Path, folder: Path) -> Path:
    """A copy of the example store in ``folder`` with the articles above ingested."""
    db = folder / "web-cases.duckdb"
    shutil.copy(example_db, db)
    cases = folder / "web-cases.jsonl"
    cases.write_text(
        "".join(json.dumps(row) + "\n" for row in CONTRADICTING + HOSTILE), encoding="utf-8"
    )
    with Store.open(db) as store:
        report = pipeline.ingest([str(cases)], store, load_options(db=str(db)))
    assert report.stored == len(CONTRADICTING) + len(HOSTILE), report
    return db
