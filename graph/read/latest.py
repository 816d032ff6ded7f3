"""The latest filing date in the graph: where ``ownergraph update`` starts fetching from."""

from __future__ import annotations

from datetime import date

from neo4j import Driver, RoutingControl

__all__ = ["LATEST_FILED", "latest_filed"]

# Served by the filing_filed range index (graph/schema.py) rather than a scan of every filing.
LATEST_FILED = """
MATCH (f:Filing) WHERE f.filed IS NOT NULL
RETURN f.filed AS filed ORDER BY f.filed DESC LIMIT 1
"""


def latest_filed(driver: Driver, *, database: str = "neo4j") -> date | None:
    """The most recent ``Filing.filed`` date, or None when no filing has one."""
    records, _, _ = driver.execute_query(
        LATEST_FILED, database_=database, routing_=RoutingControl.READ
    )
    if not records:
        return None
    return records[0]["filed"].to_native()
