"""The ``wirewatch`` command: a thin Typer layer over ``pipeline`` and ``query``.

Each command parses its options, calls one library function and renders the result. Domain
errors become one line on stderr and an exit status: 0 success, 1 some input was refused,
2 a usage or store error (nothing was done).
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

import typer
from rich.console import Console

from .. import export as exporting
from .. import pipeline
from .. import report as reporting
from ..errors import UsageError, WirewatchError
from ..query import article_view
from ..query import phrase as phrase_query
from ..query import stories as story_query
from ..query.events import parse_min_score
from ..query.findings import (
    EVENT_CSV_COLUMNS,
    event_csv_row,
    extraction_view,
    stored_event_view,
    trend_view,
)
from ..records import Article, Rejected
from ..settings import load_options
from ..store import EventFilter, Store
from . import findings, render
from . import stories as story_render

app = typer.Typer(
    name="wirewatch",
    help="News coverage turned into evidence: clean articles, store them, query them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True, highlight=False, soft_wrap=True)
F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    str | None,
    typer.Option("--db", help="DuckDB store file [default: wirewatch.duckdb, or WIREWATCH_DB]."),
]
LexiconOption = Annotated[
    str | None,
    typer.Option("--lexicon", help="YAML file of extra boilerplate phrases (see README)."),
]
ModelOption = Annotated[
    str | None,
    typer.Option("--model", help="spaCy pipeline: package name or path [default: auto]."),
]
ActorsOption = Annotated[
    str | None,
    typer.Option("--actors", help="YAML or CSV file of actors to add or override (see README)."),
]
PatternsOption = Annotated[
    str | None,
    typer.Option("--patterns", help="YAML file of extra event patterns (see README)."),
]
EventModelOption = Annotated[
    str | None,
    typer.Option(
        "--event-model",
        help="Folder of a trained event model (make train); `none` for the rules alone "
        "[default: the shipped model].",
    ),
]
Paths = Annotated[list[str], typer.Argument(help="Files, folders, glob patterns, or - for stdin.")]
MinScoreOption = Annotated[
    float | None,
    typer.Option(
        "--min-score",
        help="Leave out events the event model scored below this (0-1); events with no score "
        "(found by rules only) are kept.",
    ),
]


def domain_errors(fn: F) -> F:
    """Turn wirewatch errors into one line on stderr and exit status 2, no traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except WirewatchError as exc:
            err.print(f"wirewatch: error: {exc}", markup=False)
            raise typer.Exit(2) from None

    return wrapper  # type: ignore[return-value]


def report_refused(refused: list[Rejected]) -> None:
    for r in refused:
        err.print(f"wirewatch: refused {r.message()}", markup=False)


@app.command()
@domain_errors
def clean(
    paths: Paths,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article.")] = False,
    explain: Annotated[
        bool, typer.Option("--explain", help="Show each removed block and why.")
    ] = False,
    lexicon: LexiconOption = None,
) -> None:
    """Clean articles and print them; nothing is stored."""
    options = load_options(lexicon=lexicon)
    out = Console(highlight=False, soft_wrap=True)
    sources: dict[str, str] = {}
    refused: list[Rejected] = []
    for result in pipeline.clean_paths(paths, options, sys.stdin.buffer):
        if isinstance(result, Rejected):
            refused.append(result)
            report_refused([result])
            continue
        sources.setdefault(result.id, result.source)
        dup = sources.get(result.duplicate_of) if result.duplicate_of else None
        if as_json:
            sys.stdout.write(json.dumps(article_view(result, dup), ensure_ascii=False) + "\n")
        else:
            render.article(out, result, dup, explain)
    if refused:
        raise typer.Exit(1)


@app.command()
@domain_errors
def extract(
    paths: Paths,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article.")] = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
    patterns: PatternsOption = None,
    lexicon: LexiconOption = None,
    min_score: MinScoreOption = None,
    event_model: EventModelOption = None,
) -> None:
    """Find events, quotes, claims and dates in articles and print them; nothing is stored."""
    threshold = parse_min_score(min_score, "--min-score")
    options = load_options(
        model=model, actors=actors, patterns=patterns, lexicon=lexicon, event_model=event_model
    )
    out = Console(highlight=False, soft_wrap=not as_json)
    refused: list[Rejected] = []
    for result in pipeline.extract_paths(paths, options, sys.stdin.buffer):
        if isinstance(result, Rejected):
            refused.append(result)
            report_refused([result])
            continue
        article, found = result
        if threshold is not None:
            found = replace(found, events=tuple(e for e in found.events if e.meets(threshold)))
        if as_json:
            view = extraction_view(article, found)
            sys.stdout.write(json.dumps(view, ensure_ascii=False) + "\n")
        else:
            findings.extraction(out, article, found)
    if refused:
        raise typer.Exit(1)


@app.command()
@domain_errors
def ingest(
    paths: Paths,
    db: DbOption = None,
    lexicon: LexiconOption = None,
    model: ModelOption = None,
    actors: ActorsOption = None,
    patterns: PatternsOption = None,
    event_model: EventModelOption = None,
) -> None:
    """Read, clean, extract and store articles; re-running skips what is already stored."""
    options = load_options(
        db=db, lexicon=lexicon, model=model, actors=actors, patterns=patterns,
        event_model=event_model,
    )  # fmt: skip
    out = Console(highlight=False)
    with Store.open(options.db) as store, render.progress(out) as bar:
        task = bar.add_task("ingest", total=pipeline.estimate_documents(paths))
        report = pipeline.ingest(
            paths, store, options, sys.stdin.buffer, lambda n: bar.advance(task, n)
        )
    render.ingest_summary(out, report, options.db)
    report_refused(report.refused)
    if report.refused:
        raise typer.Exit(1)


@app.command()
@domain_errors
def articles(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per article.")] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
) -> None:
    """List the stored articles."""
    options = load_options(db=db)
    with Store.open(options.db, read_only=True) as store:
        stored: list[Article] = store.articles(limit=limit)
    if as_json:
        for a in stored:
            sys.stdout.write(json.dumps(article_view(a), ensure_ascii=False) + "\n")
    else:
        render.article_table(Console(highlight=False), stored, options.db)


def _day(value: str | None, flag: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)", param_hint=flag) from None


@app.command()
@domain_errors
def events(
    db: DbOption = None,
    source: Annotated[
        str | None, typer.Option(help="Source actor code, e.g. RUS, NATO, or RUS.GOV.")
    ] = None,
    target: Annotated[str | None, typer.Option(help="Target actor code, e.g. KOR.")] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="PLOVER event type, e.g. THREATEN.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(help="Events dated on or after (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None, typer.Option(help="Events dated on or before (YYYY-MM-DD).")
    ] = None,
    happened: Annotated[
        bool,
        typer.Option(
            help="Only events stated as having happened (no negated, hypothetical or planned ones)."
        ),
    ] = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per event.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV with a header row.")] = False,
    min_score: MinScoreOption = None,
) -> None:
    """Query the stored events, each with its sentence and the article it came from."""
    options = load_options(db=db)
    where = EventFilter(
        source,
        target,
        type_,
        _day(since, "--since"),
        _day(until, "--until"),
        happened,
        limit,
        min_score=parse_min_score(min_score, "--min-score"),
    )
    with Store.open(options.db, read_only=True) as store:
        rows = store.events(where)
    if as_json:
        for event, ref in rows:
            sys.stdout.write(json.dumps(stored_event_view(event, ref), ensure_ascii=False) + "\n")
    elif as_csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(EVENT_CSV_COLUMNS)
        writer.writerows(event_csv_row(event, ref) for event, ref in rows)
    else:
        findings.stored_events(Console(highlight=False), rows, options.db)


@app.command()
@domain_errors
def dyad(
    a: Annotated[str, typer.Argument(help="First actor code, e.g. RUS (or RUS.GOV).")],
    b: Annotated[str, typer.Argument(help="Second actor code, e.g. KOR.")],
    db: DbOption = None,
    by: Annotated[
        Literal["week", "month"], typer.Option("--by", help="Trend period: week or month.")
    ] = "month",
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    min_score: MinScoreOption = None,
) -> None:
    """Relations between two actors: the trend per period, the timeline of their events, and
    the numbers their articles state, side by side."""
    threshold = parse_min_score(min_score, "--min-score")
    options = load_options(db=db)
    with Store.open(options.db, read_only=True) as store:
        timeline = store.events(EventFilter(dyad=(a, b), min_score=threshold))
        trend = store.trend(a, b, by, threshold)
        numbers = story_query.dyad_numbers(store, a, b)
    if as_json:
        view = {
            "actors": [a.upper(), b.upper()],
            "timeline": [stored_event_view(e, ref) for e, ref in timeline],
            "trend": trend_view(trend),
            "numbers": numbers,
        }
        sys.stdout.write(json.dumps(view, ensure_ascii=False) + "\n")
    else:
        console = Console(highlight=False)
        findings.dyad(console, a.upper(), b.upper(), timeline, trend, by)
        if numbers:
            story_render.comparison(console, numbers)


JsonOption = Annotated[bool, typer.Option("--json", help="JSON on stdout.")]


@app.command()
@domain_errors
def stories(db: DbOption = None, as_json: JsonOption = False) -> None:
    """List the stories: articles from any outlet that report the same happening."""
    options = load_options(db=db)
    with Store.open(options.db, read_only=True) as store:
        found = story_query.stories(store)
        articles = {
            a.id: a for a in store.articles_by_id([i for s in found for i in s.article_ids])
        }
    views = [story_query.story_view(s, [articles[i] for i in s.article_ids]) for s in found]
    if as_json:
        for view in views:
            sys.stdout.write(json.dumps(view, ensure_ascii=False) + "\n")
    else:
        story_render.story_list(Console(highlight=False), views, options.db)


@app.command()
@domain_errors
def story(
    story_id: Annotated[str, typer.Argument(help="Story id, as `wirewatch stories` lists it.")],
    db: DbOption = None,
    as_json: JsonOption = False,
) -> None:
    """One story: its articles, timeline, and where its sources agree or contradict."""
    options = load_options(db=db)
    with Store.open(options.db, read_only=True) as store:
        match = story_query.find_story(store, story_id)
        if match is None:
            raise UsageError(f"no story {story_id!r} in {options.db} (see `wirewatch stories`)")
        view = story_query.story_detail_view(story_query.story_detail(store, match))
    if as_json:
        sys.stdout.write(json.dumps(view, ensure_ascii=False) + "\n")
    else:
        story_render.story(Console(highlight=False), view)


@app.command()
@domain_errors
def actor(
    phrases: Annotated[list[str], typer.Argument(help="Actor phrases, e.g. 'Senate Democrats'.")],
    date: Annotated[
        str | None, typer.Option("--date", help="The article's date (YYYY-MM-DD) for offices.")
    ] = None,
    context: Annotated[
        str | None,
        typer.Option(
            "--context",
            help="Text before the phrase: a dateline ('WASHINGTON (AP) -') or a sentence.",
        ),
    ] = None,
    as_json: JsonOption = False,
    model: ModelOption = None,
    actors: ActorsOption = None,
) -> None:
    """Show how each phrase is coded (country, sector, id, region, basis) and why."""
    options = load_options(model=model, actors=actors)
    codings = phrase_query.code_phrases(phrases, options, _day(date, "--date"), context)
    if as_json:
        for coding in codings:
            view = phrase_query.phrase_view(coding)
            sys.stdout.write(json.dumps(view, ensure_ascii=False) + "\n")
    else:
        findings.phrase_codings(Console(highlight=False), codings)


@app.command()
@domain_errors
def entities(
    db: DbOption = None,
    as_json: JsonOption = False,
    limit: Annotated[int | None, typer.Option(help="Show at most this many.")] = None,
) -> None:
    """List the actors across the corpus, each with every spelling used for it."""
    options = load_options(db=db)
    with Store.open(options.db, read_only=True) as store:
        views = [story_query.entity_view(e) for e in story_query.entities(store)][:limit]
    if as_json:
        for view in views:
            sys.stdout.write(json.dumps(view, ensure_ascii=False) + "\n")
    else:
        story_render.entity_list(Console(highlight=False), views, options.db)


@app.command()
@domain_errors
def brief(db: DbOption = None) -> None:
    """A readable brief of the corpus: every story with its timeline and comparison."""
    options = load_options(db=db)
    console = Console(highlight=False)
    with Store.open(options.db, read_only=True) as store:
        for found in story_query.stories(store):
            story_render.story(
                console, story_query.story_detail_view(story_query.story_detail(store, found))
            )


@app.command()
@domain_errors
def export(
    table: Annotated[
        str | None,
        typer.Option(help="One table to one file (parquet, jsonl); without it, every table."),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option("--format", help="parquet, jsonl (tables), gdelt or plover (events)."),
    ] = "parquet",
    out: Annotated[
        Path | None,
        typer.Option(
            help="Output: a file (--table, gdelt, plover; - for stdout) or, without --table, a "
            "directory [default: TABLE.FORMAT, wirewatch-export/, or stdout for events]."
        ),
    ] = None,
    header: Annotated[
        bool, typer.Option("--header", help="gdelt: a first line with the column names.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Export stored tables (Parquet, JSON Lines) or the events as GDELT 2.0 rows or
    PLOVER/POLECAT JSON Lines."""
    request = exporting.ExportRequest(fmt, table, out, header)
    options = load_options(db=db)
    with Store.open(options.db, read_only=True) as store:
        done = exporting.run_export(store, request, sys.stdout)
    err.print(done, markup=False)


@app.command()
@domain_errors
def report(
    story_id: Annotated[str, typer.Argument(help="Story id, as `wirewatch stories` lists it.")],
    db: DbOption = None,
    fmt: Annotated[
        str, typer.Option("--format", help="md (Markdown) or html (one standalone file).")
    ] = "md",
    out: Annotated[Path | None, typer.Option(help="Output file [default: stdout].")] = None,
) -> None:
    """An analyst brief of one story: what happened, timeline, who said what, numbers and
    who claims them, where sources differ; every line cites its outlets."""
    render_report = reporting.renderer(fmt)
    options = load_options(db=db)
    with Store.open(options.db, read_only=True) as store:
        text = render_report(reporting.story_report(store, story_id))
    if out is None or str(out) == "-":
        sys.stdout.write(text)
    else:
        reporting.save(text, out)
        err.print(f"wrote the {fmt} report of {story_id} to {out}", markup=False)


@app.command()
@domain_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="WIREWATCH_INGEST_TOKEN",
            help="Turn on POST /api/ingest, guarded by this bearer token "
            "[or WIREWATCH_INGEST_TOKEN]; without it the store is opened read-only.",
            show_envvar=False,
        ),
    ] = None,
) -> None:
    """Serve the web interface at / and the JSON API at /api (OpenAPI docs at /docs)."""
    import uvicorn

    from ..server import ServerConfig, create_app

    options = load_options(db=db)
    if token is not None and not token.strip():
        raise UsageError("--token: an empty token would let anyone ingest; give a real one")
    # A store that cannot be opened fails here, in one line, not inside the server startup.
    Store.open(options.db, read_only=token is None).close()
    err.print(f"serving {options.db} at http://{host}:{port}/ (API docs at /docs)", markup=False)
    uvicorn.run(create_app(ServerConfig(options, token)), host=host, port=port, log_level="warning")


def main() -> None:
    app()
