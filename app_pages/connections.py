"""Connections: shortest paths between two entities, interlocks, co-filers, owner-issuers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import streamlit as st

from explorer.describe import step_words
from explorer.graph_spec import SELECTIONS, graph_spec, picked
from explorer.grid import grid
from explorer.link import ViewState
from explorer.plain import md
from explorer.session import (
    cached,
    commit,
    connection,
    csv_bytes,
    entity_options,
    link_box,
    view_state,
)
from explorer.widgets import bind
from graph.db import Graph
from graph.read import links as connections
from graph.read.links import Link, PathStep
from graph.read.search import option_label, search_entities
from graph.read.view.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode

LinkQuery = Callable[..., tuple[Link, ...]]
# title: (query, its first and second entity column, what the count counts)
TABLES: dict[str, tuple[LinkQuery, str, str | None, str]] = {
    "People on several boards": (
        connections.interlocked_people,
        "Person",
        None,
        "Issuers",
    ),
    "Issuers sharing insiders": (
        connections.interlocked_issuers,
        "Issuer",
        "Other issuer",
        "Shared insiders",
    ),
    "Co-filers of joint filings": (connections.co_filers, "Owner", "Co-filer", "Joint filings"),
    "Owners that are issuers": (connections.owner_issuers, "Entity", None, "Insider of"),
}


def _found(graph: Graph, text: str) -> tuple[str, str] | None:
    """The CIK and type-ahead label of the best match for ``text`` in the whole graph."""
    hits = cached(graph, search_entities, text, 1)
    if not hits:
        return None
    hit = hits[0]
    return hit.cik, option_label(hit.cik, hit.name, hit.ticker, hit.labels, ())


def _pick(
    graph: Graph, column: st.delta_generator.DeltaGenerator, label: str, key: str
) -> str | None:
    """A type-ahead picker by name, ticker or CIK. It suggests the type-ahead's entities; any
    other (beyond its cap, or from a link) is found by typing and pressing Enter: the text is
    looked up in the whole graph (search.search_entities) and its best match picked."""
    found = entity_options()
    labels = {o.cik: o.label for o in found.options} if found else {}
    chosen = st.session_state.get(key)
    if chosen and str(chosen) not in labels:  # typed text, or a CIK beyond the suggestions
        found_one = _found(graph, str(chosen))
        st.session_state[key] = found_one[0] if found_one else None  # before the box is drawn
        if found_one and found_one[0] not in labels:  # offered first, as the one picked
            labels = {found_one[0]: found_one[1], **labels}
        elif not found_one:
            column.warning(f"No entity matches “{md(str(chosen))}”.")
    value = column.selectbox(
        label,
        list(labels),
        key=key,
        index=None,
        format_func=lambda cik: labels.get(cik, cik),
        placeholder="name, ticker or CIK",
        accept_new_options=True,  # Enter on text that is no suggestion looks it up (above)
    )
    return str(value) if value in labels else None


def _path_graph(paths: tuple[tuple[PathStep, ...], ...]) -> tuple[Subgraph, dict]:
    """Every path drawn left to right, one row per path; shared nodes drawn once."""
    nodes: dict[str, SubgraphNode] = {}
    edges: dict[tuple[str, str], SubgraphEdge] = {}
    pos: dict[str, tuple[float, float]] = {}
    for row, path in enumerate(paths):
        for k, step in enumerate(path):
            kind = "security" if "Security" in step.labels else "owner"
            if "Issuer" in step.labels:
                kind = "owner_issuer" if "Owner" in step.labels else "issuer"
            nodes.setdefault(step.id, SubgraphNode(step.id, kind, step.name, k, labels=step.labels))
            pos.setdefault(step.id, (float(k), -float(row)))
            if k + 1 < len(path):
                nxt = path[k + 1].id
                words = step_words(step.via, step.forward, step.roles)
                edges.setdefault((step.id, nxt), SubgraphEdge(step.id, nxt, "path", title=words))
    return Subgraph(tuple(nodes.values()), tuple(edges.values())), pos


def _paths(graph: Graph, state: ViewState) -> ViewState:
    st.subheader("Shortest paths")
    bind({"c_a": state.cik, "c_b": state.other})
    cols = st.columns(2)
    a = _pick(graph, cols[0], "From", "c_a")
    b = _pick(graph, cols[1], "To", "c_b")
    state = replace(state, cik=a, other=b)
    if not (a and b):
        st.info("Pick two entities by name, ticker or CIK to see how they are connected.")
        return state
    paths: tuple[tuple[PathStep, ...], ...] = cached(graph, connections.shortest_paths, a, b)
    if not paths:
        st.info("No path of up to 8 steps links these two entities.")
        return state
    for k, path in enumerate(paths, 1):
        text = " ".join(
            f"**{md(s.name)}**"
            + (f" *{md(step_words(s.via, s.forward, s.roles))}* " if s.via else "")
            for s in path
        )
        st.markdown(f"{k}. {text}")
    sub, pos = _path_graph(paths)
    event = st.vega_lite_chart(
        graph_spec(sub, pos, focus=a, centred=False),
        key="path_graph",
        on_select="rerun",
        selection_mode=list(SELECTIONS),
        height=160 + 90 * len(paths),
    )
    node = picked(event)
    if node and node.isdigit():
        st.switch_page("app_pages/entity.py", query_params={"cik": node})
    return state


def _rows(links: tuple[Link, ...], a: str, b: str | None, what: str) -> list[dict[str, object]]:
    rows = []
    for link in links:
        row: dict[str, object] = {a: link.a_name, f"{a} CIK": link.a_cik}
        if b:
            row |= {b: link.b_name, f"{b} CIK": link.b_cik}
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
    found = entity_options()
    names = {o.cik: o.label.split(" · ")[0] for o in found.options} if found else {}
    if state.cik and state.cik not in names:  # beyond the suggestions: its name, as found
        found_one = _found(graph, state.cik)
        names[state.cik] = found_one[1].split(" · ")[0] if found_one else state.cik
    scope = st.toggle(
        f"Only rows involving {names.get(state.cik, state.cik)}"
        if state.cik
        else "Only rows involving the entity picked in “From” (none picked)",
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
            grid(_rows(links, a, b, what))
            st.download_button(
                "⬇ CSV", csv_bytes(links), f"{name}.csv", "text/csv", key=f"dl_{name}"
            )


render()
