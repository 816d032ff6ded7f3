"""The whole graph's "issuers sharing insiders" and "co-filers" tables read the read model's top
pairs (graph/load/readmodel/pairs.py): they list what counting every pair lists, in the same
order, after every run that changes them. The graph is the real sample's 503 filings, loaded
by two runs."""

from __future__ import annotations

import tarfile
from pathlib import Path

import neo4j
import pytest

from graph.db import Graph, Settings
from graph.load.pipeline import ingest_paths
from graph.load.readmodel import stale
from graph.load.readmodel.pairs import refresh_pairs
from graph.load.upgrade import MODEL_VERSION, SET_VERSION
from graph.read.links import (
    CO_FILERS,
    CO_FILERS_KEPT,
    INTERLOCK_ISSUERS,
    INTERLOCK_ISSUERS_KEPT,
    Link,
    co_filers,
    interlocked_issuers,
)
from tests.conftest import empty_graph
from tests.paths import SAMPLE

TABLES = ((INTERLOCK_ISSUERS_KEPT, INTERLOCK_ISSUERS), (CO_FILERS_KEPT, CO_FILERS))
KEPT_IN_ORDER = """
MATCH (a:Entity)-[k:%s]->(b:Entity)
RETURN a.cik AS a_cik, b.cik AS b_cik, k.count AS count
ORDER BY count DESC, a.name, b.name
"""
EVERY_PAIR = """
MATCH ()-[k:SHARES_INSIDERS|FILES_WITH]->()
RETURN type(k) AS type, count(*) AS pairs
"""
FILINGS = "MATCH (f:Filing) RETURN count(f) AS filings"
SAMPLE_FILINGS = 503
VERSION = "MATCH (m:Model) RETURN m.version AS version"
MARKED = "MATCH (e:StalePairs) RETURN count(e) AS marked"
FORGET = "MATCH ()-[k:SHARES_INSIDERS|FILES_WITH]->() DELETE k"


def _same_as_counting(graph: Graph) -> None:
    """Each table from the kept pairs is the one from every pair: pairs, counts, order, and
    the shared insiders in order (co-filers: the latest ten joint filings)."""
    for kept, counted in TABLES:
        for limit in (1, 2, 5, 50, 200):
            every = graph.read(counted, cik=None, limit=limit)
            assert graph.read(kept, limit=limit) == every, (kept, limit)


@pytest.fixture(scope="module")
def halves(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The sample's filings in two folders: the first 250 members and the rest."""
    first, rest = tmp_path_factory.mktemp("first"), tmp_path_factory.mktemp("rest")
    with tarfile.open(SAMPLE) as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
        archive.extractall(first, members[:250], filter="data")
        archive.extractall(rest, members[250:], filter="data")
    return first, rest


@pytest.fixture
def graph(neo4j_driver: neo4j.Driver, neo4j_server: Settings) -> Graph:
    return Graph(neo4j_driver, neo4j_server.database)


@pytest.fixture
def sample_graph(graph: Graph, halves: tuple[Path, Path], neo4j_driver: neo4j.Driver) -> Graph:
    """The graph holding the sample (loaded again if another test changed it)."""
    if graph.read(FILINGS)[0]["filings"] != SAMPLE_FILINGS:
        empty_graph(neo4j_driver, graph.database)
        ingest_paths(neo4j_driver, list(halves), database=graph.database)
    return graph


def test_each_run_keeps_the_pairs_counting_finds(
    graph: Graph, halves: tuple[Path, Path], neo4j_driver: neo4j.Driver
) -> None:
    empty_graph(neo4j_driver, graph.database)
    ingest_paths(neo4j_driver, [halves[0]], database=graph.database)
    _same_as_counting(graph)
    before = graph.read(KEPT_IN_ORDER % "SHARES_INSIDERS")
    ingest_paths(neo4j_driver, [halves[1]], database=graph.database)
    _same_as_counting(graph)
    assert graph.read(KEPT_IN_ORDER % "SHARES_INSIDERS") != before  # the second run added pairs
    assert {r["type"]: r["pairs"] for r in graph.read(EVERY_PAIR)} == {
        "SHARES_INSIDERS": len(graph.read(INTERLOCK_ISSUERS, cik=None, limit=100_000)),
        "FILES_WITH": len(graph.read(CO_FILERS, cik=None, limit=100_000)),
    }  # under a thousand pairs each: all kept
    assert all(r.integer("count") >= 1 for r in graph.read(KEPT_IN_ORDER % "FILES_WITH"))


def test_the_pages_read_the_kept_pairs(sample_graph: Graph, neo4j_driver: neo4j.Driver) -> None:
    """Without kept pairs the tables are empty: the pages read nothing else (the graph is
    current, so they trust it)."""
    assert interlocked_issuers(sample_graph) and co_filers(sample_graph)
    neo4j_driver.execute_query(FORGET, database_=sample_graph.database)
    try:
        assert interlocked_issuers(sample_graph) == () and co_filers(sample_graph) == ()
    finally:
        refresh_pairs(neo4j_driver, database=sample_graph.database)
    assert interlocked_issuers(sample_graph) and co_filers(sample_graph)


@pytest.mark.parametrize("kept", [1, 3, 10])
def test_a_short_list_keeps_the_pairs_the_pages_order_first(
    sample_graph: Graph, neo4j_driver: neo4j.Driver, kept: int
) -> None:
    """Ties in count are broken by the two names, in Python as in Cypher."""
    try:
        refresh_pairs(neo4j_driver, database=sample_graph.database, kept=kept)
        for rel, counted in (("SHARES_INSIDERS", INTERLOCK_ISSUERS), ("FILES_WITH", CO_FILERS)):
            top = sample_graph.read(counted, cik=None, limit=kept)
            found = [
                (r["a_cik"], r["b_cik"], r["count"]) for r in sample_graph.read(KEPT_IN_ORDER % rel)
            ]
            assert found == [(r["a_cik"], r["b_cik"], r["count"]) for r in top], rel
    finally:
        refresh_pairs(neo4j_driver, database=sample_graph.database)


def test_a_run_killed_before_its_count_leaves_its_marks_to_the_next_run(
    graph: Graph,
    halves: tuple[Path, Path],
    neo4j_driver: neo4j.Driver,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def killed(driver: neo4j.Driver, *, database: str) -> None:
        raise RuntimeError("killed before counting the top pairs")

    empty_graph(neo4j_driver, graph.database)
    ingest_paths(neo4j_driver, [halves[0]], database=graph.database)
    monkeypatch.setattr(stale, "refresh_pairs_if_stale", killed)
    with pytest.raises(RuntimeError, match="killed"):
        ingest_paths(neo4j_driver, [halves[1]], database=graph.database)
    assert graph.read(MARKED)[0].integer("marked") > 0
    assert graph.read(INTERLOCK_ISSUERS_KEPT, limit=200) != graph.read(
        INTERLOCK_ISSUERS, cik=None, limit=200
    )  # the second half's pairs are not counted yet
    monkeypatch.undo()
    ingest_paths(neo4j_driver, [], database=graph.database)  # nothing new to load
    _same_as_counting(graph)
    assert graph.read(MARKED)[0]["marked"] == 0


def test_a_graph_of_model_version_4_counts_every_pair_until_the_next_ingest_keeps_them(
    sample_graph: Graph, neo4j_driver: neo4j.Driver
) -> None:
    neo4j_driver.execute_query(FORGET, database_=sample_graph.database)
    neo4j_driver.execute_query(SET_VERSION, version=4, database_=sample_graph.database)
    old = Graph(neo4j_driver, sample_graph.database)  # a connection remembers a version it saw
    every = _tables(old)
    assert every[0] and every[1]  # counted from every pair, not read from kept ones
    ingest_paths(neo4j_driver, [], database=sample_graph.database)  # the upgrade alone
    assert _tables(Graph(neo4j_driver, sample_graph.database)) == every
    assert {r["type"] for r in sample_graph.read(EVERY_PAIR)} == {"SHARES_INSIDERS", "FILES_WITH"}
    assert sample_graph.read(VERSION)[0]["version"] == MODEL_VERSION


def _tables(graph: Graph) -> tuple[tuple[Link, ...], tuple[Link, ...]]:
    return interlocked_issuers(graph), co_filers(graph)
