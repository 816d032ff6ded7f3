"""Widgets bound to the link state: initialised from the URL, read back into a ViewState.

``bind`` seeds widget keys from the URL whenever the URL changed outside the widgets (first
load, a shared link, a click in the graph); ``filter_widgets`` draws the shared filters.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import streamlit as st

from explorer.layout import LAYOUTS
from explorer.link import ViewState, encode
from graph.read.filters import CODE_NAMES, ROLE_NAMES, GraphFilters

__all__ = [
    "bind",
    "filter_widgets",
    "layout_widgets",
    "mark_url",
    "note_url",
    "url_of",
]

_DERIVATIVE = {"all": None, "non-derivative only": False, "derivative only": True}
_EARLIEST = date(1990, 1, 1)


def _url_now() -> str:
    return repr(sorted((k, tuple(st.query_params.get_all(k))) for k in st.query_params))


def mark_url(params: dict[str, str | list[str]]) -> None:
    """Remember the URL the widgets wrote, so it is not mistaken for an outside change."""
    norm = {k: tuple(v) if isinstance(v, list) else (v,) for k, v in params.items()}
    st.session_state["_url"] = repr(sorted(norm.items()))


def note_url() -> None:
    """Once per run, before any widget: did the URL change outside the widgets?"""
    changed = st.session_state.get("_url") != _url_now()
    st.session_state["_url_changed"] = changed
    if changed:
        mark_url({k: st.query_params.get_all(k) for k in st.query_params})


def bind(values: dict[str, object]) -> None:
    """Seed widget keys from the link state (outside change, or widget not yet created)."""
    changed = st.session_state.get("_url_changed", True)
    for key, value in values.items():
        if changed or key not in st.session_state:
            st.session_state[key] = value


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def filter_widgets(state: ViewState, *, depth: bool = True, roles: bool = True) -> GraphFilters:
    """Depth, dates, codes, roles, derivative and minimum value, bound to the link."""
    f = state.filters
    derivative = next(k for k, v in _DERIVATIVE.items() if v == f.derivative)
    bind(
        {
            "f_depth": f.depth,
            "f_start": _day(f.start),
            "f_end": _day(f.end),
            "f_codes": list(f.codes),
            "f_roles": list(f.roles),
            "f_derivative": derivative,
            "f_min_value": float(f.min_value),
        }
    )
    cols = st.columns(3)
    if depth:
        cols[0].slider("Depth (hops)", 1, 3, key="f_depth")
    cols[1].date_input("From", key="f_start", min_value=_EARLIEST, format="YYYY-MM-DD")
    cols[2].date_input("To", key="f_end", min_value=_EARLIEST, format="YYYY-MM-DD")
    cols = st.columns(3)
    cols[0].multiselect(
        "Transaction codes",
        list(CODE_NAMES),
        key="f_codes",
        format_func=lambda c: f"{c} · {CODE_NAMES[c]}",
    )
    if roles:
        cols[1].multiselect(
            "Roles", list(ROLE_NAMES), key="f_roles", format_func=ROLE_NAMES.__getitem__
        )
    cols[2].radio("Securities", list(_DERIVATIVE), key="f_derivative", horizontal=True)
    st.number_input("Minimum transaction value ($)", min_value=0.0, step=10000.0, key="f_min_value")
    start, end = st.session_state["f_start"], st.session_state["f_end"]
    return GraphFilters(
        depth=int(st.session_state["f_depth"]) if depth else f.depth,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        codes=tuple(st.session_state["f_codes"]),
        roles=tuple(st.session_state["f_roles"]) if roles else f.roles,
        derivative=_DERIVATIVE[st.session_state["f_derivative"]],
        min_value=float(st.session_state["f_min_value"] or 0),
    )


def layout_widgets(state: ViewState) -> ViewState:
    """Layout and arrangement selectors, bound to the link."""
    bind({"g_layout": state.layout, "g_seed": state.seed})
    cols = st.columns(2)
    cols[0].selectbox("Layout", LAYOUTS, key="g_layout", format_func=lambda n: n.replace("_", "-"))
    cols[1].number_input(
        "Arrangement number",
        min_value=0,
        max_value=2**31 - 1,
        step=1,
        key="g_seed",
        help="Another number lays the same graph out another way; the link keeps the number, "
        "so whoever opens it sees the same picture.",
    )
    return replace(state, layout=st.session_state["g_layout"], seed=int(st.session_state["g_seed"]))


def url_of(state: ViewState) -> dict[str, str | list[str]]:
    """The query params of a state without the page (it is in the path)."""
    return {k: v for k, v in encode(state).items() if k != "page"}
