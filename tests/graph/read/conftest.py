"""A hub built by the scale generator (bench/scale/hub.py), loaded into the real test Neo4j."""

from __future__ import annotations

import pytest
from neo4j import Driver

from bench.scale.hub import build_hub
from graph.db import Graph, Settings
from graph.load.pipeline import ingest_paths
from tests.conftest import empty_graph

INSIDERS = 260


@pytest.fixture(scope="module")
def hub_graph(
    neo4j_driver: Driver, neo4j_server: Settings, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Graph, str]:
    """The hub issuer (INSIDERS insiders, 3,000 rows) and a fund in 20 issuers: (graph, issuer)."""
    empty_graph(neo4j_driver, neo4j_server.database)
    hub = build_hub(
        tmp_path_factory.mktemp("hub"), insiders=INSIDERS, rows=3000, fund_issuers=20, seed=5
    )
    summary = ingest_paths(neo4j_driver, hub.paths, database=neo4j_server.database)
    assert summary.rejected == []
    return Graph(neo4j_driver, neo4j_server.database), hub.issuer_cik
