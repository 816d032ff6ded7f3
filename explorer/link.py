"""The shareable state of every view ⇄ URL query parameters (pure: no streamlit import).

``encode`` writes only what differs from the defaults; ``decode`` validates every value and
returns the state with defaults for anything malformed, plus messages a person can act on.
Connection settings are never part of the state, so they never reach a link.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from urllib.parse import urlencode

from explorer.layout import LAYOUTS
from graph.read.filters import CODE_NAMES, ROLE_NAMES, GraphFilters
from ingest.records import cik_key

__all__ = [
    "COLOUR_MODES",
    "PAGES",
    "SCREENS",
    "ViewState",
    "decode",
    "encode",
    "share_url",
    "with_page",
]

PAGES: tuple[str, ...] = (
    "home",
    "search",
    "entity",
    "holdings",
    "transactions",
    "connections",
    "screens",
    "console",
)
SCREENS: tuple[str, ...] = ("clusters", "purchases", "sales", "insider_buys")
COLOUR_MODES: tuple[str, ...] = ("kind", "role")
MAX_EXPANDED = 50  # entities a link may expand: each one is a neighbourhood query
MAX_LINK_TIMEOUT = 60  # seconds of server time a link may ask for


@dataclass(frozen=True, slots=True)
class ViewState:
    """Everything a link reproduces: page, entity, filters, layout, console query."""

    page: str = "home"
    cik: str | None = None
    other: str | None = None  # the second entity of a shortest-path search
    q: str = ""
    filters: GraphFilters = field(default_factory=GraphFilters)
    layout: str = "spring"
    seed: int = 7
    expanded: tuple[str, ...] = ()
    cypher: str = ""
    params: tuple[str, ...] = ()  # "name=value" as typed
    timeout: int = 30
    rows: int = 1000
    screen: str = "clusters"
    n: int = 2
    days: int = 30
    top: int = 150  # nodes an entity view draws (the "N more" node raises it)
    colour: str = "kind"  # entity view: colour nodes by kind or role
    merge: bool = True  # cluster screen: the owners of one joint filing are one buyer
    ticker: str = ""  # screens: one issuer's ticker
    text: str = ""  # who holds what: the text filter
    zero: bool = False  # who holds what: positions of zero shares shown
    superseded: bool = False  # rows of filings superseded by an amendment shown (flagged)
    example: str = ""  # console: the example chosen in the gallery


def _cik(text: str) -> str:
    cik = cik_key(text)
    if cik is None:
        raise ValueError("a CIK is 1 to 10 digits")
    return cik


def _iso(text: str) -> str:
    return date.fromisoformat(text).isoformat()


def _int_in(low: int, high: int) -> Callable[[str], int]:
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value

    return parse


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"must be one of {', '.join(choices)}")
        return text

    return parse


def _subset(choices: tuple[str, ...]) -> Callable[[str], tuple[str, ...]]:
    def parse(text: str) -> tuple[str, ...]:
        items = tuple(dict.fromkeys(i for i in text.split(",") if i))
        bad = [i for i in items if i not in choices]
        if bad:
            raise ValueError(f"unknown {', '.join(bad)}")
        return items

    return parse


def _flag(text: str) -> bool:
    flags = {"1": True, "true": True, "0": False, "false": False}
    if text.lower() not in flags:
        raise ValueError("must be 1 or 0")
    return flags[text.lower()]


def _ticker(text: str) -> str:
    if not (text.isascii() and text.replace(".", "").replace("-", "").isalnum()):
        raise ValueError("a ticker is letters, digits, '.' or '-'")
    if len(text) > 12:
        raise ValueError("a ticker is at most 12 characters")
    return text.upper()


def _min_value(text: str) -> float:
    value = float(text)
    if not value >= 0 or value == float("inf"):
        raise ValueError("must be a non-negative number")
    return value


def _derivative(text: str) -> bool | None:
    choices: dict[str, bool | None] = {"all": None, "only": True, "none": False}
    if text not in choices:
        raise ValueError("must be all, only or none")
    return choices[text]


def _expanded(text: str) -> tuple[str, ...]:
    ciks = tuple(dict.fromkeys(_cik(c) for c in text.split(",") if c))
    if len(ciks) > MAX_EXPANDED:
        raise ValueError(f"at most {MAX_EXPANDED} expanded entities")
    return ciks


_TOP: dict[str, Callable[[str], object]] = {
    "page": _one_of(PAGES),
    "cik": _cik,
    "other": _cik,
    "q": str,
    "layout": _one_of(LAYOUTS),
    "seed": _int_in(0, 2**31 - 1),
    "expanded": _expanded,
    "cypher": str,
    "timeout": _int_in(1, MAX_LINK_TIMEOUT),
    "rows": _int_in(1, 10000),
    "screen": _one_of(SCREENS),
    "n": _int_in(2, 50),
    "days": _int_in(1, 3650),
    "top": _int_in(10, 450),
    "colour": _one_of(COLOUR_MODES),
    "merge": _flag,
    "ticker": _ticker,
    "text": str,
    "zero": _flag,
    "superseded": _flag,
    "example": str,
}
_FILTERS: dict[str, tuple[str, Callable[[str], object]]] = {
    "depth": ("depth", _int_in(1, 3)),
    "from": ("start", _iso),
    "to": ("end", _iso),
    "codes": ("codes", _subset(tuple(CODE_NAMES))),
    "roles": ("roles", _subset(tuple(ROLE_NAMES))),
    "derivative": ("derivative", _derivative),
    "min_value": ("min_value", _min_value),
}


def _first(value: str | list[str]) -> str:
    return value[-1] if isinstance(value, list) else value


def decode(params: Mapping[str, str | list[str]]) -> tuple[ViewState, tuple[str, ...]]:
    """The state a link describes, and what was wrong with it (malformed values are dropped)."""
    top: dict[str, object] = {}
    flt: dict[str, object] = {}
    problems: list[str] = []
    for key, raw in params.items():
        if key == "param":
            values = raw if isinstance(raw, list) else [raw]
            top["params"] = tuple(v for v in values if "=" in v)
            continue
        text = _first(raw).strip()
        try:
            if key in _TOP:
                top[key] = _TOP[key](text)
            elif key in _FILTERS:
                name, parse = _FILTERS[key]
                flt[name] = parse(text)
            else:
                problems.append(f"Ignored unknown link parameter “{key}”.")
        except (ValueError, KeyError) as err:
            problems.append(f"Ignored “{key}={text[:40]}”: {err or 'not a valid value'}.")
    state = ViewState(filters=GraphFilters(**flt), **top)  # type: ignore[arg-type]
    return state, tuple(problems)


def _text(value: object) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, tuple):
        return ",".join(value)
    if isinstance(value, float):
        return f"{value:f}".rstrip("0").rstrip(".")
    return str(value)


def encode(state: ViewState) -> dict[str, str | list[str]]:
    """Query parameters for a state: only values that differ from the defaults."""
    default = ViewState()
    out: dict[str, str | list[str]] = {}
    for f in fields(ViewState):
        value = getattr(state, f.name)
        if f.name in ("filters", "params") or value == getattr(default, f.name):
            continue
        out[f.name] = _text(value)
    if state.params:
        out["param"] = list(state.params)
    base = GraphFilters()
    derivative = {None: "all", True: "only", False: "none"}
    for key, (name, _) in _FILTERS.items():
        value = getattr(state.filters, name)
        if value != getattr(base, name):
            out[key] = derivative[value] if name == "derivative" else _text(value)
    return out


def share_url(base_url: str, state: ViewState) -> str:
    """An absolute link to the view: ``<base>/<page>?<params>`` (home is the base itself)."""
    path = "" if state.page == "home" else state.page
    params = {k: v for k, v in encode(state).items() if k != "page"}  # the path names it
    query = urlencode(params, doseq=True)
    return f"{base_url.rstrip('/')}/{path}" + (f"?{query}" if query else "")


def with_page(state: ViewState, page: str, **changes: object) -> ViewState:
    """The same state on another page (filters and entity carried over)."""
    return replace(state, page=page, **changes)  # type: ignore[arg-type]
