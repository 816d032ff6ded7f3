"""How a laid-out Subgraph looks, whatever draws it: edge colours by main transaction code and
their legend names, the width steps the legend explains, node colours by kind or role, node
sizes by traded value, and which labels fit without overlapping (the rest on hover).
explorer/graph_spec.py turns them into the Vega-Lite spec every graph of the app is drawn with.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from explorer.describe import main_role
from graph.read.filters import CODE_NAMES
from graph.read.view.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode

__all__ = [
    "CODE_COLOURS",
    "KIND_COLOURS",
    "ROLE_COLOURS",
    "WIDTH_STEPS",
    "edge_colour",
    "edge_name",
    "label_boxes",
    "node_roles",
    "node_size",
]

KIND_COLOURS = {
    "issuer": "#1f77b4",
    "owner": "#ff7f0e",
    "owner_issuer": "#9467bd",
    "security": "#7f7f7f",
    "filing": "#8c564b",
    "more": "#ffffff",
}
ROLE_COLOURS = {  # no reds or greens: those mean sales and purchases on edges
    "Officer": "#6a3d9a",
    "Director": "#ff7f0e",
    "10% owner": "#b15928",
    "Other": "#bcbd22",
}
CODE_COLOURS = {"P": "#2ca02c", "S": "#d62728", "A": "#17becf", "M": "#9467bd", "F": "#8c564b"}
EDGE_COLOURS = {"insider": "#6baed6", "holds": "#bdbdbd", "issued_by": "#dddddd", "more": "#999"}
EDGE_NAMES = {
    "insider": "insider of",
    "holds": "holds",
    "issued_by": "issued by",
    "more": "more",
    "path": "link (hover for how)",
}
WIDTH_STEPS = (10_000.0, 1_000_000.0, 100_000_000.0)  # the widths the legend explains
LABELS = 25  # at most this many node labels; the rest on hover
CANVAS = (1200.0, 700.0)  # the drawing's size in pixels, for label collisions
Pos = Mapping[str, tuple[float, float]]


def edge_colour(edge: SubgraphEdge) -> str:
    if edge.kind == "trade":
        return CODE_COLOURS.get(edge.code or "", "#ff9896")
    return EDGE_COLOURS.get(edge.kind, "#999")


def edge_name(edge: SubgraphEdge) -> str:
    if edge.kind == "trade":
        return f"{edge.code} · {CODE_NAMES.get(edge.code or '', 'other')}"
    return EDGE_NAMES.get(edge.kind, edge.kind.replace("_", " ").lower())


def node_roles(sub: Subgraph) -> dict[str, str]:
    """Each owner's main role over its insider edges in view (a CEO-director is an officer)."""
    roles: dict[str, set[str]] = {}
    for edge in sub.edges:
        if edge.kind == "insider":
            roles.setdefault(edge.source, set()).update(edge.roles)
    found = {node: main_role(tuple(r)) for node, r in roles.items()}
    return {node: role for node, role in found.items() if role}


def node_size(node: SubgraphNode) -> float:
    if node.kind == "more":
        return 22.0
    base = 14 if node.hops == 0 else 9
    return base + (min(26.0, 3 * math.log10(1 + node.value)) if node.value > 0 else 0)


def label_boxes(
    nodes: Sequence[SubgraphNode], pos: Pos, focus: str | None, limit: int = LABELS
) -> set[str]:
    """The nodes to label: focus and "more" first, then by value, skipping any whose label box
    (about 6.5 px a character at CANVAS size) would overlap one already placed."""
    if not pos:
        return set()
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    span_x = (max(xs) - min(xs)) or 1.0
    span_y = (max(ys) - min(ys)) or 1.0
    order = sorted(
        (n for n in nodes if n.id in pos),
        key=lambda n: (n.id != focus, n.kind != "more", -n.value, n.hops, n.label),
    )
    placed: list[tuple[float, float, float, float]] = []
    chosen: set[str] = set()
    for node in order:
        if len(chosen) >= limit:
            break
        cx = (pos[node.id][0] - min(xs)) / span_x * CANVAS[0] * 0.9
        cy = (pos[node.id][1] - min(ys)) / span_y * CANVAS[1] * 0.9
        half = 3.25 * min(len(node.label), 40) + 2
        box = (cx - half, cy + 6, cx + half, cy + 22)
        if all(box[2] < b[0] or box[0] > b[2] or box[3] < b[1] or box[1] > b[3] for b in placed):
            placed.append(box)
            chosen.add(node.id)
    return chosen
