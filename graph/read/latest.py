"""The latest filing date in the graph: where ``ownergraph update`` starts fetching from."""

from __future__ import annotations

from datetime import date

from graph.db import Graph

__all__ = ["LATEST_FILED", "latest_filed"]

# Served by the filing_filed range index (graph/schema.py) rather than a scan of every filing.
LATEST_FILED = """
MATCH (f:Filing) WHERE f.filed IS NOT NULL
RETURN f.filed AS filed ORDER BY f.filed DESC LIMIT 1
"""


def latest_filed(graph: Graph) -> date | None:
    """The most recent ``Filing.filed`` date, or None when no filing has one."""
    rows = graph.read(LATEST_FILED)
    return rows[0].date("filed") if rows else None
