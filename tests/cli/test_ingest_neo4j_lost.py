"""Neo4j dies mid-ingest (audit 2b): the server process of a throwaway server (not the
session's) is SIGKILLed while ``ownergraph ingest --json`` loads the bundled real sample. The
run ends with one ``error:`` line and exit 2, no driver log line on stderr, and a JSON summary
of the filings committed before the loss, which the server really holds after a restart."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import server
from graph.db import Settings, connect
from tests.cli.runner import OWNERGRAPH
from tests.graph_snapshot import count
from tests.paths import SAMPLE


@pytest.fixture
def throwaway(tmp_path: Path, free_port: Callable[[], int]) -> Iterator[server.LocalServer]:
    data_dir = tmp_path / "throwaway"
    local = server.start(
        data_dir,
        bolt_port=free_port(),
        http_port=free_port(),
        auth=False,
        heap="512m",
        pagecache="128m",
        timeout=300,
    )
    yield local
    server.stop(data_dir)


def committed(uri: str) -> int:
    driver = connect(Settings(uri=uri, password=None))
    try:
        return count(driver, "MATCH (f:Filing) RETURN count(f)")
    finally:
        driver.close()


def test_losing_neo4j_mid_ingest_is_one_line_exit_2_and_a_json_summary(
    throwaway: server.LocalServer,
) -> None:
    env = {**os.environ, "NEO4J_URI": throwaway.uri, "NEO4J_DATABASE": "neo4j"}
    env.pop("NEO4J_PASSWORD", None)
    ingest = subprocess.Popen(
        [*OWNERGRAPH, "ingest", str(SAMPLE), "--json", "--batch-size", "5"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 240
    while (seen := committed(throwaway.uri)) < 20:
        assert ingest.poll() is None and time.monotonic() < deadline, "ingest ended too soon"
        time.sleep(0.2)
    os.kill(throwaway.pid, signal.SIGKILL)
    stdout, stderr = ingest.communicate(timeout=240)

    assert ingest.returncode == 2, stderr
    (line,) = stderr.splitlines()
    assert line.startswith("error: lost the connection to Neo4j while loading: ")
    assert line.endswith("loaded before the loss are kept; run the same command again to go on)")
    summary = json.loads(stdout.strip().splitlines()[-1])
    assert summary["error"].startswith("lost the connection to Neo4j while loading")
    # a batch of 5 may have committed without the ingest hearing back before the kill
    assert seen - 5 <= summary["filings_loaded"] < 503

    restarted = server.start(
        throwaway.data_dir,
        bolt_port=throwaway.bolt_port,
        http_port=throwaway.http_port,
        auth=False,
        heap="512m",
        pagecache="128m",
        timeout=300,
    )
    # every committed batch survived; the batch in flight may have committed just before
    assert summary["filings_loaded"] <= committed(restarted.uri) <= summary["filings_loaded"] + 5
