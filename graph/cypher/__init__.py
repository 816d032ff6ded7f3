"""Read-only user Cypher, for the app's console and ``ownergraph query``.

guard.py runs a statement behind three guards (a faithful tokenization by lex.py that refuses
writes, LOAD CSV and admin commands; the server's plan type; a READ transaction); params.py
reads ``name=value`` parameters and checks the limits a person or a link asks for.
"""

from graph.cypher.guard import QueryResult, check_read_only_text, run_read_query
from graph.cypher.params import check_limits, finite, parse_param

__all__ = [
    "QueryResult",
    "check_limits",
    "check_read_only_text",
    "finite",
    "parse_param",
    "run_read_query",
]
