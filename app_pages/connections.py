"""Connections: shortest paths between two entities, interlocks, co-filers, owner-issuers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from explorer.link import ViewState
from explorer.plain import md
from explorer.session import cached, commit, connection, csv_bytes, link_box, view_state
from explorer.widgets import bind
from graph.db import Graph
from graph.read import links as connections
from graph.read.links import Link, PathStep
from graph.read.search import normalise_cik

LinkQuery = Callable[..., tuple[Link, ...]]
# title: (query, its first and second entity column, what the count counts)
TABLES: dict[str, tuple[LinkQuery, str, str | None, str]] = {
    "People on several boards": (
        connections.interlocked_people,
        "Person / owner",
        None,
        "Issuers",
    ),
    "Issuers sharing insiders": (
        connections.interlocked_issuers,
        "Issuer",
        "Issuer",
        "Shared insiders",
    ),
    "Co-filers of joint filings": (connections.co_filers, "Owner", "Owner", "Joint filings"),
    "Owners that are issuers": (connections.owner_issuers, "Entity", None, "Insider of"),
}


def _paths(graph: Graph, state: ViewState) -> ViewState:
    st.subheader("Shortest paths")
    bind({"c_a": state.cik or "", "c_b": state.other or ""})
    cols = st.columns(2)
    a = normalise_cik(cols[0].text_input("From CIK", key="c_a") or "")
    b = normalise_cik(cols[1].text_input("To CIK", key="c_b") or "")
    state = replace(state, cik=a or state.cik, other=b)
    if not (a and b):
        st.info("Enter two CIKs (search finds them) to see how they are connected.")
        return state
    paths: tuple[tuple[PathStep, ...], ...] = cached(graph, connections.shortest_paths, a, b)
    if not paths:
        st.info(f"No path of up to 8 steps links CIK {a} and CIK {b} (or one is not in the graph).")
    for k, path in enumerate(paths, 1):
        text = " ".join(f"**{md(s.name)}**" + (f" —{md(s.via)}— " if s.via else "") for s in path)
        st.markdown(f"{k}. {text}")
    return state


def _rows(links: tuple[Link, ...], a: str, b: str | None, what: str) -> list[dict[str, object]]:
    rows = []
    for link in links:
        row: dict[str, object] = {a: link.a_name, f"{a} CIK": link.a_cik}
        if b:
            row |= {f"{b} ": link.b_name, f"{b} CIK ": link.b_cik}
        rows.append(row | {"Count": link.count, what: "; ".join(link.names)})
    return rows


def render() -> None:
    """Draw path search and the four connection tables."""
    state = view_state("connections")
    st.title("Connections")
    graph = connection()
    state = _paths(graph, state)
    commit(state)
    link_box(state)
    scope = st.toggle(
        f"Only rows involving CIK {state.cik}",
        value=bool(state.cik),
        disabled=not state.cik,
        key="c_scope",
    )
    for tab, (title, (query, a, b, what)) in zip(
        st.tabs(list(TABLES)), TABLES.items(), strict=True
    ):
        with tab:
            name = query.__name__
            links = cached(graph, query, cik=state.cik if scope else None)
            if not links:
                st.info(
                    f"No {title.lower()} in the graph" + (" for this entity." if scope else ".")
                )
                continue
            st.dataframe(_rows(links, a, b, what), hide_index=True)
            st.download_button(
                "⬇ CSV", csv_bytes(links), f"{name}.csv", "text/csv", key=f"dl_{name}"
            )


render()
