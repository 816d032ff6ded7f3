"""The cluster-buy screen: ≥ N distinct insiders buying one issuer on the open market within
D days, optionally within a date range and for one ticker.

Joint filings (a fund, its GP, its manager reporting one purchase) are one buyer unless the
caller asks to count every reporting owner.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.clustering import KEPT, PURCHASES_IN_ORDER, ClusterBuy, cluster_windows
from graph.db import Graph
from graph.read.model import CLUSTER_VERSION, summarised
from graph.read.screens import DATES, WINDOW, ScreenWindow
from graph.values import Row

__all__ = [
    "HOT_BUCKETS",
    "KEPT_CLUSTERS",
    "KEPT_CLUSTER_COUNT",
    "OPEN_MARKET_BUYS",
    "SCREEN_LIMIT",
    "ClusterBuy",
    "ClusterScreen",
    "cluster_buys",
    "cluster_screen",
]

SCREEN_LIMIT = 500  # clusters the screen lists, strongest first
EVERY_CLUSTER = 1_000_000_000

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

# The default screen's clusters, as graph/load/readmodel/clusters.py keeps them: the strongest
# $limit, and how many there are.
KEPT_CLUSTERS = """
MATCH (c:ClusterBuy)-[:CLUSTER_OF]->(i:Entity)
WITH c, i ORDER BY c.insiders DESC, c.value DESC, c.start, i.cik
LIMIT $limit
RETURN collect({issuer_cik: i.cik, issuer_name: i.name, ticker: i.ticker,
                start: toString(c.start), end: toString(c.end), insiders: c.insiders,
                owner_names: c.owner_names, purchases: c.purchases, value: c.value}) AS rows
"""
KEPT_CLUSTER_COUNT = "MATCH (c:ClusterBuy) RETURN count(c) AS clusters"

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
}"""
    + PURCHASES_IN_ORDER
)


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
    window = window or ScreenWindow()
    if _kept_screen(graph, min_insiders, days, merge_joint, window):
        return tuple(_kept(r) for r in graph.read_rows(KEPT_CLUSTERS, limit=EVERY_CLUSTER))
    return _computed(graph, min_insiders, days, merge_joint, window)


def _computed(
    graph: Graph, min_insiders: int, days: int, merge_joint: bool, window: ScreenWindow
) -> tuple[ClusterBuy, ...]:
    """The clusters found in the purchases of the hot buckets, strongest first."""
    params = {**window.params(), "days": max(days, 1)}
    hot = graph.read(HOT_BUCKETS, **params, min_insiders=min_insiders)
    by_issuer: dict[str, list[Row]] = {}
    for row in graph.read_rows(OPEN_MARKET_BUYS, **params, hot=[dict(h) for h in hot]):
        by_issuer.setdefault(str(row["issuer_cik"]), []).append(row)
    clusters = [
        c
        for rows in by_issuer.values()
        for c in cluster_windows(rows, days, min_insiders, merge_joint)
    ]
    return tuple(sorted(clusters, key=lambda c: (-c.insiders, -c.value, c.start)))


@dataclass(frozen=True, slots=True)
class ClusterScreen:
    """The strongest clusters (most buyers, then most value) and how many there are in all."""

    clusters: tuple[ClusterBuy, ...]
    total: int


def cluster_screen(
    graph: Graph,
    min_insiders: int = 2,
    days: int = 30,
    merge_joint: bool = True,
    window: ScreenWindow | None = None,
    limit: int = SCREEN_LIMIT,
) -> ClusterScreen:
    """What the screen lists: ``cluster_buys`` cut to the strongest ``limit``, and the count.
    The default screen reads only those from the read model."""
    window = window or ScreenWindow()
    if _kept_screen(graph, min_insiders, days, merge_joint, window):
        rows = graph.read_rows(KEPT_CLUSTERS, limit=limit)
        total = graph.read(KEPT_CLUSTER_COUNT)
        return ClusterScreen(tuple(_kept(r) for r in rows), total[0].integer("clusters"))
    found = _computed(graph, min_insiders, days, merge_joint, window)
    return ClusterScreen(found[:limit], len(found))


def _kept_screen(
    graph: Graph, min_insiders: int, days: int, merge_joint: bool, window: ScreenWindow
) -> bool:
    """True for the default screen over everything, when the read model keeps its clusters."""
    everything = window.params() == ScreenWindow().params()
    default = (min_insiders, days, merge_joint) == KEPT and everything
    return default and summarised(graph, CLUSTER_VERSION)


def _kept(r: Row) -> ClusterBuy:
    return ClusterBuy(
        str(r["issuer_cik"]),
        r.string("issuer_name"),
        r.string("ticker"),
        str(r["start"]),
        str(r["end"]),
        r.integer("insiders"),
        r.strings("owner_names"),
        r.integer("purchases"),
        r.number("value") or 0.0,
    )
