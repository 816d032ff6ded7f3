"""Bring a graph written by an earlier ownergraph up to today's model; ``ingest`` runs it first.

The graph's model version is kept on one ``:Model`` node (``MODEL_VERSION``); a graph
without one is older than version 1, unless it holds no filing yet (then it is new). Steps:

1. ``HOLDS`` keyed by ``nature_key`` (graph/load/keys.nature_key) instead of the raw ``nature``
   text: each old position gets its key, and positions whose texts differ only in case or
   punctuation ("By Trust" and "by trust") become one, the highest ranked (the latest report).
2. The read model's ``TRADES`` (owner → security), ``TRADES_IN.value`` and each entity's
   buy and sell totals: every summary is recomputed (graph/load/readmodel/summaries.py).
3. The default cluster-buy screen's clusters per issuer (graph/load/readmodel/clusters.py).
4. Running totals (graph/load/readmodel/totals.py): each filing's share of them, read off its
   rows (a row's value in cents rounded half up and capped as graph/cents.py does), then every
   entity's totals and last prices from scratch; the float totals ``buys_in`` … ``sells_by``
   go. A killed run's marks name their changed pairs (``stale_issuers``).
5. The whole graph's top pairs: issuers sharing insiders, co-filers
   (graph/load/readmodel/pairs.py).
6. The top pairs keep the names they were ranked by, so a run counts again only the pairs it
   touched: every pair is counted once more.

A current graph costs one lookup of the ``:Model`` node.
"""

from __future__ import annotations

from neo4j import Driver, NotificationMinimumSeverity

from graph.cents import ROW_CENTS
from graph.load.readmodel.chunks import each_entity_chunk, entity_chunks
from graph.load.readmodel.clusters import refresh_all_clusters
from graph.load.readmodel.pairs import refresh_pairs
from graph.load.readmodel.summaries import refresh_all_counts, refresh_all_summaries
from graph.load.removal import NATURE_KEY

__all__ = ["MODEL_VERSION", "READ_VERSION", "mark_current", "model_version", "upgrade_graph"]

MODEL_VERSION = 6
READ_VERSION = """
OPTIONAL MATCH (m:Model {name: 'ownergraph'})
RETURN m.version AS version, EXISTS { (:Filing) } AS filings
"""
SET_VERSION = "MERGE (m:Model {name: 'ownergraph'}) SET m.version = $version"

HOLDS_WITHOUT_KEY = "RETURN EXISTS { ()-[r:HOLDS]->() WHERE r.nature_key IS NULL } AS any"
KEY_HOLDS = (
    """
MATCH ()-[r:HOLDS]->() WHERE r.nature_key IS NULL
WITH null AS o, null AS s, null AS p, r,"""
    + NATURE_KEY
    + """CALL (r, nature_key) { SET r.nature_key = nature_key } IN TRANSACTIONS OF 10000 ROWS
"""
)
# Positions that now share a key: the highest rank stays, as MERGE_POSITIONS would keep it.
MERGE_SAME_KEY = """
MATCH (o:Entity)-[r:HOLDS]->(s:Security)
WITH o, s, r.direct_indirect AS direct_indirect, r.nature_key AS nature_key, r
ORDER BY r.rank DESC
WITH o, s, direct_indirect, nature_key, collect(r) AS positions WHERE size(positions) > 1
UNWIND tail(positions) AS older
CALL (older) { DELETE older } IN TRANSACTIONS OF 10000 ROWS
"""


# Each filer's rows, per filing: a joint filing's share is read once per filer, the same each time.
FILING_TOTALS = entity_chunks(
    """
  MATCH (e)-[r:TRANSACTED]->(:Security)
  WITH r.accession AS accession, r.code AS code,"""
    + ROW_CENTS
    + """ AS row_cents
  WITH accession, count(*) AS rows,
       sum(CASE WHEN code = 'P' THEN row_cents ELSE 0 END) AS buys,
       sum(CASE WHEN code = 'S' THEN row_cents ELSE 0 END) AS sells
  MATCH (f:Filing {accession: accession})
  SET f.trade_rows = rows, f.buy_cents = buys, f.sell_cents = sells
"""
)
NO_TRADES = """
MATCH (f:Filing) WHERE f.trade_rows IS NULL
CALL (f) { SET f.trade_rows = 0, f.buy_cents = 0, f.sell_cents = 0 } IN TRANSACTIONS OF 10000 ROWS
"""
# Marks of a run killed before model 4: a pair was stale when both its ends were marked.
LIST_STALE_PAIRS = """
MATCH (o:StaleSummary) WHERE o.stale_issuers IS NULL
SET o.stale_issuers = COLLECT { MATCH (o)-[:INSIDER_OF|TRADES_IN]->(i:StaleSummary)
                                RETURN DISTINCT i.cik }
"""
# Model 5's mark of a run killed before its top pairs' count (model 6 marks entities instead).
PAIRS_STALE = "MATCH (m:Model {name: 'ownergraph'}) REMOVE m.pairs_stale"
FLOAT_TOTALS = """
MATCH (e:Entity) WHERE e.buys_in IS NOT NULL OR e.buys_by IS NOT NULL
CALL (e) { REMOVE e.buys_in, e.sells_in, e.buys_by, e.sells_by } IN TRANSACTIONS OF 10000 ROWS
"""


def model_version(driver: Driver, *, database: str = "neo4j") -> int | None:
    """The graph's model version: 0 for a graph older than the marker, None for a new graph."""
    quiet = NotificationMinimumSeverity.OFF  # no warning that :Model is unknown on a new graph
    with driver.session(database=database, notifications_min_severity=quiet) as session:
        record = session.run(READ_VERSION).single(strict=True)
    if record["version"] is not None:
        return int(record["version"])
    return 0 if record["filings"] else None


def mark_current(driver: Driver, *, database: str = "neo4j") -> None:
    """Record that the graph follows today's model (a bulk load writes it so)."""
    driver.execute_query(SET_VERSION, version=MODEL_VERSION, database_=database)


def upgrade_graph(driver: Driver, *, database: str = "neo4j") -> None:
    """Apply every step the graph still needs (see above), then mark it current."""
    version = model_version(driver, database=database)
    if version == MODEL_VERSION:
        return
    if version is not None and version < 1:
        _key_positions(driver, database)
    if version is not None and version < 4:
        _filing_totals(driver, database)
    if version is not None and version < 2:
        refresh_all_summaries(driver, database=database)  # clusters and counts included
    elif version is not None and version < 4:
        refresh_all_counts(driver, database=database)
        if version < 3:
            refresh_all_clusters(driver, database=database)
    if version is not None and 2 <= version < 6:
        refresh_pairs(driver, database=database)
        quiet = NotificationMinimumSeverity.OFF  # no warning where pairs_stale was never set
        with driver.session(database=database, notifications_min_severity=quiet) as session:
            session.run(PAIRS_STALE).consume()
    mark_current(driver, database=database)


def _filing_totals(driver: Driver, database: str) -> None:
    with driver.session(database=database) as session:
        each_entity_chunk(driver, FILING_TOTALS, database=database, size=200)
        session.run(NO_TRADES).consume()
        session.run(LIST_STALE_PAIRS).consume()
        session.run(FLOAT_TOTALS).consume()


def _key_positions(driver: Driver, database: str) -> None:
    # Quiet: on a current graph the server would warn that nature_key is unknown.
    quiet = NotificationMinimumSeverity.OFF
    with driver.session(database=database, notifications_min_severity=quiet) as session:
        if not session.run(HOLDS_WITHOUT_KEY).single(strict=True)["any"]:
            return
        session.run(KEY_HOLDS).consume()
        session.run(MERGE_SAME_KEY).consume()
