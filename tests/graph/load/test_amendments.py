"""An amendment supersedes its original, whatever the load order.

The pair is real: Citigroup's Jane Fraser reported 1,055,000 options on 2025-10-22 (Form 4) and
amended it (4/A, dateOfOriginalSubmission 2025-10-22) to 1,000,000 options; both documents also
restate the 259,605.4-share award of common stock (Table I).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest
from neo4j import Driver

from graph.db import Graph
from graph.load.pipeline import ingest_paths
from graph.read import positions, trades
from graph.read.filters import GraphFilters
from tests.graph_snapshot import SnapshotItem, count, snapshot
from tests.paths import DATA

ORIGINAL = DATA / "graph" / "c_4_2025-10-22_d91aeb8e.xml"
AMENDMENT = DATA / "graph" / "c_4a_2025-10-22_69eee934.xml"
FRASER = "0001644491"
ORDERS = {"original first": [ORIGINAL, AMENDMENT], "amendment first": [AMENDMENT, ORIGINAL]}


def _load(driver: Driver, paths: Sequence[str | Path]) -> None:
    for path in paths:
        ingest_paths(driver, [path])


@pytest.mark.parametrize("order", ORDERS, ids=list(ORDERS))
def test_the_original_is_superseded_by_its_amendment(clean_graph: Driver, order: str) -> None:
    _load(clean_graph, ORDERS[order])
    records, _, _ = clean_graph.execute_query(
        "MATCH (a:Filing)-[m:AMENDS]->(o:Filing) "
        "RETURN a.form AS amendment, o.form AS original, m.matched_by AS matched_by, "
        "o.superseded_by = a.accession AS superseded, a.superseded_by IS NULL AS current"
    )
    assert [dict(r) for r in records] == [
        {
            "amendment": "4/A",
            "original": "4",
            "matched_by": "original_submission+issuer+owner+period",
            "superseded": True,
            "current": True,
        }
    ]
    # The original's two rows are flagged; the amendment's two are not.
    flagged = "MATCH ()-[r:TRANSACTED]->() WHERE r.superseded RETURN count(r)"
    assert count(clean_graph, flagged) == 2
    assert count(clean_graph, "MATCH ()-[r:TRANSACTED]->() RETURN count(r)") == 4


@pytest.mark.parametrize("order", ORDERS, ids=list(ORDERS))
def test_totals_and_positions_leave_the_superseded_original_out(
    clean_graph: Driver, order: str
) -> None:
    _load(clean_graph, ORDERS[order])
    graph = Graph(clean_graph, "neo4j")
    rows = trades.transactions(graph, FRASER, GraphFilters(), side="by")
    assert sorted((r.security, r.shares) for r in rows) == [
        ("Common Stock", 259605.4),
        ("Employee Stock Options (Right to Buy)", 1000000.0),
    ]
    held = {p.security: p.shares for p in positions.positions(graph, FRASER)}
    assert held == {
        "Common Stock": 886023.62,
        "Employee Stock Options (Right to Buy)": 1000000.0,
    }


def _model(driver: Driver) -> list[SnapshotItem]:
    # ISSUED_BY records the first filing seen to name a security, which depends on the order.
    return [item for item in snapshot(driver) if item[:2] != ("rel", "ISSUED_BY")]


def test_both_orders_give_the_same_graph(clean_graph: Driver) -> None:
    _load(clean_graph, ORDERS["original first"])
    first = _model(clean_graph)
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    _load(clean_graph, ORDERS["amendment first"])
    assert _model(clean_graph) == first
