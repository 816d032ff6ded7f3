"""``ownergraph db install|start|stop|status``: the local Neo4j server (server/) from the
command line."""

from __future__ import annotations

import os
import re
from pathlib import Path

import click

import server
from cli.connect import fail
from ingest.errors import OwnergraphError, PortInUse
from server.importer import dump_database

__all__ = ["db", "describe_start", "port_flag"]

PORT_FLAGS = {"bolt": "--port", "http": "--http-port"}


def port_flag(error: PortInUse) -> str:
    """The option that sets the port a PortInUse error names."""
    return PORT_FLAGS.get(error.role, "--port")


data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=server.DEFAULT_DATA_DIR,
    show_default=True,
    help="Where the server keeps its databases, logs, config and password.",
)
MEMORY_SIZE = re.compile(r"[1-9][0-9]*[kmgKMG]")

lib_dir_option = click.option(
    "--lib-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Where Neo4j's jars live [default: $OWNERGRAPH_NEO4J_LIB or "
    f"~/.cache/ownergraph/neo4j-{server.NEO4J_VERSION}/lib].",
)


def _memory_size(ctx: click.Context, param: click.Parameter, value: str) -> str:
    """A size as the JVM and Neo4j read it: digits and k, m or g (``512m``, ``4g``)."""
    if not MEMORY_SIZE.fullmatch(value):
        raise click.BadParameter(f"{value!r} is not a size such as 512m or 4g")
    return value.lower()


@click.group()
def db() -> None:
    """The local Neo4j Community server (loopback only) that ownergraph runs for you."""


@db.command()
@lib_dir_option
def install(lib_dir: Path | None) -> None:
    """Fetch Neo4j's jars from Maven Central (needs Java 17+ and `mvn`; once only)."""
    try:
        lib = server.install(lib_dir)
    except OwnergraphError as e:
        fail(str(e))
    click.echo(f"Neo4j {server.NEO4J_VERSION} jars in {lib}")


@db.command()
@click.option(
    "--port",
    type=int,
    default=server.DEFAULT_BOLT_PORT,
    show_default=True,
    help="Bolt port (on 127.0.0.1).",
)
@click.option(
    "--http-port",
    type=int,
    default=server.DEFAULT_HTTP_PORT,
    show_default=True,
    help="HTTP port for the Neo4j Browser (on 127.0.0.1).",
)
@data_dir_option
@click.option(
    "--no-auth",
    is_flag=True,
    help="Turn authentication off (anyone on this machine can then read and write the graph).",
)
@lib_dir_option
@click.option(
    "--heap",
    default="1g",
    show_default=True,
    callback=_memory_size,
    help="JVM heap of the server (e.g. 4g; see README, 'Sizing').",
)
@click.option(
    "--page-cache",
    default="512m",
    show_default=True,
    callback=_memory_size,
    help="Page cache: the store kept in memory (e.g. 8g; see README, 'Sizing').",
)
def start(
    port: int,
    http_port: int,
    data_dir: Path,
    no_auth: bool,
    lib_dir: Path | None,
    heap: str,
    page_cache: str,
) -> None:
    """Start the server in the background; install its jars first if needed.

    The password is NEO4J_PASSWORD when set; otherwise one is generated on first start, printed
    once and kept in DATA_DIR/password, where the other commands find it.
    """
    if (running := server.status(data_dir)) is not None:
        click.echo(f"Neo4j is already running at {running.uri} (pid {running.pid}).")
        return
    try:
        server.install(lib_dir)
        local = server.start(
            data_dir,
            bolt_port=port,
            http_port=http_port,
            password=os.environ.get("NEO4J_PASSWORD") or None,
            auth=not no_auth,
            lib_dir=lib_dir,
            heap=heap,
            pagecache=page_cache,
        )
    except PortInUse as e:
        fail(f"{e}: choose another with {port_flag(e)}")
    except OwnergraphError as e:
        fail(str(e))
    describe_start(local)


def describe_start(local: server.LocalServer) -> None:
    """Where the server listens, and the generated password (shown this once)."""
    click.echo(f"Neo4j {server.NEO4J_VERSION} running at {local.uri} (pid {local.pid})")
    click.echo(f"Browser: {local.http_url}")
    if local.password is None:
        click.echo("Authentication is off.")
    elif local.password_generated:
        click.echo(f"User: {local.user}  Password: {local.password}")
        click.echo(f"(shown once; kept in {local.data_dir / 'password'})")


@db.command()
@data_dir_option
def stop(data_dir: Path) -> None:
    """Stop the server cleanly (SIGTERM, then wait for its checkpoint)."""
    try:
        pid = server.stop(data_dir)
    except OwnergraphError as e:
        fail(str(e))
    click.echo("Neo4j was not running." if pid is None else f"Neo4j stopped (pid {pid}).")


@db.command()
@data_dir_option
def status(data_dir: Path) -> None:
    """Say whether the server is running; exit 0 if it is, 1 if not."""
    local = server.status(data_dir)
    if local is None:
        click.echo(f"Neo4j is not running (data dir {data_dir.resolve()}).")
        raise click.exceptions.Exit(1)
    auth = "off" if local.password is None else f"user {local.user}"
    click.echo(f"Neo4j is running at {local.uri} (pid {local.pid}, auth {auth})")
    click.echo(f"Browser: {local.http_url}")
    click.echo(f"Data dir: {local.data_dir}")


@db.command()
@data_dir_option
@click.option(
    "--to",
    "to_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("dumps"),
    show_default=True,
    help="Folder to write neo4j.dump into.",
)
@lib_dir_option
def dump(data_dir: Path, to_dir: Path, lib_dir: Path | None) -> None:
    """Write the stopped local server's graph as a neo4j.dump file (neo4j-admin database dump).

    Move a bulk-loaded graph to Aura (`neo4j-admin database upload`) or to another server
    (`neo4j-admin database load`) with it; see the README.
    """
    if (running := server.status(data_dir)) is not None:
        fail(f"Neo4j is running (pid {running.pid}): stop it first with `ownergraph db stop`")
    if not (data_dir / "data" / "databases" / "neo4j").is_dir():
        fail(f"no database in {data_dir.resolve()}: nothing to dump")
    try:
        path = dump_database(data_dir.resolve(), to_dir.resolve(), lib_dir=lib_dir)
    except OwnergraphError as e:
        fail(str(e))
    click.echo(f"{path} ({path.stat().st_size:,} bytes)")
