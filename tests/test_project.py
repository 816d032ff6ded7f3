"""The project as a newcomer meets it: the package builds cleanly with everything it needs,
and `make lint` checks formatting without downloading Neo4j."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.paths import ROOT


def test_the_wheel_builds_without_warnings_and_carries_the_server_files(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "Warning" not in done.stderr
    [wheel] = tmp_path.glob("ownergraph-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"app.py", "server/pom.xml", "server/neo4j.conf.template", "cli/main.py"} <= names
    assert {"graph/load/write.py", "graph/cypher/guard.py", "explorer/link.py"} <= names
    assert not any(name.startswith(("tests/", "bench/")) for name in names)


def _make_dry_run(target: str) -> str:
    done = subprocess.run(
        ["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_make_lint_checks_formatting_and_needs_no_neo4j() -> None:
    lint = _make_dry_run("lint")
    assert "ruff format --check" in lint and "mypy" in lint
    assert "db install" not in lint and "mvn" not in lint


def test_make_test_runs_the_lint_including_formatting() -> None:
    assert "ruff format --check" in _make_dry_run("test")
