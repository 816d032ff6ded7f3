"""Time the read model's top pairs on a loaded graph: their count at the end of a run (read the
lists, count, write) and the whole graph's two Connections tables read from the kept pairs,
against counting every pair in Cypher (``--counted``: minutes at full history).

    NEO4J_URI=bolt://127.0.0.1:17688 python -m bench.bench_pairs [--counted] [--repeat 3]
        [--touched 250 2000 15000]

``--touched N…``: the count at the end of a run that loaded the latest N filings (their
entities marked as the run would mark them), only the pairs they touch against every pair.
Run it on a copy: it rewrites the kept pairs (with the same pairs).
"""

from __future__ import annotations

import argparse
import resource
import statistics
import time
from collections.abc import Callable

from neo4j import Driver, ManagedTransaction

from graph.db import Graph, connect, resolve_settings
from graph.load.readmodel import pairs
from graph.load.readmodel.pair_counts import (
    co_filer_pairs,
    shared_insider_pairs,
    sorted_ciks,
    top_pairs,
)
from graph.load.readmodel.pairs import read_insiders, read_joint_filings, refresh_pairs
from graph.read.links import CO_FILERS, CO_FILERS_KEPT, INTERLOCK_ISSUERS, INTERLOCK_ISSUERS_KEPT


def _timed(what: str, work: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - started
    print(f"{what:<48} {seconds:8.2f} s")
    return seconds, result


def _lists(driver: Driver, shared: bool) -> list[list[str]]:
    """Each insider's issuers (``shared``), or each joint filing's owners."""

    def read(tx: ManagedTransaction) -> list[list[str]]:
        if shared:
            return list(read_insiders(tx).values())
        return [f.owners for f in read_joint_filings(tx)]

    with driver.session() as session:
        return session.execute_read(read)


def _count(lists: list[list[str]], shared: bool) -> int:
    ciks = sorted_ciks(lists)
    blocks = shared_insider_pairs(lists, ciks) if shared else co_filer_pairs(lists, ciks)
    return len(top_pairs(blocks, ciks, {}))


def _phases(driver: Driver) -> None:
    _, insiders = _timed("read insiders of 2+ issuers", lambda: _lists(driver, True))
    assert isinstance(insiders, list)
    links = sum(len(one) for one in insiders)
    print(f"  {len(insiders):,} insiders, {links:,} roles")
    _timed("count issuer pairs (sparse product, top 1,000)", lambda: _count(insiders, True))
    _, joint = _timed("read joint filings", lambda: _lists(driver, False))
    assert isinstance(joint, list)
    print(f"  {len(joint):,} joint filings")
    _timed("count co-filer pairs (top 1,000)", lambda: _count(joint, False))
    _timed("refresh_pairs: all of it, names and write included", lambda: refresh_pairs(driver))


# The entities of the latest $filings filings, as a run that loaded them would mark them.
MARK_LATEST = """
MATCH (f:Filing) WITH f ORDER BY f.filed DESC, f.accession DESC LIMIT $filings
MATCH (e:Entity)-[:FILED|ABOUT]-(f)
WITH DISTINCT e SET e:StalePairs
RETURN count(e) AS marked
"""


def _touched(driver: Driver, sizes: list[int]) -> None:
    """A run's count of only the pairs it touched against every pair's, for runs of ``sizes``
    filings (the latest ones), whatever share of the graph they touch."""
    pairs.TOUCHED_SHARE = 1.0
    entities = driver.execute_query(pairs.ENTITIES).records[0]["entities"]
    for size in sizes:
        times, ways = [], []
        for every in (False, True):
            marked = driver.execute_query(MARK_LATEST, filings=size).records[0]["marked"]
            started = time.perf_counter()
            ways.append(pairs.refresh_pairs(driver, every=every).value)
            times.append(time.perf_counter() - started)
        share = marked / entities
        print(
            f"latest {size:,} filings: {marked:,} entities ({share:.1%}) marked; counted "
            f"{ways[0]} {times[0]:.2f} s, {ways[1]} {times[1]:.2f} s = {times[1] / times[0]:.2f}x"
        )


def _tables(graph: Graph, repeat: int, counted: bool) -> None:
    tables = [("issuers sharing insiders", INTERLOCK_ISSUERS_KEPT, INTERLOCK_ISSUERS)]
    tables.append(("co-filers of joint filings", CO_FILERS_KEPT, CO_FILERS))
    for name, kept, every in tables:
        times = []
        for _ in range(repeat):
            started = time.perf_counter()
            graph.read(kept, cik=None, limit=200)
            times.append(time.perf_counter() - started)
        line = f"{name}, kept pairs: median {statistics.median(times) * 1000:,.0f} ms"
        if counted:
            started = time.perf_counter()
            graph.read(every, cik=None, limit=200)
            whole = time.perf_counter() - started
            line += f"; counting every pair {whole:,.1f} s = {whole / min(times):,.0f}x"
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="reads of each table (median)")
    parser.add_argument("--counted", action="store_true", help="also count every pair in Cypher")
    parser.add_argument(
        "--touched", type=int, nargs="*", default=[], help="runs of N latest filings to recount"
    )
    args = parser.parse_args()
    settings = resolve_settings()
    with connect(settings) as driver:
        _phases(driver)
        _touched(driver, args.touched)
        _tables(Graph(driver, settings.database), args.repeat, args.counted)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {peak:,.0f} MB")


if __name__ == "__main__":
    main()
