"""The connections tables about one entity start from that entity, and the people on several
boards over the whole graph come from the read model's counts; either way they list what the
whole graph's roles and filings say, for every entity of tests/data/app/ in the real test
Neo4j. Shortest paths walk roles only, and are as short as paths through anything else."""

from __future__ import annotations

import neo4j
import pytest

from graph.db import Graph, Settings
from graph.read.links import (
    CO_FILERS,
    CO_FILERS_OF,
    INTERLOCK_ISSUERS,
    INTERLOCK_ISSUERS_OF,
    INTERLOCK_PEOPLE,
    INTERLOCK_PEOPLE_FROM_ROWS,
    INTERLOCK_PEOPLE_OF,
    shortest_paths,
)
from graph.values import Row

EVERY = {"cik": None, "limit": 100_000}
# Co-filers the plain way, every filing's FILED edges walked: what CO_FILERS must list.
CO_FILERS_BY_WALKING = """
MATCH (a:Entity)-[:FILED]->(f:Filing)<-[:FILED]-(b:Entity)
WHERE a.cik < b.cik
WITH a, b, collect(DISTINCT f) AS filings
RETURN a.cik AS a_cik, a.name AS a_name, b.cik AS b_cik, b.name AS b_name,
       size(filings) AS count, [f IN filings | f.accession] AS ciks
ORDER BY count DESC, a_name, b_name
"""
ANY_PATH = """
MATCH (a:Entity {cik: $a}), (b:Entity {cik: $b})
MATCH p = shortestPath((a)-[:INSIDER_OF|FILED|ABOUT|TRANSACTED|HOLDS|ISSUED_BY*..8]-(b))
RETURN length(p) AS hops
"""


@pytest.fixture
def graph(app_graph: neo4j.Driver, neo4j_server: Settings) -> Graph:
    return Graph(app_graph, neo4j_server.database)


def _ciks(graph: Graph) -> list[str]:
    return [str(r["cik"]) for r in graph.read("MATCH (e:Entity) RETURN e.cik AS cik ORDER BY cik")]


def _pair(row: Row, cik: str) -> tuple[str, str, int, frozenset[str]]:
    """A pair row as (the entity, the other, count, what links them)."""
    a, b = str(row["a_cik"]), str(row["b_cik"])
    return (cik, b if a == cik else a, row.integer("count"), frozenset(row.strings("ciks")))


def test_the_most_connected_people_come_from_the_counts(graph: Graph) -> None:
    from_counts = graph.read(INTERLOCK_PEOPLE, cik=None, limit=200)
    assert from_counts  # the app data has people on several boards
    assert from_counts == graph.read(INTERLOCK_PEOPLE_FROM_ROWS, cik=None, limit=200)


def test_the_whole_graphs_co_filers_come_from_the_joint_filings(graph: Graph) -> None:
    walked = graph.read(CO_FILERS_BY_WALKING)
    assert len(walked) >= 3  # the app data's joint filings: Thiel's funds, PDEX's owners
    for limit in (1, 2, len(walked), 200):
        found = graph.read(CO_FILERS, cik=None, limit=limit)
        assert [(r["a_cik"], r["b_cik"], r["count"]) for r in found] == [
            (r["a_cik"], r["b_cik"], r["count"]) for r in walked[:limit]
        ]
        for row, expected in zip(found, walked, strict=False):  # up to ten of the pair's filings
            assert set(row.strings("ciks")) <= set(expected.strings("ciks"))
            assert len(row.strings("ciks")) == min(row.integer("count"), 10)


def test_an_entitys_tables_are_its_rows_of_the_whole_graphs(graph: Graph) -> None:
    people = graph.read(INTERLOCK_PEOPLE_FROM_ROWS, **EVERY)
    issuers = graph.read(INTERLOCK_ISSUERS, **EVERY)
    co_filers = graph.read(CO_FILERS, **EVERY)
    assert people and issuers and co_filers
    for cik in _ciks(graph):
        mine = [r for r in people if r["cik"] == cik or cik in r.strings("ciks")]
        assert graph.read(INTERLOCK_PEOPLE_OF, cik=cik, limit=100_000) == mine
        for whole, scoped in ((issuers, INTERLOCK_ISSUERS_OF), (co_filers, CO_FILERS_OF)):
            expected = {_pair(r, cik) for r in whole if cik in (r["a_cik"], r["b_cik"])}
            found = graph.read(scoped, cik=cik, limit=100_000)
            assert all(r["a_cik"] == cik for r in found)  # the entity first
            assert {_pair(r, cik) for r in found} == expected


def test_a_path_of_roles_is_as_short_as_any(graph: Graph) -> None:
    ciks = _ciks(graph)
    for a, b in zip(ciks, ciks[7:] + ciks[:7], strict=True):
        shortest = graph.read(ANY_PATH, a=a, b=b)
        found = shortest_paths(graph, a, b)
        assert bool(found) == bool(shortest)
        if found:
            assert {len(p) - 1 for p in found} == {shortest[0].integer("hops")}
            assert all(s.via in ("INSIDER_OF", None) for p in found for s in p)
