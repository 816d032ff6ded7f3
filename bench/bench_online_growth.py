"""Online ingest as the graph grows (not a test): one quarter's filings/s into an empty graph
and into a big one, in one run.

Run: python -m bench.bench_online_growth --quarter ZIP [--last-days N]
with NEO4J_URI (or the local server) pointing at a loaded graph that already holds the
quarter ZIP (a quarterly data set of ``python -m bench.scale``, loaded e.g. by ``ownergraph
ingest --bulk``). The script takes the quarter's filings out of that graph: out of the running
totals, their row edges and Filing nodes deleted, their pairs' summaries and clusters recomputed
without them (the merged entities, roles and positions stay, as they would for a new quarter).
It loads the quarter again with ``ingest_paths`` and times it; then starts a fresh server in a
temporary data dir and times the same load into the empty graph. It prints both rates and their
ratio, with the size of the big graph. A graph of an earlier model version is upgraded first
(timed apart: the upgrade is not part of the rate). ``--last-days N`` takes only the filings of
the quarter's last N filing days (a nightly run is one day), written to a data set of their own.
"""

from __future__ import annotations

import argparse
import csv
import io
import tempfile
import time
import zipfile
from datetime import datetime
from pathlib import Path

from neo4j import Driver, ManagedTransaction

import server
from bench.support import free_port
from graph.db import Graph, Settings, connect, resolve_settings
from graph.load.pipeline import ingest_paths
from graph.load.readmodel import stale
from graph.load.readmodel.pairs import Counted, refresh_pairs, refresh_pairs_if_stale
from graph.load.readmodel.stale import refresh_stale
from graph.load.readmodel.totals import withdraw_tx
from graph.load.upgrade import upgrade_graph

EDGES = "MATCH ()-[r:TRANSACTED]->() RETURN count(r) AS n"
MARKED = "MATCH (e:StalePairs) RETURN count(e) AS n"
ENTITIES = "MATCH (e:Entity) RETURN count(e) AS n"
REMOVE_ROWS = """
UNWIND $accessions AS a
MATCH (o:Entity)-[:FILED]->(:Filing {accession: a})
MATCH (o)-[r:TRANSACTED|HELD]->() WHERE r.accession = a
DELETE r
"""
REMOVE_FILINGS = "UNWIND $accessions AS a MATCH (f:Filing {accession: a}) DETACH DELETE f"
PAIRS_OF = """
UNWIND $accessions AS a
MATCH (o:Entity)-[:FILED]->(:Filing {accession: a})-[:ABOUT]->(i:Entity)
RETURN DISTINCT o.cik AS owner, i.cik AS issuer
"""
CHUNK = 500


def accessions(quarter: Path) -> list[str]:
    """The ACCESSION_NUMBER column of the data set's SUBMISSION table."""
    return [row["ACCESSION_NUMBER"].strip() for row in _submissions(quarter)]


def _submissions(quarter: Path) -> list[dict[str, str]]:
    with zipfile.ZipFile(quarter) as z:
        name = next(n for n in z.namelist() if n.upper().endswith("SUBMISSION.TSV"))
        with z.open(name) as raw:
            return list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8"), delimiter="\t"))


def filing_days(quarter: Path, days: slice, out: Path) -> Path:
    """A data set of the quarter's filings of its filing days ``days`` (in date order: e.g.
    ``slice(-1, None)``, the last day), every table cut to their accession numbers."""
    dated = {
        r["ACCESSION_NUMBER"].strip(): datetime.strptime(r["FILING_DATE"].strip(), "%d-%b-%Y")
        for r in _submissions(quarter)
    }
    when = set(sorted(set(dated.values()))[days])
    wanted = {a for a, d in dated.items() if d in when}
    target = out / quarter.name
    with zipfile.ZipFile(quarter) as z, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as cut:
        for name in z.namelist():
            lines = z.read(name).decode("utf-8").splitlines(keepends=True)
            kept = [lines[0], *(x for x in lines[1:] if x.split("\t", 1)[0].strip() in wanted)]
            cut.writestr(name, "".join(kept))
    return target


def timed_load(settings: Settings, quarter: Path) -> float:
    """Filings/s of ``ingest_paths`` (summaries included) for the quarter."""
    with connect(settings) as driver:
        started = time.perf_counter()
        summary = ingest_paths(driver, [quarter])
        seconds = time.perf_counter() - started
    print(f"  {summary.filings_loaded:,} filings loaded, {summary.filings_skipped:,} skipped")
    print(f"  {seconds:,.1f} s, of which the top pairs' count {_counting[-1]}")
    return summary.filings_loaded / seconds


_counting: list[str] = []


def _timed_count(driver: Driver, *, database: str = "neo4j") -> Counted:
    """The end of run's count of the top pairs (stale.py calls it), timed."""
    graph = Graph(driver, database)
    marked = graph.read(MARKED)[0].integer("n") / max(graph.read(ENTITIES)[0].integer("n"), 1)
    started = time.perf_counter()
    counted = refresh_pairs_if_stale(driver, database=database)
    seconds = time.perf_counter() - started
    _counting.append(f"{seconds:.2f} s ({counted.value}, {marked:.2%} of the entities marked)")
    return counted


def main() -> None:
    stale.refresh_pairs_if_stale = _timed_count
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarter", type=Path, required=True)
    parser.add_argument("--last-days", type=int, help="only the quarter's last N filing days")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as cut:
        quarter = (
            args.quarter
            if args.last_days is None
            else filing_days(args.quarter, slice(-args.last_days, None), Path(cut))
        )
        measure(quarter)


def _take_out(tx: ManagedTransaction, chunk: list[str]) -> None:
    """The filings ``chunk`` out of the running totals, their rows and nodes deleted, their
    pairs and issuers marked for the summaries' recompute (``refresh_stale``)."""
    withdraw_tx(tx, chunk)
    pairs = [(r["owner"], r["issuer"]) for r in tx.run(PAIRS_OF, accessions=chunk)]
    tx.run(REMOVE_ROWS, accessions=chunk).consume()
    tx.run(REMOVE_FILINGS, accessions=chunk).consume()
    issuers = sorted({issuer for _, issuer in pairs})
    stale.mark_stale_tx(tx, pairs, dict.fromkeys(issuers))


def measure(quarter: Path) -> None:
    """Both rates for the data set ``quarter`` (see the module's docstring)."""
    keys = accessions(quarter)
    big = resolve_settings()
    with connect(big) as driver:
        started = time.perf_counter()
        upgrade_graph(driver, database=big.database)
        print(f"model upgrade (if any): {time.perf_counter() - started:,.1f} s")
        started = time.perf_counter()
        for start in range(0, len(keys), CHUNK):
            with driver.session(database=big.database) as session:
                session.execute_write(_take_out, keys[start : start + CHUNK])
        refresh_stale(driver, database=big.database)
        print(f"quarter taken out, its pairs recomputed: {time.perf_counter() - started:,.1f} s")
        edges = Graph(driver, big.database).read(EDGES)[0]["n"]
    print(f"big graph: {edges:,} TRANSACTED edges without the quarter ({len(keys):,} filings)")
    at_scale = timed_load(big, quarter)
    print(f"into the big graph: {at_scale:,.0f} filings/s")
    with connect(big) as driver:
        started = time.perf_counter()
        refresh_pairs(driver, database=big.database)
        every = time.perf_counter() - started
        print(f"  every pair counted, as each run did before model 6: {every:.2f} s")
    with tempfile.TemporaryDirectory() as home:
        local = server.start(
            Path(home), bolt_port=free_port(), http_port=free_port(), auth=False, timeout=600
        )
        try:
            empty = timed_load(Settings(uri=local.uri), quarter)
        finally:
            server.stop(Path(home))
    print(f"into an empty graph: {empty:,.0f} filings/s")
    print(f"big / empty: {at_scale / empty:.2f} x")


if __name__ == "__main__":
    main()
