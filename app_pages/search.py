"""Search: entities by name, ticker or CIK (full-text index), each one click from its view."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from explorer.plain import md
from explorer.session import cached, commit, connection, entity_picker, link_box, view_state
from explorer.widgets import bind
from graph.read.search import SearchHit, search_entities


def _kind(hit: SearchHit) -> str:
    roles = [r for r in ("Issuer", "Owner") if r in hit.labels]
    return " + ".join(roles) or "Entity"


def render() -> None:
    """Draw the search box and the hits."""
    state = view_state("search")
    st.title("Search")
    entity_picker("s_pick", "Go to an issuer or owner")
    bind({"s_q": state.q})
    text = st.text_input("Full-text search", key="s_q", placeholder="e.g. Microsoft, TSLA, 789019")
    state = replace(state, q=text.strip())
    commit(state)
    if not state.q:
        st.info(
            "Pick an entity above as you type, or type a name (or its start), a ticker or a "
            "CIK here and press Enter to list every match."
        )
        return
    graph = connection()
    hits = cached(graph, search_entities, state.q)
    if not hits:
        st.info(f"Nothing matches “{md(state.q)}”. Try fewer letters, a ticker or a CIK.")
        return
    st.write(f"{len(hits)} match(es):")
    for hit in hits:
        ticker = f" ({hit.ticker})" if hit.ticker else ""
        st.page_link(
            "app_pages/entity.py",
            label=md(f"{hit.name or hit.cik}{ticker} · CIK {hit.cik} · {_kind(hit)}"),
            query_params={"cik": hit.cik},
        )
    link_box(state)


render()
