"""Connections between entities: shortest paths, interlocks, co-filers, owner-issuers.

Records are plain and picklable for the app's cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.db import Graph

__all__ = [
    "CO_FILERS",
    "INTERLOCK_ISSUERS",
    "INTERLOCK_PEOPLE",
    "OWNER_ISSUERS",
    "SHORTEST_PATHS",
    "Link",
    "PathStep",
    "co_filers",
    "interlocked_issuers",
    "interlocked_people",
    "owner_issuers",
    "shortest_paths",
]

SHORTEST_PATHS = """
MATCH (a:Entity {cik: $a}), (b:Entity {cik: $b})
WHERE a <> b
MATCH p = allShortestPaths((a)-[:INSIDER_OF|FILED|ABOUT|TRANSACTED|HOLDS|ISSUED_BY*..8]-(b))
WITH p LIMIT $limit
RETURN [n IN nodes(p) | {id: coalesce(n.cik, n.id, n.accession),
        name: coalesce(n.name, n.title, n.form + ' ' + n.accession), labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {type: type(r),
        start: coalesce(startNode(r).cik, startNode(r).id, startNode(r).accession),
        roles: [k IN ['officer', 'director', 'ten_percent_owner', 'other'] WHERE r[k] = true]}]
         AS rels
"""

# People only: a fund or bank that is an insider of several issuers is no board interlock.
INTERLOCK_PEOPLE = """
MATCH (o:Entity:Person)-[:INSIDER_OF]->(i:Entity)
WITH o, collect(DISTINCT i) AS issuers
WHERE size(issuers) >= 2 AND ($cik IS NULL OR o.cik = $cik OR any(x IN issuers WHERE x.cik = $cik))
RETURN o.cik AS cik, o.name AS name, size(issuers) AS count,
       [x IN issuers | x.cik] AS ciks, [x IN issuers | x.name] AS names
ORDER BY count DESC, name
LIMIT $limit
"""

INTERLOCK_ISSUERS = """
MATCH (a:Entity)<-[:INSIDER_OF]-(o:Entity)-[:INSIDER_OF]->(b:Entity)
WHERE a.cik < b.cik AND ($cik IS NULL OR a.cik = $cik OR b.cik = $cik)
WITH a, b, collect(DISTINCT o) AS shared
RETURN a.cik AS a_cik, a.name AS a_name, b.cik AS b_cik, b.name AS b_name, size(shared) AS count,
       [x IN shared | x.cik] AS ciks, [x IN shared | x.name] AS names
ORDER BY count DESC, a_name, b_name
LIMIT $limit
"""

CO_FILERS = """
MATCH (a:Entity)-[:FILED]->(f:Filing)<-[:FILED]-(b:Entity)
WHERE a.cik < b.cik AND ($cik IS NULL OR a.cik = $cik OR b.cik = $cik)
WITH a, b, collect(DISTINCT f) AS filings
RETURN a.cik AS a_cik, a.name AS a_name, b.cik AS b_cik, b.name AS b_name,
       size(filings) AS count, [f IN filings | f.accession][..10] AS ciks,
       [f IN filings | f.form + ' ' + toString(f.period)][..10] AS names
ORDER BY count DESC, a_name, b_name
LIMIT $limit
"""

OWNER_ISSUERS = """
MATCH (e:Entity:Owner:Issuer)
WHERE $cik IS NULL OR e.cik = $cik
OPTIONAL MATCH (e)-[:INSIDER_OF]->(i:Entity)
WITH e, collect(DISTINCT i) AS issuers
OPTIONAL MATCH (o:Entity)-[:INSIDER_OF]->(e)
WITH e, issuers, count(DISTINCT o) AS insiders
RETURN e.cik AS a_cik, e.name AS a_name, insiders AS count,
       [x IN issuers | x.cik] AS ciks, [x IN issuers | x.name] AS names
ORDER BY count DESC, a_name
LIMIT $limit
"""


@dataclass(frozen=True, slots=True)
class PathStep:
    """One node of a path and the relationship type that leads to the next node."""

    id: str
    name: str
    labels: tuple[str, ...]
    via: str | None  # the relationship type to the next node (None at the end)
    forward: bool = True  # the relationship points from this node to the next
    roles: tuple[str, ...] = ()  # INSIDER_OF roles that hold


@dataclass(frozen=True, slots=True)
class Link:
    """A pair (or single entity) and what links them: CIKs/accessions and names."""

    a_cik: str
    a_name: str | None
    b_cik: str | None
    b_name: str | None
    count: int
    ciks: tuple[str, ...]
    names: tuple[str, ...]


def shortest_paths(
    graph: Graph, a: str, b: str, limit: int = 10
) -> tuple[tuple[PathStep, ...], ...]:
    """All shortest paths (up to ``limit``) between two CIKs, as steps; paths through the same
    nodes by the same kinds of relationship (parallel edges) count once."""
    rows = graph.read(SHORTEST_PATHS, a=a, b=b, limit=limit * 4)
    paths: dict[tuple[tuple[str, str | None, bool], ...], tuple[PathStep, ...]] = {}
    for row in rows:
        rels = row.rows("rels")
        steps = []
        for k, n in enumerate(row.rows("nodes")):
            rel = rels[k] if k < len(rels) else None
            steps.append(
                PathStep(
                    str(n["id"]),
                    str(n["name"]),
                    n.strings("labels"),
                    rel.string("type") if rel else None,
                    rel is None or rel.string("start") == str(n["id"]),
                    rel.strings("roles") if rel else (),
                )
            )
        key = tuple((s.id, s.via, s.forward) for s in steps)
        paths.setdefault(key, tuple(steps))
    return tuple(paths.values())[:limit]


def _links(graph: Graph, query: LiteralString, cik: str | None, limit: int) -> tuple[Link, ...]:
    rows = graph.read(query, cik=cik, limit=limit)
    return tuple(
        Link(
            r.string("a_cik") or str(r["cik"]),  # people interlocks name theirs cik/name
            r.string("a_name") or r.string("name"),
            r.string("b_cik"),
            r.string("b_name"),
            r.integer("count"),
            r.strings("ciks"),
            r.strings("names"),
        )
        for r in rows
    )


def interlocked_people(graph: Graph, cik: str | None = None, limit: int = 200) -> tuple[Link, ...]:
    """Owners who are insiders of two or more issuers (a_* is the person, ciks the issuers)."""
    return _links(graph, INTERLOCK_PEOPLE, cik, limit)


def interlocked_issuers(graph: Graph, cik: str | None = None, limit: int = 200) -> tuple[Link, ...]:
    """Pairs of issuers that share insiders (ciks/names are the shared insiders)."""
    return _links(graph, INTERLOCK_ISSUERS, cik, limit)


def co_filers(graph: Graph, cik: str | None = None, limit: int = 200) -> tuple[Link, ...]:
    """Pairs of owners that reported together in joint filings (ciks are accessions)."""
    return _links(graph, CO_FILERS, cik, limit)


def owner_issuers(graph: Graph, cik: str | None = None, limit: int = 200) -> tuple[Link, ...]:
    """Entities that are both owners and issuers: count = its insiders, ciks = its holdings."""
    return _links(graph, OWNER_ISSUERS, cik, limit)
