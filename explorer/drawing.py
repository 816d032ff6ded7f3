"""Plotly drawing of a laid-out Subgraph: edges by kind and transaction code, width by value,
nodes by kind or role, size by traded value, hover details; node ids in ``customdata`` so a
click (``on_select``) tells the page which node was picked.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

import plotly.graph_objects as go

from graph.read.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode
from graph.values import GraphNode, GraphRel

__all__ = ["CODE_COLOURS", "KIND_COLOURS", "figure", "subgraph_from_result"]

KIND_COLOURS = {
    "issuer": "#1f77b4",
    "owner": "#ff7f0e",
    "owner_issuer": "#9467bd",
    "security": "#7f7f7f",
    "filing": "#8c564b",
}
ROLE_COLOURS = {
    "Officer": "#d62728",
    "Director": "#2ca02c",
    "10% owner": "#9467bd",
    "Other": "#bcbd22",
}
CODE_COLOURS = {"P": "#2ca02c", "S": "#d62728", "A": "#17becf", "M": "#9467bd", "F": "#8c564b"}
_EDGE_COLOURS = {"insider": "#aec7e8", "holds": "#c7c7c7", "issued_by": "#dddddd"}
Pos = Mapping[str, tuple[float, float]]


def _width(edge: SubgraphEdge) -> float:
    return 1.0 + min(6.0, math.log10(1 + edge.value) / 1.5) if edge.value > 0 else 1.0


def _edge_traces(sub: Subgraph, pos: Pos) -> list[go.Scatter]:
    groups: dict[tuple[str, float], list[SubgraphEdge]] = {}
    for edge in sub.edges:
        if edge.source in pos and edge.target in pos:
            name = f"{edge.code} trades" if edge.kind == "trade" else edge.kind.replace("_", " ")
            groups.setdefault((name, round(_width(edge))), []).append(edge)
    traces = []
    for (name, width), edges in sorted(groups.items()):
        xs: list[float | None] = []
        ys: list[float | None] = []
        for e in edges:
            xs += [pos[e.source][0], pos[e.target][0], None]
            ys += [pos[e.source][1], pos[e.target][1], None]
        code = edges[0].code if edges[0].kind == "trade" else None
        colour = (
            CODE_COLOURS.get(code or "", "#ff9896")
            if code
            else _EDGE_COLOURS.get(edges[0].kind, "#999")
        )
        traces.append(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                name=name,
                legendgroup=name,
                showlegend=False,
                line={"width": width, "color": colour},
                hoverinfo="skip",
            )
        )
    traces.append(_edge_hover(sub, pos))
    return traces


def _edge_hover(sub: Subgraph, pos: Pos) -> go.Scatter:
    """Invisible markers at edge midpoints carrying the edge details."""
    xs, ys, texts = [], [], []
    for e in sub.edges:
        if e.source in pos and e.target in pos and e.kind != "issued_by":
            xs.append((pos[e.source][0] + pos[e.target][0]) / 2)
            ys.append((pos[e.source][1] + pos[e.target][1]) / 2)
            texts.append(e.detail)
    return go.Scatter(
        x=xs,
        y=ys,
        mode="markers",
        marker={"size": 6, "opacity": 0},
        text=texts,
        hovertemplate="%{text}<extra></extra>",
        showlegend=False,
        name="edges",
    )


def _roles(sub: Subgraph) -> dict[str, str]:
    found: dict[str, str] = {}
    for edge in sub.edges:
        if edge.kind == "insider":
            for role in ROLE_COLOURS:
                if role in edge.detail and edge.source not in found:
                    found[edge.source] = role
    return found


def _size(value: float, hops: int) -> float:
    base = 14 if hops == 0 else 9
    return base + (min(30.0, 3 * math.log10(1 + value)) if value > 0 else 0)


def figure(sub: Subgraph, pos: Pos, *, colour_by: str = "kind", height: int = 640) -> go.Figure:
    """The figure: one node trace per colour group so the legend explains the colours."""
    roles = _roles(sub) if colour_by == "role" else {}
    groups: dict[str, list] = {}
    for node in sub.nodes:
        if node.id in pos:
            key = roles.get(node.id, node.kind) if colour_by == "role" else node.kind
            groups.setdefault(key, []).append(node)
    fig = go.Figure(_edge_traces(sub, pos))
    for key, nodes in sorted(groups.items()):
        colour = ROLE_COLOURS.get(key) or KIND_COLOURS.get(key, "#333")
        fig.add_trace(
            go.Scatter(
                x=[pos[n.id][0] for n in nodes],
                y=[pos[n.id][1] for n in nodes],
                mode="markers+text",
                name=key.replace("_", " + "),
                marker={
                    "size": [_size(n.value, n.hops) for n in nodes],
                    "color": colour,
                    "line": {"width": [3 if n.hops == 0 else 1 for n in nodes], "color": "#222"},
                },
                text=[n.label[:28] for n in nodes],
                textposition="top center",
                textfont={"size": 10},
                customdata=[n.id for n in nodes],
                hovertext=[n.detail for n in nodes],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    fig.update_layout(
        height=height,
        margin={"l": 5, "r": 5, "t": 5, "b": 5},
        dragmode="pan",
        clickmode="event+select",
        xaxis={"visible": False},
        yaxis={"visible": False, "scaleanchor": "x"},
        legend={"orientation": "h", "y": -0.02},
        hovermode="closest",
        plot_bgcolor="white",
    )
    return fig


def subgraph_from_result(nodes: Sequence[GraphNode], rels: Sequence[GraphRel]) -> Subgraph:
    """A Subgraph of the nodes and relationships a console query returned."""
    drawn = []
    for node in nodes:
        kind = (
            "security"
            if "Security" in node.labels
            else "filing"
            if "Filing" in node.labels
            else "owner"
        )
        if "Issuer" in node.labels:
            kind = "owner_issuer" if "Owner" in node.labels else "issuer"
        detail = "<br>".join(
            [":".join(node.labels), *(f"{k}: {v}" for k, v in node.properties[:12])]
        )
        drawn.append(SubgraphNode(node.id, kind, node.caption, detail))
    edges = [SubgraphEdge(r.start, r.end, r.type.lower(), _code(r), r.type) for r in rels]
    return Subgraph(tuple(drawn), tuple(edges))


def _code(rel: GraphRel) -> str | None:
    code = rel.props.get("code")
    return None if code is None else str(code)
