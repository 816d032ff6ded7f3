"""The ``ownergraph`` group: every error is one ``error:`` line, never a traceback."""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from cli.app import app, demo
from cli.connect import EXIT_CRASH, EXIT_USAGE
from cli.db import db
from cli.fetch import fetch, update
from cli.ingest import ingest
from cli.query import query

__all__ = ["main"]


class OneLineErrors(click.Group):
    """A click group whose usage errors and crashes are one readable line on stderr.

    Usage errors exit 2, as click's do; an error nobody expected exits 3 (EXIT_CRASH) with its
    type and message; OWNERGRAPH_DEBUG=1 shows the traceback instead.
    """

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        logging.getLogger("neo4j").setLevel(logging.CRITICAL)  # notifications come as lines
        try:
            code = super().main(args, prog_name, complete_var, False, **extra)
        except click.UsageError as e:
            hint = f" (see `{e.ctx.command_path} --help`)" if e.ctx else ""
            click.echo(f"error: {e.format_message()}{hint}", err=True)
            sys.exit(EXIT_USAGE)
        except click.ClickException as e:
            click.echo(f"error: {e.format_message()}", err=True)
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo("aborted", err=True)
            sys.exit(1)
        except Exception as e:
            if os.environ.get("OWNERGRAPH_DEBUG"):
                raise
            message = " ".join(str(e).split()) or "no message"
            click.echo(
                f"error: internal error, the run stopped: {type(e).__name__}: {message[:300]}",
                err=True,
            )
            sys.exit(EXIT_CRASH)
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=OneLineErrors, context_settings={"help_option_names": ["-h", "--help"]})
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


for command in (db, ingest, query, fetch, update, app, demo):
    main.add_command(command)
