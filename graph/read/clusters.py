"""The cluster-buy screen: ≥ N distinct insiders buying one issuer on the open market within
D days, optionally within a date range and for one ticker.

Joint filings (a fund, its GP, its manager reporting one purchase) are one buyer unless the
caller asks to count every reporting owner.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from graph.db import Graph
from graph.read.screens import WINDOW, ScreenWindow
from graph.values import Row

__all__ = ["OPEN_MARKET_BUYS", "ClusterBuy", "cluster_buys"]

OPEN_MARKET_BUYS = (
    """
MATCH (o:Entity)-[r:TRANSACTED {code: 'P'}]->(s:Security)-[:ISSUED_BY]->(i:Entity)
WHERE r.date IS NOT NULL AND NOT r.derivative AND r.superseded IS NULL AND """
    + WINDOW
    + """
RETURN i.cik AS issuer_cik, i.name AS issuer_name, i.ticker AS ticker, r.date AS date,
       o.cik AS owner_cik, o.name AS owner_name, r.row AS row, coalesce(r.value, 0) AS value
ORDER BY issuer_cik, date, row
LIMIT 50000
"""
)


@dataclass(frozen=True, slots=True)
class ClusterBuy:
    """≥ N distinct insiders buying one issuer on the open market within D days.

    ``insiders`` counts independent buyers: with ``merge_joint`` the reporting owners of one
    joint filing are one.
    """

    issuer_cik: str
    issuer_name: str | None
    ticker: str | None
    start: str
    end: str
    insiders: int
    owner_names: tuple[str, ...]
    purchases: int
    value: float


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
                    window[0].string("ticker"),
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
    window: ScreenWindow | None = None,
) -> tuple[ClusterBuy, ...]:
    """Issuers where at least ``min_insiders`` distinct insiders bought within ``days`` days.

    With ``merge_joint`` the owners of one joint filing (a fund, its GP, its manager) count as
    one buyer; without it every reporting owner counts.
    """
    params = (window or ScreenWindow()).params()
    by_issuer: dict[str, list[Row]] = {}
    for row in graph.read(OPEN_MARKET_BUYS, **params):
        by_issuer.setdefault(str(row["issuer_cik"]), []).append(row)
    clusters = [
        c for rows in by_issuer.values() for c in _windows(rows, days, min_insiders, merge_joint)
    ]
    return tuple(sorted(clusters, key=lambda c: (-c.insiders, -c.value, c.start)))
