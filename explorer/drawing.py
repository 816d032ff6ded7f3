"""Plotly drawing of a laid-out Subgraph: edges coloured by their main transaction code, width
by value, with a legend for both; nodes by kind or role, sized by traded value, the focus the
largest node, centred and drawn on top; labels only where they do not overlap (the rest on
hover). Node ids in ``customdata`` so a click (``on_select``) tells the page what was picked.
The console and the connections page draw with it; the entity view draws the same picture in
Vega-Lite (explorer/graph_spec.py), which the browser starts far faster.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from explorer.describe import edge_lines, main_role, node_lines
from graph.read.filters import CODE_NAMES
from graph.read.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode

__all__ = [
    "CODE_COLOURS",
    "KIND_COLOURS",
    "ROLE_COLOURS",
    "WIDTH_STEPS",
    "edge_colour",
    "edge_name",
    "figure",
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


def _width(value: float) -> float:
    return 1.0 + min(6.0, math.log10(1 + value) / 1.5) if value > 0 else 1.0


def edge_colour(edge: SubgraphEdge) -> str:
    if edge.kind == "trade":
        return CODE_COLOURS.get(edge.code or "", "#ff9896")
    return EDGE_COLOURS.get(edge.kind, "#999")


def edge_name(edge: SubgraphEdge) -> str:
    if edge.kind == "trade":
        return f"{edge.code} · {CODE_NAMES.get(edge.code or '', 'other')}"
    return EDGE_NAMES.get(edge.kind, edge.kind.replace("_", " ").lower())


def _edge_traces(sub: Subgraph, pos: Pos) -> list[go.Scatter]:
    groups: dict[tuple[str, str, float], list[SubgraphEdge]] = {}
    for edge in sub.edges:
        if edge.source in pos and edge.target in pos:
            key = (edge_name(edge), edge_colour(edge), round(_width(edge.value)))
            groups.setdefault(key, []).append(edge)
    traces = []
    for (name, colour, width), edges in sorted(groups.items()):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for e in edges:
            xs += [pos[e.source][0], pos[e.target][0], None]
            ys += [pos[e.source][1], pos[e.target][1], None]
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=name,
                showlegend=False,
                line={"width": width, "color": colour},
                hoverinfo="skip",
            )
        )
    return traces


def _edge_legend(sub: Subgraph) -> list[go.Scatter]:
    """Legend-only traces: one per edge colour present, then the width scale."""
    seen: dict[str, str] = {}
    for edge in sub.edges:
        seen.setdefault(edge_name(edge), edge_colour(edge))
    traces = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="lines",
            name=name,
            line={"color": colour, "width": 3},
            legendgroup="edges",
            legendgrouptitle={"text": "Edges (colour: main code)"},
        )
        for name, colour in sorted(seen.items())
    ]
    if any(e.kind == "trade" for e in sub.edges):
        traces += [
            go.Scatter(
                x=[None],
                y=[None],
                mode="lines",
                name=f"${value:,.0f} traded",
                line={"color": "#555", "width": _width(value)},
                legendgroup="widths",
                legendgrouptitle={"text": "Width: value traded"},
            )
            for value in WIDTH_STEPS
        ]
    return traces


def _edge_hover(sub: Subgraph, pos: Pos) -> go.Scatter:
    """Invisible markers at edge midpoints carrying the edge details."""
    names = {n.id: n.label for n in sub.nodes}
    xs, ys, texts, ids = [], [], [], []
    for e in sub.edges:
        if e.source in pos and e.target in pos and e.kind not in ("issued_by", "more"):
            xs.append((pos[e.source][0] + pos[e.target][0]) / 2)
            ys.append((pos[e.source][1] + pos[e.target][1]) / 2)
            texts.append("<br>".join(edge_lines(e, names)))
            ids.append(f"edge|{e.source}|{e.target}")
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={"size": 6, "opacity": 0},
        text=texts,
        customdata=ids,
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
        name="edges",
    )


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


def _node_trace(nodes: list[SubgraphNode], pos: Pos, colour: str, name: str, **extra) -> go.Scatter:
    return go.Scatter(
        x=[pos[n.id][0] for n in nodes],
        y=[pos[n.id][1] for n in nodes],
        mode="markers+text",
        name=name,
        marker={
            "size": [node_size(n) for n in nodes],
            "color": colour,
            "line": {"width": 1, "color": "#222"},
            "symbol": ["circle-open" if n.kind == "more" else "circle" for n in nodes],
        },
        textposition="top center",
        textfont={"size": 11},
        customdata=[n.id for n in nodes],
        hovertext=["<br>".join(node_lines(n)) for n in nodes],
        hovertemplate="%{hovertext}<extra></extra>",
        **extra,
    )


def figure(
    sub: Subgraph,
    pos: Pos,
    *,
    colour_by: str = "kind",
    height: int | None = 640,
    focus: str | None = None,
    centred: bool = True,
) -> go.Figure:
    """The figure: one node trace per colour group so the legend explains the colours."""
    roles = node_roles(sub) if colour_by == "role" else {}
    labelled = label_boxes(sub.nodes, pos, focus)
    groups: dict[str, list[SubgraphNode]] = {}
    for node in sub.nodes:
        if node.id in pos and node.id != focus:
            groups.setdefault(roles.get(node.id, node.kind), []).append(node)
    fig = go.Figure([*_edge_traces(sub, pos), _edge_hover(sub, pos)])
    for key, nodes in sorted(groups.items()):
        colour = ROLE_COLOURS.get(key) or KIND_COLOURS.get(key, "#333")
        text = [n.label if n.id in labelled else "" for n in nodes]
        fig.add_trace(_node_trace(nodes, pos, colour, key.replace("_", " + "), text=text))
    centre = next((n for n in sub.nodes if n.id == focus and n.id in pos), None)
    if centre is not None:
        biggest = max([node_size(n) for n in sub.nodes if n.id in pos] + [20.0])
        trace = _node_trace([centre], pos, "#000000", "focus", text=[centre.label])
        trace.marker.size = [biggest + 10]
        trace.marker.color = KIND_COLOURS.get(roles.get(centre.id, centre.kind), "#333")
        trace.marker.line = {"width": 4, "color": "#000"}
        trace.textfont = {"size": 15, "color": "#000"}
        fig.add_trace(trace)
    for trace in _edge_legend(sub):
        fig.add_trace(trace)
    fig.update_layout(
        margin={"l": 5, "r": 5, "t": 5, "b": 5},
        dragmode="pan",
        clickmode="event+select",
        xaxis={"visible": False, **_range(pos, centre, 0, centred)},
        yaxis={"visible": False, **_range(pos, centre, 1, centred)},
        legend={"orientation": "h", "y": -0.02, "yanchor": "top"},  # below: never over nodes
        hovermode="closest",
        plot_bgcolor="white",
    )
    if height is not None:  # None: the page sizes the chart (the entity view: to the window)
        fig.update_layout(height=height)
    return fig


def _range(pos: Pos, centre: SubgraphNode | None, axis: int, centred: bool) -> dict:
    """An axis range with the focus in the middle (when centred), a little margin around."""
    if not pos or centre is None or not centred:
        return {}
    mid = pos[centre.id][axis]
    reach = max(abs(p[axis] - mid) for p in pos.values()) or 1.0
    return {"range": [mid - reach * 1.3, mid + reach * 1.3]}
