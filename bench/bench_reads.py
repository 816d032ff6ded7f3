"""Explorer queries at scale (not a test): p50 / p95 per page over a sample of entities.

Run: python -m bench.bench_reads [--entities 200] [--hubs 60] [--seed 1] [--connections]
Connects like every command (NEO4J_* or the local server) to a loaded graph, e.g. one built by
``ownergraph ingest --bulk`` from ``python -m bench.scale``. The sample over-represents hubs:
the --hubs entities with the most transaction rows in or by them, the most insiders and the
most issuers, then a seeded random draw of the rest. Each entity is timed once on the queries
its pages run as they open (who holds what: the count with the first page of 500), after an
untimed pass over five of them (query plans compiled); the landing page and the screens are
global and timed --repeat times. Prints one line per query: runs, p50, p95, max in ms and the
target of issue 10; exit status 1 when a p95 misses its target.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from graph.db import Graph, connect, resolve_settings
from graph.read.clusters import cluster_screen
from graph.read.filters import GraphFilters
from graph.read.links import (
    co_filers,
    interlocked_issuers,
    interlocked_people,
    owner_issuers,
    shortest_paths,
)
from graph.read.overview import landing_stats
from graph.read.positions import PositionFilter, position_page
from graph.read.screens import insider_buys, largest_trades
from graph.read.search import search_entities
from graph.read.trades import trade_totals, transactions
from graph.read.view.neighbourhood import neighbourhood

HUBS = """
CALL () { MATCH (e:Entity) RETURN e ORDER BY e.trade_rows_in DESC LIMIT $n
  UNION MATCH (e:Entity) RETURN e ORDER BY e.trade_rows_by DESC LIMIT $n
  UNION MATCH (e:Entity) RETURN e ORDER BY e.insiders DESC LIMIT $n
  UNION MATCH (e:Entity) RETURN e ORDER BY e.issuers DESC LIMIT $n }
RETURN e.cik AS cik, e.name AS name
"""
EVERY_ENTITY = "MATCH (e:Entity) RETURN e.cik AS cik, e.name AS name"
SIZE = """
CALL () { MATCH ()-[r:TRANSACTED]->() RETURN count(r) AS transacted }
CALL () { MATCH (f:Filing) RETURN count(f) AS filings }
RETURN transacted, filings
"""

# Issue 10's targets, in ms, at p95.
TARGETS = {
    "search": 50,
    "entity view": 150,
    "who holds what": 100,
    "transactions, first page": 200,
    "shortest path": 300,
    "connections, the entity's tables": 1000,  # as a screen: the issue names no target
    "landing page": 200,
    "screen: largest purchases": 1000,
    "screen: largest sales": 1000,
    "screen: officer and director buys": 1000,
    "screen: cluster buys": 1000,
    "screen: people on several boards": 1000,
    "screen: entities both owner and issuer": 1000,  # --connections: the Connections page
    "screen: co-filers of joint filings": 1000,  # with no entity picked
    "screen: issuers sharing insiders": 1000,
}


@dataclass
class Timings:
    """Milliseconds per query name."""

    ms: dict[str, list[float]] = field(default_factory=dict)

    def time(self, name: str, call: Callable[[], object]) -> None:
        started = time.perf_counter()
        call()
        self.ms.setdefault(name, []).append((time.perf_counter() - started) * 1000)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def sample(graph: Graph, entities: int, hubs: int, seed: int) -> list[tuple[str, str]]:
    """Hubs first, then a seeded random draw of other entities, ``entities`` in all."""
    chosen = {str(r["cik"]): str(r["name"] or r["cik"]) for r in graph.read(HUBS, n=hubs // 4)}
    rest = [(str(r["cik"]), str(r["name"] or r["cik"])) for r in graph.read(EVERY_ENTITY)]
    random.Random(seed).shuffle(rest)
    for cik, name in rest:
        if len(chosen) >= entities:
            break
        chosen.setdefault(cik, name)
    return list(chosen.items())


def entity_pages(graph: Graph, t: Timings, cik: str, name: str, other: str) -> None:
    """What the search, entity, holdings, transactions and connections pages ask for."""
    view = GraphFilters()
    t.time("search", lambda: search_entities(graph, name.split()[-1] if name else cik))
    t.time("entity view", lambda: neighbourhood(graph, cik, view))
    page = PositionFilter(zero=False)  # as the page opens: no zero-share positions
    t.time(
        "who holds what",
        lambda: position_page(graph, cik, page, limit=500),
    )
    t.time(
        "transactions, first page",
        lambda: (
            transactions(graph, cik, view, "in"),
            trade_totals(graph, cik, view, "in"),
            transactions(graph, cik, view, "by"),
            trade_totals(graph, cik, view, "by"),
        ),
    )
    t.time("shortest path", lambda: shortest_paths(graph, cik, other))
    t.time(
        "connections, the entity's tables",
        lambda: [
            table(graph, cik) for table in (interlocked_people, interlocked_issuers, co_filers)
        ],
    )


def global_pages(graph: Graph, t: Timings, connections: bool = False) -> None:
    t.time("landing page", lambda: landing_stats(graph))
    t.time("screen: largest purchases", lambda: largest_trades(graph, "P"))
    t.time("screen: largest sales", lambda: largest_trades(graph, "S"))
    t.time("screen: officer and director buys", lambda: insider_buys(graph))
    t.time("screen: cluster buys", lambda: cluster_screen(graph))
    t.time("screen: people on several boards", lambda: interlocked_people(graph))
    if connections:  # the rest of the Connections page's tables over the whole graph (slow)
        t.time("screen: entities both owner and issuer", lambda: owner_issuers(graph))
        t.time("screen: co-filers of joint filings", lambda: co_filers(graph))
        t.time("screen: issuers sharing insiders", lambda: interlocked_issuers(graph))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entities", type=int, default=200)
    parser.add_argument("--hubs", type=int, default=60)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--connections",
        action="store_true",
        help="also time the Connections page's whole-graph tables (minutes at full history)",
    )
    args = parser.parse_args()
    settings = resolve_settings()
    with connect(settings) as driver:
        graph = Graph(driver, settings.database)
        size = graph.read(SIZE)[0]
        print(f"graph: {size['filings']:,} filings, {size['transacted']:,} TRANSACTED edges")
        chosen = sample(graph, args.entities, args.hubs, args.seed)
        warm, timed = Timings(), Timings()
        global_pages(graph, warm, args.connections)
        for k, (cik, name) in enumerate(chosen[:5]):
            entity_pages(graph, warm, cik, name, chosen[k + 1][0])
        for k, (cik, name) in enumerate(chosen):
            entity_pages(graph, timed, cik, name, chosen[(k + 1) % len(chosen)][0])
        for _ in range(args.repeat):
            global_pages(graph, timed, args.connections)
    missed = report(timed)
    sys.exit(1 if missed else 0)


def report(t: Timings) -> int:
    print(f"{'query':36} {'runs':>5} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'target':>7}")
    missed = 0
    for name, values in t.ms.items():
        p95, target = _p95(values), TARGETS[name]
        missed += p95 > target
        print(
            f"{name:36} {len(values):5} {statistics.median(values):8.1f} {p95:8.1f}"
            f" {max(values):8.1f} {target:7} {'ok' if p95 <= target else 'MISSED'}"
        )
    return missed


if __name__ == "__main__":
    main()
