"""Running totals (graph/load/readmodel/totals.py): each batch adds what its filings bring and
takes away what an amendment supersedes, in whole cents, so the totals equal a count from
scratch in any load order. Expected values are read off the XML in tests/data/graph/."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from neo4j import Driver

from graph.cents import ROW_CENTS, cents
from graph.load.pipeline import ingest_paths
from graph.load.readmodel.summaries import refresh_all_counts
from tests.graph_snapshot import snapshot
from tests.paths import DATA

GRAPH = DATA / "graph"
PDEX = "0000788920"
PDEX_OWNERS = ("0001058465", "0001361476")  # the joint filers of its Form 4
CITI = "0000831001"
CITI_4, CITI_4A = GRAPH / "c_4_2025-10-22_d91aeb8e.xml", GRAPH / "c_4a_2025-10-22_69eee934.xml"

TOTALS = """
MATCH (e:Entity)
RETURN e.cik AS cik, [e.trade_rows_in, e.buys_in_cents, e.sells_in_cents,
       e.trade_rows_by, e.buys_by_cents, e.sells_by_cents] AS totals ORDER BY cik
"""
PRICES = """
MATCH (s:Security)
RETURN s.id AS id, [s.last_price, s.last_price_date, s.last_price_accession, s.last_price_seq]
       AS price ORDER BY id
"""
COUNTED = "MATCH (f:Filing) RETURN f.form AS form, f.in_totals AS counted ORDER BY form"


def _read(driver: Driver, query: str) -> dict[str, list[object]]:
    records, _, _ = driver.execute_query(query, database_="neo4j")
    return {str(r[0]): list(r[1]) for r in records}


@pytest.mark.parametrize(
    "value",
    [0.0, 0.005, 0.015, 1.005, 2.675, 41.44 * 1436, 42.0 * 835, 123456.785, 1e13, 2e13, 1e15],
)
def test_a_value_in_cents_is_the_same_in_python_and_in_cypher(
    clean_graph: Driver, value: float
) -> None:
    # A filing's share is counted in Python (batch.filing_totals), a row's in Cypher (from
    # scratch, and the transactions page's filtered totals): they must round alike.
    (record,), _, _ = clean_graph.execute_query(
        "WITH {value: $value} AS r RETURN " + ROW_CENTS + " AS cents",
        value=value,
        database_="neo4j",
    )
    assert record["cents"] == cents(value)


def test_a_joint_filings_sales_count_once_for_the_issuer_and_once_for_each_owner(
    clean_graph: Driver,
) -> None:
    ingest_paths(clean_graph, sorted(GRAPH.glob("pdex_*")))  # the submission and its document
    totals = _read(clean_graph, TOTALS)
    # Two S rows: 835 sh at $42.00 and 1,436 sh at $41.44, in cents.
    sold = 835 * 4200 + 1436 * 4144
    assert totals[PDEX][:3] == [2, 0, sold]
    for owner in PDEX_OWNERS:
        assert totals[owner][3:] == [2, 0, sold]
    (price,) = [p for sid, p in _read(clean_graph, PRICES).items() if sid.startswith(PDEX)]
    assert price[:2] == [41.44, date(2025, 1, 24)]  # the later of the two sales


@pytest.mark.parametrize("order", [(CITI_4, CITI_4A), (CITI_4A, CITI_4)])
def test_an_amendment_takes_its_originals_place_in_the_totals_in_either_order(
    clean_graph: Driver, order: tuple[Path, Path]
) -> None:
    for path in order:  # one run each: the second run finds the first filing stored
        ingest_paths(clean_graph, [path])
    # The 4 and the 4/A each report two rows (an award of stock, a grant of options).
    assert _read(clean_graph, TOTALS)[CITI][:3] == [2, 0, 0]
    records, _, _ = clean_graph.execute_query(COUNTED, database_="neo4j")
    assert [(r["form"], r["counted"]) for r in records] == [("4", False), ("4/A", True)]


def test_running_totals_equal_a_count_from_scratch(clean_graph: Driver) -> None:
    for path in sorted(GRAPH.iterdir(), reverse=True):  # amendments before their originals
        ingest_paths(clean_graph, [path])
    running = (_read(clean_graph, TOTALS), _read(clean_graph, PRICES))
    clean_graph.execute_query(
        "MATCH (e:Entity) REMOVE e.trade_rows_in, e.buys_in_cents, e.sells_by_cents",
        database_="neo4j",
    )
    clean_graph.execute_query("MATCH (s:Security) REMOVE s.last_price", database_="neo4j")
    refresh_all_counts(clean_graph)
    assert (_read(clean_graph, TOTALS), _read(clean_graph, PRICES)) == running
    assert any(totals[2] for totals in running[0].values())  # sales were counted


AS_VERSION_3 = [  # what ownergraph's model version 3 kept instead of the running totals
    "MATCH (m:Model) SET m.version = 3",
    "MATCH (f:Filing) REMOVE f.trade_rows, f.buy_cents, f.sell_cents, f.in_totals",
    "MATCH (e:Entity) REMOVE e.buys_in_cents, e.sells_in_cents, e.buys_by_cents, e.sells_by_cents"
    " SET e.buys_in = 0.5, e.sells_in = 0.5, e.buys_by = 0.5, e.sells_by = 0.5",
    "MATCH (s:Security) REMOVE s.last_price_accession, s.last_price_seq",
]


def test_a_graph_of_model_version_3_gets_its_running_totals_on_the_next_ingest(
    clean_graph: Driver,
) -> None:
    ingest_paths(clean_graph, sorted(GRAPH.iterdir()))
    current = snapshot(clean_graph)
    for statement in AS_VERSION_3:
        clean_graph.execute_query(statement, database_="neo4j")
    assert snapshot(clean_graph) != current
    ingest_paths(clean_graph, [CITI_4])  # nothing new to load: the upgrade alone
    assert snapshot(clean_graph) == current
