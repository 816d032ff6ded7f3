"""Fixtures of the explorer's tests: the real test Neo4j loaded with the real filings of
tests/data/app/ (4 MSFT Form 4s, joint filings of Fractyl and Adagio by Thiel's funds, and the
PDEX joint full submission), and the app pointed at it through NEO4J_* variables."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
import streamlit as st

from graph.connection import Settings
from graph.pipeline import ingest_paths

DATA = Path(__file__).resolve().parents[1] / "data" / "app"
APP = str(Path(__file__).resolve().parents[2] / "app.py")
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
        neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=neo4j_server.database)
        summary = ingest_paths(neo4j_driver, [DATA], database=neo4j_server.database)
        assert (summary.filings_loaded, summary.rejected) == (FILINGS, [])
        st.cache_data.clear()
    return neo4j_driver


@pytest.fixture
def app_env(
    app_graph: neo4j.Driver, neo4j_server: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """NEO4J_* variables of the test server for the app; caches start empty."""
    monkeypatch.setenv("NEO4J_URI", neo4j_server.uri)
    monkeypatch.setenv("NEO4J_DATABASE", neo4j_server.database)
    monkeypatch.setenv("NEO4J_USER", neo4j_server.user)
    if neo4j_server.password:
        monkeypatch.setenv("NEO4J_PASSWORD", neo4j_server.password)
    else:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    st.cache_resource.clear()
    yield neo4j_server
    st.cache_resource.clear()
