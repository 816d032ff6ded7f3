"""Connections between entities: shortest paths, interlocks, co-filers, owner-issuers.

Records are plain and picklable for the app's cache.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import LiteralString

from graph.db import Graph
from graph.read.model import PAIRS_VERSION, TOP_PAIRS, summarised

__all__ = [
    "CO_FILERS",
    "CO_FILERS_KEPT",
    "CO_FILERS_OF",
    "INTERLOCK_ISSUERS",
    "INTERLOCK_ISSUERS_KEPT",
    "INTERLOCK_ISSUERS_OF",
    "INTERLOCK_PEOPLE",
    "INTERLOCK_PEOPLE_FROM_ROWS",
    "INTERLOCK_PEOPLE_OF",
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

# Every reporting owner of a filing is an insider of its issuer (INSIDER_OF), so any link
# between two entities through filings, trades or holdings is also a path of roles, no longer:
# the search walks roles alone, not the hubs' tens of thousands of filings and trades.
SHORTEST_PATHS = """
MATCH (a:Entity {cik: $a}), (b:Entity {cik: $b})
WHERE a <> b
MATCH p = allShortestPaths((a)-[:INSIDER_OF*..8]-(b))
WITH p LIMIT $limit
RETURN [n IN nodes(p) | {id: coalesce(n.cik, n.id, n.accession),
        name: coalesce(n.name, n.title, n.form + ' ' + n.accession), labels: labels(n)}] AS nodes,
       [r IN relationships(p) | {type: type(r),
        start: coalesce(startNode(r).cik, startNode(r).id, startNode(r).accession),
        roles: [k IN ['officer', 'director', 'ten_percent_owner', 'other'] WHERE r[k] = true]}]
         AS rels
"""

# People only: a fund or bank that is an insider of several issuers is no board interlock.
# Over the whole graph the people come from the read model's counts (``issuers``), the most
# first; about one entity, from its own role (a person) and its insiders (an issuer).
_INTERLOCK_PEOPLE_MATCH = """
MATCH (o:Entity:Person) WHERE o.issuers >= 2
WITH o ORDER BY o.issuers DESC, o.name LIMIT $limit"""
_INTERLOCK_PEOPLE_OF_MATCH = """
MATCH (e:Entity {cik: $cik})
CALL (e) {
  WITH e AS o WHERE o:Person RETURN o
  UNION
  MATCH (e)<-[:INSIDER_OF]-(o:Entity:Person) RETURN o
}"""
_INTERLOCK_PEOPLE_FROM_ROWS_MATCH = """
MATCH (o:Entity:Person)"""  # a graph without the counts (before model 2): every person
_PEOPLE = """
MATCH (o)-[:INSIDER_OF]->(i:Entity)
WITH o, collect(DISTINCT i) AS issuers
WHERE size(issuers) >= 2
RETURN o.cik AS cik, o.name AS name, size(issuers) AS count,
       [x IN issuers | x.cik] AS ciks, [x IN issuers | x.name] AS names
ORDER BY count DESC, name
LIMIT $limit
"""
INTERLOCK_PEOPLE = _INTERLOCK_PEOPLE_MATCH + _PEOPLE
INTERLOCK_PEOPLE_OF = _INTERLOCK_PEOPLE_OF_MATCH + _PEOPLE
INTERLOCK_PEOPLE_FROM_ROWS = _INTERLOCK_PEOPLE_FROM_ROWS_MATCH + _PEOPLE

# Pairs of issuers sharing insiders: every pair, or the entity's (it comes first).
_INTERLOCK_ISSUERS_MATCH = """
MATCH (a:Entity)<-[:INSIDER_OF]-(o:Entity)-[:INSIDER_OF]->(b:Entity)
WHERE a.cik < b.cik"""
_INTERLOCK_ISSUERS_OF_MATCH = """
MATCH (a:Entity {cik: $cik})<-[:INSIDER_OF]-(o:Entity)-[:INSIDER_OF]->(b:Entity)
WHERE b <> a"""
_SHARED = """
WITH a, b, collect(DISTINCT o) AS shared
WITH a, b, shared ORDER BY size(shared) DESC, a.name, b.name LIMIT $limit
CALL (shared) {  // the shared insiders by name, the same in every plan
  UNWIND shared AS x WITH x ORDER BY x.name, x.cik RETURN collect(x) AS insiders
}
RETURN a.cik AS a_cik, a.name AS a_name, b.cik AS b_cik, b.name AS b_name,
       size(insiders) AS count, [x IN insiders | x.cik] AS ciks, [x IN insiders | x.name] AS names
ORDER BY count DESC, a_name, b_name
"""
INTERLOCK_ISSUERS = _INTERLOCK_ISSUERS_MATCH + _SHARED
# The read model keeps the top pairs and their shared insiders (graph/load/readmodel/pairs.py).
INTERLOCK_ISSUERS_KEPT = """
MATCH (a:Entity)-[k:SHARES_INSIDERS]->(b:Entity)
WITH a, b, k ORDER BY k.count DESC, a.name, b.name LIMIT $limit
CALL (k) {
  UNWIND k.insiders AS cik MATCH (x:Entity {cik: cik})
  WITH x ORDER BY x.name, x.cik RETURN collect(x) AS insiders
}
RETURN a.cik AS a_cik, a.name AS a_name, b.cik AS b_cik, b.name AS b_name,
       size(insiders) AS count, [x IN insiders | x.cik] AS ciks, [x IN insiders | x.name] AS names
ORDER BY count DESC, a_name, b_name
"""
INTERLOCK_ISSUERS_OF = _INTERLOCK_ISSUERS_OF_MATCH + _SHARED

# Owners that reported together: the entity's pairs (it comes first).
_CO_FILERS_OF_MATCH = """
MATCH (a:Entity {cik: $cik})-[:FILED]->(f:Filing)<-[:FILED]-(b:Entity)
WHERE b <> a"""
_JOINT = """
WITH a, b, collect(DISTINCT f) AS filings
RETURN a.cik AS a_cik, a.name AS a_name, b.cik AS b_cik, b.name AS b_name,
       size(filings) AS count, [f IN filings | f.accession][..10] AS ciks,
       [f IN filings | f.form + ' ' + coalesce(toString(f.period), '')][..10] AS names
ORDER BY count DESC, a_name, b_name
LIMIT $limit
"""
# Over the whole graph, the read model's top pairs, or on a graph without them pairs counted
# from the joint filings' owner lists (filing_joint index; 4 % of filings), not by walking
# every filing's FILED edges: first the count the $limit-th pair reaches, then the pairs
# reaching it; for the pairs kept their latest ten joint filings, from the end with fewer.
CO_FILERS = """
CALL () {
  MATCH (f:Filing) WHERE f.joint = true
  UNWIND f.owner_ciks AS a UNWIND f.owner_ciks AS b
  WITH a, b WHERE a < b
  WITH a, b, count(*) AS n ORDER BY n DESC LIMIT $limit
  RETURN min(n) AS least
}
MATCH (f:Filing) WHERE f.joint = true
UNWIND f.owner_ciks AS a_cik UNWIND f.owner_ciks AS b_cik
WITH least, a_cik, b_cik WHERE a_cik < b_cik
WITH least, a_cik, b_cik, count(*) AS count WHERE count >= least
MATCH (a:Entity {cik: a_cik}), (b:Entity {cik: b_cik})
WITH a, b, count ORDER BY count DESC, a.name, b.name LIMIT $limit
CALL (a, b) {
  WITH CASE WHEN COUNT { (a)-[:FILED]->() } <= COUNT { (b)-[:FILED]->() }
            THEN [a, b] ELSE [b, a] END AS ends
  WITH ends[0] AS one, ends[1].cik AS other
  MATCH (one)-[:FILED]->(f:Filing) WHERE f.joint = true AND other IN f.owner_ciks
  WITH f ORDER BY f.filed DESC, f.accession DESC
  RETURN collect(f)[..10] AS filings
}
RETURN a.cik AS a_cik, a.name AS a_name, b.cik AS b_cik, b.name AS b_name, count,
       [f IN filings | f.accession] AS ciks,
       [f IN filings | f.form + ' ' + coalesce(toString(f.period), '')] AS names
ORDER BY count DESC, a_name, b_name
"""
CO_FILERS_KEPT = """
MATCH (a:Entity)-[k:FILES_WITH]->(b:Entity)
WITH a, b, k ORDER BY k.count DESC, a.name, b.name LIMIT $limit
RETURN a.cik AS a_cik, a.name AS a_name, b.cik AS b_cik, b.name AS b_name, k.count AS count,
       k.accessions AS ciks, k.labels AS names
ORDER BY count DESC, a_name, b_name
"""  # the read model's top pairs, with their latest joint filings
CO_FILERS_OF = _CO_FILERS_OF_MATCH + _JOINT

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
    """People who are insiders of two or more issuers (a_* is the person, ciks the issuers):
    those the most, or those of the entity ``cik``."""
    if cik:
        return _links(graph, INTERLOCK_PEOPLE_OF, cik, limit)
    people = INTERLOCK_PEOPLE if summarised(graph) else INTERLOCK_PEOPLE_FROM_ROWS
    return _links(graph, people, cik, limit)


def interlocked_issuers(graph: Graph, cik: str | None = None, limit: int = 200) -> tuple[Link, ...]:
    """Pairs of issuers that share insiders (ciks/names are the shared insiders); with ``cik``
    the entity's pairs, the entity first."""
    if cik:
        return _links(graph, INTERLOCK_ISSUERS_OF, cik, limit)
    return _links(
        graph, _whole(graph, INTERLOCK_ISSUERS_KEPT, INTERLOCK_ISSUERS, limit), cik, limit
    )


def co_filers(graph: Graph, cik: str | None = None, limit: int = 200) -> tuple[Link, ...]:
    """Pairs of owners that reported together in joint filings (ciks are accessions: over the
    whole graph their latest ten); with ``cik`` the entity's co-filers, the entity first."""
    if cik:
        return _links(graph, CO_FILERS_OF, cik, limit)
    return _links(graph, _whole(graph, CO_FILERS_KEPT, CO_FILERS, limit), cik, limit)


def _whole(graph: Graph, kept: LiteralString, counted: LiteralString, limit: int) -> LiteralString:
    """The read model's top pairs when the graph keeps enough of them, else every pair."""
    return kept if limit <= TOP_PAIRS and summarised(graph, PAIRS_VERSION) else counted


def owner_issuers(graph: Graph, cik: str | None = None, limit: int = 200) -> tuple[Link, ...]:
    """Entities that are both owners and issuers: count = its insiders, ciks = its holdings."""
    return _links(graph, OWNER_ISSUERS, cik, limit)
