"""The read model's cluster buys: the default screen's clusters (graph/clustering.KEPT) kept per
issuer as ``(:ClusterBuy)-[:CLUSTER_OF]->(issuer)``, so the screen reads them instead of every
open-market purchase. Recomputed whole for each issuer whose purchases a run changed
(graph/load/readmodel/summaries.py calls ``refresh_clusters_tx``)."""

from __future__ import annotations

from dataclasses import asdict

from neo4j import Driver, ManagedTransaction

from graph.clustering import KEPT, PURCHASES_IN_ORDER, cluster_windows
from graph.values import Row, to_plain

__all__ = [
    "DROP_CLUSTERS",
    "ISSUER_PURCHASES",
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
ISSUERS = "MATCH (i:Issuer) RETURN i.cik AS cik ORDER BY cik"
CHUNK = 500  # issuers per transaction of a full refresh


def refresh_clusters_tx(tx: ManagedTransaction, ciks: list[str]) -> None:
    """Recompute the kept clusters of the issuers among ``ciks`` in ``tx``."""
    tx.run(DROP_CLUSTERS, ciks=ciks).consume()
    by_issuer: dict[str, list[Row]] = {}
    found = tx.run(ISSUER_PURCHASES, ciks=ciks).single()
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
            session.execute_write(refresh_clusters_tx, ciks[start : start + CHUNK])
