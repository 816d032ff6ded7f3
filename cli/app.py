"""``ownergraph app`` and ``ownergraph demo``: the Streamlit explorer (app.py), and the
one-command demo (the local Neo4j of server/ + the bundled real filings in samples/ + the app).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

import server
from cli.connect import EXIT_REJECTED, fail
from cli.db import describe_start, port_flag
from cli.ingest import report
from graph.db import connect, resolve_settings
from graph.load.pipeline import ingest_paths
from ingest.errors import OwnergraphError, PortInUse

__all__ = ["SAMPLE_FILINGS", "app", "demo", "run_app"]

ROOT = Path(__file__).resolve().parents[1]
APP_SCRIPT = ROOT / "app.py"
SAMPLE_FILINGS = ROOT / "samples" / "sec-ownership-filings.tar.gz"
DEFAULT_APP_PORT = 8501

address_option = click.option(
    "--address",
    default="localhost",
    show_default=True,
    help="Interface to listen on; use 0.0.0.0 only on a trusted network.",
)


def run_app(address: str, port: int, env: dict[str, str] | None = None) -> int:
    """Run ``streamlit run app.py`` in the foreground; return its exit status."""
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(APP_SCRIPT),
        "--server.address",
        address,
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--client.toolbarMode",
        "minimal",
    ]
    click.echo(f"ownergraph explorer on http://{address}:{port}/ (Ctrl+C to stop)", err=True)
    try:
        return subprocess.call(command, env={**os.environ, **(env or {})})
    except KeyboardInterrupt:
        return 0


def _require_app_port(port: int, flag: str) -> None:
    try:
        server.require_free_port("app", port, host="0.0.0.0")
    except PortInUse as e:
        fail(f"{e}: choose another with {flag}")


@click.command()
@address_option
@click.option("--port", default=DEFAULT_APP_PORT, show_default=True, help="HTTP port of the app.")
def app(address: str, port: int) -> None:
    """Start the explorer in a browser tab: search, graphs, holdings, Cypher, share links.

    It connects like every other command (NEO4J_* variables, .streamlit/secrets.toml, or the
    local server started by `ownergraph db start`).
    """
    _require_app_port(port, "--port")
    sys.exit(run_app(address, port))


@click.command()
@address_option
@click.option(
    "--port",
    "bolt_port",
    default=server.DEFAULT_BOLT_PORT,
    show_default=True,
    help="Bolt port of the local Neo4j.",
)
@click.option(
    "--http-port", default=server.DEFAULT_HTTP_PORT, show_default=True, help="Neo4j Browser port."
)
@click.option("--app-port", default=DEFAULT_APP_PORT, show_default=True, help="Port of the app.")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=server.DEFAULT_DATA_DIR,
    show_default=True,
    help="Local Neo4j data dir.",
)
@click.option("--no-app", is_flag=True, help="Set up and load, but do not start the explorer.")
def demo(
    address: str, bolt_port: int, http_port: int, app_port: int, data_dir: Path, no_app: bool
) -> None:
    """Install and start a local Neo4j, load the bundled real SEC filings, open the explorer.

    Everything stays on this machine; run `ownergraph db stop` afterwards to stop Neo4j.
    """
    if not no_app:
        _require_app_port(app_port, "--app-port")
    try:
        server.install()
        if (running := server.status(data_dir)) is None:
            started = server.start(
                data_dir,
                bolt_port=bolt_port,
                http_port=http_port,
                password=os.environ.get("NEO4J_PASSWORD") or None,
            )
            describe_start(started)
        else:
            click.echo(f"Neo4j is already running at {running.uri} (pid {running.pid}).")
        settings = resolve_settings(data_dir=data_dir)
        driver = connect(settings)
    except PortInUse as e:
        fail(f"{e}: choose another with {port_flag(e)}")
    except OwnergraphError as e:
        fail(str(e))
    try:
        summary = ingest_paths(driver, [SAMPLE_FILINGS], database=settings.database)
    except OwnergraphError as e:
        fail(str(e))
    finally:
        driver.close()
    report(summary, as_json=False)
    if summary.rejected:
        sys.exit(EXIT_REJECTED)
    if not no_app:
        sys.exit(run_app(address, app_port, {"OWNERGRAPH_DATA_DIR": str(data_dir)}))
