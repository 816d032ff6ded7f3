"""Run Neo4j's bulk importer (``neo4j-admin database import full``) and ``database dump`` on the
local server's data dir, with the server stopped.

The importer is ``org.neo4j.cli.AdminTool`` from the jar ``org.neo4j:neo4j-import-tool``,
which the server's pom already brings in at the server's version; it runs with the same
NEO4J_HOME/NEO4J_CONF as the server (server/__init__.py renders that conf).
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping, Sequence
from pathlib import Path

from server.jvm import JVM_FLAGS, ServerError, find_java, require_jars

__all__ = ["dump_database", "import_full"]

ADMIN_TOOL = "org.neo4j.cli.AdminTool"


def _admin(home: Path, args: Sequence[str], *, heap: str, lib_dir: Path | None) -> str:
    """Run one neo4j-admin command on ``home``; its output, or ServerError naming the end of it."""
    lib, java = require_jars(lib_dir), find_java()
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    cmd = [java, f"-Xmx{heap}", *JVM_FLAGS, "-cp", f"{lib}/*", ADMIN_TOOL, *args]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    output = done.stdout + done.stderr
    if done.returncode != 0:
        tail = "\n".join(output.strip().splitlines()[-15:])
        raise ServerError(
            f"neo4j-admin {' '.join(args[:3])} failed (exit {done.returncode}):\n{tail}"
        )
    return output


def import_full(
    home: Path,
    nodes: Mapping[str, Path],
    relationships: Mapping[str, Path],
    *,
    database: str = "neo4j",
    array_delimiter: str = "\x1f",
    heap: str = "1g",
    lib_dir: Path | None = None,
) -> str:
    """Replace ``database`` with the graph in the CSV files (labels and types in their columns).

    The server must be stopped. Returns the importer's report (counts and timings).
    """
    args = [
        "database",
        "import",
        "full",
        database,
        "--overwrite-destination=true",
        f"--array-delimiter=U+{ord(array_delimiter):04X}",
        "--multiline-fields=true",
        "--id-type=string",
        "--bad-tolerance=0",
        f"--report-file={home / 'logs' / 'import.report'}",
        *(f"--nodes={path}" for path in nodes.values()),
        *(f"--relationships={path}" for path in relationships.values()),
    ]
    return _admin(home, args, heap=heap, lib_dir=lib_dir)


def dump_database(
    home: Path, to_dir: Path, *, database: str = "neo4j", lib_dir: Path | None = None
) -> Path:
    """Write ``database`` as ``<to_dir>/<database>.dump`` (server stopped); return that path."""
    to_dir.mkdir(parents=True, exist_ok=True)
    args = ["database", "dump", database, f"--to-path={to_dir}", "--overwrite-destination=true"]
    _admin(home, args, heap="512m", lib_dir=lib_dir)
    return to_dir / f"{database}.dump"
