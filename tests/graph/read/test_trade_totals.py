"""A side's headline totals read from the read model equal the totals counted from the rows,
for every entity of tests/data/app/ (loaded into the real test Neo4j), and the first page of a
side is its newest rows. Nadella's figures are read off his Form 4 (tests/graph/read/nadella.py)."""

from __future__ import annotations

import neo4j
import pytest

from graph.db import Graph, Settings
from graph.load.upgrade import MODEL_VERSION, SET_VERSION
from graph.read.filters import GraphFilters
from graph.read.trades import TradeTotals, trade_totals, transactions
from tests.graph.read.nadella import MSFT, NADELLA, SALES


@pytest.fixture
def graph(app_graph: neo4j.Driver, neo4j_server: Settings) -> Graph:
    return Graph(app_graph, neo4j_server.database)


def _every_total(graph: Graph) -> dict[tuple[str, str], TradeTotals]:
    ciks = [str(r["cik"]) for r in graph.read("MATCH (e:Entity) RETURN e.cik AS cik")]
    return {
        (cik, side): trade_totals(graph, cik, GraphFilters(), side)
        for cik in ciks
        for side in ("in", "by")
    }


def test_totals_from_the_read_model_are_the_totals_of_the_rows(
    graph: Graph, app_graph: neo4j.Driver
) -> None:
    from_summaries = _every_total(graph)
    # Without the model version the graph reads as one from before the summaries: from rows.
    # (A connection remembers a version it saw, so a fresh one reads the old graph.)
    app_graph.execute_query("MATCH (m:Model) DELETE m")
    try:
        assert _every_total(Graph(graph.driver, graph.database)) == from_summaries
    finally:
        app_graph.execute_query(SET_VERSION, version=MODEL_VERSION)
    nadella = from_summaries[(NADELLA, "by")]
    assert nadella.sells == pytest.approx(sum(s * p for s, p in SALES))


def test_a_page_is_the_newest_rows_and_pages_do_not_overlap(graph: Graph) -> None:
    everything = transactions(graph, MSFT, GraphFilters(), "in", limit=1000)
    first = transactions(graph, MSFT, GraphFilters(), "in", limit=3)
    second = transactions(graph, MSFT, GraphFilters(), "in", skip=3, limit=3)
    assert [r.row for r in first + second] == [r.row for r in everything[:6]]
    dates = [r.date or "" for r in everything]
    assert dates == sorted(dates, reverse=True)
