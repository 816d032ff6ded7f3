"""Transactions: table and buys-vs-sells timeline, EDGAR links and footnotes in full."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go
import streamlit as st

from explorer.drawing import CODE_COLOURS
from explorer.plain import md
from explorer.session import (
    cached,
    commit,
    connection,
    csv_bytes,
    link_box,
    require_entity,
    row_dicts,
    view_state,
)
from explorer.widgets import filter_widgets
from graph.read import trades
from graph.read.trades import TransactionRow

COLUMNS = {
    "date": "Date",
    "owner_names": "Insider(s)",
    "code": "Code",
    "acquired_disposed": "A/D",
    "security": "Security",
    "shares": "Shares",
    "price": "Price",
    "value": "Value",
    "shares_after": "Owned after",
    "direct_indirect": "D/I",
    "nature": "Nature",
    "issuer_name": "Issuer",
    "form": "Form",
    "url": "EDGAR",
    "footnotes": "Footnotes",
}


def timeline(rows: tuple[TransactionRow, ...]) -> go.Figure:
    """Value over time, acquisitions up and dispositions down, one trace per insider and code."""
    groups: dict[tuple[str, str], list[TransactionRow]] = {}
    for r in rows:
        if r.date and (r.value or r.shares):
            groups.setdefault((", ".join(r.owner_names), r.code or "?"), []).append(r)
    fig = go.Figure()
    for (who, code), items in sorted(groups.items()):
        sign = [-1 if r.acquired_disposed == "D" else 1 for r in items]
        fig.add_trace(
            go.Scatter(
                x=[r.date for r in items],
                y=[s * (r.value or 0) for s, r in zip(sign, items, strict=True)],
                mode="markers",
                name=f"{code} · {who}"[:60],
                marker={
                    "color": CODE_COLOURS.get(code, "#7f7f7f"),
                    "size": 10,
                    "symbol": "triangle-up"
                    if code == "P"
                    else "triangle-down"
                    if code == "S"
                    else "circle",
                },
                customdata=[[r.shares, r.price, r.security] for r in items],
                hovertemplate=f"{who}<br>{code} %{{x}}<br>"
                "%{customdata[0]:,.0f} sh @ $%{customdata[1]}"
                "<br>value $%{y:,.0f}<br>%{customdata[2]}<extra></extra>",
            )
        )
    fig.update_layout(
        height=360,
        margin={"l": 5, "r": 5, "t": 25, "b": 5},
        yaxis_title="value ($, sells negative)",
        legend={"font": {"size": 10}},
    )
    return fig


def render() -> None:
    """Draw the transactions of the entity in the link."""
    state = view_state("transactions")
    graph = connection()
    prof = require_entity(graph, state, "its transactions")
    if prof is None:
        return
    st.title(f"Transactions · {md(prof.name)}")
    with st.expander("Filters", expanded=bool(state.filters.codes or state.filters.start)):
        state = replace(state, filters=filter_widgets(state, depth=False, roles=False))
    commit(state)
    rows: tuple[TransactionRow, ...] = cached(graph, trades.transactions, prof.cik, state.filters)
    link_box(state)
    if not rows:
        st.info("No transactions match these filters.")
        return
    buys = sum(r.value or 0 for r in rows if r.code == "P")
    sells = sum(r.value or 0 for r in rows if r.code == "S")
    st.write(
        f"{len(rows)} transaction row(s) · open-market buys ${buys:,.0f} · sells ${sells:,.0f} "
        "(joint filings counted once)"
    )
    st.plotly_chart(timeline(rows), key="timeline")
    st.dataframe(
        row_dicts(rows, COLUMNS),
        hide_index=True,
        column_config={
            "EDGAR": st.column_config.LinkColumn(display_text="filing"),
            "Footnotes": st.column_config.TextColumn(width="large"),
        },
    )
    st.download_button("⬇ CSV", csv_bytes(rows), f"transactions-{prof.cik}.csv", "text/csv")
    with st.expander("Footnotes in full"):
        for r in rows:
            if r.footnotes:
                owners = ", ".join(r.owner_names)
                st.markdown(f"**{r.date} · {md(r.code)} · {md(owners)} · {md(r.security)}**")
                for note in r.footnotes:
                    st.text(f"• {note}")


render()
