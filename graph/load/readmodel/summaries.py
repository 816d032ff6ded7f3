"""The read model: summaries derived from the row edges, so pages read aggregates, not edges.

- ``(o)-[:TRADES_IN {trades, bought_shares, sold_shares, bought_value, sold_value, first, last,
  shares_after, accession, last_row}]->(i)``: one edge per owner and issuer with trades
  (``accession``: the filing of its latest trade, as every relationship carries one;
  ``last_row``: that trade's row key, where running.py may extend the sums). ``trades`` counts table
  rows; bought/sold are open-market purchases ``P`` and sales ``S`` of non-derivative
  securities; ``value`` sums every row's value (shares times price where both are known);
  ``shares_after`` is the latest non-derivative holding reported after a trade.
- ``(o)-[:TRADES {codes, counts, shares, values, joint_values, joint_value, first, last,
  accession}]->(s)``: one edge per owner and security, its rows totalled per transaction code
  (parallel lists, ``''`` for a row without a code), so the entity view draws a hub from
  summaries, not rows.
- per entity: ``insiders`` and ``issuers`` (INSIDER_OF in and out), and the running totals
  and last prices of totals.py, which batches keep as they write.
- the default cluster-buy screen's clusters per issuer (graph/load/readmodel/clusters.py).

Rows of a superseded filing (``r.superseded``) are left out. Pairs are recomputed from the
edges, so a refresh is idempotent and never depends on the load order. The online path
extends a pair's sums in the batch when its new rows come after its last one (running.py), and
recomputes the other pairs its batches marked once per run (stale.py): a hub touched by every
batch is visited once per run, and only for the pairs that changed. A bulk import calls
``refresh_all_summaries``, which also recomputes the totals from scratch.
"""

from __future__ import annotations

from neo4j import Driver, ManagedTransaction

from graph.load.readmodel.chunks import each_entity_chunk, entity_chunks
from graph.load.readmodel.clusters import refresh_all_clusters, refresh_clusters_tx
from graph.load.readmodel.pairs import refresh_pairs
from graph.load.readmodel.totals import LAST_PRICE

__all__ = [
    "CLEAR_STALE",
    "DEGREES",
    "PAIR",
    "REFRESH_ALL_COUNTS",
    "REFRESH_ALL_TRADES_IN",
    "REFRESH_COUNTS",
    "REFRESH_TRADES_IN",
    "refresh_all_counts",
    "refresh_all_summaries",
    "refresh_summaries",
    "refresh_summaries_tx",
]

# One owner-issuer pair (o, i), recomputed from its TRANSACTED edges, read once in one order
# (date, row), each edge's properties once into a map, so every sum adds up alike: the pair's
# totals from all of them, each security's per-code totals from its own. Summaries are updated
# in place (MERGE, every property SET), and deleted only when nothing is left to summarise: a
# hub's relationship chain changes only for a new or a vanished pair. Two sessions writing
# pairs of one hub can still deadlock on it (stale.py retries them quickly); its securities are
# written in one order (id) to make that rarer.
PAIR = """
CALL (o, i) {
  OPTIONAL MATCH (o)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i)
  WHERE r.superseded IS NULL
  WITH s, r ORDER BY r.date, r.row
  RETURN collect(r {.date, .row, .code, .shares, .value, .joint, .derivative, .shares_after,
                    .accession}) AS rs, collect(s) AS ss
}
CALL (o, i, ss) {
  MATCH (o)-[old:TRADES]->(s:Security)-[:ISSUED_BY]->(i) WHERE NOT s IN ss
  DELETE old
}
CALL (o, rs, ss) {
  UNWIND range(0, size(rs) - 1) AS k
  WITH ss[k] AS s, coalesce(rs[k].code, '') AS code, rs[k] AS r
  WITH s, code, collect(r) AS group
  WITH s, code, size(group) AS n,
       reduce(t = 0.0, r IN group | t + coalesce(r.shares, 0)) AS shares,
       reduce(t = 0.0, r IN group | t + coalesce(r.value, 0)) AS value,
       reduce(t = 0.0, r IN [r IN group WHERE r.joint] | t + coalesce(r.value, 0)) AS joint_value,
       head(group).date AS first, last([r IN group WHERE r.date IS NOT NULL]).date AS last,
       [last(group).date, last(group).accession] AS latest
  ORDER BY code
  WITH s, collect(code) AS codes, collect(n) AS counts, collect(shares) AS shares,
       collect(value) AS values, collect(joint_value) AS joint_values, min(first) AS first,
       max(last) AS last, max(latest) AS latest
  WITH s, codes, counts, shares, values, joint_values, first, last, latest,
       reduce(t = 0.0, v IN joint_values | t + v) AS joint_value
  ORDER BY s.id
  MERGE (o)-[t:TRADES]->(s)
  SET t.codes = codes, t.counts = counts, t.shares = shares, t.values = values,
      t.joint_values = joint_values, t.joint_value = joint_value, t.first = first,
      t.last = last, t.accession = latest[1]
}
CALL (o, i, rs) {
  WITH o, i, rs WHERE size(rs) = 0
  MATCH (o)-[old:TRADES_IN]->(i)
  DELETE old
}
WITH o, i, rs WHERE size(rs) > 0
WITH o, i, rs, [r IN rs WHERE NOT r.derivative AND r.code = 'P'] AS buys,
     [r IN rs WHERE NOT r.derivative AND r.code = 'S'] AS sells,
     [r IN rs WHERE NOT r.derivative AND r.shares_after IS NOT NULL] AS after
MERGE (o)-[t:TRADES_IN]->(i)
SET t.trades = size(rs),
    t.bought_shares = reduce(t = 0.0, r IN buys | t + coalesce(r.shares, 0)),
    t.sold_shares = reduce(t = 0.0, r IN sells | t + coalesce(r.shares, 0)),
    t.bought_value = reduce(t = 0.0, r IN buys | t + coalesce(r.value, 0)),
    t.sold_value = reduce(t = 0.0, r IN sells | t + coalesce(r.value, 0)),
    t.value = reduce(t = 0.0, r IN rs | t + coalesce(r.value, 0)),
    t.first = head(rs).date, t.last = last(rs).date, t.accession = last(rs).accession,
    t.last_row = last(rs).row, t.shares_after = last(after).shares_after
"""

# The issuers an owner `o` trades in, or did at the last refresh.
_ISSUERS_OF = """
CALL (o) {
  MATCH (o)-[:TRANSACTED]->(:Security)-[:ISSUED_BY]->(i:Entity) RETURN i
  UNION
  MATCH (o)-[:TRADES_IN]->(i:Entity) RETURN i
}
"""

# Every pair touching one of $ciks, as owner or as issuer (and pairs summarised before).
REFRESH_TRADES_IN = (
    """
UNWIND $ciks AS cik
MATCH (e:Entity {cik: cik})
CALL (e) {
  MATCH (e)-[:TRANSACTED]->(:Security)-[:ISSUED_BY]->(i:Entity) RETURN e AS o, i
  UNION
  MATCH (e)-[:TRADES_IN]->(i:Entity) RETURN e AS o, i
  UNION
  MATCH (e)<-[:ISSUED_BY]-(:Security)<-[:TRANSACTED]-(o:Entity) RETURN o, e AS i
  UNION
  MATCH (e)<-[:TRADES_IN]-(o:Entity) RETURN o, e AS i
}
WITH DISTINCT o, i"""
    + PAIR
)
DEGREES = """
SET e.insiders = COUNT { (e)<-[:INSIDER_OF]-() }, e.issuers = COUNT { (e)-[:INSIDER_OF]->() }
"""
# Every count of an entity from scratch: totals over its current filings (totals.py keeps
# them as filings come and go), its securities' last prices, its INSIDER_OF degrees.
_COUNTS = (
    """
CALL (e) {
  OPTIONAL MATCH (e)<-[:ABOUT]-(f:Filing) WHERE f.superseded_by IS NULL
  RETURN sum(f.trade_rows) AS rows_in, sum(f.buy_cents) AS buys_in, sum(f.sell_cents) AS sells_in
}
CALL (e) {
  OPTIONAL MATCH (e)-[:FILED]->(f:Filing) WHERE f.superseded_by IS NULL
  RETURN sum(f.trade_rows) AS rows_by, sum(f.buy_cents) AS buys_by, sum(f.sell_cents) AS sells_by
}
CALL (e) {
  MATCH (e)<-[:ISSUED_BY]-(s:Security)"""
    + LAST_PRICE
    + """}
SET e.trade_rows_in = rows_in, e.trade_rows_by = rows_by, e.buys_in_cents = buys_in,
    e.sells_in_cents = sells_in, e.buys_by_cents = buys_by, e.sells_by_cents = sells_by"""
    + DEGREES
)

REFRESH_COUNTS = "UNWIND $ciks AS cik\nMATCH (e:Entity {cik: cik})" + _COUNTS
REFRESH_ALL_TRADES_IN = entity_chunks("WITH e AS o" + _ISSUERS_OF + "WITH DISTINCT o, i" + PAIR)

COUNT_CURRENT_FILINGS = """
MATCH (f:Filing)
CALL (f) { SET f.in_totals = f.superseded_by IS NULL } IN TRANSACTIONS OF 10000 ROWS
"""
REFRESH_ALL_COUNTS = entity_chunks(_COUNTS)

CLEAR_STALE = """
MATCH (e:StaleSummary|StaleClusters)
CALL (e) { REMOVE e:StaleSummary:StaleClusters, e.stale_issuers } IN TRANSACTIONS OF $rows ROWS
"""


def refresh_summaries_tx(tx: ManagedTransaction, ciks: list[str]) -> None:
    """Recompute every summary of the entities ``ciks`` (owners and issuers) in ``tx``."""
    unique = sorted(set(ciks))
    if unique:
        tx.run(REFRESH_TRADES_IN, ciks=unique).consume()
        tx.run(REFRESH_COUNTS, ciks=unique).consume()
        refresh_clusters_tx(tx, dict.fromkeys(unique))


def refresh_summaries(driver: Driver, ciks: list[str], *, database: str = "neo4j") -> None:
    """Recompute the summaries of the entities ``ciks`` in one transaction."""
    with driver.session(database=database) as session:
        session.execute_write(refresh_summaries_tx, ciks)


def refresh_all_counts(driver: Driver, *, database: str = "neo4j", rows: int = 500) -> None:
    """Count every current filing and recompute every entity's counts from scratch."""
    with driver.session(database=database) as session:
        session.run(COUNT_CURRENT_FILINGS).consume()
    each_entity_chunk(driver, REFRESH_ALL_COUNTS, database=database, size=rows)


def refresh_all_summaries(driver: Driver, *, database: str = "neo4j", rows: int = 500) -> None:
    """Recompute every summary (after a bulk import), ``rows`` entities per transaction, and
    the top pairs."""
    each_entity_chunk(driver, REFRESH_ALL_TRADES_IN, database=database, size=rows)
    refresh_all_counts(driver, database=database, rows=rows)
    refresh_all_clusters(driver, database=database)
    refresh_pairs(driver, database=database)
    with driver.session(database=database) as session:
        session.run(CLEAR_STALE, rows=rows).consume()  # every entity is current now
