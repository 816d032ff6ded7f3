"""networkx layouts of a Subgraph (graph/neighbourhood.py) and its GraphML export.

Deterministic for a seed; ``pinned`` positions (nodes already on screen) are kept as they are
when the graph grows, and only the new nodes are placed (spring layout with ``fixed``).
"""

from __future__ import annotations

import io
import math
from collections.abc import Mapping

import networkx as nx

from explorer.describe import node_lines
from graph.read.view.neighbourhood import Subgraph

__all__ = ["LAYERS", "LAYOUTS", "Positions", "graphml_bytes", "layout", "to_networkx"]

Positions = dict[str, tuple[float, float]]

LAYOUTS: tuple[str, ...] = ("spring", "kamada_kawai", "circular", "shell", "layered")
LAYERS: dict[str, int] = {
    "owner": 0,
    "more": 0,
    "security": 1,
    "filing": 1,
    "issuer": 2,
    "owner_issuer": 2,
}


def to_networkx(sub: Subgraph) -> nx.MultiDiGraph:
    """The subgraph as a networkx multigraph, nodes in id order (so layouts are repeatable)."""
    graph = nx.MultiDiGraph()
    for node in sorted(sub.nodes, key=lambda n: n.id):
        graph.add_node(
            node.id,
            kind=node.kind,
            label=node.label,
            value=float(node.value),
            hops=int(node.hops),
            layer=LAYERS.get(node.kind, 1),
        )
    for edge in sub.edges:
        if edge.source in graph and edge.target in graph:
            graph.add_edge(
                edge.source,
                edge.target,
                kind=edge.kind,
                code=edge.code,
                count=int(edge.count),
                shares=float(edge.shares),
                value=float(edge.value),
            )
    return graph


def _base(graph: nx.Graph, name: str, seed: int) -> Mapping[str, object]:
    simple = nx.Graph(graph)
    if name == "kamada_kawai":
        return nx.kamada_kawai_layout(simple) if len(simple) > 1 else {n: (0, 0) for n in simple}
    if name == "circular":
        return nx.circular_layout(simple)
    if name == "shell":
        shells = [
            sorted(
                n for n, d in graph.nodes(data=True) if d["hops"] == h and d["kind"] != "security"
            )
            for h in range(4)
        ]
        shells.append(sorted(n for n, d in graph.nodes(data=True) if d["kind"] == "security"))
        return nx.shell_layout(simple, nlist=[s for s in shells if s] or None)
    if name == "layered":
        ordered = nx.Graph()
        by_layer = sorted(graph.nodes(data=True), key=lambda nd: (nd[1]["layer"], nd[1]["label"]))
        ordered.add_nodes_from(by_layer)
        return nx.multipartite_layout(ordered, subset_key="layer", align="vertical")
    k = 1.5 / math.sqrt(max(len(simple), 1))
    return nx.spring_layout(simple, seed=seed, k=k, iterations=_iterations(len(simple)))


def _iterations(nodes: int) -> int:
    """Fewer force iterations for bigger views: the layout stays well under a second."""
    return 60 if nodes <= 200 else 30


def _near_neighbours(graph: nx.Graph, pinned: Positions, base: Positions, seed: int) -> Positions:
    """Initial positions of new nodes: beside their pinned neighbours, else the base layout."""
    start: Positions = {}
    for index, node in enumerate(graph.nodes):
        if node in pinned:
            start[node] = pinned[node]
            continue
        around = [pinned[n] for n in nx.all_neighbors(graph, node) if n in pinned]
        if around:
            angle = (hash((seed, index)) % 360) * math.pi / 180
            x = sum(p[0] for p in around) / len(around) + 0.08 * math.cos(angle)
            y = sum(p[1] for p in around) / len(around) + 0.08 * math.sin(angle)
            start[node] = (x, y)
        else:
            start[node] = base[node]
    return start


def layout(
    sub: Subgraph,
    name: str = "spring",
    seed: int = 7,
    pinned: Mapping[str, tuple[float, float]] | None = None,
) -> Positions:
    """Positions in about [-1, 1]² for every node; pinned nodes keep theirs exactly."""
    if name not in LAYOUTS:
        raise ValueError(f"unknown layout {name!r}; choose one of {', '.join(LAYOUTS)}")
    graph = to_networkx(sub)
    if not len(graph):
        return {}
    base = {n: (float(p[0]), float(p[1])) for n, p in _base(graph, name, seed).items()}  # type: ignore[index]
    kept = {n: (float(p[0]), float(p[1])) for n, p in (pinned or {}).items() if n in graph}
    if not kept:
        return base
    if len(kept) == len(graph):
        return kept
    start = _near_neighbours(nx.Graph(graph), kept, base, seed)
    k = 1.5 / math.sqrt(len(graph))
    placed = nx.spring_layout(
        nx.Graph(graph), pos=start, fixed=list(kept), seed=seed, k=k, iterations=40
    )
    return {n: kept.get(n, (float(p[0]), float(p[1]))) for n, p in placed.items()}


def _graphml_value(value: object) -> object:
    if isinstance(value, bool | int | float | str):
        return value
    return str(value)


def graphml_bytes(
    sub: Subgraph, positions: Mapping[str, tuple[float, float]] | None = None
) -> bytes:
    """GraphML (for Gephi, yEd, networkx) of the subgraph: labels, kinds, values, plain-text
    details and x/y positions; every attribute declared once, with one type."""
    graph = to_networkx(sub)
    details = {n.id: "\n".join(node_lines(n)[1:]) for n in sub.nodes}
    for node, data in graph.nodes(data=True):
        data["detail"] = details.get(node, "")
        if positions and node in positions:
            data["x"], data["y"] = float(positions[node][0]), float(positions[node][1])
    for _, _, data in graph.edges(data=True):
        for key in list(data):
            if data[key] is None:
                del data[key]
            else:
                data[key] = _graphml_value(data[key])
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue()
