"""Screens: cluster buys, largest open-market purchases and sales, officer/director buys."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from explorer.link import SCREENS, ViewState
from explorer.plain import md
from explorer.session import (
    cached,
    commit,
    connection,
    csv_bytes,
    link_box,
    row_dicts,
    view_state,
)
from explorer.widgets import bind
from graph.db import Graph
from graph.read import screens
from graph.read.screens import ClusterBuy, Trade

TITLES = {
    "clusters": "Cluster buys",
    "purchases": "Largest open-market purchases",
    "sales": "Largest open-market sales",
    "insider_buys": "Officer and director buys",
}
CLUSTER_COLUMNS = {
    "issuer_name": "Issuer",
    "start": "From",
    "end": "To",
    "insiders": "Buyers",
    "owner_names": "Insiders",
    "purchases": "Purchases",
    "value": "Value ($)",
}
TRADE_COLUMNS = {
    "date": "Date",
    "issuer_name": "Issuer",
    "owners": "Insider(s)",
    "roles": "Role",
    "code": "Code",
    "security": "Security",
    "shares": "Shares",
    "price": "Price",
    "value": "Value ($)",
}


def _results(graph: Graph, state: ViewState) -> tuple[ClusterBuy, ...] | tuple[Trade, ...]:
    if state.screen == "clusters":
        merge = st.toggle(
            "Count the owners of one joint filing as one buyer", value=True, key="sc_merge"
        )
        return cached(
            graph,
            screens.cluster_buys,
            min_insiders=state.n,
            days=state.days,
            merge_joint=merge,
        )
    if state.screen == "insider_buys":
        return cached(graph, screens.insider_buys)
    return cached(graph, screens.largest_trades, "P" if state.screen == "purchases" else "S")


def _open(rows: tuple[ClusterBuy, ...] | tuple[Trade, ...]) -> None:
    """Each row opens the issuer's graph."""
    issuers = dict.fromkeys((r.issuer_cik, r.issuer_name) for r in rows)
    with st.expander("Open an issuer's graph", expanded=True):
        for cik, name in list(issuers)[:30]:
            st.page_link(
                "app_pages/entity.py", label=md(f"{name} · CIK {cik}"), query_params={"cik": cik}
            )


def render() -> None:
    """Draw the chosen screen."""
    state = view_state("screens")
    st.title("Screens")
    graph = connection()
    bind({"sc_screen": state.screen, "sc_n": state.n, "sc_days": state.days})
    screen = st.radio("Screen", SCREENS, format_func=TITLES.get, horizontal=True, key="sc_screen")
    state = replace(state, screen=screen)
    if screen == "clusters":
        cols = st.columns(2)
        n = cols[0].number_input("At least N distinct insiders", 2, 50, key="sc_n")
        days = cols[1].number_input("Within D days", 1, 3650, key="sc_days")
        state = replace(state, n=int(n), days=int(days))
    commit(state)
    link_box(state)
    rows = _results(graph, state)
    if not rows:
        st.info("Nothing in the graph passes this screen.")
        return
    columns = CLUSTER_COLUMNS if screen == "clusters" else TRADE_COLUMNS
    st.write(f"{len(rows)} row(s) · joint filings counted once")
    st.dataframe(row_dicts(rows, columns), hide_index=True)
    st.download_button("⬇ CSV", csv_bytes(rows), f"screen-{screen}.csv", "text/csv")
    _open(rows)


render()
