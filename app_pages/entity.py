"""Entity view: profile of an issuer or owner and its relationship graph (click to expand)."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from explorer.describe import edge_lines, edge_rows, node_rows
from explorer.graph_spec import SELECTIONS, graph_spec, picked
from explorer.grid import grid
from explorer.layout import graphml_bytes
from explorer.link import COLOUR_MODES, ViewState
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
from explorer.widgets import bind, filter_widgets, layout_widgets, url_of
from graph.db import Graph
from graph.read.entity import EntityProfile
from graph.read.filters import CODE_NAMES, ROLE_NAMES, GraphFilters
from graph.read.view.bound import more_id
from graph.read.view.neighbourhood import MAX_LIMIT, Subgraph, neighbourhood

MORE_STEP = 150  # nodes a click on "N more" adds
# The graph as tall as the browser window (less the app's header), never under 420 px.
FIT_WINDOW = "<style>.st-key-graph {height: max(420px, calc(100vh - 90px)) !important}</style>"


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
                "Relation": r.direction,  # "insider" (of this issuer) or "insider of"
                "Name": r.name,
                "CIK": r.cik,
                "Roles": r.roles,
                "First": r.first_filing,
                "Last": r.last_filing,
            }
            for r in p.roles
        ]
        grid(rows)


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
        sub = cached(
            graph,
            neighbourhood,
            state.cik,
            state.filters,
            expanded=state.expanded[:k],
            limit=state.top,
        )
        pinned = tuple(sorted(positions.items()))
        positions = cached_layout(sub, state.layout, state.seed, pinned)
    return sub, positions


def _expand(state: ViewState, node: str, sub: Subgraph) -> ViewState:
    if node == more_id(str(state.cik)):
        return replace(state, top=min(MAX_LIMIT, state.top + MORE_STEP))
    if node.startswith("edge|"):
        st.session_state["picked_edge"] = node
        return state
    cik = node.split("|", 1)[0]
    st.session_state["picked"] = cik
    if cik == state.cik or cik in state.expanded or not cik.isdigit():
        return state
    return replace(state, expanded=(*state.expanded, cik))


def _chips(filters: GraphFilters) -> list[str]:
    """The active filters in words, one chip each."""
    chips = []
    if filters.depth != 1:
        chips.append(f"depth {filters.depth}")
    if filters.start or filters.end:
        chips.append(f"dates {filters.start or '…'} → {filters.end or '…'}")
    chips += [f"{c} · {CODE_NAMES[c]}" for c in filters.codes]
    chips += [ROLE_NAMES[r] for r in filters.roles]
    if filters.derivative is not None:
        chips.append("derivative only" if filters.derivative else "non-derivative only")
    if filters.min_value > 0:
        chips.append(f"≥ ${filters.min_value:,.0f} per trade")
    return chips


def _edge_detail(sub: Subgraph, state: ViewState) -> None:
    """The detail of a clicked edge: its trades by code, and where to see every row."""
    picked = st.session_state.get("picked_edge") or ""
    _, source, target = ([*picked.split("|", 2), "", ""])[:3]
    edge = next((e for e in sub.edges if (e.source, e.target) == (source, target)), None)
    if edge is None:
        return
    names = {n.id: n.label for n in sub.nodes}
    with st.container(border=True):
        st.markdown("**" + " · ".join(edge_lines(edge, names)[:2]) + "**")
        if edge.by_code:
            rows = [
                {
                    "Code": f"{t.code} · {CODE_NAMES.get(t.code, t.code)}",
                    "Rows": t.count,
                    "Shares": t.shares,
                    "Value ($)": t.value,
                }
                for t in edge.by_code
            ]
            grid(rows)
            st.page_link(
                "app_pages/transactions.py",
                label=f"Every trade of {names.get(source, source)}",
                icon=":material/swap_horiz:",
                query_params=url_of(replace(state, cik=source, expanded=(), top=150)),
            )


def _exports(sub: Subgraph, positions: dict[str, tuple[float, float]], cik: str) -> None:
    cols = st.columns(3)
    cols[0].download_button(
        "⬇ GraphML (Gephi)",
        graphml_bytes(sub, positions),
        f"ownergraph-{cik}.graphml",
        "application/graphml+xml",
    )
    cols[1].download_button(
        "⬇ Nodes CSV", csv_bytes(node_rows(sub)), f"ownergraph-{cik}-nodes.csv", "text/csv"
    )
    cols[2].download_button(
        "⬇ Edges CSV", csv_bytes(edge_rows(sub)), f"ownergraph-{cik}-edges.csv", "text/csv"
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
    with st.expander("Filters and layout", expanded=False):  # active ones show as chips
        state = replace(state, filters=filter_widgets(state))
        state = layout_widgets(state)
        bind({"g_colour": state.colour})
        st.radio("Colour nodes by", COLOUR_MODES, horizontal=True, key="g_colour")
        state = replace(state, colour=st.session_state["g_colour"])
        if state.expanded and st.button(f"Collapse {len(state.expanded)} expanded node(s)"):
            state = replace(state, expanded=(), top=150)
    commit(state)
    _links(state)
    sub, positions = _graph(graph, state)
    chips = _chips(state.filters)
    if chips:
        st.markdown("Filters: " + " ".join(f":blue-badge[{c}]" for c in chips))
    if state.filters.narrows_trades() and not any(e.kind == "trade" for e in sub.edges):
        st.info("No trades match these filters; only the entity itself is drawn.")
    elif state.filters.roles and not any(e.kind == "insider" for e in sub.edges):
        roles = " or ".join(ROLE_NAMES[r].lower() for r in state.filters.roles)
        st.info(f"No {roles} relationship within reach; only the entity itself is drawn.")
    shown = len(sub.nodes) - (1 if sub.hidden else 0)
    more = f" ({sub.hidden:,} more behind the “more” node: click it)" if sub.hidden else ""
    st.caption(
        f"{shown} nodes{more}, {len(sub.edges)} edges. Click a node to expand it, an edge's "
        "middle for its trades; scroll to zoom, drag to pan; hover for names."
    )
    st.html(FIT_WINDOW)
    event = st.vega_lite_chart(
        graph_spec(
            sub,
            positions,
            colour_by=state.colour,
            focus=state.cik,
            centred=state.layout != "layered",
        ),
        key="graph",
        on_select="rerun",
        selection_mode=list(SELECTIONS),
        height="stretch",
    )
    node = picked(event)
    if node:
        grown = _expand(state, node, sub)
        if grown != state:
            commit(grown)
            st.rerun()
    _picked(graph, state, sub)
    _edge_detail(sub, state)
    _exports(sub, positions, prof.cik)


render()
