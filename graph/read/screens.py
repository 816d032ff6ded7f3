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
    "DATES",
    "INSIDER_BUYS",
    "INSIDER_BUYS_OF_TICKER",
    "LARGEST_TRADES",
    "LARGEST_TRADES_OF_TICKER",
    "WINDOW",
    "ScreenWindow",
    "Trade",
    "insider_buys",
    "largest_trades",
]

# The trade-date range of a screen on a TRANSACTED edge `r`, and the window (dates and ticker)
# on `r` of an issuer `i`; parameters from ScreenWindow.params().
DATES = """($start IS NULL OR r.date >= date($start))
  AND ($end IS NULL OR r.date <= date($end))"""
WINDOW = DATES + "\n  AND ($ticker IS NULL OR toUpper(i.ticker) = $ticker)"
# The issuers first (a subquery, so the planner starts there), then their trades.
_ISSUER_OF_TICKER = """
CALL () { MATCH (i:Issuer) WHERE toUpper(i.ticker) = $ticker RETURN i }
MATCH (i)<-[:ISSUED_BY]-(s:Security)<-[r:TRANSACTED]-(o:Entity)
WHERE """
_OFFICER_OR_DIRECTOR = """EXISTS {
    (o)-[role:INSIDER_OF]->(:Entity)<-[:ISSUED_BY]-(s) WHERE role.officer OR role.director
  }"""
# A screen first picks its rows (`row, accession, seq`, in order), then reads each row's owners,
# roles and filing. Without a ticker the rows come off an index in order (transacted_value,
# transacted_date) and the scan stops early: a row has at most 10 owners (the schema's
# maxOccurs), one edge each, so the first 10 x $limit edges hold the first $limit rows.
_BY_VALUE = (
    """
MATCH (o:Entity)-[r:TRANSACTED]->(s:Security)
WHERE r.value IS NOT NULL AND r.code = $code AND NOT r.derivative AND r.superseded IS NULL
  AND """
    + DATES
    + """
WITH r ORDER BY r.value DESC LIMIT 10 * $limit
"""
)
_BY_VALUE_OF_TICKER = (
    _ISSUER_OF_TICKER
    + """r.value IS NOT NULL AND r.code = $code AND NOT r.derivative AND r.superseded IS NULL
  AND """
    + DATES
    + "\n"
)
_BY_DATE = (
    """
MATCH (o:Entity)-[r:TRANSACTED]->(s:Security)
USING INDEX r:TRANSACTED(date)
WHERE r.date IS NOT NULL AND r.code = 'P' AND NOT r.derivative AND r.superseded IS NULL
  AND """
    + DATES
    + " AND "
    + _OFFICER_OR_DIRECTOR
    + """
WITH r ORDER BY r.date DESC LIMIT 10 * $limit
"""
)
_BY_DATE_OF_TICKER = (
    _ISSUER_OF_TICKER
    + """r.code = 'P' AND NOT r.derivative AND r.superseded IS NULL
  AND """
    + DATES
    + " AND "
    + _OFFICER_OR_DIRECTOR
    + "\n"
)
_TOP_ROWS = """WITH DISTINCT r.row AS row, r.accession AS accession, r.seq AS seq, r.%s AS key
ORDER BY key DESC, row LIMIT $limit
"""
# Each chosen row with its owners (all of them, or only officers and directors), their roles in
# the issuer, and the filing's dates.
_TRADE_COLUMNS = """
MATCH (f:Filing {accession: accession})<-[:FILED]-(o:Entity)-[r:TRANSACTED]->(s:Security)
WHERE r.accession = accession AND r.seq = seq
MATCH (s)-[:ISSUED_BY]->(i:Entity)
OPTIONAL MATCH (o)-[role:INSIDER_OF]->(i)
WITH row, key, f, s, i, o, r, role
WHERE NOT $officers_only OR role.officer OR role.director
WITH row, key, f, s, i, collect(o.name) AS owners, collect(o.cik) AS owner_ciks,
     head(collect(r)) AS r, collect(role {.*}) AS roles
RETURN row, r.accession AS accession, r.date AS date, r.code AS code, i.cik AS issuer_cik,
       i.name AS issuer_name, i.ticker AS ticker, owners, owner_ciks, s.title AS security,
       r.shares AS shares, r.price AS price, r.value AS value, r.shares_after AS shares_after,
       r.acquired_disposed AS acquired_disposed, roles, f.filed AS filed,
       f.signature_dates AS signed
ORDER BY key DESC, row
"""

LARGEST_TRADES = _BY_VALUE + _TOP_ROWS % "value" + _TRADE_COLUMNS
LARGEST_TRADES_OF_TICKER = _BY_VALUE_OF_TICKER + _TOP_ROWS % "value" + _TRADE_COLUMNS
INSIDER_BUYS = _BY_DATE + _TOP_ROWS % "date" + _TRADE_COLUMNS
INSIDER_BUYS_OF_TICKER = _BY_DATE_OF_TICKER + _TOP_ROWS % "date" + _TRADE_COLUMNS


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
    query = LARGEST_TRADES_OF_TICKER if params["ticker"] else LARGEST_TRADES
    return _trades(graph.read(query, **params, officers_only=False))


def insider_buys(
    graph: Graph, limit: int = 200, window: ScreenWindow | None = None
) -> tuple[Trade, ...]:
    """Open-market purchases by officers and directors of the issuer, newest first."""
    params = {"limit": limit, **(window or ScreenWindow()).params()}
    query = INSIDER_BUYS_OF_TICKER if params["ticker"] else INSIDER_BUYS
    return _trades(graph.read(query, **params, officers_only=True))
