"""Benchmark of the explorer's entity view (not a test): query time, layout and figure time.

Usage: python bench/bench_app.py [--cik CIK] [--depth 3] [--nodes 500]
Connects like every command (NEO4J_* or the local server). Picks the issuer with the largest
neighbourhood unless --cik is given, times the neighbourhood query cold and warm, then the
networkx layouts and the Vega-Lite spec (build + JSON, what Streamlit sends to the browser).
When the loaded graph has no view of --nodes nodes, the real view is also tiled (ids
suffixed) up to that size to time layout and drawing at that scale; it says so.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from typing import TypeVar

from explorer.graph_spec import graph_spec
from explorer.layout import LAYOUTS, Positions, layout
from graph.db import Graph, connect, resolve_settings
from graph.read.filters import GraphFilters
from graph.read.view.neighbourhood import Subgraph, SubgraphEdge, neighbourhood

ISSUERS = """
MATCH (i:Issuer)<-[:INSIDER_OF]-(o)
RETURN i.cik AS cik, count(o) AS insiders ORDER BY insiders DESC, cik LIMIT 60
"""


T = TypeVar("T")


def timed(fn: Callable[[], T], repeat: int = 3) -> tuple[float, T]:
    """Median wall time of ``repeat`` calls (at least one) and the last result."""
    start = time.perf_counter()
    result = fn()
    times = [time.perf_counter() - start]
    for _ in range(repeat - 1):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def figure_json(sub: Subgraph, pos: Positions) -> str:
    """The Vega-Lite spec of a view as the JSON Streamlit sends to the browser."""
    return json.dumps(graph_spec(sub, pos, focus=sub.nodes[0].id if sub.nodes else None))


def tile(sub: Subgraph, nodes: int) -> Subgraph:
    """Copies of the view, ids suffixed, joined at their centres, up to ``nodes`` nodes."""
    out_nodes, out_edges, copy = list(sub.nodes), list(sub.edges), 1
    centre = sub.nodes[0].id
    while len(out_nodes) + len(sub.nodes) <= nodes:
        sfx = f"#{copy}"
        out_nodes += [replace(n, id=n.id + sfx) for n in sub.nodes]
        out_edges += [replace(e, source=e.source + sfx, target=e.target + sfx) for e in sub.edges]
        out_edges.append(SubgraphEdge(centre, centre + sfx, "insider"))
        copy += 1
    return Subgraph(tuple(out_nodes), tuple(out_edges))


def render_times(sub: Subgraph, label: str) -> None:
    print(f"\n{label}: {len(sub.nodes)} nodes, {len(sub.edges)} edges")
    for name in LAYOUTS:
        t_layout, pos = timed(
            partial(layout, sub, name, 7), repeat=1 if name == "kamada_kawai" else 3
        )
        t_fig, _ = timed(partial(figure_json, sub, pos))
        print(
            f"  {name:13s} layout {t_layout * 1000:7.0f} ms   figure+json {t_fig * 1000:5.0f} ms"
            f"   total {(t_layout + t_fig) * 1000:7.0f} ms"
        )


def _largest_view(graph: Graph, filters: GraphFilters) -> str:
    """The issuer whose view at this depth has the most nodes."""
    sizes = {}
    for row in graph.read(ISSUERS):
        sub = neighbourhood(graph, str(row["cik"]), filters, limit=450)
        sizes[str(row["cik"])] = len(sub.nodes)
    return max(sizes, key=lambda c: (sizes[c], c))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cik")
    parser.add_argument("--depth", type=int, default=3)
    parser.add_argument("--nodes", type=int, default=500)
    args = parser.parse_args()
    settings = resolve_settings()
    graph = Graph(connect(settings), settings.database)
    filters = GraphFilters(depth=args.depth)
    cik = args.cik or _largest_view(graph, filters)
    start = time.perf_counter()
    sub = neighbourhood(graph, cik, filters, limit=450)
    cold = time.perf_counter() - start
    warm, _ = timed(lambda: neighbourhood(graph, cik, filters, limit=450))
    print(
        f"issuer CIK {cik}, depth {args.depth}: query cold {cold * 1000:.0f} ms, "
        f"warm {warm * 1000:.0f} ms (st.cache_data serves repeats from memory)"
    )
    render_times(sub, "real view")
    if len(sub.nodes) < args.nodes * 0.9:
        render_times(tile(sub, args.nodes), f"real view tiled to ~{args.nodes} nodes")
    graph.driver.close()


if __name__ == "__main__":
    main()
