"""``ownergraph ingest --bulk`` builds the graph the online path builds, and refuses to replace
anything but the empty database of the local server.

The bulk load stops and restarts its server, so it gets one of its own (a temporary data dir on
free ports); the online load goes into the session's server. The corpus is the seeded scale
corpus of bench/scale (SEC quarterly data sets).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from neo4j import Driver

import server
from bench.scale.__main__ import main as generate
from graph.db import Settings, connect
from graph.load.bulk import bulk_ingest, spill
from graph.load.pipeline import ingest_paths
from tests.cli.runner import run
from tests.graph_snapshot import SnapshotItem, counts, snapshot
from tests.paths import SAMPLE

FILINGS = int(os.environ.get("OWNERGRAPH_BULK_TEST_FILINGS", "20000"))


@pytest.fixture(scope="module")
def bulk_server(
    tmp_path_factory: pytest.TempPathFactory, free_port: Callable[[], int]
) -> Iterator[server.LocalServer]:
    """A local server of the module's own, auth off, in a temporary data dir."""
    data_dir = tmp_path_factory.mktemp("bulk-neo4j")
    local = server.start(
        data_dir,
        bolt_port=free_port(),
        http_port=free_port(),
        auth=False,
        heap="1g",
        timeout=600,  # a busy CI machine can take minutes to start a JVM
    )
    try:
        yield local
    finally:
        server.stop(data_dir)


def _emptied(local: server.LocalServer) -> server.LocalServer:
    """The module's server (as running now: a bulk load restarts it) with no nodes left."""
    now = server.status(local.data_dir)
    assert now is not None
    with connect(Settings(uri=now.uri)) as driver:
        driver.execute_query("MATCH (n) DETACH DELETE n")
    return now


Snapshot = tuple[dict[str, object], dict[str, int], list[SnapshotItem]]


def _bulk_snapshot(local: server.LocalServer, paths: list[Path]) -> Snapshot:
    summary = bulk_ingest(paths, data_dir=_emptied(local).data_dir, workers=2)
    now = server.status(local.data_dir)
    assert now is not None
    with connect(Settings(uri=now.uri)) as driver:
        return summary.as_json() | {"seconds": None}, counts(driver), snapshot(driver)


def _online_snapshot(driver: Driver, paths: list[Path]) -> Snapshot:
    summary = ingest_paths(driver, paths)
    return summary.as_json() | {"seconds": None}, counts(driver), snapshot(driver)


@pytest.mark.timeout(1800)  # two loads of 20 k filings and two JVM starts: minutes on a busy CI
def test_bulk_and_online_build_the_same_graph_from_the_scale_corpus(
    clean_graph: Driver, bulk_server: server.LocalServer, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    args = ["--filings", str(FILINGS), "--seed", "7", "--quarters", "8", "--out", str(out)]
    assert generate(args) == 0
    zips = sorted(out.glob("*_form345.zip"))
    online_summary, online_counts, online = _online_snapshot(clean_graph, zips)
    bulk_summary, bulk_counts, bulk = _bulk_snapshot(bulk_server, zips)
    assert bulk_summary == online_summary
    assert bulk_counts == online_counts  # nodes per label, relationships per type
    assert online_counts[":Filing"] == FILINGS
    assert bulk == online  # every label, type, key and property of every node and edge


def test_bulk_and_online_agree_on_the_real_sample_filings(
    clean_graph: Driver, bulk_server: server.LocalServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Real XML: joint filings, amendments, and 11 full submissions repeating bare documents."""
    monkeypatch.setattr(spill, "HOT_LIMIT", 1)  # every merged entry goes through SQLite
    online_summary, online_counts, online = _online_snapshot(clean_graph, [SAMPLE])
    bulk_summary, bulk_counts, bulk = _bulk_snapshot(bulk_server, [SAMPLE])
    assert online_summary == bulk_summary
    assert (bulk_summary["filings_loaded"], bulk_summary["filings_skipped"]) == (503, 11)
    assert bulk_counts == online_counts
    assert bulk == online


def test_bulk_refuses_a_database_that_holds_a_graph(bulk_server: server.LocalServer) -> None:
    local = server.status(bulk_server.data_dir)
    assert local is not None
    with connect(Settings(uri=local.uri)) as driver:
        driver.execute_query("MERGE (:Entity {cik: '0000000001'})")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    done = run(env, "ingest", "--bulk", SAMPLE, "--data-dir", local.data_dir)
    assert done.returncode == 2
    assert done.stderr == (
        f"error: --bulk loads only into an empty database, and 'neo4j' at {local.uri} holds a"
        " graph: load more with `ownergraph ingest` (without --bulk)\n"
    )
    assert server.status(local.data_dir) == local  # still running, not restarted


def test_bulk_refuses_a_server_that_is_not_the_local_one(
    bulk_server: server.LocalServer, neo4j_server: Settings
) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env["NEO4J_URI"] = neo4j_server.uri
    done = run(env, "ingest", "--bulk", SAMPLE, "--data-dir", bulk_server.data_dir)
    assert done.returncode == 2
    local = server.status(bulk_server.data_dir)
    assert local is not None
    assert done.stderr == (
        f"error: --bulk loads only into the local server ({local.uri}), not {neo4j_server.uri}\n"
    )


def test_bulk_refuses_when_no_local_server_runs(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    done = run(env, "ingest", "--bulk", SAMPLE, "--data-dir", tmp_path)
    assert done.returncode == 2
    assert done.stderr == (
        f"error: --bulk loads into the local server, and none runs from {tmp_path.resolve()}:"
        " start it with `ownergraph db start`\n"
    )


def test_db_dump_writes_the_stopped_servers_graph(bulk_server: server.LocalServer) -> None:
    """Last in this module: it stops the module's server (the fixture's stop is then a no-op)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    home = bulk_server.data_dir
    running = server.status(home)
    assert running is not None
    refused = run(env, "db", "dump", "--data-dir", home, "--to", home / "dumps")
    assert (refused.returncode, refused.stderr) == (
        2,
        f"error: Neo4j is running (pid {running.pid}): stop it first with `ownergraph db stop`\n",
    )
    server.stop(home)
    done = run(env, "db", "dump", "--data-dir", home, "--to", home / "dumps")
    assert done.returncode == 0, done.stderr
    dump = home / "dumps" / "neo4j.dump"
    assert done.stdout == f"{dump} ({dump.stat().st_size:,} bytes)\n"
    assert dump.stat().st_size > 0
