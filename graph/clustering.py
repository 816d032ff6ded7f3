"""Cluster buys as a pure computation: greedy, non-overlapping windows of D days in which at
least N distinct insiders bought one issuer's securities on the open market.

Joint filings (a fund, its GP, its manager reporting one purchase) are one buyer unless the
caller asks to count every reporting owner. graph/read/clusters.py runs it for the screen and
graph/load/readmodel/clusters.py keeps the default screen's clusters in the graph.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from graph.values import Row

__all__ = ["KEPT", "PURCHASES_IN_ORDER", "ClusterBuy", "cluster_windows"]

KEPT = (2, 30, True)  # the default screen (min insiders, days, joint filers as one): kept

# The end of a query that found open-market purchases ``r`` by owners ``o`` of issuers ``i``:
# one map per purchase, with what ``cluster_windows`` reads, in the order it reads them.
PURCHASES_IN_ORDER = """
WITH i, r, o ORDER BY i.cik, r.date, r.row
RETURN collect({issuer_cik: i.cik, issuer_name: i.name, ticker: i.ticker, date: toString(r.date),
                owner_cik: o.cik, owner_name: o.name, row: r.row, value: coalesce(r.value, 0)})
       AS rows
"""


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


def cluster_windows(
    issuer: list[Row], days: int, min_insiders: int, merge_joint: bool
) -> list[ClusterBuy]:
    """Greedy, non-overlapping windows of ``days`` days starting at a purchase (``issuer``: one
    issuer's purchases in date order)."""
    dates = [date.fromisoformat(str(b["date"])) for b in issuer]
    found: list[ClusterBuy] = []
    start = 0
    while start < len(issuer):
        end = bisect_right(dates, dates[start] + timedelta(days), lo=start)
        window = issuer[start:end]
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
            start = end
        else:
            start += 1
    return found
