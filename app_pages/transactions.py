"""Transactions: two sides kept apart (trades in the entity's securities; its own trades as an
owner), each with its totals, a timeline, a paged table with provenance, footnotes on demand."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from explorer.format import money, number
from explorer.grid import NOT_APPLICABLE, grid
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
from explorer.timeline_chart import glossary, timeline_spec
from explorer.widgets import bind, filter_widgets
from graph.db import Graph
from graph.read import timeline, trades
from graph.read.filters import GraphFilters
from graph.read.trades import SIDES, TransactionRow

PAGE_ROWS = 100


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
            "Nature": NOT_APPLICABLE if r.direct_indirect == "D" else r.nature,
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


def _none(side: str, filters: GraphFilters) -> str:
    """Why a side is empty: the filters, or nothing of that kind at all."""
    if filters != GraphFilters(depth=filters.depth):
        return "No transactions match these filters."
    if side == "in":
        return "No transactions in this entity's securities: it is not an issuer in the graph."
    return "No transactions by this entity as an owner."


def _side(graph: Graph, cik: str, state: ViewState, side: str) -> None:
    filters, superseded = state.filters, state.superseded
    totals: trades.TradeTotals = cached(
        graph, trades.trade_totals, cik, filters, side, superseded=superseded
    )
    if totals.rows == 0:
        st.info(_none(side, filters))
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
    line: timeline.Timeline = cached(graph, timeline.timeline, cik, filters, side)
    st.vega_lite_chart(timeline_spec(line), key=f"timeline_{side}")
    weekly = "weekly totals (many trade days) · " if line.weekly else ""
    st.caption(f"Timeline of all {number(line.rows)} row(s): {weekly}{glossary(line)}")
    grid(
        _table(rows, issuers=side == "by" or totals.issuers > 1, superseded=superseded),
        {
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
    # An owner that is no issuer has only trades of its own: its tab opens first.
    first = None if "Issuer" in prof.labels else SIDES["by"]
    for tab, side in zip(st.tabs(list(SIDES.values()), default=first), SIDES, strict=True):
        with tab:
            _side(graph, prof.cik, state, side)


render()
