"""Online ingest as the graph grows (not a test): one quarter's filings/s into an empty graph
and into a big one, in one run.

Run: python -m bench.bench_online_growth --quarter ZIP
with NEO4J_URI (or the local server) pointing at a loaded graph that already holds the
quarter ZIP (a quarterly data set of ``python -m bench.scale``, loaded e.g. by ``ownergraph
ingest --bulk``). The script takes the quarter's filings out of that graph (their row edges
and Filing nodes; the merged entities, roles and positions stay, as they would for a new
quarter), loads the quarter again with ``ingest_paths`` and times it; then starts a fresh
server in a temporary data dir and times the same load into the empty graph. It prints both
rates and their ratio, with the size of the big graph. A graph of an earlier model version is
upgraded first (timed apart: the upgrade is not part of the rate).
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
import zipfile
from pathlib import Path

import server
from bench.support import free_port
from graph.db import Graph, Settings, connect, resolve_settings
from graph.load.pipeline import ingest_paths
from graph.load.readmodel.totals import withdraw_tx
from graph.load.upgrade import upgrade_graph

EDGES = "MATCH ()-[r:TRANSACTED]->() RETURN count(r) AS n"
REMOVE_ROWS = """
UNWIND $accessions AS a
MATCH (o:Entity)-[:FILED]->(:Filing {accession: a})
MATCH (o)-[r:TRANSACTED|HELD]->() WHERE r.accession = a
DELETE r
"""
REMOVE_FILINGS = "UNWIND $accessions AS a MATCH (f:Filing {accession: a}) DETACH DELETE f"
CHUNK = 500


def accessions(quarter: Path) -> list[str]:
    """The ACCESSION_NUMBER column of the data set's SUBMISSION table."""
    with zipfile.ZipFile(quarter) as z:
        name = next(n for n in z.namelist() if n.upper().endswith("SUBMISSION.TSV"))
        with z.open(name) as raw:
            rows = csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"), delimiter="\t")
            return [row["ACCESSION_NUMBER"].strip() for row in rows]


def timed_load(settings: Settings, quarter: Path) -> float:
    """Filings/s of ``ingest_paths`` (summaries included) for the quarter."""
    with connect(settings) as driver:
        started = time.perf_counter()
        summary = ingest_paths(driver, [quarter])
        seconds = time.perf_counter() - started
    print(f"  {summary.filings_loaded:,} filings loaded, {summary.filings_skipped:,} skipped")
    return summary.filings_loaded / seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarter", type=Path, required=True)
    args = parser.parse_args()
    keys = accessions(args.quarter)
    big = resolve_settings()
    with connect(big) as driver:
        started = time.perf_counter()
        upgrade_graph(driver, database=big.database)
        print(f"model upgrade (if any): {time.perf_counter() - started:,.1f} s")
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            with driver.session(database=big.database) as session:
                session.execute_write(withdraw_tx, chunk)  # out of the running totals first
            driver.execute_query(REMOVE_ROWS, accessions=chunk, database_=big.database)
            driver.execute_query(REMOVE_FILINGS, accessions=chunk, database_=big.database)
        edges = Graph(driver, big.database).read(EDGES)[0]["n"]
    print(f"big graph: {edges:,} TRANSACTED edges without the quarter ({len(keys):,} filings)")
    at_scale = timed_load(big, args.quarter)
    print(f"into the big graph: {at_scale:,.0f} filings/s")
    with tempfile.TemporaryDirectory() as home:
        local = server.start(
            Path(home), bolt_port=free_port(), http_port=free_port(), auth=False, timeout=600
        )
        try:
            empty = timed_load(Settings(uri=local.uri), args.quarter)
        finally:
            server.stop(Path(home))
    print(f"into an empty graph: {empty:,.0f} filings/s")
    print(f"big / empty: {at_scale / empty:.2f} x")


if __name__ == "__main__":
    main()
