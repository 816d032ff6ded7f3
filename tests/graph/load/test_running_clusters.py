"""A run recomputes an issuer's kept clusters from its earliest new purchase on (graph/load/
readmodel/clusters.py), keeping the clusters that ended before it; run after run they are the
clusters of every purchase. The data is the scale generator's, loaded a few filing days per run."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, ManagedTransaction, Record

from bench.bench_online_growth import filing_days
from bench.scale.__main__ import main as generate
from graph.load.pipeline import ingest_paths
from graph.load.readmodel import stale
from graph.load.readmodel.clusters import refresh_all_clusters
from graph.load.statements import MARK_SUPERSEDED
from ingest import read_filings
from ingest.records import Filing

KEPT = """
MATCH (k:ClusterBuy)-[:CLUSTER_OF]->(i:Entity)
RETURN i.cik AS issuer, properties(k) AS cluster ORDER BY issuer, cluster.start
"""
Marks = list[Mapping[str, date | None]]
RUN_DAYS = 5


def _kept(driver: Driver) -> list[tuple[str, dict[str, Any]]]:
    records, _, _ = driver.execute_query(KEPT, database_="neo4j")
    return [(r["issuer"], r["cluster"]) for r in records]


@pytest.fixture
def marks(monkeypatch: pytest.MonkeyPatch) -> Marks:
    """What each refresh of clusters was asked: issuer → from which date (None: whole)."""
    asked: Marks = []
    refresh = stale.refresh_clusters_tx

    def spy(tx: ManagedTransaction, issuers: Mapping[str, date | None]) -> None:
        asked.append(dict(issuers))
        refresh(tx, issuers)

    monkeypatch.setattr(stale, "refresh_clusters_tx", spy)
    return asked


def test_clusters_kept_run_by_run_are_those_of_every_purchase(
    clean_graph: Driver, marks: Marks, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    assert generate(["--filings", "3000", "--seed", "3", "--quarters", "2", "--out", str(out)]) == 0
    for quarter in sorted(out.glob("*_form345.zip")):
        for first in range(0, 70, RUN_DAYS):  # a run per RUN_DAYS filing days
            run = tmp_path / f"{quarter.stem}-{first}"
            run.mkdir()
            ingest_paths(clean_graph, [filing_days(quarter, slice(first, first + RUN_DAYS), run)])
            kept = _kept(clean_graph)
            refresh_all_clusters(clean_graph)  # every issuer from its first purchase
            assert _kept(clean_graph) == kept
    assert len(kept) > 20
    since = [day for asked in marks for day in asked.values()]
    # Every issuer from a date on: amendments too, from the earliest purchase they took away.
    assert len(since) > 100 and None not in since


AMENDED_PURCHASES = """
MATCH (a:Filing)-[:AMENDS]->(o:Filing)-[:ABOUT]->(i:Entity)
WHERE EXISTS { MATCH (:Entity)-[r:TRANSACTED {code: 'P'}]->() WHERE r.accession = o.accession }
RETURN a.accession AS amendment, o.accession AS original, i.cik AS issuer
"""


def _supersede(tx: ManagedTransaction, amendment: str) -> list[Record]:
    return list(tx.run(MARK_SUPERSEDED, accessions=[amendment]))


def test_an_amendment_marks_its_issuer_from_the_earliest_purchase_it_took_away(
    clean_graph: Driver, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    assert generate(["--filings", "6000", "--seed", "5", "--quarters", "1", "--out", str(out)]) == 0
    (quarter,) = out.glob("*_form345.zip")
    ingest_paths(clean_graph, [quarter])
    records, _, _ = clean_graph.execute_query(AMENDED_PURCHASES, database_="neo4j")
    assert records  # amended originals with purchases
    filings = {f.accession: f for f in read_filings([quarter]) if isinstance(f, Filing)}
    for record in records:
        original = filings[record["original"]]
        bought = [
            t.transaction_date
            for t in original.transactions
            if t.transaction_code == "P" and not t.derivative and t.transaction_date
        ]
        with clean_graph.session(database="neo4j") as session:
            # The statement each batch runs, again: the original is superseded as it was.
            (lost,) = session.execute_write(_supersede, str(record["amendment"]))
        assert (lost["issuer"], lost["since"].to_native()) == (record["issuer"], min(bought))
