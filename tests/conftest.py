"""Shared fixtures: one real Neo4j server for the whole test session, and the app fixture graph
(tests/data/app/: 4 MSFT Form 4s, joint filings of Fractyl and Adagio by Thiel's funds, and
the PDEX joint full submission) that the read queries and the pages are tested on.

By default the session starts its own local Neo4j (graph/server.py) on free ports in a temporary
data dir, with auth off, and stops it at the end. With NEO4J_URI set the tests use that server
instead (NEO4J_USER/NEO4J_PASSWORD/NEO4J_DATABASE too) — and `clean_graph` empties its database,
so point it only at a throwaway one. A server that cannot start fails the tests; nothing skips.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import neo4j
import pytest
import streamlit as st

import server
from graph.db import Settings, connect, resolve_settings
from graph.load.pipeline import ingest_paths
from tests.paths import DATA

pytest_plugins = ("tests.edgar_fetch.fixtures",)  # the local EDGAR, for every fetch test

# In batches: one transaction for a 100 k-element graph (the bulk test's) exceeds the test
# server's transaction memory.
DELETE_EVERYTHING = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS"


def empty_graph(driver: neo4j.Driver, database: str) -> None:
    """Delete every node and relationship (the schema stays), batch by batch."""
    with driver.session(database=database) as session:
        session.run(DELETE_EVERYTHING).consume()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def free_port() -> Callable[[], int]:
    """Call it for a TCP port on 127.0.0.1 that nothing listens on right now."""
    return _free_port


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Settings]:
    """Connection settings of the session's Neo4j (started here unless NEO4J_URI is set)."""
    if os.environ.get("NEO4J_URI"):
        yield resolve_settings()
        return
    server.install()
    data_dir = tmp_path_factory.mktemp("neo4j")
    local = _start_on_free_ports(data_dir)
    try:
        yield Settings(uri=local.uri, password=None)
    finally:
        server.stop(data_dir)


def _start_on_free_ports(data_dir: Path, attempts: int = 3) -> server.LocalServer:
    """Start with auth off; retry on new ports if another process grabbed ours meanwhile."""
    for attempt in range(attempts):
        try:
            return server.start(
                data_dir,
                bolt_port=_free_port(),
                http_port=_free_port(),
                auth=False,
                heap="1g",
                timeout=300,  # a loaded CI machine may need more than the default 120 s
            )
        except server.ServerError as e:
            if "already in use" not in str(e) or attempt == attempts - 1:
                raise
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_server: Settings) -> Iterator[neo4j.Driver]:
    """One driver for the session, connected to `neo4j_server`."""
    driver = connect(neo4j_server)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def clean_graph(neo4j_driver: neo4j.Driver, neo4j_server: Settings) -> neo4j.Driver:
    """The session driver after deleting every node and relationship (schema is kept)."""
    empty_graph(neo4j_driver, neo4j_server.database)
    return neo4j_driver


APP_DATA = DATA / "app"
FILINGS = 7


def _loaded(driver: neo4j.Driver, database: str) -> bool:
    records, _, _ = driver.execute_query(
        "CALL () { MATCH (f:Filing) RETURN count(f) AS n } "
        "CALL () { MATCH (f:Filing {accession: '0001079973-25-000129'}) RETURN count(f) AS pdex } "
        "RETURN n, pdex",
        database_=database,
    )
    return (records[0]["n"], records[0]["pdex"]) == (FILINGS, 1)


@pytest.fixture
def app_graph(neo4j_driver: neo4j.Driver, neo4j_server: Settings) -> neo4j.Driver:
    """The test graph holding exactly the app fixtures (reloaded if another test wiped it)."""
    if not _loaded(neo4j_driver, neo4j_server.database):
        empty_graph(neo4j_driver, neo4j_server.database)
        summary = ingest_paths(neo4j_driver, [APP_DATA], database=neo4j_server.database)
        assert (summary.filings_loaded, summary.rejected) == (FILINGS, [])
        st.cache_data.clear()
    return neo4j_driver
