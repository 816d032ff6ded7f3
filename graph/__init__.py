"""The graph side: the local Neo4j (server.py, jvm.py), connection.py, schema.py, rows.py,
fold.py and load.py (writes), pipeline.py (the ingest job), cypher.py and the query modules
(reads), layout.py (networkx), cli.py (the `ownergraph` command). Never imports streamlit.
"""

__all__: list[str] = []
