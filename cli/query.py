"""``ownergraph query``: one read-only Cypher statement, printed as a table, JSON or CSV."""

from __future__ import annotations

import csv
import json
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

import click

from cli.connect import EXIT_REJECTED, data_dir_option, fail, open_graph
from graph.cypher import QueryResult, run_read_query
from graph.cypher.params import check_limits, finite, parse_param
from ingest.errors import OwnergraphError

__all__ = ["query"]


@click.command()
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
@click.option("--quiet", "-q", is_flag=True, help="Do not print the server's notifications.")
@data_dir_option
def query(
    cypher: str,
    params: Sequence[str],
    fmt: str,
    timeout: float,
    max_rows: int,
    quiet: bool,
    data_dir: Path | None,
) -> None:
    """Run a read-only CYPHER query and print the rows.

    Writes, LOAD CSV and admin procedures are refused (exit 1). The server's notifications
    (an unknown label or property, say) are printed as one `warning:` line each on stderr.
    Example:

    \b
      ownergraph query "MATCH (o:Owner)-[:INSIDER_OF]->(i:Issuer {ticker: \\$t})
                        RETURN o.name" -p t='"MSFT"'
    """
    try:
        parameters = dict(parse_param(p) for p in params)
        timeout, max_rows = check_limits(timeout, max_rows)
    except OwnergraphError as e:
        fail(str(e))
    with open_graph(data_dir) as graph:
        try:
            result = run_read_query(graph, cypher, parameters, timeout_s=timeout, max_rows=max_rows)
        except OwnergraphError as e:
            fail(str(e), EXIT_REJECTED)
    if not quiet:
        for note in result.notifications:
            click.echo(f"warning: {note}", err=True)
    _print_result(result, fmt)


def _print_result(result: QueryResult, fmt: str) -> None:
    if fmt == "json":
        rows = [dict(zip(result.columns, row, strict=True)) for row in result.rows]
        click.echo(json.dumps(finite(rows), default=str, indent=2, allow_nan=False))
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(result.columns)
        writer.writerows([cell_text(v) for v in row] for row in result.rows)
    else:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else None
        for line in table_lines(result.columns, result.rows, width):
            click.echo(line)
    if result.truncated:
        click.echo(f"(stopped at {len(result.rows)} rows; raise --max-rows for more)", err=True)


def cell_text(value: object) -> str:
    """A value as one table or CSV cell: text as is, everything else as JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    return json.dumps(finite(value), default=str)


def table_lines(
    columns: Sequence[str], rows: Sequence[Sequence[object]], width: int | None
) -> list[str]:
    """An aligned table, or one ``column: value`` block per row when that would not fit in
    ``width`` characters (None: no limit). No value is ever cut."""
    cells = [[cell_text(v) for v in row] for row in rows]
    widths = [max([len(c), *(len(row[k]) for row in cells)]) for k, c in enumerate(columns)]
    if width is not None and sum(widths) + 3 * (len(widths) - 1) > width:
        return _record_lines(columns, cells)
    lines = [" | ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True))]
    lines.append("-+-".join("-" * w for w in widths))
    lines += [" | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in cells]
    lines.append(f"({len(rows)} rows)")
    return lines


def _record_lines(columns: Sequence[str], cells: list[list[str]]) -> list[str]:
    pad = max(len(c) for c in columns)
    lines = []
    for k, row in enumerate(cells, start=1):
        lines.append(f"-[ row {k} ]" + "-" * 20)
        lines += [f"{c.ljust(pad)} | {v}" for c, v in zip(columns, row, strict=True)]
    lines.append(f"({len(cells)} rows)")
    return lines
