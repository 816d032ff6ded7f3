"""The app's session: the cached read handle, cached read queries, link state, CSV, messages.

Pages call ``view_state(page)`` first and ``commit(state)`` after their widgets, so the URL
always holds the view; ``cached(graph, query, ...)`` runs a graph/read query through
st.cache_data.
"""

from __future__ import annotations

import csv
import io
import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, is_dataclass, replace
from pathlib import Path
from typing import TypeVar, cast

import streamlit as st

from explorer.layout import layout
from explorer.link import ViewState, decode, share_url
from explorer.plain import md
from explorer.widgets import mark_url, note_url, url_of
from graph.db import Graph, connect, resolve_settings
from graph.read import (
    clusters,
    entity,
    links,
    overview,
    positions,
    screens,
    search,
    timeline,
    trades,
)
from graph.read.view import neighbourhood
from ingest.errors import OwnergraphError, QueryError

__all__ = [
    "cached",
    "cached_layout",
    "commit",
    "connection",
    "csv_bytes",
    "entity_options",
    "entity_picker",
    "graph_key",
    "link_box",
    "require_entity",
    "row_dicts",
    "view_state",
]

T = TypeVar("T")

ENTITY_PAGES = ("entity", "holdings", "transactions")  # pages about one entity
_NEO4J_KEYS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE")
QUERIES: dict[str, Callable[..., object]] = {
    "search": search.search_entities,
    "entity_options": search.entity_options,
    "landing": overview.landing_stats,
    "profile": entity.entity_profile,
    "positions": positions.positions,
    "position_page": positions.position_page,
    "transactions": trades.transactions,
    "trade_totals": trades.trade_totals,
    "timeline": timeline.timeline,
    "filing_footnotes": trades.filing_footnotes,
    "neighbourhood": neighbourhood.neighbourhood,
    "paths": links.shortest_paths,
    "interlocked_people": links.interlocked_people,
    "interlocked_issuers": links.interlocked_issuers,
    "co_filers": links.co_filers,
    "owner_issuers": links.owner_issuers,
    "clusters": clusters.cluster_screen,
    "largest": screens.largest_trades,
    "insider_buys": screens.insider_buys,
}
_QUERY_NAMES: dict[Callable[..., object], str] = {fn: name for name, fn in QUERIES.items()}


def _secrets_to_env() -> None:
    try:
        for key in _NEO4J_KEYS:
            if key in st.secrets and key not in os.environ:
                os.environ[key] = str(st.secrets[key])
    except Exception:  # no secrets.toml: the environment alone decides
        return


@st.cache_resource(show_spinner="Connecting to Neo4j…")
def _connect(data_dir: str | None) -> Graph:
    logging.getLogger("neo4j").setLevel(logging.ERROR)
    settings = resolve_settings(data_dir=Path(data_dir)) if data_dir else resolve_settings()
    return Graph(connect(settings), settings.database)


def graph_key(graph: Graph) -> str:
    """What tells cached results of one connection from another's (the driver is not hashed)."""
    return f"{id(graph.driver)}:{graph.database}"


def connection() -> Graph:
    """The cached connection, or a clear error and a stop when Neo4j cannot be reached."""
    _secrets_to_env()
    try:
        graph = _connect(os.environ.get("OWNERGRAPH_DATA_DIR"))
        graph.driver.verify_connectivity()
    except Exception as err:  # any failure to connect ends the page with a message
        _connect.clear()
        st.error(
            f"Cannot reach Neo4j: {err}\n\nStart the local server with `ownergraph db start`, "
            "or point NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE at a running one."
        )
        st.stop()
    return graph


@st.cache_data(ttl=600, max_entries=512, show_spinner="Reading the graph…")
def _cached(_graph: Graph, key: str, name: str, args: tuple, kwargs: tuple) -> object:
    return QUERIES[name](_graph, *args, **dict(kwargs))  # key: graph_key(_graph), the cache key


def _run_cached(graph: Graph, query: Callable[..., T], args: tuple, kwargs: dict) -> T:
    name = _QUERY_NAMES[query]  # only the queries of QUERIES are cached (KeyError otherwise)
    found = _cached(graph, graph_key(graph), name, args, tuple(sorted(kwargs.items())))
    return cast(T, found)  # _cached returns what QUERIES[name], i.e. query, returns


def cached(graph: Graph, query: Callable[..., T], *args: object, **kwargs: object) -> T:
    """Run a graph/read query (one of QUERIES) through st.cache_data; a QueryError stops."""
    try:
        return _run_cached(graph, query, args, kwargs)
    except QueryError as err:
        st.error(f"The query failed: {err}")
        st.stop()


@st.cache_data(ttl=600, max_entries=256, show_spinner="Laying out the graph…")
def cached_layout(sub: neighbourhood.Subgraph, name: str, seed: int, pinned: tuple) -> dict:
    """networkx layout through st.cache_data (pinned given as sorted items)."""
    return layout(sub, name, seed, dict(pinned))


def _params() -> dict[str, str | list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def view_state(page: str) -> ViewState:
    """The state in the URL for this page; malformed parts are reported and dropped."""
    note_url()
    state, problems = decode({k: v for k, v in _params().items() if k != "page"})
    for problem in problems:
        st.warning(f"This link is partly malformed. {md(problem)}")
    if state.cik:
        st.session_state["_last_cik"] = state.cik
    elif page in ENTITY_PAGES and st.session_state.get("_last_cik"):
        state = replace(state, cik=st.session_state["_last_cik"])  # sidebar keeps the entity
    return replace(state, page=page)


def commit(state: ViewState) -> None:
    """Write the state to the URL (only when it changed, so no extra reruns)."""
    wanted = url_of(state)
    norm = {k: v if isinstance(v, list) else [v] for k, v in wanted.items()}
    if norm != _params():
        st.query_params.from_dict(wanted)
        mark_url(wanted)


def link_box(state: ViewState) -> None:
    """The share link of the current view, with a copy button (st.code has one)."""
    base = str(st.context.url or "http://localhost:8501/").split("?")[0]
    page = state.page if state.page != "home" else ""
    if page and base.rstrip("/").endswith("/" + page):
        base = base.rstrip("/")[: -len(page) - 1]
    with st.popover(
        "Copy link",
        icon=":material/link:",
        help="A link that reproduces this view (no credentials)",
    ):
        st.code(share_url(base, state), language=None, wrap_lines=True)


def csv_bytes(rows: Iterable[object]) -> bytes:
    """CSV of dataclass records or dicts (header from the first row)."""
    dicts = [asdict(r) if is_dataclass(r) else dict(r) for r in rows]  # type: ignore[call-overload,arg-type]
    buffer = io.StringIO()
    if dicts:
        writer = csv.DictWriter(buffer, fieldnames=list(dicts[0]))
        writer.writeheader()
        writer.writerows({k: _cell(v) for k, v in row.items()} for row in dicts)
    return buffer.getvalue().encode("utf-8")


def _cell(value: object) -> object:
    return "; ".join(map(str, value)) if isinstance(value, tuple | list) else value


def entity_options() -> search.EntityOptions | None:
    """The type-ahead's entities (cached), or None when Neo4j cannot answer: the page says so."""
    _secrets_to_env()
    try:
        graph = _connect(os.environ.get("OWNERGRAPH_DATA_DIR"))
        return _run_cached(graph, search.entity_options, (), {})
    except OwnergraphError:  # unreachable, refused, failed query: connection() reports it
        return None


def _picked(key: str, ciks: frozenset[str]) -> None:
    """on_change of an entity picker: note where to go, and empty the box for next time."""
    text = str(st.session_state.get(key) or "").strip()
    st.session_state[key] = None
    if not text:
        return
    cik = text if text in ciks else search.normalise_cik(text)
    if cik in ciks:
        st.session_state[f"_{key}_goto"] = ("app_pages/entity.py", {"cik": cik})
    else:  # typed text that is no suggestion: the full-text search lists what matches
        st.session_state[f"_{key}_goto"] = ("app_pages/search.py", {"q": text})


def entity_picker(key: str, label: str) -> None:
    """A type-ahead box of every entity (up to search.OPTIONS_CAP): picking one opens its view.

    Suggestions narrow while typing (in the browser, over each option's label: name, ticker,
    kind, CIK, a person's name in natural order and every other spelling of the name), exact
    and prefix matches first; Enter opens the first. The Search page lists full-text matches.
    """
    found = entity_options()
    labels = {o.cik: o.label for o in found.options} if found else {}
    cap = f"{found.cap:,}" if found else f"{search.OPTIONS_CAP:,}"
    st.selectbox(
        label,
        list(labels),
        index=None,
        key=key,
        format_func=lambda cik: labels.get(cik, str(cik)),
        placeholder="name, ticker or CIK",
        accept_new_options=False,  # Enter takes the first (best) suggestion, never "Add: …"
        on_change=_picked,
        args=(key, frozenset(labels)),
        help=(
            f"Suggests up to {cap} issuers and owners (issuers first, then the latest filers) "
            "while you type, by any spelling or order of the name, the ticker or the CIK; "
            "Enter opens the first suggestion. The Search page lists every full-text match."
        ),
    )
    if found and found.truncated:
        st.caption(f"Suggestions cover {found.cap:,} entities; the Search page searches them all.")
    target = st.session_state.pop(f"_{key}_goto", None)
    if target:
        st.switch_page(target[0], query_params=target[1])


def require_entity(graph: Graph, state: ViewState, what: str) -> entity.EntityProfile | None:
    """The profile of the state's CIK, or a message (none chosen / unknown CIK) and None."""
    if not state.cik:
        st.info(f"Search for an issuer or an owner (name, ticker or CIK) to see {what}.")
        return None
    found = cached(graph, entity.entity_profile, state.cik)
    if found is None:
        st.error(f"CIK {state.cik} is not in the graph. Search by name or ticker instead.")
    return found


def row_dicts(records: Iterable[object], columns: Mapping[str, str]) -> list[dict[str, object]]:
    """Records as table rows with the given {field: column title} (tuples joined)."""
    out = []
    for record in records:
        out.append({title: _cell(getattr(record, name)) for name, title in columns.items()})
    return out
