"""Bounded views on a hub built by the scale generator (bench/scale/hub.py) and loaded into the
real test Neo4j: at most the asked-for nodes, the rest behind one "N more" node, the top by
traded value kept, one aggregated edge per owner and security, the layout well under a second.
Expected counts come from plain Cypher over the loaded graph, not from the code under test."""

from __future__ import annotations

import time

import pytest
from neo4j import Driver

from explorer.layout import layout
from graph.db import Graph
from graph.load.upgrade import MODEL_VERSION, SET_VERSION
from graph.read.filters import GraphFilters
from graph.read.view.neighbourhood import DEFAULT_LIMIT, MAX_LIMIT, neighbourhood
from tests.graph.read.conftest import INSIDERS
from tests.graph_snapshot import count

NEIGHBOURS = """
MATCH (i:Issuer {cik: $cik})
CALL (i) { MATCH (o:Owner)-[:INSIDER_OF]->(i) RETURN count(DISTINCT o) AS owners }
CALL (i) {
  MATCH (:Owner)-[:INSIDER_OF]->(i)
  MATCH (o:Owner)-[:TRANSACTED|HOLDS]->(s:Security)-[:ISSUED_BY]->(i)
  WHERE (o)-[:INSIDER_OF]->(i)
  RETURN count(DISTINCT s) AS securities
}
RETURN owners + securities
"""
OWNER_VALUES = """
MATCH (o:Owner)-[r:TRANSACTED]->(:Security)-[:ISSUED_BY]->(:Issuer {cik: $cik})
RETURN o.cik AS cik, sum(coalesce(r.value, 0)) AS value
"""


def test_a_hub_shows_the_default_number_of_nodes_and_one_more_node(
    hub_graph: tuple[Graph, str], neo4j_driver: Driver
) -> None:
    graph, cik = hub_graph
    assert (
        count(neo4j_driver, "MATCH (o)-[:INSIDER_OF]->({cik: $cik}) RETURN count(o)", cik=cik)
        == INSIDERS
    )
    neighbours = count(neo4j_driver, NEIGHBOURS, cik=cik)
    sub = neighbourhood(graph, cik, GraphFilters())
    more = [n for n in sub.nodes if n.kind == "more"]
    assert len(sub.nodes) == DEFAULT_LIMIT and len(more) == 1
    assert more[0].more == sub.hidden == 1 + neighbours - (DEFAULT_LIMIT - 1)
    assert more[0].label == f"{sub.hidden:,} more"
    pairs = [(e.source, e.target) for e in sub.edges if e.kind == "trade"]
    assert pairs and len(pairs) == len(set(pairs))  # one aggregated edge per owner and security


def test_the_owners_kept_traded_more_than_any_owner_left_out(
    hub_graph: tuple[Graph, str], neo4j_driver: Driver
) -> None:
    graph, cik = hub_graph
    records, _, _ = neo4j_driver.execute_query(OWNER_VALUES, cik=cik)
    values = {r["cik"]: r["value"] for r in records}
    drawn = {n.id for n in neighbourhood(graph, cik, GraphFilters()).nodes}
    kept = [v for c, v in values.items() if c in drawn]
    left = [v for c, v in values.items() if c not in drawn]
    assert kept and left and min(kept) >= max(left)


def test_more_raises_the_bound_but_never_past_the_cap(hub_graph: tuple[Graph, str]) -> None:
    graph, cik = hub_graph
    wide = neighbourhood(graph, cik, GraphFilters(), limit=10_000)
    assert len(wide.nodes) <= MAX_LIMIT
    assert wide.hidden == 0 and len(wide.nodes) > INSIDERS + 1


def _drawn(graph: Graph, cik: str, limit: int) -> tuple[list, dict, int]:
    """Nodes, edges and hidden count of a view; shares and values summed in any order."""
    sub = neighbourhood(graph, cik, GraphFilters(), limit=limit)
    nodes = sorted((n.id, n.kind, n.label) for n in sub.nodes)
    edges = {
        (e.source, e.target, e.kind, e.code, e.count, e.roles): (e.shares, e.value)
        for e in sub.edges
    }
    return nodes, edges, sub.hidden


@pytest.mark.parametrize("limit", [DEFAULT_LIMIT, MAX_LIMIT])
def test_the_view_from_summaries_is_the_view_from_rows(
    hub_graph: tuple[Graph, str], neo4j_driver: Driver, limit: int
) -> None:
    graph, cik = hub_graph
    from_summaries = _drawn(graph, cik, limit)
    # Without the model version the graph reads as one from before the summaries: from rows.
    # (A connection remembers a version it saw, so a fresh one reads the old graph.)
    neo4j_driver.execute_query("MATCH (m:Model) DELETE m")
    try:
        nodes, edges, hidden = _drawn(Graph(graph.driver, graph.database), cik, limit)
    finally:
        neo4j_driver.execute_query(SET_VERSION, version=MODEL_VERSION)
    assert (nodes, hidden) == (from_summaries[0], from_summaries[2])
    assert edges == {key: pytest.approx(sums) for key, sums in from_summaries[1].items()}


def test_the_default_layout_of_the_biggest_view_is_well_under_a_second(
    hub_graph: tuple[Graph, str],
) -> None:
    graph, cik = hub_graph
    sub = neighbourhood(graph, cik, GraphFilters(), limit=MAX_LIMIT)
    started = time.perf_counter()
    positions = layout(sub, "spring", seed=7)
    assert len(positions) == len(sub.nodes)
    assert time.perf_counter() - started < 1.0
