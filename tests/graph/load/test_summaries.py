"""The read model (graph/load/readmodel/summaries.py): maintained on every load, equal to a
from-scratch aggregation whatever the load order. Expected values are read off the XML in
tests/data/graph/."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

from neo4j import Driver

from graph.load.pipeline import ingest_paths
from graph.load.readmodel.summaries import refresh_all_summaries, refresh_summaries
from graph.load.write import load_batch
from ingest import read_filings
from ingest.records import Filing
from tests.paths import DATA

FILINGS = sorted(p for p in (DATA / "graph").glob("*.xml"))
PDEX = "0000788920"
# The PDEX Form 4 of 2025-01-23 is joint (owners 0001361476 and 0001058465): sales of 835 sh
# at $42.00 and 1,436 sh at $41.44, 333,210 shares owned after the second.
PDEX_OWNERS = ("0001058465", "0001361476")

SUMMARIES = """
MATCH (o:Entity)-[t:TRADES_IN]->(i:Entity)
RETURN o.cik AS owner, i.cik AS issuer, properties(t) AS props ORDER BY owner, issuer
"""
SECURITY_SUMMARIES = """
MATCH (o:Entity)-[t:TRADES]->(s:Security)
RETURN o.cik AS owner, s.id AS security, properties(t) AS props ORDER BY owner, security
"""
COUNTS = """
MATCH (e:Entity)
RETURN e.cik AS cik, e.trade_rows_in AS rows_in, e.trade_rows_by AS rows_by,
       e.insiders AS insiders, e.issuers AS issuers,
       [e.buys_in_cents, e.sells_in_cents, e.buys_by_cents, e.sells_by_cents] AS cents,
       COLLECT { MATCH (e)<-[:ISSUED_BY]-(s:Security)
                 RETURN [s.id, s.last_price, toString(s.last_price_date)] ORDER BY s.id } AS prices
ORDER BY cik
"""


# A Neo4j record as a dict: its values are whatever the driver decoded (str, int, list, Date...).
Row = dict[str, Any]


def _read(driver: Driver) -> tuple[list[Row], list[Row], list[Row]]:
    """Owner-issuer summaries, per-entity counts, owner-security summaries."""
    summaries, _, _ = driver.execute_query(SUMMARIES, database_="neo4j")
    counts, _, _ = driver.execute_query(COUNTS, database_="neo4j")
    securities, _, _ = driver.execute_query(SECURITY_SUMMARIES, database_="neo4j")
    return [dict(r) for r in summaries], [dict(r) for r in counts], [dict(r) for r in securities]


def _load_one_by_one(driver: Driver, paths: Sequence[str | Path]) -> None:
    for path in paths:
        ingest_paths(driver, [path])


def test_a_joint_filings_trades_are_summarised_per_owner(clean_graph: Driver) -> None:
    ingest_paths(clean_graph, FILINGS)
    summaries, counts, securities = _read(clean_graph)
    pdex = [s for s in summaries if s["issuer"] == PDEX]
    assert [s["owner"] for s in pdex] == list(PDEX_OWNERS)
    for s in pdex:
        props = s["props"]
        assert props["trades"] == 2
        assert props["sold_shares"] == 835 + 1436
        assert abs(props["sold_value"] - (835 * 42.00 + 1436 * 41.44)) < 1e-6
        assert (props["bought_shares"], props["bought_value"]) == (0.0, 0.0)
        assert props["first"].to_native() == date(2025, 1, 23)
        assert props["last"].to_native() == date(2025, 1, 24)
        assert props["shares_after"] == 333210
        assert abs(props["value"] - (835 * 42.00 + 1436 * 41.44)) < 1e-6  # every row, all codes
    # Per owner and security, per code: both rows are S sales of PDEX common stock.
    pdex_common = [s for s in securities if s["security"].startswith(PDEX + "|")]
    assert [s["owner"] for s in pdex_common] == list(PDEX_OWNERS)
    for s in pdex_common:
        props = s["props"]
        assert (props["codes"], props["counts"], props["shares"]) == (["S"], [2], [835 + 1436])
        assert abs(props["values"][0] - (835 * 42.00 + 1436 * 41.44)) < 1e-6
        assert props["joint_value"] == props["values"][0]  # a joint filing's rows
        assert (props["first"].to_native(), props["last"].to_native()) == (
            date(2025, 1, 23),
            date(2025, 1, 24),
        )
    by_cik = {c["cik"]: c for c in counts}
    assert by_cik[PDEX]["rows_in"] == 2  # the joint rows once
    assert by_cik[PDEX_OWNERS[0]]["rows_by"] == 2
    assert by_cik[PDEX]["insiders"] == 2


def test_the_superseded_original_is_left_out(clean_graph: Driver) -> None:
    # Citigroup: the 4 and its 4/A each report two rows; only the amendment's count.
    ingest_paths(clean_graph, FILINGS)
    summaries, counts, _ = _read(clean_graph)
    (citi,) = [s for s in summaries if s["issuer"] == "0000831001"]
    assert citi["props"]["trades"] == 2
    assert {c["cik"]: c["rows_in"] for c in counts}["0000831001"] == 2


def test_summaries_do_not_depend_on_the_load_order(clean_graph: Driver) -> None:
    _load_one_by_one(clean_graph, FILINGS)
    forward = _read(clean_graph)
    clean_graph.execute_query("MATCH (n) DETACH DELETE n")
    _load_one_by_one(clean_graph, FILINGS[::-1])
    assert _read(clean_graph) == forward
    # ... and equal a from-scratch aggregation over the whole graph.
    clean_graph.execute_query("MATCH ()-[t:TRADES_IN|TRADES]->() DELETE t")
    clean_graph.execute_query("MATCH (e:Entity) REMOVE e.trade_rows_in, e.trade_rows_by")
    refresh_all_summaries(clean_graph, rows=3)
    assert _read(clean_graph) == forward


def test_a_refresh_is_idempotent(clean_graph: Driver) -> None:
    ingest_paths(clean_graph, FILINGS)
    before = _read(clean_graph)
    refresh_summaries(clean_graph, [PDEX, *PDEX_OWNERS, "0000831001"])
    refresh_summaries(clean_graph, [PDEX])
    assert _read(clean_graph) == before


STALE = "MATCH (e:StaleSummary) RETURN count(e) AS n"


def test_a_run_killed_before_its_summaries_leaves_marks_the_next_run_clears(
    clean_graph: Driver,
) -> None:
    # The batches of a run that died before its end: rows written, entities marked stale.
    filings = [f for f in read_filings(FILINGS) if isinstance(f, Filing)]
    load_batch(clean_graph, filings)
    (marked,), _, _ = clean_graph.execute_query(STALE, database_="neo4j")
    assert marked["n"] > 0
    # The batch extended its new pairs' summaries itself; the degrees wait for the refresh.
    assert all(c["insiders"] is None and c["issuers"] is None for c in _read(clean_graph)[1])
    ingest_paths(clean_graph, FILINGS)  # every filing already there: only the marks are new
    (left,), _, _ = clean_graph.execute_query(STALE, database_="neo4j")
    assert left["n"] == 0
    repaired = _read(clean_graph)
    refresh_all_summaries(clean_graph)
    assert _read(clean_graph) == repaired and repaired[0] and repaired[2]


def test_a_graph_from_before_the_security_summaries_gets_them_on_the_next_ingest(
    clean_graph: Driver,
) -> None:
    ingest_paths(clean_graph, FILINGS)
    current = _read(clean_graph)
    # As an earlier ownergraph left it: no model version, no TRADES, no TRADES_IN.value.
    clean_graph.execute_query("MATCH (m:Model) DELETE m")
    clean_graph.execute_query("MATCH ()-[t:TRADES]->() DELETE t")
    clean_graph.execute_query("MATCH ()-[t:TRADES_IN]->() REMOVE t.value")
    assert _read(clean_graph) != current
    ingest_paths(clean_graph, FILINGS[:1])  # nothing new to load: the upgrade alone
    assert _read(clean_graph) == current
