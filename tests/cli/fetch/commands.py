"""Run ``ownergraph`` as a user does, and read what fetch leaves behind."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.edgar_fetch.site import FILINGS
from tests.graph_snapshot import SnapshotItem

OWNERGRAPH = [sys.executable, "-m", "cli"]
Q1_2025 = [f for f in FILINGS if f.filed.year == 2025]  # 7 filings in one full index


def run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*OWNERGRAPH, *args], env=env, capture_output=True, text=True, timeout=300
    )


def last_json(done: subprocess.CompletedProcess[str]) -> dict[str, object]:
    return json.loads(done.stdout.strip().splitlines()[-1])


def cached(env: dict[str, str]) -> set[str]:
    root = Path(env["OWNERGRAPH_CACHE"])
    return {p.stem for p in root.rglob("*.txt") if ".meta" not in p.parts}


def without_source(graph: list[SnapshotItem]) -> list[SnapshotItem]:
    """A snapshot without the Filing's `source` (the path it was read from differs)."""

    def strip(part: object) -> object:
        if isinstance(part, tuple) and part and isinstance(part[0], tuple):
            return tuple(p for p in part if p[0] != "source")
        return part

    return sorted((tuple(strip(part) for part in item) for item in graph), key=repr)
