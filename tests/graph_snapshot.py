"""Test helper: the whole graph as a sorted, comparable value (labels, keys, properties)."""

from __future__ import annotations

from neo4j import Driver

NODES = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
"""

RELATIONSHIPS = """
MATCH (a)-[r]->(b)
RETURN type(r) AS type, coalesce(a.cik, a.id, a.accession) AS start,
       coalesce(b.cik, b.id, b.accession) AS end, properties(r) AS props
"""


def _freeze(value: object) -> object:
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return str(value)


# One node ("node", labels, properties) or relationship ("rel", type, start, end, properties).
SnapshotItem = tuple[object, ...]


def snapshot(driver: Driver) -> list[SnapshotItem]:
    """Every node and relationship with its properties, in a stable order."""
    nodes, _, _ = driver.execute_query(NODES, database_="neo4j")
    rels, _, _ = driver.execute_query(RELATIONSHIPS, database_="neo4j")
    frozen: list[SnapshotItem] = [
        ("node", tuple(sorted(r["labels"])), _freeze(r["props"])) for r in nodes
    ]
    frozen += [("rel", r["type"], r["start"], r["end"], _freeze(r["props"])) for r in rels]
    return sorted(frozen, key=repr)


LABEL_COUNTS = """
MATCH (n) UNWIND labels(n) AS label
RETURN label AS key, count(*) AS n
"""
TYPE_COUNTS = """
MATCH ()-[r]->()
RETURN type(r) AS key, count(*) AS n
"""


def counts(driver: Driver) -> dict[str, int]:
    """Nodes per label and relationships per type (``:Label`` / ``-TYPE-`` keys)."""
    labels, _, _ = driver.execute_query(LABEL_COUNTS, database_="neo4j")
    types, _, _ = driver.execute_query(TYPE_COUNTS, database_="neo4j")
    return {f":{r['key']}": r["n"] for r in labels} | {f"-{r['key']}-": r["n"] for r in types}


def count(driver: Driver, cypher: str, **params: object) -> int:
    """The single number a counting query returns."""
    records, _, _ = driver.execute_query(cypher, params, database_="neo4j")
    return int(records[0][0])
