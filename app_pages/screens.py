"""Screens: cluster buys, largest open-market purchases and sales, officer/director buys,
each over a trade-date range and optionally one ticker; every choice rides in the link."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from explorer.grid import grid
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
from graph.read import clusters, screens
from graph.read.clusters import ClusterBuy
from graph.read.screens import ScreenWindow, Trade

TITLES = {
    "clusters": "Cluster buys",
    "purchases": "Largest open-market purchases",
    "sales": "Largest open-market sales",
    "insider_buys": "Officer and director buys",
}
CLUSTER_COLUMNS = {
    "ticker": "Ticker",
    "issuer_name": "Issuer",
    "start": "From",
    "end": "To",
    "insiders": "Buyers",
    "owner_names": "Insiders",
    "purchases": "Purchases",
    "value": "Value ($)",
}
TRADE_COLUMNS = {
    "date": "Trade date",
    "filed": "Filed",
    "ticker": "Ticker",
    "issuer_name": "Issuer",
    "owners": "Insider(s)",
    "roles": "Role",
    "code": "Code",
    "shares": "Shares",
    "price": "Price",
    "value": "Value ($)",
    "shares_after": "Owned after",
    "delta_own": "ΔOwn",
    "security": "Security",  # last: wide, and the numbers are what a screen is read for
}
FORMATS = {
    "Shares": st.column_config.NumberColumn(format="localized"),
    "Owned after": st.column_config.NumberColumn(format="localized"),
    "Price": st.column_config.NumberColumn(format="dollar"),
    "Value ($)": st.column_config.NumberColumn(format="dollar"),
    "ΔOwn": st.column_config.NumberColumn(
        format="percent", help="Shares traded ÷ shares owned before the trade (sales negative)"
    ),
}
_EARLIEST = date(1990, 1, 1)


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _widgets(state: ViewState) -> ViewState:
    """The screen, its parameters and its window, bound to the link."""
    bind(
        {
            "sc_screen": state.screen,
            "sc_n": state.n,
            "sc_days": state.days,
            "sc_merge": state.merge,
            "sc_from": _day(state.filters.start),
            "sc_to": _day(state.filters.end),
            "sc_ticker": state.ticker,
        }
    )
    screen = st.radio("Screen", SCREENS, format_func=TITLES.get, horizontal=True, key="sc_screen")
    cols = st.columns(3)
    start = cols[0].date_input("Trades from", key="sc_from", min_value=_EARLIEST)
    end = cols[1].date_input("Trades to", key="sc_to", min_value=_EARLIEST)
    ticker = cols[2].text_input("Ticker", key="sc_ticker", placeholder="any, e.g. TSLA")
    filters = replace(
        state.filters,
        start=start.isoformat() if isinstance(start, date) else None,
        end=end.isoformat() if isinstance(end, date) else None,
    )
    state = replace(state, screen=screen, filters=filters, ticker=ticker.strip().upper())
    if screen == "clusters":
        cols = st.columns(3)
        n = cols[0].number_input("At least N distinct insiders", 2, 50, key="sc_n")
        days = cols[1].number_input("Within D days", 1, 3650, key="sc_days")
        merge = cols[2].toggle(
            "One buyer per joint filing",
            key="sc_merge",
            help="Count the owners of one joint filing (a fund and its manager) as one buyer",
        )
        state = replace(state, n=int(n), days=int(days), merge=bool(merge))
    return state


def _window(state: ViewState) -> ScreenWindow:
    return ScreenWindow(state.filters.start, state.filters.end, state.ticker or None)


def _results(graph: Graph, state: ViewState) -> tuple[ClusterBuy, ...] | tuple[Trade, ...]:
    window = _window(state)
    if state.screen == "clusters":
        return _cluster_screen(graph, state).clusters
    if state.screen == "insider_buys":
        return cached(graph, screens.insider_buys, window=window)
    code = "P" if state.screen == "purchases" else "S"
    return cached(graph, screens.largest_trades, code, window=window)


def _cluster_screen(graph: Graph, state: ViewState) -> clusters.ClusterScreen:
    return cached(
        graph,
        clusters.cluster_screen,
        min_insiders=state.n,
        days=state.days,
        merge_joint=state.merge,
        window=_window(state),
    )


def _scope(state: ViewState) -> str:
    """The window in words: '' when the screen looks at everything."""
    parts = []
    if state.filters.start or state.filters.end:
        parts.append(f"trades {state.filters.start or '…'} → {state.filters.end or '…'}")
    if state.ticker:
        parts.append(f"ticker {state.ticker}")
    return " · ".join(parts)


def caption(state: ViewState, count: int, total: int | None = None) -> str:
    """What the table counts (of how many, when it lists only the strongest), and how joint
    filings are counted (true for the toggle)."""
    scope = _scope(state)
    head = (
        f"{count} row(s)"
        if total is None or total <= count
        else f"the strongest {count:,} of {total:,} clusters"
    )
    head += f" · {scope}" if scope else ""
    if state.screen != "clusters":
        return f"{head} · one row per filing row (a joint filing's row once, with every owner)"
    if state.merge:
        return f"{head} · the owners of one joint filing count as one buyer"
    return f"{head} · every reporting owner counts as a buyer (a fund and its manager are two)"


def empty(state: ViewState) -> str:
    """Why nothing passed, and what to change."""
    scope = _scope(state)
    where = f" ({scope})" if scope else ""
    if state.screen == "clusters":
        hint = "a longer window (D days), fewer insiders (N)"
        if state.merge:
            hint += ", or counting every owner of a joint filing"
        return (
            f"No issuer had {state.n} or more distinct buyers within {state.days} days{where}. "
            f"Try {hint}."
        )
    return f"No {TITLES[state.screen].lower()}{where}. Widen the date range or clear the ticker."


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
    state = _widgets(state)
    commit(state)
    link_box(state)
    rows = _results(graph, state)
    if not rows:
        st.info(empty(state))
        return
    columns = CLUSTER_COLUMNS if state.screen == "clusters" else TRADE_COLUMNS
    total = _cluster_screen(graph, state).total if state.screen == "clusters" else None
    st.caption(caption(state, len(rows), total))
    grid(row_dicts(rows, columns), FORMATS)
    st.download_button("⬇ CSV", csv_bytes(rows), f"screen-{state.screen}.csv", "text/csv")
    _open(rows)


render()
