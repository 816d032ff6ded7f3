"""The transactions timeline on the real test Neo4j loaded with tests/data/app/: marks per
insider and code by day, weekly when dense, and a share-weighted price line. Expected values
are read off msft_4_2025-09-02_60e7329a.xml (Nadella) and the three other MSFT Form 4s, and off
the 16 LinkedIn Form 4s of tests/data/timeline/ (all filed jointly by Reid Hoffman and his
trust), parsed here with lxml."""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta
from pathlib import Path

import neo4j
import pytest
from lxml import etree

from graph.db import Graph, Settings
from graph.load.pipeline import ingest_paths
from graph.read.filters import GraphFilters
from graph.read.timeline import TIMELINE_MARKS, timeline
from tests.conftest import empty_graph
from tests.graph.read.nadella import MSFT, SALES, TAX
from tests.paths import DATA

LNKD = "0001271024"
JOINT = "Hoffman Reid, Reid Hoffman & Michelle Yee Living Trust"


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


def _xml_rows() -> list[tuple[date, str, float]]:
    """(date, code, shares) of every transaction row of the LinkedIn filings, off the XML."""
    found = []
    for path in sorted((DATA / "timeline").glob("*.xml")):
        doc = etree.parse(str(path))
        for row in doc.xpath("//nonDerivativeTransaction | //derivativeTransaction"):
            day = date.fromisoformat(row.findtext("transactionDate/value").strip()[:10])
            shares = row.findtext("transactionAmounts/transactionShares/value")
            code = row.findtext("transactionCoding/transactionCode").strip()
            found.append((day, code, float(shares) if shares else 0.0))
    return found


@pytest.fixture
def lnkd(neo4j_driver: neo4j.Driver, neo4j_server: Settings) -> Graph:
    empty_graph(neo4j_driver, neo4j_server.database)
    paths: list[Path] = sorted((DATA / "timeline").glob("*.xml"))
    summary = ingest_paths(neo4j_driver, paths, database=neo4j_server.database)
    assert (summary.filings_loaded, summary.rejected) == (16, [])
    return Graph(neo4j_driver, neo4j_server.database)


def test_weekly_marks_of_joint_filings_match_the_xml(lnkd: Graph) -> None:
    rows = _xml_rows()
    line = timeline(lnkd, LNKD, GraphFilters(), dense=len({d for d, _, _ in rows}) - 1)
    assert line.weekly and line.rows == len(rows)  # each joint row once, not once per owner
    assert {m.insider for m in line.marks} == {JOINT}
    trades: Counter[tuple[str, str]] = Counter()
    shares: defaultdict[tuple[str, str], float] = defaultdict(float)
    for day, code, amount in rows:
        week = (day - timedelta(days=day.weekday())).isoformat()
        trades[week, code] += 1
        shares[week, code] += amount
    assert {(m.start, m.code): m.trades for m in line.marks} == trades
    assert {(m.start, m.code): m.shares for m in line.marks} == pytest.approx(dict(shares))


def test_the_query_returns_one_entry_per_trade_day_not_the_rows(lnkd: Graph) -> None:
    rows = _xml_rows()
    params = {"cik": LNKD, "side": "in", "dense": 10_000, **GraphFilters().params()}
    found = lnkd.read(TIMELINE_MARKS, **params)
    assert len(found) == 1  # one record, holding one entry per day
    days = found[0].rows("rows")
    assert [d.string("start") for d in days] == sorted({d.isoformat() for d, _, _ in rows})
    per_day = Counter((d.isoformat(), c) for d, c, _ in rows)
    assert sum(len(d.rows("marks")) for d in days) == len(per_day) < len(rows)
