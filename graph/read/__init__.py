"""Named read queries: what the explorer and the command line read back from the graph.

Each module owns its Cypher constants and returns frozen, picklable records, all through
``graph.db.Graph.read``: search (entities), overview (landing page), entity (profile and
roles), positions (who holds what), trades (transactions), neighbourhood (the drawable graph),
links (paths, interlocks, co-filers), screens, filters (the shared trade filter), and console
(read-only user Cypher).
"""
