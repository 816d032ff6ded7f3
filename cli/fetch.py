"""``ownergraph fetch`` and ``ownergraph update``: download Forms 3/4/5 and data sets from EDGAR
into the local cache (edgar_fetch/), and optionally load them (graph/load/pipeline.py).
"""

from __future__ import annotations

import json
import re
import sys
import warnings
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from cli.connect import open_graph
from edgar_fetch import FORMS, Cache, ClientSettings, EdgarClient, FetchRequest, default_cache_root
from edgar_fetch.fetch import FetchSummary, run_fetch
from edgar_fetch.ratelimit import MAX_RATE
from graph.load.pipeline import IngestSummary, ingest_paths
from graph.read.overview import latest_filed
from ingest.datasets import DatasetWarning
from ingest.errors import FetchError, OwnergraphError

__all__ = ["fetch", "parse_quarters", "update"]

EXIT_FAILED = 1
EXIT_USAGE = 2
_QUARTER = re.compile(r"^(\d{4})q([1-4])$", re.IGNORECASE)


def parse_quarters(text: str) -> tuple[str, ...]:
    """``2023q1..2024q4`` or ``2024q1,2024q3`` as the quarters named, in order."""
    quarters: list[str] = []
    for part in filter(None, (p.strip() for p in text.split(","))):
        first, _, last = part.partition("..")
        start, end = _quarter(first), _quarter(last or first)
        if end < start:
            raise click.BadParameter(f"{part}: the range ends before it starts")
        quarters += [f"{n // 4}q{n % 4 + 1}" for n in range(start, end + 1)]
    return tuple(dict.fromkeys(quarters))


def _quarter(text: str) -> int:
    match = _QUARTER.match(text.strip())
    if not match:
        raise click.BadParameter(f"{text!r} is not a quarter like 2024q1")
    return int(match[1]) * 4 + int(match[2]) - 1


def _day(_ctx: object, _param: object, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date like 2024-01-31") from e


def _forms(_ctx: object, _param: object, value: str | None) -> frozenset[str]:
    if not value:
        return FORMS
    chosen = frozenset(f.strip().upper() for f in value.split(",") if f.strip())
    if unknown := chosen - FORMS:
        raise click.BadParameter(f"{', '.join(sorted(unknown))}: choose from 3,4,5,3/A,4/A,5/A")
    return chosen


def _rate(_ctx: object, _param: object, value: float) -> float:
    if not 0 < value <= MAX_RATE:
        raise click.BadParameter(f"must be above 0 and at most {MAX_RATE:g} (EDGAR's limit)")
    return value


def _shared_options(command: Callable[..., Any]) -> Callable[..., Any]:
    options = [
        click.option("--forms", callback=_forms, help="Form types, e.g. 4,4/A (default: all)."),
        click.option(
            "--cache",
            type=click.Path(file_okay=False, path_type=Path),
            help=(
                "Cache folder, laid out like EDGAR (default $OWNERGRAPH_CACHE or "
                "~/.cache/ownergraph/edgar)."
            ),
        ),
        click.option(
            "--rate",
            default=MAX_RATE,
            show_default=True,
            callback=_rate,
            help="Requests per second, at most 10.",
        ),
        click.option(
            "--user-agent",
            help=("'Name contact@example.com', required by EDGAR (or $OWNERGRAPH_USER_AGENT)."),
        ),
        click.option("--json", "as_json", is_flag=True, help="Print one JSON summary last."),
        click.option("--workers", default=4, show_default=True, help="Concurrent downloads."),
        click.option("--timeout", default=30.0, show_default=True, help="Seconds per request."),
        click.option("--retries", default=5, show_default=True, help="Retries per URL."),
        click.option(
            "--backoff",
            default=1.0,
            show_default=True,
            help="First back-off in seconds (doubles per retry) without Retry-After.",
        ),
        click.option(
            "--data-dir",
            type=click.Path(file_okay=False, path_type=Path),
            help="Local Neo4j data dir whose password to use (default ./.neo4j).",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


@click.command()
@click.option("--since", callback=_day, help="First filing date, YYYY-MM-DD.")
@click.option("--until", callback=_day, help="Last filing date, YYYY-MM-DD (default today).")
@click.option("--cik", "ciks", multiple=True, help="A filer (issuer or owner) by CIK; repeatable.")
@click.option("--ticker", "tickers", multiple=True, help="An issuer by ticker; repeatable.")
@click.option("--datasets", help="SEC insider data set quarters, e.g. 2023q1..2024q4.")
@click.option("--ingest", "load", is_flag=True, help="Load what was fetched into Neo4j.")
@_shared_options
def fetch(
    since: date | None,
    until: date | None,
    ciks: Sequence[str],
    tickers: Sequence[str],
    datasets: str | None,
    load: bool,
    **options: Any,
) -> None:
    """Download Forms 3, 4, 5 (and amendments) or SEC data sets from EDGAR into the cache.

    \b
      ownergraph fetch --since 2024-01-01 --until 2024-06-30   every filing in the range
      ownergraph fetch --ticker AAPL --cik 0001214156          filings about / by filers
      ownergraph fetch --datasets 2023q1..2024q4               quarterly data sets

    At most 10 requests per second (EDGAR's fair-access rule); nothing in the cache is
    downloaded again. Exit status: 0 complete, 1 some downloads (or ingests) failed,
    2 usage or connection error.
    """
    try:
        quarters = parse_quarters(datasets) if datasets else ()
        normalised = tuple(_cik(c) for c in ciks)
    except click.BadParameter as e:
        _usage(str(e))
    if since and until and until < since:
        _usage(f"--until {until} is before --since {since}")
    if since is None and not (normalised or tickers or quarters):
        _usage("nothing to fetch: give --since, --cik, --ticker or --datasets")
    request = FetchRequest(since, until, normalised, tuple(tickers), options.pop("forms"), quarters)
    _run(request, load, **options)


@click.command()
@click.option("--until", callback=_day, help="Last filing date, YYYY-MM-DD (default today).")
@_shared_options
def update(until: date | None, **options: Any) -> None:
    """Fetch and load everything filed since the latest filing date in the graph.

    The latest day is fetched again (filings arrive all day); what is already cached or
    loaded is skipped, so a nightly cron job keeps the graph current. Same options and
    summary as `fetch --ingest`.
    """
    with open_graph(options.get("data_dir")) as graph:
        try:
            since = latest_filed(graph)
        except OwnergraphError as e:
            _usage(str(e))
    if since is None:
        _usage("the graph has no filings yet: start with `ownergraph fetch --since … --ingest`")
    _run(FetchRequest(since, until, forms=options.pop("forms")), True, **options)


def _cik(value: str) -> str:
    text = value.strip()
    if not (text.isascii() and text.isdigit() and len(text.lstrip("0")) <= 10):
        raise click.BadParameter(f"--cik {value!r} is not a CIK (up to 10 digits)")
    return text.zfill(10)


def _usage(message: str) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _run(request: FetchRequest, load: bool, **options: Any) -> None:
    try:
        client_settings = ClientSettings.from_environment(
            options["user_agent"],
            rate=options["rate"],
            timeout=options["timeout"],
            retries=options["retries"],
            backoff=options["backoff"],
        )
    except FetchError as e:
        _usage(e.reason)
    cache = Cache(options["cache"] or default_cache_root())
    on_terminal = sys.stderr.isatty()
    with (
        EdgarClient(client_settings) as client,
        tqdm(unit=" files", disable=not on_terminal, file=sys.stderr) as bar,
    ):
        try:
            summary = run_fetch(
                client,
                cache,
                request,
                workers=options["workers"],
                progress=bar.update,
                on_plan=_set_total(bar),
            )
        except FetchError as e:
            _usage(str(e))
    ingested = _ingest(summary, options["data_dir"]) if load else None
    _report(summary, ingested, options["as_json"])
    failed = summary.failed or (ingested is not None and (ingested.rejected or ingested.conflicts))
    sys.exit(EXIT_FAILED if failed else 0)


def _set_total(bar: tqdm) -> Callable[[int], None]:
    def set_total(total: int) -> None:
        bar.total = total
        bar.refresh()

    return set_total


def _ingest(summary: FetchSummary, data_dir: Path | None) -> IngestSummary:
    with open_graph(data_dir) as graph, warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always", DatasetWarning)
        try:
            ingested = ingest_paths(graph.driver, summary.paths, database=graph.database)
        except OwnergraphError as e:
            _usage(str(e))
    for note in notes:
        click.echo(f"warning: {note.message}", err=True)
    return ingested


def _report(summary: FetchSummary, ingested: IngestSummary | None, as_json: bool) -> None:
    for failure in summary.failed:
        click.echo(f"failed: {failure.url}: {failure.reason}", err=True)
    if ingested is not None:
        for rejected in ingested.rejected:
            click.echo(f"rejected: {rejected.source}: {rejected.reason}", err=True)
        for conflict in ingested.conflicts:
            click.echo(f"conflict: {conflict.source}: {conflict.reason}", err=True)
    data = summary.as_json()
    if ingested is not None:
        data["ingest"] = ingested.as_json()
    if as_json:
        click.echo(json.dumps(data))
        return
    click.echo(
        f"{summary.downloaded} downloaded, {summary.cached} already cached, "
        f"{len(summary.failed)} failed, {summary.requests} requests in {data['seconds']} s."
    )
    if ingested is not None:
        click.echo(
            f"{ingested.filings_loaded} filings loaded, {ingested.filings_skipped} already "
            f"there, {len(ingested.conflicts)} in conflict, {len(ingested.rejected)} rejected."
        )
