"""``ownergraph ingest``: load files, folders, archives and SEC data sets into Neo4j."""

from __future__ import annotations

import json
import sys
import warnings
from collections.abc import Sequence
from pathlib import Path

import click
from tqdm import tqdm

import server
from cli.connect import EXIT_REJECTED, data_dir_option, fail, open_graph
from graph.db import resolve_settings
from graph.load.bulk import bulk_ingest
from graph.load.pipeline import IngestInterrupted, IngestSummary, ingest_paths
from ingest.datasets import DatasetWarning
from ingest.errors import OwnergraphError
from ingest.limits import MIB, Limits
from ingest.sources import count_inputs

__all__ = ["ingest", "report"]


@click.command()
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
@click.option(
    "--replace",
    is_flag=True,
    help="A filing whose accession is already stored with different content replaces it "
    "(a corrected filing); without it such a filing is reported as a conflict.",
)
@click.option(
    "--bulk",
    is_flag=True,
    help="Initial load of an empty local database through neo4j-admin import (much faster; "
    "stops and restarts the local server).",
)
@click.option(
    "--workers",
    default=None,
    type=click.IntRange(1),
    help="With --bulk: processes parsing inputs [default: one per core].",
)
@data_dir_option
def ingest(
    paths: Sequence[Path],
    as_json: bool,
    batch_size: int,
    max_file_mb: int,
    max_archive_mb: int,
    replace: bool,
    bulk: bool,
    workers: int | None,
    data_dir: Path | None,
) -> None:
    """Load SEC ownership filings from PATHS into Neo4j.

    PATHS may be .xml documents, EDGAR full-submission .txt files, folders (searched
    recursively), .zip / .tar.gz archives, or SEC Insider Transactions Data Sets. Content is
    sniffed, not trusted from the extension. Filings already loaded are skipped; a file that
    cannot be used is reported with its reason and the rest still load. A filing whose
    accession is stored with other content, or whose document is stored under another
    accession, is reported as a conflict and not stored (see --replace).

    Exit status: 0 all loaded or skipped, 1 some inputs rejected or in conflict, 2 usage or
    connection error (with --json the summary of what was committed is still printed),
    3 the run stopped on an internal error (a bug: please report it; what was committed stays
    and a re-run goes on from there).
    """
    limits = Limits(file_bytes=max_file_mb * MIB, archive_bytes=max_archive_mb * MIB)
    if bulk and replace:
        raise click.UsageError(
            "--replace cannot be used with --bulk (which loads an empty database)"
        )
    if bulk:
        summary = _bulk(paths, batch_size, workers, limits, data_dir or server.DEFAULT_DATA_DIR)
        report(summary, as_json)
        sys.exit(EXIT_REJECTED if summary.rejected or summary.conflicts else 0)
    with open_graph(data_dir) as graph:
        on_terminal = sys.stderr.isatty()
        total = count_inputs(paths) if on_terminal else None
        bar = tqdm(total=total, unit=" files", disable=not on_terminal, file=sys.stderr)
        with bar, warnings.catch_warnings(record=True) as notes:
            warnings.simplefilter("always", DatasetWarning)
            try:
                summary = ingest_paths(
                    graph.driver,
                    paths,
                    database=graph.database,
                    batch_size=batch_size,
                    progress=bar.update,
                    limits=limits,
                    replace=replace,
                )
            except IngestInterrupted as e:
                _interrupted(e, as_json)
            except OwnergraphError as e:
                fail(str(e))
    for note in notes:
        click.echo(f"warning: {note.message}", err=True)
    report(summary, as_json)
    sys.exit(EXIT_REJECTED if summary.rejected or summary.conflicts else 0)


def _interrupted(error: IngestInterrupted, as_json: bool) -> None:
    """The summary of what was committed before the connection was lost, then one error line."""
    summary = error.summary
    if as_json:
        click.echo(json.dumps({**summary.as_json(), "error": str(error)}))
    kept = f"{summary.filings_loaded} filings loaded before the loss are kept"
    fail(f"{' '.join(str(error).split())} ({kept}; run the same command again to go on)")


def _bulk(
    paths: Sequence[Path], batch_size: int, workers: int | None, limits: Limits, data_dir: Path
) -> IngestSummary:
    """``--bulk``: only into the local server's empty database (bulk_ingest checks that)."""
    settings = resolve_settings(data_dir=data_dir)
    local = server.status(data_dir)
    if local is not None and settings.uri != local.uri:
        fail(f"--bulk loads only into the local server ({local.uri}), not {settings.uri}")
    on_terminal = sys.stderr.isatty()
    bar = tqdm(unit=" filings", disable=not on_terminal, file=sys.stderr)
    with bar, warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always", DatasetWarning)
        try:
            summary = bulk_ingest(
                paths,
                data_dir=data_dir,
                database=settings.database,
                batch_size=batch_size,
                workers=workers,
                progress=bar.update,
                limits=limits,
            )
        except OwnergraphError as e:
            fail(str(e))
    for note in notes:
        click.echo(f"warning: {note.message}", err=True)
    return summary


def report(summary: IngestSummary, as_json: bool) -> None:
    """Rejections one line each on stderr, then the summary (one JSON object with --json)."""
    for rejected in summary.rejected:
        click.echo(f"rejected: {rejected.source}: {rejected.reason}", err=True)
    for conflict in summary.conflicts:
        click.echo(f"conflict: {conflict.source}: {conflict.reason}", err=True)
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
    replaced = f" ({summary.filings_replaced} replaced)" if summary.filings_replaced else ""
    conflicts = f", {len(summary.conflicts)} in conflict" if summary.conflicts else ""
    click.echo(
        f"{data['filings_loaded']} filings loaded{replaced}, {data['filings_skipped']} already "
        f"there{conflicts}, {len(summary.rejected)} rejected in {data['seconds']} s: "
        f"{data['owners']} owners, "
        f"{data['issuers']} issuers, {data['securities']} securities, "
        f"{data['transactions']} transactions, {data['holdings']} holdings."
    )
