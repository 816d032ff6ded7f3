"""The transactions timeline on the real test Neo4j loaded with tests/data/app/: marks per
insider and code by day, weekly when dense, and a share-weighted price line. Expected values
are read off msft_4_2025-09-02_60e7329a.xml (Nadella) and the three other MSFT Form 4s."""

from __future__ import annotations

import neo4j
import pytest

from graph.db import Graph, Settings
from graph.read.filters import GraphFilters
from graph.read.timeline import timeline
from tests.graph.read.nadella import MSFT, SALES, TAX


@pytest.fixture
def graph(app_graph: neo4j.Driver, neo4j_server: Settings) -> Graph:
    return Graph(app_graph, neo4j_server.database)


def test_daily_marks_per_insider_and_code(graph: Graph) -> None:
    line = timeline(graph, MSFT, GraphFilters())
    # 8 + 1 + 1 + 1 non-derivative rows, and List's derivative grant (stock units, 2025-09-11)
    assert not line.weekly and line.rows == 12
    sales = next(m for m in line.marks if m.code == "S")
    assert (sales.start, sales.insider, sales.trades) == ("2025-09-03", "Nadella Satya", 6)
    assert sales.shares == pytest.approx(sum(s for s, _ in SALES))
    assert sales.value == pytest.approx(-sum(s * p for s, p in SALES))
    grants = {(m.start, m.insider) for m in line.marks if m.code == "A"}
    assert grants == {
        ("2025-09-02", "Nadella Satya"),
        ("2025-09-10", "List Teri"),
        ("2025-09-11", "List Teri"),
        ("2025-09-15", "Hood Amy"),
        ("2025-09-15", "SMITH BRADFORD L"),
    }
    prices = dict(line.prices)  # grants at $0 carry no price
    assert set(prices) == {"2025-09-02", "2025-09-03"} and prices["2025-09-02"] == TAX[1]


def test_weekly_when_dense(graph: Graph) -> None:
    line = timeline(graph, MSFT, GraphFilters(), dense=3)  # 5 trade days: dense
    assert line.weekly
    nadella = {m.code: m for m in line.marks if m.insider == "Nadella Satya"}
    assert {m.start for m in nadella.values()} == {"2025-09-01"}  # the Monday
    assert nadella["S"].trades == 6 and nadella["F"].value == pytest.approx(-TAX[0] * TAX[1])
    trades = [*SALES, TAX]
    weighted = sum(s * p for s, p in trades) / sum(s for s, _ in trades)
    assert dict(line.prices) == {"2025-09-01": pytest.approx(weighted)}
    teri = [m for m in line.marks if m.insider == "List Teri"]
    assert [(m.start, m.trades) for m in teri] == [("2025-09-08", 2)]  # 09-10 and 09-11
