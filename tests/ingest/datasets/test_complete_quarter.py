"""A complete quarterly data set (all eight tables, the SEC's spellings) made from twelve real
filings (tests/ingest/datasets/quarter.py) loads to the same graph as the filings themselves.

The filings: the eleven full submissions of tests/data/edgar/ and Affirm's Form 4 by Founders
Fund (tests/data/datasets/quarter/, four derivative holdings) wrapped with the accession of its
EDGAR folder, 0001209191-21-004591; its filing date is not known to us, so neither side has one.
Equal except what a data set cannot have: the document's fingerprint and schema version, the
path read from, ``extra`` (FILE_NUMBER, which the XML lacks) and the HOLDS/TRANSACTED ``rank``,
whose tie-break is the fingerprint.
"""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from neo4j import Driver

from graph.load.pipeline import ingest_paths
from tests.graph_snapshot import SnapshotItem, count, snapshot
from tests.ingest.datasets.quarter import COLUMNS, write_quarter
from tests.paths import DATA

AFFIRM = DATA / "datasets" / "quarter" / "afrm_4_2021-01-15_a81368e5.xml"
DATA_SET_CANNOT_HAVE = frozenset({"fingerprint", "schema", "source", "extra", "rank"})


def wrapped(xml: Path, accession: str) -> bytes:
    """A bare ownership document in the SGML of an EDGAR full submission."""
    return (
        f"<SUBMISSION>\n<ACCESSION-NUMBER>{accession}\n<TYPE>4\n<DOCUMENT>\n<TYPE>4\n<TEXT>\n"
        "<XML>\n".encode()
        + xml.read_bytes()
        + b"\n</XML>\n</TEXT>\n</DOCUMENT>\n</SUBMISSION>\n"
    )


def comparable(graph: list[SnapshotItem]) -> list[SnapshotItem]:
    def strip(part: object) -> object:
        if isinstance(part, tuple) and part and isinstance(part[0], tuple):
            return tuple(p for p in part if p[0] not in DATA_SET_CANNOT_HAVE)
        return part

    return sorted((tuple(map(strip, item)) for item in graph), key=repr)


def test_a_complete_quarter_loads_to_the_graph_of_its_filings(
    clean_graph: Driver, tmp_path: Path
) -> None:
    filings = tmp_path / "filings"
    filings.mkdir()
    for path in sorted((DATA / "edgar").glob("*.txt")):
        (filings / path.name).write_bytes(path.read_bytes())
    (filings / "afrm.txt").write_bytes(wrapped(AFFIRM, "0001209191-21-004591"))
    quarter = write_quarter(
        (p.read_bytes() for p in sorted(filings.iterdir())), tmp_path / "2025q1_form345.zip"
    )
    with zipfile.ZipFile(quarter) as archive:
        members = {
            n: list(csv.reader(io.StringIO(archive.read(n).decode()), delimiter="\t"))
            for n in archive.namelist()
        }
    assert sorted(members) == sorted(f"{t}.tsv" for t in COLUMNS)
    assert members["DERIV_TRANS.tsv"][0][24] == "EXCERCISE_DATE"  # the SEC's spelling
    rows = {name: len(lines) - 1 for name, lines in members.items()}
    assert rows == {  # per MANIFEST.tsv of the corpus, and one row per footnote and signature
        "SUBMISSION.tsv": 12,
        "REPORTINGOWNER.tsv": 13,
        "NONDERIV_TRANS.tsv": 16,
        "NONDERIV_HOLDING.tsv": 9,
        "DERIV_TRANS.tsv": 5,
        "DERIV_HOLDING.tsv": 4,
        "FOOTNOTES.tsv": 24,
        "OWNER_SIGNATURE.tsv": 13,
    }

    direct = ingest_paths(clean_graph, [filings])
    assert (direct.filings_loaded, direct.rejected) == (12, [])
    from_filings = snapshot(clean_graph)
    clean_graph.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")

    from_data_set = ingest_paths(clean_graph, [quarter])

    assert (from_data_set.filings_loaded, from_data_set.rejected) == (12, [])
    assert (
        count(clean_graph, "MATCH ()-[r:TRANSACTED]->() RETURN count(r)") == 23
    )  # 21 rows; 2 are joint
    assert comparable(snapshot(clean_graph)) == comparable(from_filings)
