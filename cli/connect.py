"""What every command shares: exit codes, the ``--data-dir`` option, and opening the graph."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

from graph.db import Graph, connect, resolve_settings
from ingest.errors import OwnergraphError
from server import DEFAULT_DATA_DIR

__all__ = ["EXIT_CRASH", "EXIT_REJECTED", "EXIT_USAGE", "data_dir_option", "fail", "open_graph"]

EXIT_REJECTED = 1  # some inputs were rejected (the rest loaded), or a query was refused
EXIT_USAGE = 2  # bad usage, or Neo4j cannot be reached
EXIT_CRASH = 3  # an error ownergraph did not expect: a bug to report

data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help=f"Local server data dir whose password file to use (default {DEFAULT_DATA_DIR}).",
)


def fail(message: str, code: int = EXIT_USAGE) -> NoReturn:
    """Print one ``error:`` line on stderr and exit (line breaks in ``message`` become spaces)."""
    click.echo(f"error: {' '.join(message.split())}", err=True)
    sys.exit(code)


@contextmanager
def open_graph(data_dir: Path | None) -> Iterator[Graph]:
    """The graph the settings point at (closed afterwards); exit 2 when it cannot be reached."""
    try:
        settings = resolve_settings(data_dir=data_dir or DEFAULT_DATA_DIR)
        driver = connect(settings)
    except OwnergraphError as e:
        fail(str(e))
    try:
        yield Graph(driver, settings.database)
    finally:
        driver.close()
