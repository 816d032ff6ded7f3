"""Bring a graph written by an earlier ownergraph up to today's model; ``ingest`` runs it first.

- ``HOLDS`` keyed by ``nature_key`` (graph/load/keys.nature_key) instead of the raw ``nature``
  text: each old position gets its key, and positions whose texts differ only in case or
  punctuation ("By Trust" and "by trust") become one, the highest ranked (the latest report).

Each step looks for old data first and does nothing on a current graph (the look is a scan of
the HOLDS relationships: about a second per million).
"""

from __future__ import annotations

from neo4j import Driver, NotificationMinimumSeverity

from graph.load.removal import NATURE_KEY

__all__ = ["upgrade_graph"]

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


def upgrade_graph(driver: Driver, *, database: str = "neo4j") -> None:
    """Apply every step the graph still needs (see above)."""
    # Quiet: on a new or current graph the server would warn that HOLDS or nature_key is unknown.
    quiet = NotificationMinimumSeverity.OFF
    with driver.session(database=database, notifications_min_severity=quiet) as session:
        if not session.run(HOLDS_WITHOUT_KEY).single(strict=True)["any"]:
            return
        session.run(KEY_HOLDS).consume()
        session.run(MERGE_SAME_KEY).consume()
