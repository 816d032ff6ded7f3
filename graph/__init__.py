"""Records ↔ Neo4j, and nothing of the UI (never imports streamlit).

- db.py: where Neo4j is (``Settings``, ``resolve_settings``, ``connect``) and the one read
  handle ``Graph(driver, database).read(query, **params)`` returning typed ``Row``s.
- schema.py: constraints and indexes; values.py: driver values → plain values.
- load/: the write path (batch rows, fold, write, the ingest job).
- read/: every named read query of the explorer and the command line, and the read-only
  console for user Cypher. load/ and read/ never import each other.
"""

from graph.db import Graph, Settings, connect, resolve_settings

__all__ = ["Graph", "Settings", "connect", "resolve_settings"]
