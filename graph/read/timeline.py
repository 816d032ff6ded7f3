"""The timeline of one side of an entity's transactions (graph/read/trades.py): every row over
the whole side, as marks per insider and code, by day or, when dense, by week; and the price of
the security as a line (open-market and other priced non-derivative trades).

Joint rows count once; rows of superseded filings are never on it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from graph.db import Graph
from graph.read.filters import GraphFilters
from graph.read.trades import SIDE_EDGES
from graph.values import Row

__all__ = ["DENSE", "TIMELINE_ROWS", "Mark", "Timeline", "timeline"]

DENSE = 120  # trade days above which the marks are weekly

TIMELINE_ROWS = (
    SIDE_EDGES
    + """
  AND r.date IS NOT NULL
WITH r.row AS row, head(collect(r)) AS r, collect(DISTINCT o.name) AS owners
WITH r, owners ORDER BY r.date
LIMIT 200000
RETURN collect({date: toString(r.date), code: r.code, acquired_disposed: r.acquired_disposed,
                shares: coalesce(r.shares, 0), value: coalesce(r.value, 0), price: r.price,
                derivative: r.derivative, owners: owners}) AS rows
"""
)


@dataclass(frozen=True, slots=True)
class Mark:
    """The trades of one insider (joint owners named together) and code on one day or week."""

    start: str  # the day, or the Monday of the week
    insider: str
    code: str
    trades: int
    shares: float
    value: float  # dispositions negative


@dataclass(frozen=True, slots=True)
class Timeline:
    """Marks, the price line ((day or week, $/share) pairs) and whether it is weekly."""

    marks: tuple[Mark, ...]
    prices: tuple[tuple[str, float], ...]
    weekly: bool
    rows: int


def _bucket(day: date, weekly: bool) -> str:
    return (day - timedelta(days=day.weekday()) if weekly else day).isoformat()


def _marks(rows: list[Row], weekly: bool) -> tuple[Mark, ...]:
    groups: dict[tuple[str, str, str], list[Row]] = {}
    for r in rows:
        day = r.date("date")
        if day is None:
            continue
        who = ", ".join(sorted(r.strings("owners")))
        groups.setdefault((_bucket(day, weekly), who, r.string("code") or "?"), []).append(r)
    return tuple(
        Mark(
            start,
            who,
            code,
            len(items),
            sum(r.number("shares") or 0.0 for r in items),
            sum(_signed(r) for r in items),
        )
        for (start, who, code), items in sorted(groups.items())
    )


def _signed(r: Row) -> float:
    value = r.number("value") or 0.0
    return -value if r.string("acquired_disposed") == "D" else value


def _prices(rows: list[Row], weekly: bool) -> tuple[tuple[str, float], ...]:
    """Share-weighted average price per day or week, of priced non-derivative trades."""
    sums: dict[str, tuple[float, float]] = {}
    for r in rows:
        day, price, shares = r.date("date"), r.number("price"), r.number("shares") or 0.0
        if day is None or not price or r.get("derivative") or shares <= 0:
            continue
        key = _bucket(day, weekly)
        paid, held = sums.get(key, (0.0, 0.0))
        sums[key] = (paid + price * shares, held + shares)
    return tuple((key, paid / held) for key, (paid, held) in sorted(sums.items()))


def timeline(
    graph: Graph, cik: str, filters: GraphFilters, side: str = "in", dense: int = DENSE
) -> Timeline:
    """The side's timeline; weekly when it has more than ``dense`` trade days."""
    rows = graph.read_rows(TIMELINE_ROWS, cik=cik, side=side, **filters.params())
    weekly = len({r.get("date") for r in rows}) > dense
    return Timeline(_marks(rows, weekly), _prices(rows, weekly), weekly, len(rows))
