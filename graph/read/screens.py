"""Screens: cluster buys, largest open-market purchases and sales, officer/director buys.

Every total counts ``DISTINCT r.row`` so that a joint filing's rows (one edge per reporting
owner) are never counted twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from graph.db import Graph
from graph.values import Row

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
WHERE r.date IS NOT NULL AND NOT r.derivative AND r.superseded IS NULL
RETURN i.cik AS issuer_cik, i.name AS issuer_name, r.date AS date, o.cik AS owner_cik,
       o.name AS owner_name, r.row AS row, coalesce(r.value, 0) AS value
ORDER BY issuer_cik, date, row
LIMIT 50000
"""

LARGEST_TRADES = """
MATCH (o:Entity)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i:Entity)
WHERE r.code = $code AND NOT r.derivative AND r.value IS NOT NULL AND r.superseded IS NULL
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
WHERE NOT r.derivative AND r.superseded IS NULL
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


def _filer_groups(buys: list[Row]) -> int:
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
    issuer: list[Row], days: int, min_insiders: int, merge_joint: bool
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
            rows = {str(b["row"]): b.number("value") or 0.0 for b in window}
            found.append(
                ClusterBuy(
                    str(window[0]["issuer_cik"]),
                    window[0].string("issuer_name"),
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
    graph: Graph,
    min_insiders: int = 2,
    days: int = 30,
    merge_joint: bool = True,
) -> tuple[ClusterBuy, ...]:
    """Issuers where at least ``min_insiders`` distinct insiders bought within ``days`` days.

    With ``merge_joint`` the owners of one joint filing (a fund, its GP, its manager) count as
    one buyer; without it every reporting owner counts.
    """
    by_issuer: dict[str, list[Row]] = {}
    for row in graph.read(OPEN_MARKET_BUYS):
        by_issuer.setdefault(str(row["issuer_cik"]), []).append(row)
    clusters = [
        c for rows in by_issuer.values() for c in _windows(rows, days, min_insiders, merge_joint)
    ]
    return tuple(sorted(clusters, key=lambda c: (-c.insiders, -c.value, c.start)))


def _trades(rows: list[Row]) -> tuple[Trade, ...]:
    return tuple(
        Trade(
            str(r["row"]),
            str(r["accession"]),
            r.string("date"),
            r.string("code"),
            str(r["issuer_cik"]),
            r.string("issuer_name"),
            r.strings("owners"),
            r.strings("owner_ciks"),
            r.string("security"),
            r.number("shares"),
            r.number("price"),
            r.number("value"),
            r.string("roles") or "",
        )
        for r in rows
    )


def largest_trades(graph: Graph, code: str, limit: int = 50) -> tuple[Trade, ...]:
    """Largest non-derivative trades of one code ('P' purchases, 'S' sales) by value."""
    params = {"code": code, "limit": limit}
    return _trades(graph.read(LARGEST_TRADES, **params))


def insider_buys(graph: Graph, limit: int = 200) -> tuple[Trade, ...]:
    """Open-market purchases by officers and directors of the issuer, newest first."""
    return _trades(graph.read(INSIDER_BUYS, limit=limit))
