"""The audit's 1e scenario (conflicting documents): ``python -m bench.reliability.conflicts``.

Starts a throwaway Neo4j on free ports, then loads, as the audit did, mutants first: the
document of 4 of the 11 real full submissions in tests/data/edgar/ under the accession of
another (a stolen accession) and 3 submissions with an impossible periodOfReport (their own
accession, other content). Then the 11 bare documents and the 11 real submissions; then the
11 again with ``replace``; then once more. After each run it prints what was loaded, how many
conflicts were reported and how many real submissions sit under their own accession with
their own document; at the end, whether the graph equals a clean load of the real filings.
"""

from __future__ import annotations

import shutil
import socket
import tempfile
from pathlib import Path

from neo4j import Driver

import server
from graph.db import Settings, connect
from graph.load.pipeline import IngestSummary, ingest_paths
from ingest import read_filings
from ingest.records import Filing
from ingest.submission import read_submission
from tests.conftest import empty_graph
from tests.graph_snapshot import snapshot
from tests.paths import DATA

REAL = sorted((DATA / "edgar").glob("*.txt"))
STEALERS = ((0, 1), (2, 3), (4, 5), (6, 7))  # document of the first under the second's accession
DAMAGED = (8, 9, 10)  # own accession, periodOfReport made impossible


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accession(path: Path) -> str:
    accession = read_submission(path.read_bytes()).accession
    assert accession, path
    return accession


def _inputs(root: Path) -> tuple[Path, Path, Path]:
    mutants, bare, real = root / "mutants", root / "bare", root / "real"
    for folder in (mutants, bare, real):
        folder.mkdir()
    for path in REAL:
        shutil.copy(path, real / path.name)
        (xml,) = read_submission(path.read_bytes()).ownership_xml
        (bare / f"{path.stem}.xml").write_bytes(xml)
    for thief, victim in STEALERS:
        text = REAL[thief].read_text().replace(_accession(REAL[thief]), _accession(REAL[victim]))
        (mutants / f"stolen_{thief}.txt").write_text(text)
    for n in DAMAGED:
        text = REAL[n].read_text()
        start = text.index("<periodOfReport>") + len("<periodOfReport>")
        (mutants / f"damaged_{n}.txt").write_text(text[:start] + "2024-02-30" + text[start + 10 :])
    return mutants, bare, real


def _own(driver: Driver, real: list[Filing]) -> int:
    keys = [{"accession": f.accession, "fingerprint": f.fingerprint} for f in real]
    records, _, _ = driver.execute_query(
        "UNWIND $keys AS k MATCH (f:Filing {accession: k.accession}) "
        "WHERE f.fingerprint = k.fingerprint RETURN count(f) AS n",
        keys=keys,
        database_="neo4j",
    )
    return int(records[0]["n"])


def _line(name: str, summary: IngestSummary, own: int) -> str:
    return (
        f"{name}: loaded={summary.filings_loaded} replaced={summary.filings_replaced} "
        f"skipped={summary.filings_skipped} conflicts={len(summary.conflicts)} "
        f"real_under_own_accession={own}/{len(REAL)}"
    )


def main() -> list[str]:
    root = Path(tempfile.mkdtemp(prefix="conflicts_"))
    mutants, bare, real = _inputs(root)
    local = server.start(root / "neo4j", bolt_port=_port(), http_port=_port(), auth=False)
    driver = connect(Settings(uri=local.uri, password=None))
    try:
        filings = [f for f in read_filings([real]) if isinstance(f, Filing)]
        ingest_paths(driver, [bare, real])
        clean = snapshot(driver)
        empty_graph(driver, "neo4j")
        lines = [_line("mutants", ingest_paths(driver, [mutants]), _own(driver, filings))]
        for name, replace in (("bare+real", False), ("real --replace", True), ("real", False)):
            paths = [bare, real] if name == "bare+real" else [real]
            summary = ingest_paths(driver, paths, replace=replace)
            lines.append(_line(name, summary, _own(driver, filings)))
        lines.append(f"graph equals a clean load of bare+real: {snapshot(driver) == clean}")
        return lines
    finally:
        driver.close()
        server.stop(root / "neo4j")
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    print("\n".join(main()))
