"""Who holds what: every owner's latest position in an issuer, or an owner's portfolio."""

from __future__ import annotations

import streamlit as st

from explorer.format import number
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
from graph.read import positions
from graph.read.positions import Position

COLUMNS = {
    "owner_name": "Owner",
    "owner_cik": "Owner CIK",
    "role": "Role",
    "issuer_name": "Issuer",
    "ticker": "Ticker",
    "security": "Security",
    "derivative": "Derivative",
    "shares": "Shares",
    "market_value": "Value at last price",
    "price_date": "Price as of",
    "direct_indirect": "D/I",
    "nature": "Nature",
    "as_of": "As of",
    "stale": "Possibly stale",
    "joint": "Joint filing",
}


def _table(rows: list[Position]) -> list[dict[str, object]]:
    out = []
    for cells, r in zip(row_dicts(rows, COLUMNS), rows, strict=True):
        p = r.provenance
        out.append(cells | {"Filing": p.reference, "EDGAR": p.url, "Link": p.why})
    return out


def _filtered(rows: tuple[Position, ...], text: str, derivative: str, zero: bool) -> list[Position]:
    wanted = text.strip().lower()
    out = []
    for r in rows:
        if not zero and not r.shares:
            continue
        haystack = f"{r.owner_name} {r.issuer_name} {r.security} {r.role} {r.nature}".lower()
        if wanted and wanted not in haystack:
            continue
        if derivative != "all" and r.derivative != (derivative == "derivative only"):
            continue
        out.append(r)
    return out


def render() -> None:
    """Draw the positions table of the entity in the link."""
    state = view_state("holdings")
    graph = connection()
    prof = require_entity(graph, state, "who holds what")
    if prof is None:
        return
    st.title(f"Who holds what · {md(prof.name)}")
    commit(state)
    rows: tuple[Position, ...] = cached(graph, positions.positions, prof.cik)
    if not rows:
        st.info("No reported positions for this entity.")
        return
    st.caption(
        "Latest reported position per owner, security, direct/indirect and nature "
        "(joint filings report the group's shares on every owner). Possibly stale: the owner "
        "filed about this issuer later without restating the position. Value: shares times the "
        "latest price reported in a trade of that security."
    )
    cols = st.columns([3, 2, 1])
    text = cols[0].text_input("Filter", placeholder="owner, security, role…", key="h_text")
    derivative = cols[1].radio(
        "Securities",
        ["all", "non-derivative only", "derivative only"],
        horizontal=True,
        key="h_deriv",
    )
    zero = st.toggle("Show positions of zero shares", value=False, key="h_zero")
    shown = _filtered(rows, text, derivative, zero)
    with cols[2]:
        link_box(state)
    st.write(f"{number(len(shown))} of {number(len(rows))} position(s)")
    st.dataframe(
        _table(shown),
        hide_index=True,
        column_config={
            "EDGAR": st.column_config.LinkColumn(display_text="open"),
            "Shares": st.column_config.NumberColumn(format="localized"),
            "Value at last price": st.column_config.NumberColumn(format="dollar"),
        },
    )
    st.download_button("⬇ CSV", csv_bytes(shown), f"holdings-{prof.cik}.csv", "text/csv")


render()
