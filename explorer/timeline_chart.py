"""The transactions timeline as a Vega-Lite spec: one colour per insider, one marker shape per
transaction code, the value traded (sells below zero), the price as a line on its own axis.

Vega-Lite, not plotly: the browser draws it for a fraction of plotly's start-up cost (the
transactions page is measured in bench/bench_pages.py). A hub has thousands of marks, so they
are drawn on a canvas (not one SVG element each) and carry no per-mark ARIA description (one
formatted text per mark, built in the browser, that nobody could listen through).
"""

from __future__ import annotations

from graph.read.filters import CODE_NAMES
from graph.read.timeline import Timeline

__all__ = ["LEGEND_INSIDERS", "SHAPES", "glossary", "timeline_spec"]

SHAPES = {
    "P": "triangle-up",
    "S": "triangle-down",
    "A": "diamond",
    "M": "square",
    "F": "cross",
    "G": "triangle-right",
    "D": "triangle-left",
    "C": "wedge",
}
PRICE = "#7f7f7f"
# Legend entries for insiders, the last "… N entries" when there are more: a hub has hundreds,
# which the chart's height clipped after a screenful, hiding the codes' legend below them.
LEGEND_INSIDERS = 8


def glossary(line: Timeline) -> str:
    """'P open-market purchase · S open-market sale …' for the codes on the timeline."""
    codes = sorted({m.code for m in line.marks})
    return " · ".join(f"{c} {CODE_NAMES.get(c, 'unknown code')}" for c in codes)


def _marks_layer(line: Timeline) -> dict:
    codes = sorted({m.code for m in line.marks})
    when = "Week of" if line.weekly else "Date"
    values = [
        {
            "start": m.start,
            "insider": m.insider,
            "code": m.code,
            "what": f"{m.code} · {CODE_NAMES.get(m.code, 'unknown code')}",
            "trades": m.trades,
            "shares": m.shares,
            "value": m.value,
        }
        for m in line.marks
    ]
    return {
        "data": {"values": values},
        "mark": {"type": "point", "filled": True, "size": 90, "opacity": 0.85, "aria": False},
        "encoding": {
            "x": {"field": "start", "type": "temporal", "title": None},
            "y": {"field": "value", "type": "quantitative", "title": "value ($, sells negative)"},
            "color": {
                "field": "insider",
                "type": "nominal",
                "title": "Insider",
                "legend": {"symbolLimit": LEGEND_INSIDERS},  # then "… N entries"
            },
            "shape": {
                "field": "code",
                "type": "nominal",
                "title": "Code",
                "legend": {"columns": 3},  # nine codes in three rows, under the insiders
                "scale": {"domain": codes, "range": [SHAPES.get(c, "circle") for c in codes]},
            },
            "tooltip": [
                {"field": "insider", "title": "Insider"},
                {"field": "what", "title": "Code"},
                {"field": "start", "type": "temporal", "title": when},
                {"field": "trades", "title": "Trades"},
                {"field": "shares", "title": "Shares", "format": ",.0f"},
                {"field": "value", "title": "Value ($)", "format": ",.0f"},
            ],
        },
    }


def _price_layer(line: Timeline) -> dict:
    title = "price ($/sh, weekly average)" if line.weekly else "price ($/sh)"
    return {
        "data": {"values": [{"start": d, "price": p} for d, p in line.prices]},
        "mark": {"type": "line", "color": PRICE, "strokeWidth": 1},
        "encoding": {
            "x": {"field": "start", "type": "temporal"},
            "y": {
                "field": "price",
                "type": "quantitative",
                "title": title,
                "axis": {"orient": "right", "grid": False},
            },
            "tooltip": [
                {"field": "start", "type": "temporal", "title": "Date"},
                {"field": "price", "title": title, "format": ",.2f"},
            ],
        },
    }


def timeline_spec(line: Timeline) -> dict:
    """Marks by insider (colour) and code (shape), by day or week; the price as a grey line on
    its own axis; drag to pan, scroll to zoom the dates."""
    marks = _marks_layer(line)
    marks["params"] = [{"name": "zoom", "select": "interval", "bind": "scales"}]
    layers = [marks]
    if line.prices:
        layers.append(_price_layer(line))
    return {
        "height": 340,
        "layer": layers,
        "resolve": {"scale": {"y": "independent"}},
        "usermeta": {"embedOptions": {"renderer": "canvas"}},  # vega-embed reads it
    }
