"""Transactions: two sides kept apart (trades in the entity's securities; its own trades as an
owner), each with its totals, a timeline, a paged table with provenance, footnotes on demand."""

from __future__ import annotations

from dataclasses import replace

import plotly.graph_objects as go
import streamlit as st

from explorer.format import money, number
from explorer.link import ViewState
from explorer.plain import md
from explorer.session import (
    cached,
    commit,
    connection,
    csv_bytes,
    link_box,
    require_entity,
    view_state,
)
from explorer.widgets import bind, filter_widgets
from graph.db import Graph
from graph.read import trades
from graph.read.filters import CODE_NAMES
from graph.read.trades import SIDES, TransactionRow

PAGE_ROWS = 100
SYMBOLS = {"P": "triangle-up", "S": "triangle-down", "A": "star", "M": "diamond", "F": "square"}
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


def timeline(rows: tuple[TransactionRow, ...]) -> go.Figure:
    """Value over time (sells below zero): colour by insider, shape by code, price as a line."""
    fig = go.Figure()
    insiders = sorted({", ".join(r.owner_names) for r in rows})
    colour = {who: PALETTE[n % len(PALETTE)] for n, who in enumerate(insiders)}
    groups: dict[tuple[str, str], list[TransactionRow]] = {}
    for r in rows:
        if r.date and (r.value or r.shares):
            groups.setdefault((", ".join(r.owner_names), r.code or "?"), []).append(r)
    for (who, code), items in sorted(groups.items()):
        sign = [-1 if r.acquired_disposed == "D" else 1 for r in items]
        fig.add_trace(
            go.Scatter(
                x=[r.date for r in items],
                y=[s * (r.value or 0) for s, r in zip(sign, items, strict=True)],
                mode="markers",
                name=f"{code} · {who}"[:60],
                marker={"color": colour[who], "size": 10, "symbol": SYMBOLS.get(code, "circle")},
                customdata=[[r.shares, r.price, r.security] for r in items],
                hovertemplate=f"{who}<br>{code} ({CODE_NAMES.get(code, '?')}) %{{x}}<br>"
                "%{customdata[0]:,.0f} sh @ $%{customdata[1]:,.2f}"
                "<br>value $%{y:,.0f}<br>%{customdata[2]}<extra></extra>",
            )
        )
    priced = sorted((r.date, r.price) for r in rows if r.date and r.price)
    if priced:
        fig.add_trace(
            go.Scatter(
                x=[d for d, _ in priced],
                y=[p for _, p in priced],
                mode="lines",
                name="price ($/sh)",
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


def _table(
    rows: tuple[TransactionRow, ...], issuers: bool, superseded: bool
) -> list[dict[str, object]]:
    out = []
    for r in rows:
        p = r.provenance
        cells: dict[str, object] = {"Superseded by": r.superseded_by or ""} if superseded else {}
        cells |= {
            "Date": r.date,
            "Insider(s)": "; ".join(r.owner_names),
            "Code": r.code,
            "A/D": r.acquired_disposed,
            "Security": r.security,
            "Shares": r.shares,
            "Price": r.price,
            "Value": r.value,
            "Owned after": r.shares_after,
            "D/I": r.direct_indirect,
            "Nature": r.nature,
        }
        if issuers:
            cells["Issuer"] = r.issuer_name
        cells |= {"Filing": p.reference, "EDGAR": p.url, "Link": p.why}
        out.append(cells)
    return out


def _footnotes(graph: Graph, rows: tuple[TransactionRow, ...], side: str) -> None:
    if not st.toggle("Show footnotes", key=f"t_notes_{side}"):
        return
    notes = cached(graph, trades.filing_footnotes, tuple(sorted({r.accession for r in rows})))
    for r in rows:
        texts = trades.resolve_footnotes(
            r.footnote_refs,
            tuple(notes.get(r.accession, {})),
            tuple(notes.get(r.accession, {}).values()),
        )
        if texts:
            st.text(f"{r.date} · {r.code} · {', '.join(r.owner_names)} · {r.security}")
            for note in texts:
                st.text(note)  # filer text: plain text, never markdown


def _side(graph: Graph, cik: str, state: ViewState, side: str) -> None:
    filters, superseded = state.filters, state.superseded
    totals: trades.TradeTotals = cached(
        graph, trades.trade_totals, cik, filters, side, superseded=superseded
    )
    if totals.rows == 0:
        st.info("No transactions match these filters.")
        return
    left_out = (
        f"{number(totals.superseded)} superseded row(s) shown but not counted"
        if superseded
        else "superseded originals left out"
    )
    st.write(
        f"{number(totals.rows)} transaction row(s) in {number(totals.issuers)} issuer(s) · "
        f"open-market buys {money(totals.buys)} · sells {money(totals.sells)} "
        f"(joint filings counted once; {left_out})"
    )
    pages = (totals.rows + PAGE_ROWS - 1) // PAGE_ROWS
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page (of {pages})", 1, pages, 1, key=f"t_page_{side}"))
    rows: tuple[TransactionRow, ...] = cached(
        graph,
        trades.transactions,
        cik,
        filters,
        side,
        (page - 1) * PAGE_ROWS,
        PAGE_ROWS,
        superseded=superseded,
    )
    st.plotly_chart(timeline(rows), key=f"timeline_{side}")
    st.caption(" · ".join(f"{code} {name}" for code, name in CODE_NAMES.items()))
    st.dataframe(
        _table(rows, issuers=side == "by" or totals.issuers > 1, superseded=superseded),
        hide_index=True,
        column_config={
            "EDGAR": st.column_config.LinkColumn(display_text="open"),
            "Shares": st.column_config.NumberColumn(format="localized"),
            "Owned after": st.column_config.NumberColumn(format="localized"),
            "Price": st.column_config.NumberColumn(format="dollar"),
            "Value": st.column_config.NumberColumn(format="dollar"),
        },
    )
    st.download_button("⬇ CSV", csv_bytes(rows), f"transactions-{cik}-{side}.csv", "text/csv")
    _footnotes(graph, rows, side)


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
    bind({"t_superseded": state.superseded})
    shown = st.toggle(
        "Show rows of superseded filings (flagged, never counted)",
        key="t_superseded",
        help="Rows of an original filing that its amendment (4/A, 3/A, 5/A) restates",
    )
    state = replace(state, superseded=shown)
    commit(state)
    link_box(state)
    for tab, side in zip(st.tabs(list(SIDES.values())), SIDES, strict=True):
        with tab:
            _side(graph, prof.cik, state, side)


render()
