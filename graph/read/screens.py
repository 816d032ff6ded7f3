"""Trade screens: largest open-market purchases and sales, officer and director buys.

Every screen takes a ``ScreenWindow`` (trade-date range, ticker) and returns one ``Trade`` per
filing row (``r.row``), so a joint filing's row (one edge per reporting owner) is never
counted twice. Rows of a filing superseded by its amendment are left out. The cluster-buy
screen is in graph/read/clusters.py.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.db import Graph
from graph.read.entity import role_text
from graph.values import Row

__all__ = [
    "INSIDER_BUYS",
    "LARGEST_TRADES",
    "WINDOW",
    "ScreenWindow",
    "Trade",
    "insider_buys",
    "largest_trades",
]

# The window on a TRANSACTED edge `r` of an issuer `i`; parameters from ScreenWindow.params().
WINDOW = """($start IS NULL OR r.date >= date($start))
  AND ($end IS NULL OR r.date <= date($end))
  AND ($ticker IS NULL OR toUpper(i.ticker) = $ticker)"""

# The columns of a trade row, after `row, s, i, owners, owner_ciks, r, roles`.
_TRADE_COLUMNS = """
OPTIONAL MATCH (f:Filing {accession: r.accession})
RETURN row, r.accession AS accession, r.date AS date, r.code AS code, i.cik AS issuer_cik,
       i.name AS issuer_name, i.ticker AS ticker, owners, owner_ciks, s.title AS security,
       r.shares AS shares, r.price AS price, r.value AS value, r.shares_after AS shares_after,
       r.acquired_disposed AS acquired_disposed, roles, f.filed AS filed,
       f.signature_dates AS signed
"""

LARGEST_TRADES = (
    """
MATCH (o:Entity)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i:Entity)
WHERE r.code = $code AND NOT r.derivative AND r.value IS NOT NULL AND r.superseded IS NULL
  AND """
    + WINDOW
    + """
OPTIONAL MATCH (o)-[role:INSIDER_OF]->(i)
WITH r.row AS row, s, i, collect(o.name) AS owners, collect(o.cik) AS owner_ciks,
     head(collect(r)) AS r, collect(role {.*}) AS roles
ORDER BY r.value DESC, row
LIMIT $limit"""
    + _TRADE_COLUMNS
    + "ORDER BY value DESC, row\n"
)

INSIDER_BUYS = (
    """
MATCH (o:Entity)-[role:INSIDER_OF]->(i:Entity)
WHERE role.officer = true OR role.director = true
MATCH (o)-[r:TRANSACTED {code: 'P'}]->(s:Security)-[:ISSUED_BY]->(i)
WHERE NOT r.derivative AND r.superseded IS NULL AND """
    + WINDOW
    + """
WITH r.row AS row, s, i, collect(o.name) AS owners, collect(o.cik) AS owner_ciks,
     head(collect(r)) AS r, collect(role {.*}) AS roles
ORDER BY r.date DESC, row
LIMIT $limit"""
    + _TRADE_COLUMNS
    + "ORDER BY date DESC, row\n"
)


@dataclass(frozen=True, slots=True)
class ScreenWindow:
    """Which trades a screen looks at: trade dates from ``start`` to ``end`` (ISO, inclusive,
    either open) and one issuer ticker (any case), or everything."""

    start: str | None = None
    end: str | None = None
    ticker: str | None = None

    def params(self) -> dict[str, object]:
        """Query parameters of WINDOW."""
        ticker = (self.ticker or "").strip().upper() or None
        return {"start": self.start, "end": self.end, "ticker": ticker}


@dataclass(frozen=True, slots=True)
class Trade:
    """One transaction row (joint filings: once, with every owner) as a screen lists it."""

    row: str
    accession: str
    date: str | None  # trade date
    filed: str | None  # filing date; the latest signature date when the filing date is unknown
    code: str | None
    issuer_cik: str
    issuer_name: str | None
    ticker: str | None
    owners: tuple[str, ...]
    owner_ciks: tuple[str, ...]
    roles: str  # each owner's role in the issuer: officer title, director, 10% owner
    security: str | None
    shares: float | None
    price: float | None
    value: float | None
    shares_after: float | None
    acquired_disposed: str | None

    @property
    def delta_own(self) -> float | None:
        """Shares traded ÷ shares owned before the trade (signed: sales negative); None when
        nothing was owned before (a new position) or a figure is missing."""
        if self.shares is None or self.shares_after is None:
            return None
        sold = self.acquired_disposed == "D"
        before = self.shares_after + self.shares if sold else self.shares_after - self.shares
        if before <= 0:
            return None
        return (-self.shares if sold else self.shares) / before


def _filed(r: Row) -> str | None:
    signed = sorted(d for d in r.strings("signed") if d)
    return r.string("filed") or (signed[-1] if signed else None)


def _roles(r: Row) -> str:
    texts = [role_text(role) for role in r.rows("roles")]
    return "; ".join(dict.fromkeys(t for t in texts if t))


def _trades(rows: list[Row]) -> tuple[Trade, ...]:
    return tuple(
        Trade(
            row=str(r["row"]),
            accession=str(r["accession"]),
            date=r.string("date"),
            filed=_filed(r),
            code=r.string("code"),
            issuer_cik=str(r["issuer_cik"]),
            issuer_name=r.string("issuer_name"),
            ticker=r.string("ticker"),
            owners=r.strings("owners"),
            owner_ciks=r.strings("owner_ciks"),
            roles=_roles(r),
            security=r.string("security"),
            shares=r.number("shares"),
            price=r.number("price"),
            value=r.number("value"),
            shares_after=r.number("shares_after"),
            acquired_disposed=r.string("acquired_disposed"),
        )
        for r in rows
    )


def largest_trades(
    graph: Graph, code: str, limit: int = 50, window: ScreenWindow | None = None
) -> tuple[Trade, ...]:
    """Largest non-derivative trades of one code ('P' purchases, 'S' sales) by value."""
    params = {"code": code, "limit": limit, **(window or ScreenWindow()).params()}
    return _trades(graph.read(LARGEST_TRADES, **params))


def insider_buys(
    graph: Graph, limit: int = 200, window: ScreenWindow | None = None
) -> tuple[Trade, ...]:
    """Open-market purchases by officers and directors of the issuer, newest first."""
    params = {"limit": limit, **(window or ScreenWindow()).params()}
    return _trades(graph.read(INSIDER_BUYS, **params))
