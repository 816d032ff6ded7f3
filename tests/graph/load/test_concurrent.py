"""Two ingests into one database at once end with the graph of one run: the same documents
as bare XML in one run and inside their full submissions in the other, raced batch by batch."""

from __future__ import annotations

import shutil
import tarfile
import threading
from pathlib import Path

import pytest
from neo4j import Driver

from graph.load.pipeline import IngestSummary, ingest_paths, read_filings
from ingest.records import Filing
from tests.graph_snapshot import count, snapshot
from tests.paths import ROOT

SAMPLE = ROOT / "samples" / "sec-ownership-filings.tar.gz"
TRIALS = 4


@pytest.fixture(scope="module")
def pair(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Folders ``bare/`` (the 11 documents as XML) and ``wrapped/`` (their full submissions)."""
    root = tmp_path_factory.mktemp("sample")
    with tarfile.open(SAMPLE) as tar:
        tar.extractall(root, filter="data")
    wrapped, bare = root / "wrapped", root / "bare"
    shutil.move(root / "txt", wrapped)
    bare.mkdir()
    prints = {f.fingerprint for f in read_filings([wrapped]) if isinstance(f, Filing)}
    for f in read_filings([root / "xml"]):
        if isinstance(f, Filing) and f.fingerprint in prints:
            shutil.copy(str(f.source), bare)
    assert len(list(bare.iterdir())) == len(list(wrapped.iterdir())) == 11
    return bare, wrapped


def race(driver: Driver, first: Path, second: Path) -> list[IngestSummary]:
    """Both ingests in threads, released together, one filing per transaction."""
    start = threading.Barrier(2)
    out: dict[Path, IngestSummary] = {}

    def run(path: Path) -> None:
        start.wait()
        out[path] = ingest_paths(driver, [path], batch_size=1)

    threads = [threading.Thread(target=run, args=(p,)) for p in (first, second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return [out[first], out[second]]


def test_two_concurrent_ingests_converge_on_the_graph_of_one_run(
    clean_graph: Driver, pair: tuple[Path, Path]
) -> None:
    bare, wrapped = pair
    ingest_paths(clean_graph, [bare, wrapped])
    one_run = snapshot(clean_graph)
    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 11
    for trial in range(TRIALS):
        clean_graph.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
        order = (bare, wrapped) if trial % 2 else (wrapped, bare)
        summaries = race(clean_graph, *order)
        assert [s.rejected for s in summaries] == [[], []]  # a lost race is "skipped"
        assert sum(s.filings_loaded for s in summaries) == 11
        assert sum(s.filings_skipped for s in summaries) == 11
        assert snapshot(clean_graph) == one_run, f"trial {trial}"
