"""The timeline of one side of an entity's transactions (graph/read/trades.py): every row over
the whole side, as marks per insider and code, by day or, when dense, by week; and the price of
the security as a line (open-market and other priced non-derivative trades).

The query does the grouping: it returns one entry per day or week, holding that bucket's marks
and price sums, never the side's rows (a hub's side has tens of thousands of them).
Joint rows count once; rows of superseded filings are never on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.db import Graph
from graph.read.filters import GraphFilters
from graph.read.trades import SIDE_EDGES
from graph.values import Row

__all__ = ["DENSE", "TIMELINE_MARKS", "Mark", "Timeline", "timeline"]

DENSE = 120  # trade days above which the marks are weekly

# One entry per day (or per week, from its Monday, when the side has more than $dense trade
# days): its marks per owners and code (trades, shares, signed value) and the price sums of its
# priced non-derivative rows (price times shares, and shares). A joint row counts once, its owners
# sorted by name.
TIMELINE_MARKS = (
    SIDE_EDGES
    + """
  AND r.date IS NOT NULL
WITH r, o ORDER BY o.name
WITH r.row AS row, head(collect(r)) AS r, collect(DISTINCT o.name) AS owners
WITH collect([r, owners]) AS rows, count(DISTINCT r.date) > $dense AS weekly
UNWIND rows AS x
WITH weekly, x[0] AS r, x[1] AS owners
WITH weekly, r, owners,
     CASE WHEN weekly THEN date.truncate('week', r.date) ELSE r.date END AS start,
     CASE WHEN coalesce(r.code, '') = '' THEN '?' ELSE r.code END AS code,
     coalesce(r.shares, 0) AS shares,
     CASE WHEN r.acquired_disposed = 'D' THEN -1 ELSE 1 END * coalesce(r.value, 0) AS value,
     r.price <> 0 AND coalesce(r.derivative, false) = false AND coalesce(r.shares, 0) > 0
       AS priced
WITH weekly, start, owners, code, count(*) AS trades, sum(shares) AS shares, sum(value) AS value,
     sum(CASE WHEN priced THEN r.price * shares ELSE 0 END) AS paid,
     sum(CASE WHEN priced THEN shares ELSE 0 END) AS held
WITH weekly, start, sum(paid) AS paid, sum(held) AS held,
     collect({owners: owners, code: code, trades: trades, shares: shares, value: value}) AS marks
ORDER BY start
RETURN collect({start: toString(start), weekly: weekly, paid: paid, held: held, marks: marks})
  AS rows
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


def _marks(buckets: list[Row]) -> tuple[Mark, ...]:
    found = (
        Mark(
            b.string("start") or "",
            ", ".join(sorted(m.strings("owners"))),
            m.string("code") or "?",
            m.integer("trades"),
            m.number("shares") or 0.0,
            m.number("value") or 0.0,
        )
        for b in buckets
        for m in b.rows("marks")
    )
    return tuple(sorted(found, key=lambda m: (m.start, m.insider, m.code)))


def _prices(buckets: list[Row]) -> tuple[tuple[str, float], ...]:
    """Share-weighted average price per day or week, of priced non-derivative trades."""
    return tuple(
        (b.string("start") or "", (b.number("paid") or 0.0) / held)
        for b in buckets
        if (held := b.number("held") or 0.0) > 0
    )


def timeline(
    graph: Graph, cik: str, filters: GraphFilters, side: str = "in", dense: int = DENSE
) -> Timeline:
    """The side's timeline; weekly when it has more than ``dense`` trade days."""
    buckets = graph.read_rows(TIMELINE_MARKS, cik=cik, side=side, dense=dense, **filters.params())
    marks = _marks(buckets)
    weekly = bool(buckets) and bool(buckets[0].get("weekly"))
    return Timeline(marks, _prices(buckets), weekly, sum(m.trades for m in marks))
