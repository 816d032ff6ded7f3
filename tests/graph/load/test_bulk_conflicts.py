"""The bulk load decides what the online path would about a filing met again: the stolen
accession of tests/cli/test_ingest_conflicts.py (a copy of the real ARW submission carrying
the real TSLA accession, read first) makes the real ARW filing a document stored under another
accession and the real TSLA filing a conflicting accession, with the online path's reasons;
neither is written nor counted as already there."""

from __future__ import annotations

from pathlib import Path

from graph.load.bulk.prepare import write_csv_files
from ingest import read_filings
from tests.cli.test_ingest_conflicts import ARW, ARW_ACCESSION, TSLA, TSLA_ACCESSION


def test_a_stolen_accession_is_a_conflict_in_the_bulk_load_too(tmp_path: Path) -> None:
    stolen = tmp_path / "arw_as_tsla.txt"
    stolen.write_text(ARW.read_text().replace(ARW_ACCESSION, TSLA_ACCESSION))

    for batch_size in (1, 500):  # met in a later batch (the graph's keys), or in the same one
        folder = tmp_path / f"csv-{batch_size}"
        folder.mkdir()
        filings = read_filings([stolen, ARW, TSLA])
        summary = write_csv_files(filings, folder, batch_size=batch_size).summary

        assert (summary.filings_read, summary.filings_loaded) == (3, 1)
        assert summary.filings_skipped == 0
        assert [(c.source, c.accession) for c in summary.conflicts] == [
            (str(ARW), ARW_ACCESSION),
            (str(TSLA), TSLA_ACCESSION),
        ]
        if batch_size == 1:
            assert [c.reason for c in summary.conflicts] == [
                f"the same document is already stored under {TSLA_ACCESSION}",
                f"accession {TSLA_ACCESSION} is already stored with different content "
                "(ingest --replace PATH stores this version instead)",
            ]
