"""Who holds what: every owner's latest position in an issuer, or an owner's portfolio."""

from __future__ import annotations

import streamlit as st

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
    "value": "Value",
    "direct_indirect": "D/I",
    "nature": "Nature",
    "as_of": "As of",
    "joint": "Joint filing",
    "url": "EDGAR",
}


def _filtered(rows: tuple[Position, ...], text: str, derivative: str) -> list[Position]:
    wanted = text.strip().lower()
    out = []
    for r in rows:
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
        "(joint filings report the group's shares on every owner)."
    )
    cols = st.columns([3, 2, 1])
    text = cols[0].text_input("Filter", placeholder="owner, security, role…", key="h_text")
    derivative = cols[1].radio(
        "Securities",
        ["all", "non-derivative only", "derivative only"],
        horizontal=True,
        key="h_deriv",
    )
    shown = _filtered(rows, text, derivative)
    with cols[2]:
        link_box(state)
    st.write(f"{len(shown)} of {len(rows)} position(s)")
    st.dataframe(
        row_dicts(shown, COLUMNS),
        hide_index=True,
        column_config={
            "EDGAR": st.column_config.LinkColumn(display_text="filing"),
            "Shares": st.column_config.NumberColumn(format="localized"),
        },
    )
    st.download_button("⬇ CSV", csv_bytes(shown), f"holdings-{prof.cik}.csv", "text/csv")


render()
