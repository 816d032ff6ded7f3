"""The bulk initial load: filings → CSV files → ``neo4j-admin database import full``.

run.py orchestrates (``bulk_ingest``); parse.py parses on every core; prepare.py decides what
the online path would write, with state.py (merged nodes and edges) and csv.py (columns.py).
"""

from graph.load.bulk.run import bulk_ingest

__all__ = ["bulk_ingest"]
