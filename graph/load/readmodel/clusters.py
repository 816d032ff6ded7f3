"""The read model's cluster buys: the default screen's clusters (graph/clustering.KEPT) kept per
issuer as ``(:ClusterBuy)-[:CLUSTER_OF]->(issuer)``, so the screen reads them instead of every
open-market purchase. Recomputed for each issuer whose purchases a run changed (stale.py calls
``refresh_clusters_tx``): from its earliest new purchase on when that is all that changed, else
whole.

The windows are greedy, each starting at a purchase, in date order, so a window that ends
before the earliest new purchase saw none of it: every kept cluster starting more than D days
before it stays, and the scan resumes where it would have stood then, at the first purchase
after the last such cluster's window (or D days before the new purchase, whichever is later).
The purchases from there on are found through the rows' date index, for all such issuers at
once, instead of walking each buyer's rows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict
from datetime import date, timedelta

from neo4j import Driver, ManagedTransaction, Record

from graph.clustering import KEPT, PURCHASES_IN_ORDER, cluster_windows
from graph.values import Row, to_plain

__all__ = [
    "DROP_CLUSTERS",
    "DROP_CLUSTERS_FROM",
    "ISSUER_PURCHASES",
    "LAST_KEPT_BEFORE",
    "PURCHASES_SINCE",
    "WRITE_CLUSTERS",
    "refresh_all_clusters",
    "refresh_clusters_tx",
]

# The buyers are found through the TRADES summaries (recomputed before the clusters: pairs
# first), so a hub's sales and awards are never read to find its few purchases.
ISSUER_PURCHASES = (
    """
UNWIND $ciks AS cik
MATCH (i:Entity {cik: cik})<-[:ISSUED_BY]-(s:Security)<-[t:TRADES]-(o:Entity)
WHERE 'P' IN t.codes AND NOT s.derivative
MATCH (o)-[r:TRANSACTED {code: 'P'}]->(s)
WHERE r.date IS NOT NULL AND NOT r.derivative AND r.superseded IS NULL"""
    + PURCHASES_IN_ORDER
)
DROP_CLUSTERS = """
UNWIND $ciks AS cik
MATCH (:Entity {cik: cik})<-[:CLUSTER_OF]-(c:ClusterBuy)
DETACH DELETE c
"""
WRITE_CLUSTERS = """
UNWIND $clusters AS c
MATCH (i:Entity {cik: c.issuer_cik})
CREATE (k:ClusterBuy)-[:CLUSTER_OF]->(i)
SET k.start = date(c.start), k.end = date(c.end), k.insiders = c.insiders,
    k.owner_names = c.owner_names, k.purchases = c.purchases, k.value = c.value
"""
# The last kept cluster of each issuer (``cik``) starting before its ``cutoff``; the kept
# clusters from the cutoff on, dropped.
LAST_KEPT_BEFORE = """
UNWIND $issuers AS x
MATCH (i:Entity {cik: x.cik})
OPTIONAL MATCH (i)<-[:CLUSTER_OF]-(k:ClusterBuy) WHERE k.start < x.cutoff
RETURN x.cik AS cik, max(k.start) AS last_start
"""
DROP_CLUSTERS_FROM = """
UNWIND $issuers AS x
MATCH (:Entity {cik: x.cik})<-[:CLUSTER_OF]-(k:ClusterBuy) WHERE k.start >= x.cutoff
DETACH DELETE k
"""
# The purchases of the issuers in ``$starts`` (CIK to first date), read by date from $earliest.
PURCHASES_SINCE = (
    """
MATCH (o:Entity)-[r:TRANSACTED]->(s:Security)
USING INDEX r:TRANSACTED(date)
WHERE r.date >= $earliest AND NOT r.derivative AND r.superseded IS NULL
  AND coalesce(r.code, '') = 'P'  // not a seek of the code index: every purchase since 2006
WITH o, r, s, r.date AS day
MATCH (s)-[:ISSUED_BY]->(i:Entity)
WHERE day >= $starts[i.cik]"""
    + PURCHASES_IN_ORDER
)
ISSUERS = "MATCH (i:Issuer) RETURN i.cik AS cik ORDER BY cik"
CHUNK = 500  # issuers per transaction of a full refresh
# An issuer whose earliest new purchase is this much older than the latest one in its chunk
# is recomputed whole: one late Form 5 must not make the date index read a year of rows.
SINCE_SPAN = timedelta(days=90)


def refresh_clusters_tx(tx: ManagedTransaction, issuers: Mapping[str, date | None]) -> None:
    """Recompute the kept clusters of ``issuers`` in ``tx``: each from the date given on, or
    whole for None."""
    since = {cik: day for cik, day in issuers.items() if day is not None}
    latest = max(since.values(), default=None)
    since = {cik: day for cik, day in since.items() if latest and day >= latest - SINCE_SPAN}
    whole = sorted(set(issuers) - set(since))
    if whole:
        tx.run(DROP_CLUSTERS, ciks=whole).consume()
        _write(tx, tx.run(ISSUER_PURCHASES, ciks=whole).single())
    if since:
        _refresh_since_tx(tx, since)


def _refresh_since_tx(tx: ManagedTransaction, since: dict[str, date]) -> None:
    days = timedelta(days=KEPT[1])
    cutoff = {cik: day - days for cik, day in since.items()}
    issuers = [{"cik": cik, "cutoff": day} for cik, day in sorted(cutoff.items())]
    starts: dict[str, date] = {}
    for record in tx.run(LAST_KEPT_BEFORE, issuers=issuers):
        cik, last = str(record["cik"]), record["last_start"]
        after_last = last.to_native() + days + timedelta(days=1) if last else cutoff[cik]
        starts[cik] = max(cutoff[cik], after_last)
    tx.run(DROP_CLUSTERS_FROM, issuers=issuers).consume()
    earliest = min(starts.values())
    _write(tx, tx.run(PURCHASES_SINCE, earliest=earliest, starts=starts).single())


def _write(tx: ManagedTransaction, found: Record | None) -> None:
    """Write the clusters of the purchases ``found`` (PURCHASES_IN_ORDER's row)."""
    by_issuer: dict[str, list[Row]] = {}
    purchases = to_plain(found["rows"]) if found else []
    for item in purchases if isinstance(purchases, list) else []:
        row = Row(item)
        by_issuer.setdefault(str(row["issuer_cik"]), []).append(row)
    min_insiders, days, merge_joint = KEPT
    clusters = [
        {**asdict(c), "owner_names": list(c.owner_names)}
        for rows in by_issuer.values()
        for c in cluster_windows(rows, days, min_insiders, merge_joint)
    ]
    if clusters:
        tx.run(WRITE_CLUSTERS, clusters=clusters).consume()


def refresh_all_clusters(driver: Driver, *, database: str = "neo4j") -> None:
    """Recompute every issuer's kept clusters, CHUNK issuers per transaction."""
    records, _, _ = driver.execute_query(ISSUERS, database_=database)
    ciks = [str(r["cik"]) for r in records]
    with driver.session(database=database) as session:
        for start in range(0, len(ciks), CHUNK):
            whole = dict.fromkeys(ciks[start : start + CHUNK])
            session.execute_write(refresh_clusters_tx, whole)
