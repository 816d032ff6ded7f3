"""After a run, only the pairs with an end the run touched are counted again and merged with
the kept ones (graph/load/readmodel/pairs.py); the tables stay exactly what counting every pair
gives. The graph is the real sample's 503 filings, loaded in six runs; kept lists as short as
three pairs put the merge's limit (a kept pair falling behind the last one) to work."""

from __future__ import annotations

import tarfile
from pathlib import Path

import neo4j
import pytest

from graph.db import Graph, Settings
from graph.load.pipeline import ingest_paths
from graph.load.readmodel import pair_counts as pc
from graph.load.readmodel import pairs, stale
from graph.read import model
from graph.read.links import CO_FILERS, CO_FILERS_KEPT, INTERLOCK_ISSUERS, INTERLOCK_ISSUERS_KEPT
from tests.conftest import empty_graph
from tests.paths import SAMPLE

RUNS = 6
TABLES = ((INTERLOCK_ISSUERS_KEPT, INTERLOCK_ISSUERS), (CO_FILERS_KEPT, CO_FILERS))
INSIDERS = "MATCH (o:Entity)-[:INSIDER_OF]->(i:Entity) RETURN o.cik AS o, i.cik AS i"
NAMES = "MATCH (e:Entity) RETURN e.cik AS cik, e.name AS name"
MARKED = "MATCH (e:StalePairs) RETURN count(e) AS marked"
FILINGS = "MATCH (f:Filing) RETURN count(f) AS filings"
SAMPLE_FILINGS = 503


@pytest.fixture(scope="module")
def slices(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The sample's filings in ``RUNS`` folders, in archive order."""
    with tarfile.open(SAMPLE) as archive:
        members = [m for m in archive.getmembers() if m.isfile()]
        folders = []
        for k in range(RUNS):
            folder = tmp_path_factory.mktemp(f"slice{k}")
            archive.extractall(folder, members[k::RUNS], filter="data")
            folders.append(folder)
    return folders


@pytest.fixture
def graph(neo4j_driver: neo4j.Driver, neo4j_server: Settings) -> Graph:
    return Graph(neo4j_driver, neo4j_server.database)


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[pairs.Counted]:
    """How each run's end counted the top pairs, in order."""
    found: list[pairs.Counted] = []

    def count(driver: neo4j.Driver, *, database: str = "neo4j") -> pairs.Counted:
        found.append(pairs.refresh_pairs_if_stale(driver, database=database))
        return found[-1]

    monkeypatch.setattr(stale, "refresh_pairs_if_stale", count)
    return found


@pytest.mark.parametrize("kept", [3, 10, 1000])
def test_each_run_counts_the_pairs_it_touched_and_keeps_what_counting_every_pair_keeps(
    graph: Graph,
    neo4j_driver: neo4j.Driver,
    slices: list[Path],
    kept: int,
    counted: list[pairs.Counted],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(model, "TOP_PAIRS", kept)
    monkeypatch.setattr(pairs, "TOUCHED_SHARE", 1.0)  # a sixth of the sample touches a third
    empty_graph(neo4j_driver, graph.database)
    for folder in slices:
        ingest_paths(neo4j_driver, [folder], database=graph.database)
        for kept_table, counted_table in TABLES:
            for limit in sorted({1, 2, kept}):
                every = graph.read(counted_table, cik=None, limit=limit)
                assert graph.read(kept_table, limit=limit) == every, (kept_table, limit)
        assert graph.read(MARKED)[0]["marked"] == 0
    assert pairs.Counted.TOUCHED in counted
    if kept == 1000:  # every pair is kept: the touched ones always tell the rest
        assert counted == [pairs.Counted.TOUCHED] * RUNS


def test_a_run_that_touches_a_large_share_of_the_graph_counts_every_pair(
    graph: Graph, neo4j_driver: neo4j.Driver, slices: list[Path], counted: list[pairs.Counted]
) -> None:
    """Reading the lists of a third of the entities costs more than reading all of them."""
    empty_graph(neo4j_driver, graph.database)
    for folder in slices[:2]:
        ingest_paths(neo4j_driver, [folder], database=graph.database)
    assert counted == [pairs.Counted.EVERY] * 2
    assert graph.read(MARKED)[0]["marked"] == 0


@pytest.fixture
def sample_lists(
    graph: Graph, neo4j_driver: neo4j.Driver, slices: list[Path]
) -> tuple[dict[str, list[str]], dict[str, str | None]]:
    """Each insider's issuers in the sample, and every entity's name."""
    if graph.read(FILINGS)[0]["filings"] != SAMPLE_FILINGS:  # another test loaded part of it
        empty_graph(neo4j_driver, graph.database)
        ingest_paths(neo4j_driver, slices, database=graph.database)
    insiders: dict[str, list[str]] = {}
    for r in graph.read(INSIDERS):
        insiders.setdefault(str(r["o"]), []).append(str(r["i"]))
    names = {
        str(r["cik"]): None if r["name"] is None else str(r["name"]) for r in graph.read(NAMES)
    }
    return {o: i for o, i in insiders.items() if len(i) >= 2}, names


def _top(insiders: dict[str, list[str]], names: dict[str, str | None], kept: int) -> list[pc.Pair]:
    lists = list(insiders.values())
    ciks = pc.sorted_ciks(lists)
    return pc.top_pairs(pc.shared_insider_pairs(lists, ciks), ciks, names, kept)


def _merged(
    before: list[pc.Pair],
    names_before: dict[str, str | None],
    insiders: dict[str, list[str]],
    names: dict[str, str | None],
    touched: set[str],
    kept: int,
) -> list[pc.Pair] | None:
    """The merge after a change to ``touched`` issuers (``insiders``, ``names``: after it)."""
    kept_pairs = [
        pc.KeptPair(a, b, n, (names_before.get(a), names_before.get(b)), {}) for a, b, n in before
    ]
    ofs = {o: i for o, i in insiders.items() if touched.intersection(i)}
    lists = list(ofs.values())
    ciks = pc.sorted_ciks([*lists, *([a, b] for a, b, _ in before)])
    fresh = pc.shared_insider_pairs(lists, ciks, touched)
    return pc.merged_top(kept_pairs, fresh, ciks, touched, names, kept)


def _without(insiders: dict[str, list[str]], owner: str, issuer: str) -> dict[str, list[str]]:
    left = {o: [i for i in ciks if (o, i) != (owner, issuer)] for o, ciks in insiders.items()}
    return {o: ciks for o, ciks in left.items() if len(ciks) >= 2}


@pytest.mark.parametrize("kept", [3, 10])
def test_a_kept_pair_that_loses_an_insider_at_the_limit_makes_every_pair_counted(
    sample_lists: tuple[dict[str, list[str]], dict[str, str | None]], kept: int
) -> None:
    insiders, names = sample_lists
    before = _top(insiders, names, kept)
    a, b, _ = before[-1]  # the last kept pair loses one shared insider
    owner = next(o for o, ciks in insiders.items() if a in ciks and b in ciks)
    after = _without(insiders, owner, a)
    assert _merged(before, names, after, names, {a}, kept) is None


@pytest.mark.parametrize("kept", [3, 10])
def test_a_kept_pair_renamed_to_rank_later_at_the_limit_makes_every_pair_counted(
    sample_lists: tuple[dict[str, list[str]], dict[str, str | None]], kept: int
) -> None:
    insiders, names = sample_lists
    before = _top(insiders, names, kept)
    a = before[-1][0]
    renamed = names | {a: "\uffff later than every name"}
    assert _merged(before, names, insiders, renamed, {a}, kept) is None


def test_losing_an_insider_above_the_limit_merges_exactly(
    sample_lists: tuple[dict[str, list[str]], dict[str, str | None]],
) -> None:
    insiders, names = sample_lists
    before = _top(insiders, names, 10)
    a, b, count = before[0]
    assert count - 1 > before[-1][2]  # still ahead of every pair not kept
    owner = next(o for o, ciks in insiders.items() if a in ciks and b in ciks)
    after = _without(insiders, owner, a)
    merged = _merged(before, names, after, names, {a}, 10)
    assert merged == _top(after, names, 10)
    assert (a, b, count - 1) in (merged or [])


@pytest.mark.parametrize("kept", [3, 10, 50])
def test_touching_every_kept_pair_without_a_change_merges_exactly(
    sample_lists: tuple[dict[str, list[str]], dict[str, str | None]], kept: int
) -> None:
    insiders, names = sample_lists
    before = _top(insiders, names, kept)
    touched = {cik for a, b, _ in before for cik in (a, b)}
    assert _merged(before, names, insiders, names, touched, kept) == before


def test_a_renamed_issuer_takes_its_place_among_the_kept_pairs(
    graph: Graph, neo4j_driver: neo4j.Driver, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reid Hoffman, an insider of Microsoft and of two Reinvent Technology Partners SPACs:
    three pairs of one shared insider each, ranked by name. One is kept. Reinvent Technology
    Partners Y became Aurora Innovation: his first Form 4 for Aurora brings the new name, and
    no new insider, and Microsoft-Aurora now ranks first."""
    monkeypatch.setattr(model, "TOP_PAIRS", 1)
    empty_graph(neo4j_driver, graph.database)
    runs = (["xml/msft_4_2019-12-03_600b82f8.xml", "xml/rtp_3_2020-09-16_b38b64d2.xml",
             "xml/rtpy_3_2021-03-15_1270d61e.xml"],
            ["xml/aur_4_2021-11-03_2078170d.xml"])  # fmt: skip
    kept_table, counted_table = TABLES[0]
    firsts = []
    with tarfile.open(SAMPLE) as archive:
        for k, names in enumerate(runs):
            members = [archive.getmember(n) for n in names]
            archive.extractall(tmp_path / f"run{k}", members, filter="data")
            ingest_paths(neo4j_driver, [tmp_path / f"run{k}"], database=graph.database)
            (first,) = graph.read(kept_table, limit=1)
            assert graph.read(counted_table, cik=None, limit=1) == [first]
            firsts.append(first)
    assert "Reinvent Technology Partners" in firsts[0].values()
    assert "Aurora Innovation, Inc." in firsts[1].values()
