"""The transactions timeline as a plotly figure: one colour per insider, one marker shape per
transaction code, the value traded (sells below zero), the price as a line on its own axis."""

from __future__ import annotations

import plotly.graph_objects as go

from graph.read.filters import CODE_NAMES
from graph.read.timeline import Mark, Timeline

__all__ = ["PALETTE", "SYMBOLS", "glossary", "timeline_figure"]

SYMBOLS = {
    "P": "triangle-up",
    "S": "triangle-down",
    "A": "star",
    "M": "diamond",
    "F": "square",
    "G": "cross",
    "D": "x",
    "C": "hexagon",
}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#e377c2", "#17becf")


def glossary(line: Timeline) -> str:
    """'P open-market purchase · S open-market sale …' for the codes on the timeline."""
    codes = sorted({m.code for m in line.marks})
    return " · ".join(f"{c} {CODE_NAMES.get(c, 'unknown code')}" for c in codes)


def timeline_figure(line: Timeline) -> go.Figure:
    """Marks by insider (colour) and code (shape), by day or week; the price as a grey line."""
    fig = go.Figure()
    value: dict[str, float] = {}
    for m in line.marks:
        value[m.insider] = value.get(m.insider, 0.0) + abs(m.value)
    order = sorted(value, key=lambda who: (-value[who], who))
    colour = {who: PALETTE[n % len(PALETTE)] for n, who in enumerate(order)}
    groups: dict[tuple[str, str], list[Mark]] = {}
    for m in line.marks:
        groups.setdefault((m.insider, m.code), []).append(m)
    when = "week of " if line.weekly else ""
    for (who, code), marks in sorted(groups.items(), key=lambda g: (order.index(g[0][0]), g[0][1])):
        fig.add_trace(
            go.Scatter(
                x=[m.start for m in marks],
                y=[m.value for m in marks],
                mode="markers",
                name=f"{code} · {who}"[:60],
                legendgroup=who,
                marker={"color": colour[who], "size": 10, "symbol": SYMBOLS.get(code, "circle")},
                customdata=[[m.trades, m.shares] for m in marks],
                hovertemplate=f"{who}<br>{code} ({CODE_NAMES.get(code, '?')}) {when}%{{x}}<br>"
                "%{customdata[0]} trade(s), %{customdata[1]:,.0f} sh<br>value $%{y:,.0f}"
                "<extra></extra>",
            )
        )
    if line.prices:
        fig.add_trace(
            go.Scatter(
                x=[d for d, _ in line.prices],
                y=[p for _, p in line.prices],
                mode="lines",
                name="price ($/sh, weekly average)" if line.weekly else "price ($/sh)",
                yaxis="y2",
                line={"color": "#7f7f7f", "width": 1},
            )
        )
    fig.update_layout(
        height=360,
        margin={"l": 5, "r": 5, "t": 25, "b": 5},
        yaxis_title="value ($, sells negative)",
        yaxis2={"title": "price ($)", "overlaying": "y", "side": "right", "showgrid": False},
        legend={"font": {"size": 10}},
    )
    return fig
