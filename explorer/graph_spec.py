"""Vega-Lite drawing of a laid-out Subgraph for the entity view: the same picture as
explorer/drawing.py (edges coloured by main code, width by value, both in legends; nodes by
kind or role, sized by traded value; the focus largest, centred, on top; labels only where
they do not overlap) at a fraction of plotly's start-up cost in the browser.

Clicks come back through two point selections: ``node`` (a node's id) and ``edge`` (the
invisible mark in an edge's middle, id ``edge|source|target``); drag pans, scroll zooms.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from explorer.describe import edge_lines, node_lines
from explorer.drawing import (
    KIND_COLOURS,
    ROLE_COLOURS,
    WIDTH_STEPS,
    edge_colour,
    edge_name,
    label_boxes,
    node_roles,
    node_size,
)
from graph.read.view.subgraph import Subgraph

__all__ = ["SELECTIONS", "graph_spec", "picked"]

SELECTIONS = ("edge", "node")
Pos = Mapping[str, tuple[float, float]]


def _scale(pos: Pos, focus: str | None, axis: int, centred: bool) -> dict:
    """The focus in the middle (when centred), a margin around."""
    if not pos:
        return {"zero": False}
    values = [p[axis] for p in pos.values()]
    if focus is not None and focus in pos and centred:
        mid = pos[focus][axis]
        reach = max(abs(v - mid) for v in values) or 1.0
        return {"domain": [mid - reach * 1.3, mid + reach * 1.3], "nice": False, "zero": False}
    low, high = min(values), max(values)
    pad = (high - low) * 0.1 or 1.0
    return {"domain": [low - pad, high + pad], "nice": False, "zero": False}


def _xy(pos: Pos, focus: str | None, centred: bool) -> dict:
    return {
        "x": {"field": "x", "type": "quantitative", "axis": None},
        "y": {"field": "y", "type": "quantitative", "axis": None},
        "_x": _scale(pos, focus, 0, centred),
        "_y": _scale(pos, focus, 1, centred),
    }


def _encode(xy: dict, **more: object) -> dict:
    return {
        "x": {**xy["x"], "scale": xy["_x"]},
        "y": {**xy["y"], "scale": xy["_y"]},
        **more,
    }


def _edges(sub: Subgraph, pos: Pos, xy: dict) -> list[dict]:
    names = {n.id: n.label for n in sub.nodes}
    rows: list[dict[str, Any]] = []
    mids: list[dict[str, Any]] = []
    colours: dict[str, str] = {}
    for e in sub.edges:
        if e.source not in pos or e.target not in pos:
            continue
        (x, y), (x2, y2) = pos[e.source], pos[e.target]
        name = edge_name(e)
        colours.setdefault(name, edge_colour(e))
        value = e.value if e.kind == "trade" else 0.0
        rows.append({"x": x, "y": y, "x2": x2, "y2": y2, "edge": name, "value": value})
        if e.kind not in ("issued_by", "more"):
            lines = edge_lines(e, names)
            mids.append(
                {
                    "x": (x + x2) / 2,
                    "y": (y + y2) / 2,
                    "id": f"edge|{e.source}|{e.target}",
                    "what": lines[0],
                    "detail": " · ".join(lines[1:]),
                }
            )
    traded = any(e.kind == "trade" for e in sub.edges)
    width = {
        "field": "value",
        "type": "quantitative",
        "scale": {"type": "symlog", "domain": [0, WIDTH_STEPS[-1]], "range": [1, 7], "clamp": True},
        "legend": {"values": list(WIDTH_STEPS), "format": "$,.0f", "title": "Width: value traded"}
        if traded
        else None,
    }
    legend = {"title": "Edges (colour: main code)", "orient": "right"}
    colour = {
        "field": "edge",
        "type": "nominal",
        "scale": {"domain": list(colours), "range": list(colours.values())},
        "legend": legend,
    }
    rules = {
        "data": {"values": rows},
        "mark": {"type": "rule"},
        "encoding": {
            **_encode(xy, color=colour, strokeWidth=width),
            "x2": {"field": "x2"},
            "y2": {"field": "y2"},
        },
    }
    middles = {
        "data": {"values": mids},
        "mark": {"type": "point", "filled": True, "size": 120, "opacity": 0},
        "params": [{"name": "edge", "select": {"type": "point", "fields": ["id"], "on": "click"}}],
        "encoding": _encode(
            xy,
            tooltip=[{"field": "what", "title": "Edge"}, {"field": "detail", "title": "Detail"}],
        ),
    }
    return [rules, middles]


def _nodes(sub: Subgraph, pos: Pos, xy: dict, colour_by: str, focus: str | None) -> list[dict]:
    roles = node_roles(sub) if colour_by == "role" else {}
    labelled = label_boxes(sub.nodes, pos, focus)
    rows: list[dict[str, Any]] = []
    colours: dict[str, str] = {}
    for n in sub.nodes:
        if n.id not in pos:
            continue
        key = roles.get(n.id, n.kind)
        group = key.replace("_", " + ")
        colours.setdefault(group, ROLE_COLOURS.get(key) or KIND_COLOURS.get(key, "#333"))
        lines = node_lines(n)
        rows.append(
            {
                "x": pos[n.id][0],
                "y": pos[n.id][1],
                "id": n.id,
                "group": group,
                "area": node_size(n) ** 2,
                "label": n.label if n.id in labelled else "",
                "name": lines[0] if lines else n.label,
                "detail": " · ".join(lines[1:]),
                "focus": n.id == focus,
                "more": n.kind == "more",
            }
        )
    biggest = max([float(r["area"]) for r in rows] + [400.0]) ** 0.5
    for r in rows:
        if r["focus"]:
            r["area"] = (biggest + 10) ** 2
    tooltip = [{"field": "name", "title": "Node"}, {"field": "detail", "title": "Detail"}]
    colour = {
        "field": "group",
        "type": "nominal",
        "scale": {"domain": list(colours), "range": list(colours.values())},
        "legend": {"title": "Nodes", "orient": "right"},
    }
    dots = {
        "data": {"values": rows},
        "transform": [{"calculate": "datum.focus ? 1 : 0", "as": "order"}],
        "mark": {"type": "point", "filled": True, "stroke": "#222", "opacity": 1},
        "params": [
            {"name": "node", "select": {"type": "point", "fields": ["id"], "on": "click"}},
            {"name": "zoom", "select": "interval", "bind": "scales"},
        ],
        "encoding": _encode(
            xy,
            color=colour,
            size={"field": "area", "type": "quantitative", "scale": None, "legend": None},
            strokeWidth={"condition": {"test": "datum.focus", "value": 4}, "value": 1},
            order={"field": "order"},
            tooltip=tooltip,
        ),
    }
    return [dots, *_labels(rows, xy)]


def _labels(rows: list[dict[str, Any]], xy: dict) -> list[dict]:
    """Labels just above their node: one text layer per node radius (Vega-Lite has no
    per-datum offset)."""
    by_radius: dict[int, list[dict[str, Any]]] = {}
    for r in rows:
        if r["label"]:
            by_radius.setdefault(round(float(r["area"]) ** 0.5 / 2), []).append(r)
    return [
        {
            "data": {"values": items},
            "mark": {"type": "text", "dy": -(radius + 3), "baseline": "bottom"},
            "encoding": _encode(
                xy,
                text={"field": "label"},
                size={"condition": {"test": "datum.focus", "value": 15}, "value": 11},
                color={"condition": {"test": "datum.focus", "value": "#000"}, "value": "#444"},
            ),
        }
        for radius, items in sorted(by_radius.items())
    ]


def graph_spec(
    sub: Subgraph,
    pos: Pos,
    *,
    colour_by: str = "kind",
    focus: str | None = None,
    centred: bool = True,
) -> dict:
    """The Vega-Lite spec: edges, their clickable middles, nodes, labels; legends on the right."""
    xy = _xy(pos, focus, centred)
    return {
        "width": "container",
        "height": "container",
        "autosize": {"type": "fit", "contains": "padding"},
        "config": {"view": {"stroke": None}},
        "layer": [*_edges(sub, pos, xy), *_nodes(sub, pos, xy, colour_by, focus)],
        "resolve": {"scale": {"color": "independent", "size": "independent"}},
    }


def picked(event: object) -> str | None:
    """The id of the node or edge clicked, if any (nodes first)."""
    selection = getattr(event, "selection", None) or {}
    for name in ("node", "edge"):
        found = selection.get(name) if isinstance(selection, Mapping) else None
        for item in found or []:
            if isinstance(item, Mapping) and isinstance(item.get("id"), str):
                return str(item["id"])
    return None
