"""Everything works through a routing ``neo4j://`` URI, as against a cluster or Aura: the ingest
writes as writes, the named reads go through ``Graph.read`` as routed reads (here the local
server is its own routing table), and a page's reads see what was written.
"""

from __future__ import annotations

from neo4j import Driver

from graph.db import Graph, Settings, connect
from graph.load.pipeline import ingest_paths
from graph.read.positions import positions
from graph.read.search import search_entities
from tests.paths import DATA

NADELLA, MSFT = "0001513142", "0000789019"
FILING = DATA / "app" / "msft_4_2025-09-02_60e7329a.xml"


def test_ingest_and_reads_through_a_neo4j_uri(clean_graph: Driver, neo4j_server: Settings) -> None:
    routed = neo4j_server.uri.replace("bolt://", "neo4j://")
    assert routed.startswith("neo4j://127.0.0.1:")
    settings = Settings(routed, neo4j_server.user, neo4j_server.password, neo4j_server.database)
    with connect(settings) as driver:
        summary = ingest_paths(driver, [FILING], database=settings.database)
        graph = Graph(driver, settings.database)
        hits = search_entities(graph, "Nadella")
        held = positions(graph, MSFT)
        count = graph.read("MATCH ()-[r:TRANSACTED]->() RETURN count(r) AS n")
    assert (summary.filings_loaded, summary.rejected) == (1, [])
    assert [(h.cik, h.name) for h in hits] == [(NADELLA, "Nadella Satya")]
    # the XML's last direct row: 790852.378 shares after; the GRAT holding: 109720 indirect
    assert sorted((p.owner_cik, p.direct_indirect, p.nature, p.shares) for p in held) == [
        (NADELLA, "D", "", 790852.378),
        (NADELLA, "I", "By GRAT", 109720.0),
    ]
    assert count[0]["n"] == 8  # its eight nonDerivativeTransaction rows
