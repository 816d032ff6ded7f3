"""The ``ownergraph`` command line: db, ingest, query, app, demo (contract: DESIGN.md §4).

Connection settings come from the environment or the local server's data dir
(graph/connection.py); the work itself lives in pipeline.py, cypher.py and server.py.
"""

from __future__ import annotations

import csv
import json
import sys
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click
from neo4j import Driver
from tqdm import tqdm

from cli.db import db
from cli.fetch import fetch, update
from graph.db import connect, resolve_settings
from graph.load.pipeline import IngestSummary, ingest_paths
from graph.read.console import QueryResult, parse_param, run_read_query
from graph.read.params import check_limits, finite
from ingest.datasets import DatasetWarning
from ingest.errors import OwnergraphError
from ingest.limits import MIB, Limits
from ingest.sources import count_inputs
from server import DEFAULT_DATA_DIR

__all__ = ["main"]

EXIT_REJECTED = 1
EXIT_USAGE = 2
EXIT_CRASH = 3


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="ownergraph")
def main() -> None:
    """Explore who holds what in US public companies: SEC Forms 3, 4 and 5 as a Neo4j graph.

    \b
    Quick start:
      ownergraph demo                      local Neo4j + bundled real filings + the explorer
      ownergraph ingest filings/ --json    load files, folders, .zip/.tar.gz, SEC data sets
      ownergraph query "MATCH (i:Issuer) RETURN i.name, i.ticker LIMIT 5"

    Neo4j: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE point at any server;
    without them the local server of `ownergraph db start` is used.
    """


main.add_command(db)
main.add_command(fetch)
main.add_command(update)

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Local server data dir whose password file to use (default ./.neo4j).",
)


@contextmanager
def _driver(data_dir: Path | None) -> Iterator[tuple[Driver, str]]:
    try:
        settings = resolve_settings(data_dir=data_dir or DEFAULT_DATA_DIR)
        driver = connect(settings)
    except OwnergraphError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_USAGE)
    try:
        yield driver, settings.database
    finally:
        driver.close()


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object last.")
@click.option(
    "--batch-size",
    default=500,
    show_default=True,
    type=click.IntRange(1),
    help="Filings per transaction.",
)
@click.option(
    "--max-file-mb",
    default=Limits().file_bytes // MIB,
    show_default=True,
    type=click.IntRange(1),
    help="Largest file or archive member read, decompressed.",
)
@click.option(
    "--max-archive-mb",
    default=Limits().archive_bytes // MIB,
    show_default=True,
    type=click.IntRange(1),
    help="Most bytes one archive may decompress to, all members together.",
)
@data_dir_option
def ingest(
    paths: Sequence[Path],
    as_json: bool,
    batch_size: int,
    max_file_mb: int,
    max_archive_mb: int,
    data_dir: Path | None,
) -> None:
    """Load SEC ownership filings from PATHS into Neo4j.

    PATHS may be .xml documents, EDGAR full-submission .txt files, folders (searched
    recursively), .zip / .tar.gz archives, or SEC Insider Transactions Data Sets. Content is
    sniffed, not trusted from the extension. Filings already loaded are skipped; a file that
    cannot be used is reported with its reason and the rest still load.

    Exit status: 0 all loaded or skipped, 1 some inputs rejected, 2 usage or connection error,
    3 the run stopped on an internal error (a bug: please report it; what was committed stays
    and a re-run goes on from there).
    """
    limits = Limits(file_bytes=max_file_mb * MIB, archive_bytes=max_archive_mb * MIB)
    try:
        _ingest(paths, as_json, batch_size, limits, data_dir)
    except Exception as e:
        click.echo(f"error: internal error, the run stopped: {type(e).__name__}: {e}", err=True)
        sys.exit(EXIT_CRASH)


def _ingest(
    paths: Sequence[Path], as_json: bool, batch_size: int, limits: Limits, data_dir: Path | None
) -> None:
    with _driver(data_dir) as (driver, database):
        on_terminal = sys.stderr.isatty()
        total = count_inputs(paths) if on_terminal else None
        bar = tqdm(total=total, unit=" files", disable=not on_terminal, file=sys.stderr)
        with bar, warnings.catch_warnings(record=True) as notes:
            warnings.simplefilter("always", DatasetWarning)
            try:
                summary = ingest_paths(
                    driver,
                    paths,
                    database=database,
                    batch_size=batch_size,
                    progress=bar.update,
                    limits=limits,
                )
            except OwnergraphError as e:
                click.echo(f"error: {e}", err=True)
                sys.exit(EXIT_USAGE)
    for note in notes:
        click.echo(f"warning: {note.message}", err=True)
    _report(summary, as_json)
    sys.exit(EXIT_REJECTED if summary.rejected else 0)


def _report(summary: IngestSummary, as_json: bool) -> None:
    for rejected in summary.rejected:
        click.echo(f"rejected: {rejected.source}: {rejected.reason}", err=True)
    for note in summary.warnings:
        click.echo(
            f"warning: {note['path']}: {note['field']}: unreadable value {note['value']!r} "
            "not stored (the rest of the filing loaded)",
            err=True,
        )
    data = summary.as_json()
    if as_json:
        click.echo(json.dumps(data))
        return
    click.echo(
        f"{data['filings_loaded']} filings loaded, {data['filings_skipped']} already there, "
        f"{len(summary.rejected)} rejected in {data['seconds']} s: {data['owners']} owners, "
        f"{data['issuers']} issuers, {data['securities']} securities, "
        f"{data['transactions']} transactions, {data['holdings']} holdings."
    )


@main.command()
@click.argument("cypher")
@click.option(
    "--param",
    "-p",
    "params",
    multiple=True,
    metavar="K=V",
    help='Query parameter; V is read as JSON when it parses (1, true, "x", [1,2]).',
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
)
@click.option(
    "--timeout", default=30.0, show_default=True, help="Seconds before giving up (0 < s ≤ 3600)."
)
@click.option("--max-rows", default=1000, show_default=True, help="Rows returned at most (≥ 1).")
@data_dir_option
def query(
    cypher: str,
    params: Sequence[str],
    fmt: str,
    timeout: float,
    max_rows: int,
    data_dir: Path | None,
) -> None:
    """Run a read-only CYPHER query and print the rows.

    Writes, LOAD CSV and admin procedures are refused. Example:

    \b
      ownergraph query "MATCH (o:Owner)-[:INSIDER_OF]->(i:Issuer {ticker: \\$t})
                        RETURN o.name" -p t='"MSFT"'
    """
    try:
        parameters = dict(parse_param(p) for p in params)
        timeout, max_rows = check_limits(timeout, max_rows)
    except OwnergraphError as e:
        click.echo(f"error: {e}", err=True)
        sys.exit(EXIT_USAGE)
    with _driver(data_dir) as (driver, database):
        try:
            result = run_read_query(
                driver,
                cypher,
                parameters,
                database=database,
                timeout_s=timeout,
                max_rows=max_rows,
            )
        except OwnergraphError as e:
            click.echo(f"error: {e}", err=True)
            sys.exit(EXIT_REJECTED)
    _print_result(result, fmt)


def _print_result(result: QueryResult, fmt: str) -> None:
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        click.echo(json.dumps(finite(rows), default=str, indent=2, allow_nan=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(result.columns)
        writer.writerows([_cell(v) for v in row] for row in result.rows)
    else:
        _print_table(result)
    if result.truncated:
        click.echo(f"(stopped at {len(result.rows)} rows; raise --max-rows for more)", err=True)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(value, default=str)


def _print_table(result: QueryResult) -> None:
    cells = [[_cell(v) for v in row] for row in result.rows]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [min(60, max(w, len(c))) for w, c in zip(widths, row, strict=True)]
    line = " | ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True))
    click.echo(line)
    click.echo("-+-".join("-" * w for w in widths))
    for row in cells:
        click.echo(" | ".join(c[:w].ljust(w) for c, w in zip(row, widths, strict=True)))
    click.echo(f"({len(result.rows)} rows)")


def _add_app_commands() -> None:
    from cli.app import app, demo

    main.add_command(app)
    main.add_command(demo)


_add_app_commands()

if __name__ == "__main__":
    main()
