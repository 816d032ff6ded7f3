"""Whether the graph keeps today's read model (graph/load/summaries.py).

A graph written by an earlier ownergraph lacks some summaries until the next ingest upgrades it
(graph/load/upgrade.py); until then the pages read such figures from the rows.
"""

from __future__ import annotations

from graph.db import Graph

__all__ = ["MODEL_VERSION_QUERY", "SUMMARY_VERSION", "summarised"]

# The model version that keeps the TRADES summaries and the per-entity buy and sell totals.
SUMMARY_VERSION = 2
MODEL_VERSION_QUERY = "OPTIONAL MATCH (m:Model) RETURN m.version AS version"


def summarised(graph: Graph) -> bool:
    """True when the graph keeps the summaries of SUMMARY_VERSION."""
    rows = graph.read(MODEL_VERSION_QUERY)
    version = rows[0].get("version") if rows else None
    return isinstance(version, int) and version >= SUMMARY_VERSION
