"""Conflicting documents (audit 1e) and ``replace``: a damaged copy that took a real filing's
accession is reported, never silently "already there", and the corrected filing can take its
place, leaving the graph a clean load of the real filings would give.

The damaged copies are the real submissions in tests/data/sources/ with values changed (the
audit's mutants did the same); every expected value is read off those files.
"""

from __future__ import annotations

from pathlib import Path

from neo4j import Driver

from graph.load.pipeline import ingest_paths
from tests.conftest import empty_graph
from tests.graph_snapshot import count, snapshot
from tests.paths import DATA

SOURCES = DATA / "sources"
AIR_TXT = SOURCES / "air_4_0001127602-25-001055_06c615e6.txt"  # the AIR Form 4 submission
AIR_XML = SOURCES / "air_4_2025-01-10_39ff7e5c.xml"  # the same document, bare
AIR = "0001127602-25-001055"
# its one transaction: 2025-01-10, 37565 shares owned after it
FILED = ("<value>2025-01-10</value>\n            </transactionDate>", "<value>37565</value>")
DAMAGED = ("<value>2025-03-10</value>\n            </transactionDate>", "<value>99999</value>")


def damaged_air(folder: Path) -> Path:
    """The AIR submission with a later trade date and another holding: same accession."""
    text = AIR_TXT.read_text()
    for filed, damaged in zip(FILED, DAMAGED, strict=True):
        assert text.count(filed) == 1
        text = text.replace(filed, damaged)
    folder.mkdir()
    (folder / "air_damaged.txt").write_text(text)
    return folder / "air_damaged.txt"


def holds(driver: Driver) -> list[tuple[object, ...]]:
    records, _, _ = driver.execute_query(
        "MATCH (:Entity)-[h:HOLDS]->() RETURN h.shares AS shares, h.as_of AS as_of,"
        " h.accession AS accession",
        database_="neo4j",
    )
    return [(r["shares"], str(r["as_of"]), r["accession"]) for r in records]


def test_a_damaged_copy_is_reported_then_replaced_by_the_real_filing(
    clean_graph: Driver, tmp_path: Path
) -> None:
    ingest_paths(clean_graph, [AIR_XML, AIR_TXT])
    clean = snapshot(clean_graph)
    assert holds(clean_graph) == [(37565.0, "2025-01-10", AIR)]
    empty_graph(clean_graph, "neo4j")

    # the damaged copy takes the accession first; the bare real document loads beside it
    ingest_paths(clean_graph, [damaged_air(tmp_path / "damaged"), AIR_XML])
    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 2
    assert holds(clean_graph) == [(99999.0, "2025-03-10", AIR)]

    again = ingest_paths(clean_graph, [AIR_TXT])
    assert (again.filings_loaded, again.filings_skipped) == (0, 0)
    ((path, accession, reason),) = [(c.source, c.accession, c.reason) for c in again.conflicts]
    assert (path, accession) == (str(AIR_TXT), AIR)
    assert reason == (
        f"accession {AIR} is already stored with different content "
        "(ingest --replace PATH stores this version instead)"
    )

    replaced = ingest_paths(clean_graph, [AIR_TXT], replace=True)
    assert (replaced.filings_loaded, replaced.filings_replaced, replaced.conflicts) == (1, 1, [])
    # the bare document is re-keyed to the accession; the damaged rows and position are gone
    assert holds(clean_graph) == [(37565.0, "2025-01-10", AIR)]
    assert snapshot(clean_graph) == clean


def test_replace_without_a_stored_filing_loads_and_the_same_filing_is_skipped(
    clean_graph: Driver,
) -> None:
    first = ingest_paths(clean_graph, [AIR_TXT], replace=True)
    assert (first.filings_loaded, first.filings_replaced) == (1, 0)
    second = ingest_paths(clean_graph, [AIR_XML, AIR_TXT], replace=True)
    assert (second.filings_loaded, second.filings_skipped, second.conflicts) == (0, 2, [])
