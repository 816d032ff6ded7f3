"""Cypher console: read-only queries with parameters, an example gallery, table and graph."""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from explorer.console_graph import entity_of, subgraph_from_result
from explorer.graph_spec import SELECTIONS, graph_spec, picked
from explorer.grid import grid
from explorer.link import ViewState
from explorer.session import (
    cached_layout,
    commit,
    connection,
    csv_bytes,
    graph_key,
    link_box,
    view_state,
)
from explorer.widgets import bind
from graph.cypher import QueryResult, parse_param, run_read_query
from graph.db import Graph
from ingest.errors import OwnergraphError, QueryRefused, QueryTimeout

EXAMPLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "Insiders of an issuer": (
        "MATCH (o:Entity)-[r:INSIDER_OF]->(i:Entity {cik: $cik})\nRETURN o, r, i",
        ('cik="0000789019"',),
    ),
    "Largest purchases (joint filings once)": (
        "MATCH (o:Entity)-[r:TRANSACTED {code: 'P'}]->(s:Security)-[:ISSUED_BY]->(i:Entity)\n"
        "WITH DISTINCT r.row AS row, r.value AS value, r.date AS date, i.name AS issuer\n"
        "RETURN date, issuer, value ORDER BY value DESC LIMIT $n",
        ("n=10",),
    ),
    "Owners that are issuers": (
        "MATCH (e:Entity:Owner:Issuer)-[r:INSIDER_OF]->(i:Entity) RETURN e, r, i",
        (),
    ),
    "Full-text search": (
        "CALL db.index.fulltext.queryNodes('entity_search', $q) YIELD node, score\n"
        "RETURN node.cik AS cik, node.name AS name, score LIMIT 10",
        ('q="micro*"',),
    ),
    "Filings per form": (
        "MATCH (f:Filing) RETURN f.form AS form, count(*) AS filings ORDER BY filings DESC",
        (),
    ),
}


@st.cache_data(ttl=60, max_entries=64, show_spinner=False)
def _run(
    _graph: Graph, key: str, cypher: str, params: tuple, timeout: int, rows: int
) -> QueryResult:
    return run_read_query(_graph, cypher, dict(params), timeout_s=timeout, max_rows=rows)


def _load_example() -> None:
    cypher, params = EXAMPLES[st.session_state["k_example"]]
    st.session_state["k_cypher"] = cypher
    st.session_state["k_params"] = "\n".join(params)


def _form(state: ViewState) -> ViewState:
    bind(
        {
            "k_cypher": state.cypher,
            "k_params": "\n".join(state.params),
            "k_timeout": state.timeout,
            "k_rows": state.rows,
            "k_example": state.example if state.example in EXAMPLES else next(iter(EXAMPLES)),
        }
    )
    pick, load = st.columns([3, 1])
    example = pick.selectbox("Examples", list(EXAMPLES), key="k_example")
    load.button("Load example", on_click=_load_example)
    state = replace(state, example="" if example == next(iter(EXAMPLES)) else example)
    st.text_area("Cypher (read-only)", key="k_cypher", height=140)
    st.text_area(
        "Parameters, one name=value per line (JSON values; text otherwise)",
        key="k_params",
        height=68,
    )
    cols = st.columns(3)
    cols[0].number_input("Timeout (s)", 1, 300, key="k_timeout")
    cols[1].number_input("Row cap", 1, 10000, key="k_rows")
    run = cols[2].button("▶ Run", type="primary")
    if not run:
        return state
    params = tuple(p.strip() for p in st.session_state["k_params"].splitlines() if p.strip())
    state = replace(
        state,
        cypher=st.session_state["k_cypher"].strip(),
        params=params,
        timeout=int(st.session_state["k_timeout"]),
        rows=int(st.session_state["k_rows"]),
    )
    st.session_state["k_ran"] = _query(state)
    return state


def _query(state: ViewState) -> ViewState:
    """What was run: the state without the gallery's choice (changing it runs nothing)."""
    return replace(state, example="")


def _execute(graph: Graph, state: ViewState) -> QueryResult | None:
    try:
        params = tuple(parse_param(p) for p in state.params)
    except ValueError as err:
        st.error(f"Bad parameter: {err}")
        return None
    try:
        return _run(graph, graph_key(graph), state.cypher, params, state.timeout, state.rows)
    except QueryRefused as err:
        st.error(f"Refused: {err}")
    except QueryTimeout as err:
        st.error(f"Timed out: {err}")
    except OwnergraphError as err:
        st.error(f"The query failed: {err}")
    return None


def _cell(value: object) -> object:
    """A node as '(Owner) Musk Elon', a relationship as '[:TRANSACTED S]', lists joined."""
    if isinstance(value, dict) and "_labels" in value:
        labels = [str(x) for x in value["_labels"] if x != "Entity"]  # type: ignore[union-attr]
        name = next((value[k] for k in ("name", "title", "accession", "cik") if value.get(k)), "")
        return f"({':'.join(labels)}) {name}".strip()
    if isinstance(value, dict) and "_type" in value:
        code = f" {value['code']}" if value.get("code") else ""
        return f"[:{value['_type']}{code}]"
    if isinstance(value, list):
        return "; ".join(str(_cell(v)) for v in value)
    return str(value) if isinstance(value, dict) else value


def _show(result: QueryResult) -> None:
    note = " (truncated at the row cap)" if result.truncated else ""
    st.write(f"{len(result.rows)} row(s){note} in {result.elapsed_s * 1000:.0f} ms")
    if result.truncated:
        st.warning("More rows matched than the row cap; raise it or add LIMIT.")
    table = [
        dict(
            zip(
                result.columns,
                (_cell(v) for v in row),
                strict=True,
            )
        )
        for row in result.rows
    ]
    if result.plan:
        st.markdown("**Plan** (operators from the result up to the first read)")
        st.code(result.plan, language=None)
    if table:
        grid(table)
    st.download_button("⬇ CSV", csv_bytes(table), "query.csv", "text/csv")
    if result.nodes:
        sub = subgraph_from_result(result.nodes, result.relationships)
        st.caption(
            f"{len(result.nodes)} node(s), {len(result.relationships)} relationship(s) returned"
        )
        event = st.vega_lite_chart(
            graph_spec(sub, cached_layout(sub, "spring", 7, ())),
            key="console_graph",
            on_select="rerun",
            selection_mode=list(SELECTIONS),
            height=480,
        )
        st.caption("Click an owner, issuer, security or filing to open its entity view.")
        clicked = picked(event)
        node = next((n for n in result.nodes if n.id == clicked), None)
        cik = entity_of(node) if node else None
        if cik:
            st.switch_page("app_pages/entity.py", query_params={"cik": cik})


def render() -> None:
    """Draw the console and the result of the query in the link."""
    state = view_state("console")
    st.title("Cypher console")
    st.caption(
        "Read-only: writes, LOAD CSV, admin commands and procedures outside a short "
        "allow-list are refused. Nodes and relationships in the result are drawn."
    )
    graph = connection()
    state = _form(state)
    commit(state)
    link_box(state)
    if state.cypher and st.session_state.get("k_ran") != _query(state):
        # A link only fills the form: nothing runs until this person presses Run.
        st.info("Check the query, then press ▶ Run.")
    elif state.cypher:
        result = _execute(graph, state)
        if result is not None:
            _show(result)


render()
