"""The read model: summaries derived from the row edges, so pages read aggregates, not edges.

- ``(o)-[:TRADES_IN {trades, bought_shares, sold_shares, bought_value, sold_value, first, last,
  shares_after, accession}]->(i)``: one edge per owner and issuer with trades (``accession``:
  the filing of its latest trade, as every relationship carries one). ``trades`` counts table
  rows; bought/sold are open-market purchases ``P`` and sales ``S`` of non-derivative
  securities; ``value`` sums every row's value (shares times price where both are known);
  ``shares_after`` is the latest non-derivative holding reported after a trade.
- ``(o)-[:TRADES {codes, counts, shares, values, joint_value, first, last, accession}]->(s)``:
  one edge per owner and security, its rows totalled per transaction code (parallel lists,
  ``''`` for a row without a code), so the entity view draws a hub from summaries, not rows.
- per entity: ``trade_rows_in`` (distinct transaction rows in its securities, joint rows once),
  ``trade_rows_by`` (distinct rows it reported as an owner), ``insiders`` and ``issuers``
  (INSIDER_OF in and out); per security of an issuer: ``last_price`` and ``last_price_date``
  (the latest priced trade), so a position's value needs no scan of the trades.
- the default cluster-buy screen's clusters per issuer (graph/load/clusters.py).

Rows of a superseded filing (``r.superseded``) are left out. Everything is recomputed from the
edges, so a refresh is idempotent and never depends on the load order. The online path marks
the entities a batch touched ``:StaleSummary`` inside the batch's transaction (write.py) and
refreshes the marked ones once, at the end of the run (``refresh_stale``): a hub touched by
every batch is recomputed once per run, not once per batch, and a run killed before its end
leaves the marks for the next run to clear. A bulk import calls ``refresh_all_summaries``.
"""

from __future__ import annotations

from neo4j import Driver, ManagedTransaction

from graph.load.clusters import refresh_all_clusters, refresh_clusters_tx

__all__ = [
    "MARK_STALE",
    "REFRESH_ALL_COUNTS",
    "REFRESH_ALL_TRADES_IN",
    "REFRESH_COUNTS",
    "REFRESH_TRADES_IN",
    "mark_stale_tx",
    "refresh_all_summaries",
    "refresh_stale",
    "refresh_summaries",
    "refresh_summaries_tx",
]

# One owner-issuer pair (o, i), recomputed from its TRANSACTED edges.
_PAIR = """
CALL (o, i) {
  OPTIONAL MATCH (o)-[r:TRANSACTED]->(:Security)-[:ISSUED_BY]->(i)
  WHERE r.superseded IS NULL
  WITH r ORDER BY r.date, r.row
  WITH collect(r) AS rs
  WITH rs, [r IN rs WHERE NOT r.derivative AND r.code = 'P'] AS buys,
       [r IN rs WHERE NOT r.derivative AND r.code = 'S'] AS sells,
       [r IN rs WHERE NOT r.derivative AND r.shares_after IS NOT NULL] AS after
  RETURN size(rs) AS trades,
         reduce(t = 0.0, r IN buys | t + coalesce(r.shares, 0)) AS bought_shares,
         reduce(t = 0.0, r IN sells | t + coalesce(r.shares, 0)) AS sold_shares,
         reduce(t = 0.0, r IN buys | t + coalesce(r.value, 0)) AS bought_value,
         reduce(t = 0.0, r IN sells | t + coalesce(r.value, 0)) AS sold_value,
         reduce(t = 0.0, r IN rs | t + coalesce(r.value, 0)) AS value,
         head(rs).date AS first, last(rs).date AS last, last(rs).accession AS accession,
         last(after).shares_after AS shares_after
}
CALL (o, i) { OPTIONAL MATCH (o)-[old:TRADES_IN]->(i) DELETE old }
CALL (o, i) { OPTIONAL MATCH (o)-[old:TRADES]->(:Security)-[:ISSUED_BY]->(i) DELETE old }
CALL (o, i) {
  MATCH (o)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i)
  WHERE r.superseded IS NULL
  WITH s, coalesce(r.code, '') AS code, r ORDER BY r.date, r.row  // sums in one order
  WITH s, code, collect(r) AS rs
  WITH s, code, size(rs) AS n, reduce(t = 0.0, r IN rs | t + coalesce(r.shares, 0)) AS shares,
       reduce(t = 0.0, r IN rs | t + coalesce(r.value, 0)) AS value,
       reduce(t = 0.0, r IN [r IN rs WHERE r.joint] | t + coalesce(r.value, 0)) AS joint_value,
       head(rs).date AS first, last([r IN rs WHERE r.date IS NOT NULL]).date AS last,
       [last(rs).date, last(rs).accession] AS latest
  ORDER BY code
  WITH s, collect(code) AS codes, collect(n) AS counts, collect(shares) AS shares,
       collect(value) AS values, collect(joint_value) AS joint_values, min(first) AS first,
       max(last) AS last, max(latest) AS latest
  WITH s, codes, counts, shares, values, first, last, latest,
       reduce(t = 0.0, v IN joint_values | t + v) AS joint_value
  CREATE (o)-[t:TRADES]->(s)
  SET t.codes = codes, t.counts = counts, t.shares = shares, t.values = values,
      t.joint_value = joint_value, t.first = first, t.last = last, t.accession = latest[1]
}
WITH * WHERE trades > 0
CREATE (o)-[t:TRADES_IN]->(i)
SET t.trades = trades, t.bought_shares = bought_shares, t.sold_shares = sold_shares,
    t.bought_value = bought_value, t.sold_value = sold_value, t.value = value, t.first = first,
    t.last = last, t.shares_after = shares_after, t.accession = accession
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
WITH DISTINCT o, i
// With $all_pairs false (refresh_stale) a pair is recomputed only when its other end changed
// too (is in $ciks or still marked): a batch marks both ends of every pair it touches, so a
// hub touched by one new filing recomputes that filer's pair, not its hundreds of others.
WHERE $all_pairs OR ((o.cik IN $ciks OR o:StaleSummary) AND (i.cik IN $ciks OR i:StaleSummary))"""
    + _PAIR
)

# Distinct current rows of one side ``r`` of an entity (a joint row once), with the value of its
# open-market purchases and sales.
_SIDE_TOTALS = """
  WITH r.row AS row, head(collect(r)) AS r
  WITH r ORDER BY r.row  // sums in one order, whatever order the rows were stored in
  WITH collect(r) AS rs
  RETURN size(rs) AS rows,
         reduce(t = 0.0, r IN [r IN rs WHERE r.code = 'P'] | t + coalesce(r.value, 0)) AS buys,
         reduce(t = 0.0, r IN [r IN rs WHERE r.code = 'S'] | t + coalesce(r.value, 0)) AS sells
}
"""
_COUNTS = (
    """
CALL (e) {
  OPTIONAL MATCH (e)<-[:ISSUED_BY]-(:Security)<-[r:TRANSACTED]-()
  WHERE r.superseded IS NULL"""
    + _SIDE_TOTALS
    + """WITH e, rows AS rows_in, buys AS buys_in, sells AS sells_in
CALL (e) {
  OPTIONAL MATCH (e)-[r:TRANSACTED]->() WHERE r.superseded IS NULL"""
    + _SIDE_TOTALS
    + """WITH e, rows_in, buys_in, sells_in, rows AS rows_by, buys AS buys_by, sells AS sells_by
CALL (e) {
  MATCH (e)<-[:ISSUED_BY]-(s:Security)
  CALL (s) {
    OPTIONAL MATCH (s)<-[t:TRANSACTED]-(:Entity)
    WHERE t.price > 0 AND t.superseded IS NULL AND t.date IS NOT NULL
    RETURN t.price AS price, t.date AS price_date
    ORDER BY t.date DESC, t.accession DESC, t.seq DESC LIMIT 1
  }
  SET s.last_price = price, s.last_price_date = price_date
}
SET e.trade_rows_in = rows_in, e.trade_rows_by = rows_by, e.buys_in = buys_in,
    e.sells_in = sells_in, e.buys_by = buys_by, e.sells_by = sells_by,
    e.insiders = COUNT { (e)<-[:INSIDER_OF]-() }, e.issuers = COUNT { (e)-[:INSIDER_OF]->() }
"""
)

REFRESH_COUNTS = "UNWIND $ciks AS cik\nMATCH (e:Entity {cik: cik})" + _COUNTS

REFRESH_ALL_TRADES_IN = (
    "MATCH (o:Entity)\nCALL (o) {"
    + _ISSUERS_OF
    + "WITH DISTINCT o, i"
    + _PAIR
    + "} IN TRANSACTIONS OF $rows ROWS"
)

REFRESH_ALL_COUNTS = "MATCH (e:Entity)\nCALL (e) {" + _COUNTS + "} IN TRANSACTIONS OF $rows ROWS"

MARK_STALE = "UNWIND $ciks AS cik\nMATCH (e:Entity {cik: cik})\nSET e:StaleSummary"
# Unmarking first takes each entity's write lock, so a batch committing meanwhile either is
# seen by the refresh below or marks the entity again after it.
TAKE_STALE = """
MATCH (e:StaleSummary) WITH e LIMIT $limit
REMOVE e:StaleSummary
RETURN e.cik AS cik
"""
STALE_CHUNK = 100  # entities refreshed per transaction
CLEAR_STALE = """
MATCH (e:StaleSummary)
CALL (e) { REMOVE e:StaleSummary } IN TRANSACTIONS OF $rows ROWS
"""


def refresh_summaries_tx(
    tx: ManagedTransaction, ciks: list[str], *, all_pairs: bool = True
) -> None:
    """Recompute the summaries of the entities ``ciks`` (owners and issuers) in ``tx``: all
    their owner-issuer pairs, or only those whose other end changed too (see REFRESH_TRADES_IN)."""
    unique = sorted(set(ciks))
    if unique:
        tx.run(REFRESH_TRADES_IN, ciks=unique, all_pairs=all_pairs).consume()
        tx.run(REFRESH_COUNTS, ciks=unique).consume()
        refresh_clusters_tx(tx, unique)


def mark_stale_tx(tx: ManagedTransaction, ciks: list[str]) -> None:
    """Mark the entities ``ciks`` for ``refresh_stale`` (in the batch's transaction ``tx``)."""
    unique = sorted(set(ciks))
    if unique:
        tx.run(MARK_STALE, ciks=unique).consume()


def _refresh_some_stale(tx: ManagedTransaction, limit: int) -> int:
    ciks = [str(r["cik"]) for r in tx.run(TAKE_STALE, limit=limit)]
    refresh_summaries_tx(tx, ciks, all_pairs=False)
    return len(ciks)


def refresh_stale(driver: Driver, *, database: str = "neo4j", chunk: int = STALE_CHUNK) -> int:
    """Recompute the summaries of every ``:StaleSummary`` entity; returns how many."""
    done = 0
    with driver.session(database=database) as session:
        while count := session.execute_write(_refresh_some_stale, chunk):
            done += count
    return done


def refresh_summaries(driver: Driver, ciks: list[str], *, database: str = "neo4j") -> None:
    """Recompute the summaries of the entities ``ciks`` in one transaction."""
    with driver.session(database=database) as session:
        session.execute_write(refresh_summaries_tx, ciks)


def refresh_all_summaries(driver: Driver, *, database: str = "neo4j", rows: int = 500) -> None:
    """Recompute every summary (after a bulk import), ``rows`` entities per transaction."""
    with driver.session(database=database) as session:
        session.run(REFRESH_ALL_TRADES_IN, rows=rows).consume()
        session.run(REFRESH_ALL_COUNTS, rows=rows).consume()
    refresh_all_clusters(driver, database=database)
    with driver.session(database=database) as session:
        session.run(CLEAR_STALE, rows=rows).consume()  # every entity is current now
