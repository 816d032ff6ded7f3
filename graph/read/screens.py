"""Screens: cluster buys, largest open-market purchases and sales, officer/director buys.

Every total counts ``DISTINCT r.row`` so that a joint filing's rows (one edge per reporting
owner) are never counted twice. Read through ``graph.queries.fetch``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from neo4j import Driver

from graph.read.search import fetch

__all__ = [
    "INSIDER_BUYS",
    "LARGEST_TRADES",
    "OPEN_MARKET_BUYS",
    "ClusterBuy",
    "Trade",
    "cluster_buys",
    "insider_buys",
    "largest_trades",
]

OPEN_MARKET_BUYS = """
MATCH (o:Entity)-[r:TRANSACTED {code: 'P'}]->(s:Security)-[:ISSUED_BY]->(i:Entity)
WHERE r.date IS NOT NULL AND NOT r.derivative
RETURN i.cik AS issuer_cik, i.name AS issuer_name, r.date AS date, o.cik AS owner_cik,
       o.name AS owner_name, r.row AS row, coalesce(r.value, 0) AS value
ORDER BY issuer_cik, date, row
LIMIT 50000
"""

LARGEST_TRADES = """
MATCH (o:Entity)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i:Entity)
WHERE r.code = $code AND NOT r.derivative AND r.value IS NOT NULL
WITH r.row AS row, s, i, collect(o.name) AS owners, collect(o.cik) AS owner_ciks,
     head(collect(r)) AS r
RETURN row, r.accession AS accession, r.date AS date, r.code AS code, i.cik AS issuer_cik,
       i.name AS issuer_name, owners, owner_ciks, s.title AS security, r.shares AS shares,
       r.price AS price, r.value AS value, '' AS roles
ORDER BY value DESC, row
LIMIT $limit
"""

INSIDER_BUYS = """
MATCH (o:Entity)-[role:INSIDER_OF]->(i:Entity)
WHERE role.officer = true OR role.director = true
MATCH (o)-[r:TRANSACTED {code: 'P'}]->(s:Security)-[:ISSUED_BY]->(i)
WHERE NOT r.derivative
WITH r.row AS row, s, i, collect(o.name) AS owners, collect(o.cik) AS owner_ciks,
     head(collect(r)) AS r, head(collect(role)) AS role
RETURN row, r.accession AS accession, r.date AS date, r.code AS code, i.cik AS issuer_cik,
       i.name AS issuer_name, owners, owner_ciks, s.title AS security, r.shares AS shares,
       r.price AS price, r.value AS value,
       CASE WHEN role.officer THEN coalesce(role.officer_title, 'Officer')
            ELSE 'Director' END AS roles
ORDER BY date DESC, row
LIMIT $limit
"""


@dataclass(frozen=True, slots=True)
class ClusterBuy:
    """≥ N distinct insiders buying one issuer on the open market within D days.

    ``insiders`` counts independent buyers: the reporting owners of one joint filing are one.
    """

    issuer_cik: str
    issuer_name: str | None
    start: str
    end: str
    insiders: int
    owner_names: tuple[str, ...]
    purchases: int
    value: float


@dataclass(frozen=True, slots=True)
class Trade:
    """One transaction row (joint filings: once, with every owner)."""

    row: str
    accession: str
    date: str | None
    code: str | None
    issuer_cik: str
    issuer_name: str | None
    owners: tuple[str, ...]
    owner_ciks: tuple[str, ...]
    security: str | None
    shares: float | None
    price: float | None
    value: float | None
    roles: str


def _filer_groups(buys: list[Mapping[str, object]]) -> int:
    """Distinct buyers, where owners who reported a row jointly count as one buyer."""
    parent: dict[str, str] = {}

    def root(cik: str) -> str:
        while parent.setdefault(cik, cik) != cik:
            cik = parent[cik]
        return cik

    first_owner: dict[str, str] = {}
    for buy in buys:
        owner = root(str(buy["owner_cik"]))
        parent[owner] = root(first_owner.setdefault(str(buy["row"]), owner))
    return len({root(cik) for cik in parent})


def _windows(
    issuer: list[Mapping[str, object]], days: int, min_insiders: int, merge_joint: bool
) -> list[ClusterBuy]:
    """Greedy, non-overlapping windows of ``days`` days starting at a purchase."""
    found: list[ClusterBuy] = []
    start = 0
    while start < len(issuer):
        first = date.fromisoformat(str(issuer[start]["date"]))
        window = [
            b
            for b in issuer[start:]
            if date.fromisoformat(str(b["date"])) <= first + timedelta(days)
        ]
        owners = {str(b["owner_cik"]): str(b["owner_name"]) for b in window}
        buyers = _filer_groups(window) if merge_joint else len(owners)
        if buyers >= min_insiders:
            rows = {str(b["row"]): float(b["value"]) for b in window}  # type: ignore[arg-type]
            found.append(
                ClusterBuy(
                    str(window[0]["issuer_cik"]),
                    _s(window[0]["issuer_name"]),
                    str(window[0]["date"]),
                    str(window[-1]["date"]),
                    buyers,
                    tuple(sorted(owners.values())),
                    len(rows),
                    sum(rows.values()),
                )
            )
            start += len(window)
        else:
            start += 1
    return found


def cluster_buys(
    driver: Driver,
    *,
    database: str,
    min_insiders: int = 2,
    days: int = 30,
    merge_joint: bool = True,
) -> tuple[ClusterBuy, ...]:
    """Issuers where at least ``min_insiders`` distinct insiders bought within ``days`` days.

    With ``merge_joint`` the owners of one joint filing (a fund, its GP, its manager) count as
    one buyer; without it every reporting owner counts.
    """
    by_issuer: dict[str, list[Mapping[str, object]]] = {}
    for row in fetch(driver, OPEN_MARKET_BUYS, {}, database=database):
        by_issuer.setdefault(str(row["issuer_cik"]), []).append(row)
    clusters = [
        c for rows in by_issuer.values() for c in _windows(rows, days, min_insiders, merge_joint)
    ]
    return tuple(sorted(clusters, key=lambda c: (-c.insiders, -c.value, c.start)))


def _trades(rows: list[dict[str, object]]) -> tuple[Trade, ...]:
    return tuple(
        Trade(
            str(r["row"]),
            str(r["accession"]),
            _s(r["date"]),
            _s(r["code"]),
            str(r["issuer_cik"]),
            _s(r["issuer_name"]),
            _strs(r["owners"]),
            _strs(r["owner_ciks"]),
            _s(r["security"]),
            _f(r["shares"]),
            _f(r["price"]),
            _f(r["value"]),
            str(r["roles"] or ""),
        )
        for r in rows
    )


def largest_trades(
    driver: Driver, code: str, *, database: str, limit: int = 50
) -> tuple[Trade, ...]:
    """Largest non-derivative trades of one code ('P' purchases, 'S' sales) by value."""
    params = {"code": code, "limit": limit}
    return _trades(fetch(driver, LARGEST_TRADES, params, database=database))


def insider_buys(driver: Driver, *, database: str, limit: int = 200) -> tuple[Trade, ...]:
    """Open-market purchases by officers and directors of the issuer, newest first."""
    return _trades(fetch(driver, INSIDER_BUYS, {"limit": limit}, database=database))


def _s(value: object) -> str | None:
    return None if value is None else str(value)


def _f(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None


def _strs(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()
