"""Entity view: profile of an issuer or owner and its relationship graph (click to expand)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from explorer.drawing import figure
from explorer.layout import graphml_bytes
from explorer.link import ViewState
from explorer.plain import md
from explorer.session import (
    cached,
    cached_layout,
    commit,
    connection,
    csv_bytes,
    link_box,
    require_entity,
    view_state,
)
from explorer.widgets import filter_widgets, layout_widgets, url_of
from graph.db import Graph
from graph.read.entity import EntityProfile
from graph.read.neighbourhood import Subgraph, neighbourhood


def _profile(p: EntityProfile) -> None:
    ticker = f" ({p.ticker})" if p.ticker else ""
    st.title(md(f"{p.name or p.cik}{ticker}"))
    kinds = [k for k in ("Issuer", "Owner", "Person", "Company") if k in p.labels]
    st.caption(
        f"CIK {p.cik} · {' · '.join(kinds)} · {p.filings} filing(s) "
        f"from {p.first_filing} to {p.last_filing}"
    )
    if p.address:
        st.text("Address: " + ", ".join(p.address))
    if len(p.names) > 1:
        st.text("Also filed as: " + "; ".join(n for n in p.names if n != p.name))
    with st.expander(f"Roles ({len(p.roles)})", expanded=len(p.roles) <= 6):
        rows = [
            {
                "": r.direction,
                "Name": r.name,
                "CIK": r.cik,
                "Roles": r.roles,
                "First": r.first_filing,
                "Last": r.last_filing,
            }
            for r in p.roles
        ]
        st.dataframe(rows, hide_index=True)


def _links(state: ViewState) -> None:
    cols = st.columns(4)
    for col, (page, label) in zip(
        cols,
        [
            ("holdings", "Who holds what"),
            ("transactions", "Transactions"),
            ("connections", "Connections"),
        ],
        strict=False,
    ):
        col.page_link(f"app_pages/{page}.py", label=label, query_params=url_of(state))
    with cols[3]:
        link_box(state)


def _graph(graph: Graph, state: ViewState) -> tuple[Subgraph, dict[str, tuple[float, float]]]:
    """Replay the expansions in order so that earlier nodes keep their positions."""
    positions: dict[str, tuple[float, float]] = {}
    sub = Subgraph((), ())
    for k in range(len(state.expanded) + 1):
        sub = cached(graph, neighbourhood, state.cik, state.filters, expanded=state.expanded[:k])
        pinned = tuple(sorted(positions.items()))
        positions = cached_layout(sub, state.layout, state.seed, pinned)
    return sub, positions


def _clicked(event: object) -> str | None:
    points = getattr(getattr(event, "selection", None), "points", None) or []
    for point in points:
        node = point.get("customdata")
        if isinstance(node, list):
            node = node[0] if node else None
        if isinstance(node, str):
            return node
    return None


def _expand(state: ViewState, node: str, sub: Subgraph) -> ViewState:
    cik = node.split("|", 1)[0]
    st.session_state["picked"] = cik
    if cik == state.cik or cik in state.expanded:
        return state
    return replace(state, expanded=(*state.expanded, cik))


def _exports(sub: Subgraph, positions: dict[str, tuple[float, float]], cik: str) -> None:
    cols = st.columns(3)
    cols[0].download_button(
        "⬇ GraphML (Gephi)",
        graphml_bytes(sub, positions),
        f"ownergraph-{cik}.graphml",
        "application/graphml+xml",
    )
    cols[1].download_button(
        "⬇ Nodes CSV", csv_bytes(sub.nodes), f"ownergraph-{cik}-nodes.csv", "text/csv"
    )
    cols[2].download_button(
        "⬇ Edges CSV", csv_bytes(sub.edges), f"ownergraph-{cik}-edges.csv", "text/csv"
    )


def _picked(graph: Graph, state: ViewState, sub: Subgraph) -> None:
    picked = st.session_state.get("picked")
    node = next((n for n in sub.nodes if n.id == picked), None)
    if node and picked != state.cik:
        st.page_link(
            "app_pages/entity.py",
            label=f"Open {md(node.label)}",
            icon=":material/arrow_forward:",
            query_params={"cik": node.id},
        )


def render() -> None:
    """Draw the entity view."""
    state = view_state("entity")
    graph = connection()
    prof = require_entity(graph, state, "its profile and graph")
    if prof is None:
        return
    _profile(prof)
    with st.expander("Filters and layout", expanded=False):
        state = replace(state, filters=filter_widgets(state))
        state = layout_widgets(state)
        colour_by = st.radio("Colour nodes by", ["kind", "role"], horizontal=True, key="g_colour")
        if state.expanded and st.button(f"Collapse {len(state.expanded)} expanded node(s)"):
            state = replace(state, expanded=())
    commit(state)
    _links(state)
    sub, positions = _graph(graph, state)
    if sub.truncated:
        st.warning(f"The graph was cut at {len(sub.nodes)} nodes; narrow the filters or the depth.")
    st.caption(
        f"{len(sub.nodes)} nodes, {len(sub.edges)} edges. Click a node to expand it; "
        "scroll to zoom, drag to pan; edge width and node size follow traded value."
    )
    event = st.plotly_chart(
        figure(sub, positions, colour_by=colour_by),
        key="graph",
        on_select="rerun",
        selection_mode="points",
        config={"scrollZoom": True},
    )
    node = _clicked(event)
    if node:
        grown = _expand(state, node, sub)
        if grown != state:
            commit(grown)
            st.rerun()
    _picked(graph, state, sub)
    _exports(sub, positions, prof.cik)


render()
