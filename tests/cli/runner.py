"""Run the ``ownergraph`` command as a user does: a separate process, output captured."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

OWNERGRAPH = [sys.executable, "-m", "cli"]


def run(env: dict[str, str], *args: str | Path | int) -> subprocess.CompletedProcess[str]:
    """``ownergraph ARGS…`` with ``env``; stdout and stderr as text."""
    return subprocess.run(
        [*OWNERGRAPH, *map(str, args)], env=env, capture_output=True, text=True, timeout=300
    )
