"""``ownergraph app`` and ``ownergraph demo``: start the Streamlit explorer (app.py), and the
one-command demo (local Neo4j from server.py + the bundled real filings in samples/ + the app).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

__all__ = ["SAMPLE_FILINGS", "app", "demo"]

ROOT = Path(__file__).resolve().parents[1]
APP_SCRIPT = ROOT / "app.py"
SAMPLE_FILINGS = ROOT / "samples" / "sec-ownership-filings.tar.gz"

address_option = click.option(
    "--address",
    default="localhost",
    show_default=True,
    help="Interface to listen on; use 0.0.0.0 only on a trusted network.",
)
port_option = click.option("--port", default=8501, show_default=True, help="HTTP port of the app.")


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
    ]
    click.echo(f"ownergraph explorer on http://{address}:{port}/ (Ctrl+C to stop)", err=True)
    try:
        return subprocess.call(command, env={**os.environ, **(env or {})})
    except KeyboardInterrupt:
        return 0


@click.command()
@address_option
@port_option
def app(address: str, port: int) -> None:
    """Start the explorer in a browser tab: search, graphs, holdings, Cypher, share links.

    It connects like every other command (NEO4J_* variables, .streamlit/secrets.toml, or the
    local server started by `ownergraph db start`).
    """
    sys.exit(run_app(address, port))


@click.command()
@address_option
@port_option
@click.option("--bolt-port", default=7687, show_default=True, help="Bolt port of the local Neo4j.")
@click.option("--http-port", default=7474, show_default=True, help="Neo4j Browser port.")
@click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path(".neo4j"),
    show_default=True,
    help="Local Neo4j data dir.",
)
@click.option("--no-app", is_flag=True, help="Set up and load, but do not start the explorer.")
@click.pass_context
def demo(
    ctx: click.Context,
    address: str,
    port: int,
    bolt_port: int,
    http_port: int,
    data_dir: Path,
    no_app: bool,
) -> None:
    """Install and start a local Neo4j, load the bundled real SEC filings, open the explorer.

    Everything stays on this machine; run `ownergraph db stop` afterwards to stop Neo4j.
    """
    from cli import main  # the group, to reuse its commands exactly as a user runs them

    ports = ["--port", str(bolt_port), "--http-port", str(http_port)]
    _invoke(ctx, main, ["db", "install"])
    _invoke(ctx, main, ["db", "start", *ports, "--data-dir", str(data_dir)])
    code = _invoke(ctx, main, ["ingest", str(SAMPLE_FILINGS), "--data-dir", str(data_dir)])
    if code not in (0, 1):
        sys.exit(code)
    if not no_app:
        sys.exit(run_app(address, port, {"OWNERGRAPH_DATA_DIR": str(data_dir)}))


def _invoke(ctx: click.Context, group: click.Group, args: list[str]) -> int:
    try:
        group.main(args=args, prog_name="ownergraph", standalone_mode=False)
    except SystemExit as e:
        code = e.code if isinstance(e.code, int) else 1
        if code not in (0, 1):
            ctx.exit(code)
        return code
    return 0
