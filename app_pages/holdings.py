"""Who holds what: every owner's latest position in an issuer, or an owner's portfolio."""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from explorer.format import number
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
    row_dicts,
    view_state,
)
from explorer.widgets import bind
from graph.db import Graph
from graph.read import positions
from graph.read.positions import Position, PositionFilter

# What an analyst reads first (owner, role, security, shares, D/I, as of) leads.
COLUMNS = {
    "owner_name": "Owner",
    "role": "Role",
    "security": "Security",
    "shares": "Shares",
    "direct_indirect": "D/I",
    "as_of": "As of",
    "market_value": "Value at last price",
    "price_date": "Price as of",
    "nature": "Nature",
    "issuer_name": "Issuer",
    "ticker": "Ticker",
    "derivative": "Derivative",
    "stale": "Possibly stale",
    "joint": "Joint filing",
    "owner_cik": "Owner CIK",
}
OWN = {"owner": ("Owner", "Owner CIK"), "issuer": ("Issuer", "Ticker")}  # one entity's columns
PAGE_ROWS = 500
NO_POSITIONS = "No reported positions for this entity."
DERIVATIVE = {"all": None, "non-derivative only": False, "derivative only": True}


def _table(rows: list[Position], cik: str, superseded: bool) -> list[dict[str, object]]:
    """The grid's rows; the columns that would repeat the page's own entity on every row
    (its name as owner of its portfolio, as issuer of its securities) are left out."""
    own = {"owner": all(r.owner_cik == cik for r in rows)}
    own["issuer"] = all(r.issuer_cik == cik for r in rows)
    dropped = {title for side, titles in OWN.items() if own[side] for title in titles}
    out = []
    for cells, r in zip(row_dicts(rows, COLUMNS), rows, strict=True):
        p = r.provenance
        if r.direct_indirect == "D":
            cells["Nature"] = NOT_APPLICABLE  # a nature of ownership is only given when indirect
        if superseded:
            cells["Superseded"] = "superseded by an amendment" if r.superseded else ""
        cells = {k: v for k, v in cells.items() if k not in dropped}
        out.append(cells | {"Filing": p.reference, "EDGAR": p.url, "Link": p.why})
    return out


def _only(state: ViewState) -> PositionFilter:
    """The positions the widgets ask for (the query filters them, so pages are of matches)."""
    return PositionFilter(state.superseded, state.zero, state.filters.derivative, state.text)


def _every_match(graph: Graph, cik: str, only: PositionFilter) -> bytes:
    """CSV of every matching position, built when the button is clicked."""
    return csv_bytes(positions.positions(graph, cik, only=only))


def _widgets(state: ViewState) -> ViewState:
    """Text filter, derivative choice and the two toggles, bound to the link."""
    derivative = next(k for k, v in DERIVATIVE.items() if v == state.filters.derivative)
    bind(
        {
            "h_text": state.text,
            "h_deriv": derivative,
            "h_zero": state.zero,
            "h_superseded": state.superseded,
        }
    )
    cols = st.columns([3, 2])
    text = cols[0].text_input("Filter", placeholder="owner, security, role…", key="h_text")
    choice = cols[1].radio("Securities", list(DERIVATIVE), horizontal=True, key="h_deriv")
    left, right = st.columns(2)
    zero = left.toggle("Show positions of zero shares", key="h_zero")
    superseded = right.toggle(
        "Show positions from superseded filings (flagged)",
        key="h_superseded",
        help="A position last reported by a filing that its amendment restates",
    )
    filters = replace(state.filters, derivative=DERIVATIVE[choice])
    return replace(state, text=text, zero=zero, superseded=superseded, filters=filters)


def render() -> None:
    """Draw the positions table of the entity in the link."""
    state = view_state("holdings")
    graph = connection()
    prof = require_entity(graph, state, "who holds what")
    if prof is None:
        return
    st.title(f"Who holds what · {md(prof.name)}")
    state = _widgets(state)
    commit(state)
    link_box(state)
    only = _only(state)
    first: tuple[int, tuple[Position, ...]] = cached(
        graph, positions.position_page, prof.cik, only, limit=PAGE_ROWS
    )
    total, rows = first  # the count and the first page come in one query
    if not total:
        anything = state.text.strip() or not state.zero or state.filters.derivative is not None
        st.info("No position matches these filters." if anything else NO_POSITIONS)
        return
    pages = (total + PAGE_ROWS - 1) // PAGE_ROWS
    page = 1
    if pages > 1:
        page = int(st.number_input(f"Page (of {pages})", 1, pages, 1, key="h_page"))
    skip = (page - 1) * PAGE_ROWS
    if skip:
        _, rows = cached(graph, positions.position_page, prof.cik, only, skip=skip, limit=PAGE_ROWS)
    st.caption(
        "Latest reported position per owner, security, direct/indirect and nature "
        "(joint filings report the group's shares on every owner). Possibly stale: the owner "
        "filed about this issuer later without restating the position. Value: shares times the "
        "latest price reported in a trade of that security."
    )
    shown = f"{number(skip + 1)} to {number(skip + len(rows))}"
    st.write(f"{number(total)} position(s)" + (f", {shown} shown" if pages > 1 else ""))
    grid(
        _table(list(rows), prof.cik, state.superseded),
        {
            "EDGAR": st.column_config.LinkColumn(display_text="open"),
            "Shares": st.column_config.NumberColumn(format="localized"),
            "Value at last price": st.column_config.NumberColumn(format="dollar"),
        },
    )
    every = partial(_every_match, graph, prof.cik, only)
    st.download_button("⬇ CSV (every match)", every, f"holdings-{prof.cik}.csv", "text/csv")


render()
