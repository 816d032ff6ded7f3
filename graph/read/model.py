"""Whether the graph keeps today's read model (graph/load/readmodel/summaries.py).

A graph written by an earlier ownergraph lacks some summaries until the next ingest upgrades it
(graph/load/upgrade.py); until then the pages read such figures from the rows.
"""

from __future__ import annotations

from graph.db import Graph

__all__ = [
    "CLUSTER_VERSION",
    "MODEL_VERSION_QUERY",
    "PAIRS_VERSION",
    "SUMMARY_VERSION",
    "TOP_PAIRS",
    "TOTALS_VERSION",
    "summarised",
]

# The model version that keeps the TRADES summaries and the per-entity row counts, the one that
# keeps the default cluster-buy screen, and the one that keeps buys and sales in whole cents.
SUMMARY_VERSION = 2
CLUSTER_VERSION = 3
TOTALS_VERSION = 4
PAIRS_VERSION = 5  # keeps the whole graph's top pairs (graph/load/readmodel/pairs.py)
TOP_PAIRS = 1000  # pairs it keeps per table (a page shows up to 200); a new number needs a
# new model version, as a run merges its pairs with those kept before (graph/load/readmodel)
MODEL_VERSION_QUERY = "OPTIONAL MATCH (m:Model {name: 'ownergraph'}) RETURN m.version AS version"


def summarised(graph: Graph, version: int = SUMMARY_VERSION) -> bool:
    """True when the graph keeps the summaries of model ``version``.

    A version once seen is remembered for the connection: loads only ever raise it, and a
    cleared graph read through its summaries is as empty as through its rows."""
    kept = graph.memo.get("model_version")
    if not (isinstance(kept, int) and kept >= version):
        rows = graph.read(MODEL_VERSION_QUERY)
        kept = rows[0].get("version") if rows else None
        if isinstance(kept, int):
            graph.memo["model_version"] = kept
    return isinstance(kept, int) and kept >= version
