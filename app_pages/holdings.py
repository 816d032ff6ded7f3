"""Who holds what: every owner's latest position in an issuer, or an owner's portfolio."""

from __future__ import annotations

from dataclasses import replace

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
from graph.read import positions
from graph.read.positions import Position

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


def _filtered(rows: tuple[Position, ...], state: ViewState) -> list[Position]:
    wanted = state.text.strip().lower()
    derivative = state.filters.derivative
    out = []
    for r in rows:
        if not state.zero and not r.shares:
            continue
        haystack = f"{r.owner_name} {r.issuer_name} {r.security} {r.role} {r.nature}".lower()
        if wanted and wanted not in haystack:
            continue
        if derivative is not None and r.derivative != derivative:
            continue
        out.append(r)
    return out


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
    rows: tuple[Position, ...] = cached(
        graph, positions.positions, prof.cik, superseded=state.superseded
    )
    if not rows:
        st.info("No reported positions for this entity.")
        return
    st.caption(
        "Latest reported position per owner, security, direct/indirect and nature "
        "(joint filings report the group's shares on every owner). Possibly stale: the owner "
        "filed about this issuer later without restating the position. Value: shares times the "
        "latest price reported in a trade of that security."
    )
    shown = _filtered(rows, state)
    st.write(f"{number(len(shown))} of {number(len(rows))} position(s)")
    grid(
        _table(shown, prof.cik, state.superseded),
        {
            "EDGAR": st.column_config.LinkColumn(display_text="open"),
            "Shares": st.column_config.NumberColumn(format="localized"),
            "Value at last price": st.column_config.NumberColumn(format="dollar"),
        },
    )
    st.download_button("⬇ CSV", csv_bytes(shown), f"holdings-{prof.cik}.csv", "text/csv")


render()
