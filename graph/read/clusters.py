"""The cluster-buy screen: ≥ N distinct insiders buying one issuer on the open market within
D days, optionally within a date range and for one ticker.

Joint filings (a fund, its GP, its manager reporting one purchase) are one buyer unless the
caller asks to count every reporting owner.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta

from graph.db import Graph
from graph.read.screens import DATES, WINDOW, ScreenWindow
from graph.values import Row

__all__ = ["HOT_BUCKETS", "OPEN_MARKET_BUYS", "ClusterBuy", "cluster_buys"]

# The open-market purchases a screen looks at (`o`, `r`, `i`), and each one's bucket of $days
# days (counted from 1900-01-01).
_PURCHASES = (
    """
MATCH (o:Entity)-[r:TRANSACTED {code: 'P'}]->(s:Security)-[:ISSUED_BY]->(i:Entity)
WHERE r.date IS NOT NULL AND NOT r.derivative AND r.superseded IS NULL AND """
    + WINDOW
    + """
WITH o, r, i, duration.inDays(date('1900-01-01'), r.date).days / $days AS bucket
"""
)

# A window of $days days starting in bucket b ends in bucket b or b + 1, so a purchase can be in
# a cluster only when its bucket together with the one before or after it holds enough distinct
# buyers. Per issuer, the buckets where that holds ("hot"); the rest are never read.
HOT_BUCKETS = (
    _PURCHASES
    + """WITH i, bucket, collect(DISTINCT o.cik) AS owners ORDER BY bucket
WITH i, collect(bucket) AS buckets, collect(owners) AS owners
WITH i, [k IN range(0, size(buckets) - 1) WHERE size(owners[k]) >= $min_insiders
  OR (k > 0 AND buckets[k - 1] = buckets[k] - 1
      AND size(owners[k] + [c IN owners[k - 1] WHERE NOT c IN owners[k]]) >= $min_insiders)
  OR (k < size(buckets) - 1 AND buckets[k + 1] = buckets[k] + 1
      AND size(owners[k] + [c IN owners[k + 1] WHERE NOT c IN owners[k]]) >= $min_insiders)
  | buckets[k]] AS hot
WHERE size(hot) > 0
RETURN i.cik AS issuer, hot
"""
)

# The purchases in the hot buckets of each issuer ($hot: HOT_BUCKETS rows, {issuer, hot}).
OPEN_MARKET_BUYS = (
    """
UNWIND $hot AS h
MATCH (i:Entity {cik: h.issuer})
CALL (i, h) {
  MATCH (o:Entity)-[r:TRANSACTED {code: 'P'}]->(:Security)-[:ISSUED_BY]->(i)
  WHERE r.date IS NOT NULL AND NOT r.derivative AND r.superseded IS NULL AND """
    + DATES
    + """
    AND duration.inDays(date('1900-01-01'), r.date).days / $days IN h.hot
  RETURN o, r
}
RETURN i.cik AS issuer_cik, i.name AS issuer_name, i.ticker AS ticker, r.date AS date,
       o.cik AS owner_cik, o.name AS owner_name, r.row AS row, coalesce(r.value, 0) AS value
ORDER BY issuer_cik, date, row
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
    params = {**(window or ScreenWindow()).params(), "days": max(days, 1)}
    hot = graph.read(HOT_BUCKETS, **params, min_insiders=min_insiders)
    by_issuer: dict[str, list[Row]] = {}
    for row in graph.read(OPEN_MARKET_BUYS, **params, hot=[dict(h) for h in hot]):
        by_issuer.setdefault(str(row["issuer_cik"]), []).append(row)
    clusters = [
        c for rows in by_issuer.values() for c in _windows(rows, days, min_insiders, merge_joint)
    ]
    return tuple(sorted(clusters, key=lambda c: (-c.insiders, -c.value, c.start)))
