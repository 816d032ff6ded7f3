"""The cluster-buy screen: ≥ N distinct insiders buying one issuer on the open market within
D days, optionally within a date range and for one ticker.

Joint filings (a fund, its GP, its manager reporting one purchase) are one buyer unless the
caller asks to count every reporting owner.
"""

from __future__ import annotations

from graph.clustering import KEPT, ClusterBuy, cluster_windows
from graph.db import Graph
from graph.read.model import CLUSTER_VERSION, summarised
from graph.read.screens import DATES, WINDOW, ScreenWindow
from graph.values import Row

__all__ = ["HOT_BUCKETS", "KEPT_CLUSTERS", "OPEN_MARKET_BUYS", "ClusterBuy", "cluster_buys"]

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

# The default screen's clusters, as graph/load/clusters.py keeps them.
KEPT_CLUSTERS = """
MATCH (c:ClusterBuy)-[:CLUSTER_OF]->(i:Entity)
RETURN i.cik AS issuer_cik, i.name AS issuer_name, i.ticker AS ticker, c.start AS start,
       c.end AS end, c.insiders AS insiders, c.owner_names AS owner_names,
       c.purchases AS purchases, c.value AS value
ORDER BY insiders DESC, value DESC, start, issuer_cik
"""

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
    everything = window.params() == ScreenWindow().params()
    kept = (min_insiders, days, merge_joint) == KEPT and everything
    if kept and summarised(graph, CLUSTER_VERSION):  # the read model keeps the default screen
        return tuple(_kept(r) for r in graph.read(KEPT_CLUSTERS))
    params = {**window.params(), "days": max(days, 1)}
    hot = graph.read(HOT_BUCKETS, **params, min_insiders=min_insiders)
    by_issuer: dict[str, list[Row]] = {}
    for row in graph.read(OPEN_MARKET_BUYS, **params, hot=[dict(h) for h in hot]):
        by_issuer.setdefault(str(row["issuer_cik"]), []).append(row)
    clusters = [
        c
        for rows in by_issuer.values()
        for c in cluster_windows(rows, days, min_insiders, merge_joint)
    ]
    return tuple(sorted(clusters, key=lambda c: (-c.insiders, -c.value, c.start)))


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
