"""Unreadable values in SEC data set rows are named like those of XML filings: the record keeps
None and lists (field, text as filed) in ``unreadable``, which the ingest reports as warnings."""

from __future__ import annotations

import pickle
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from ingest.datasets import DatasetWarning, iter_dataset
from ingest.records import FieldFootnote, Filing
from tests.paths import DATA

SAMPLE = DATA / "datasets" / "2024q3_form345_sample"
MDT = "0001613103-24-000086"  # SUBMISSION: PERIOD_OF_REPORT 29-JUL-2024 (read off the TSV)
DEU = "0001047340-24-000243"  # DERIV_TRANS: TRANS_SHARES 53.38, TRANS_DATE 06-SEP-2024


def edit_row(table: Path, accession: str, filed: str, typed: str) -> None:
    lines = table.read_text().split("\n")
    (index,) = [i for i, line in enumerate(lines) if line.startswith(accession + "\t")]
    assert lines[index].count(filed) == 1
    lines[index] = lines[index].replace(filed, typed)
    table.write_text("\n".join(lines))


def test_unreadable_data_set_values_are_listed(tmp_path: Path) -> None:
    dataset = tmp_path / "2024q3"
    shutil.copytree(SAMPLE, dataset)
    edit_row(dataset / "SUBMISSION.tsv", MDT, "\t29-JUL-2024\t", "\t31-FEB-2024\t")
    edit_row(dataset / "DERIV_TRANS.tsv", DEU, "\t53.38\tF2", "\tNaN\tF2")
    edit_row(dataset / "DERIV_TRANS.tsv", DEU, "\t06-SEP-2024\t", "\t2024-9-6\t")
    with pytest.warns(DatasetWarning):
        filings = {f.accession: f for f in iter_dataset(dataset)}
    assert filings[MDT].period_of_report is None
    assert filings[MDT].unreadable == (("period_of_report", "31-FEB-2024"),)
    (row,) = filings[DEU].transactions
    assert (row.shares, row.transaction_date) == (None, None)
    assert row.unreadable == (("transaction_date", "2024-9-6"), ("shares", "NaN"))
    untouched = [f for a, f in filings.items() if a not in (MDT, DEU)]
    assert untouched and not any(f.unreadable for f in untouched)


def test_an_unreadable_value_is_also_kept_as_filed_in_extra(tmp_path: Path) -> None:
    dataset = tmp_path / "2024q3"
    shutil.copytree(SAMPLE, dataset)
    edit_row(dataset / "DERIV_TRANS.tsv", DEU, "\t53.38\tF2", "\tNaN\tF2")
    with pytest.warns(DatasetWarning):
        filings = {f.accession: f for f in iter_dataset(dataset)}
    (row,) = filings[DEU].transactions
    assert row.shares is None and row.unreadable == (("shares", "NaN"),)
    # seq 2: DEU has one NONDERIV_HOLDING row, numbered before the DERIV_TRANS row
    assert filings[DEU].extra == (("DERIV_TRANS[seq=2]/TRANS_SHARES", "NaN"),)
    # the rest of the row still reads: UNDLYNG_SEC_SHARES 53.38, SHRS_OWND_FOLWNG_TRANS 121.48
    assert (row.underlying_shares, row.shares_after) == (53.38, 121.48)
    assert row.footnotes == (
        FieldFootnote("conversion_or_exercise_price", "F1"),
        FieldFootnote("shares", "F2"),
        FieldFootnote("exercise_date", "F1"),
        FieldFootnote("expiration_date", "F1"),
    )


def test_a_row_cut_short_reads_as_its_cells_with_the_rest_empty(tmp_path: Path) -> None:
    """Rows whose trailing empty cells are missing (fewer tabs than the header) read as whole."""
    dataset = tmp_path / "2024q3"
    shutil.copytree(SAMPLE, dataset)
    # MDT's SUBMISSION row ends with an empty REMARKS; DEU's DERIV_TRANS row with three empty cells
    edit_row(dataset / "SUBMISSION.tsv", MDT, "\tMDT\t", "\tMDT")
    edit_row(dataset / "DERIV_TRANS.tsv", DEU, "\tD\t\t\t", "\tD")
    with pytest.warns(DatasetWarning):
        whole = {f.accession: f for f in iter_dataset(SAMPLE)}
    with pytest.warns(DatasetWarning):
        cut = {f.accession: f for f in iter_dataset(dataset)}
    assert cut.keys() == whole.keys()
    for accession, filing in whole.items():
        assert replace(cut[accession], source=filing.source) == filing
    assert cut[MDT].issuer.ticker == "MDT" and cut[DEU].transactions[0].direct_indirect == "D"


def test_data_set_filings_survive_pickling_as_bulk_workers_send_them() -> None:
    with pytest.warns(DatasetWarning):
        filings = list(iter_dataset(SAMPLE))
    back = pickle.loads(pickle.dumps(filings))
    assert back == filings and [type(f) for f in back] == [Filing] * len(filings)
    assert [hash(f.issuer) for f in back] == [hash(f.issuer) for f in filings]
