"""Unreadable values in SEC data set rows are named like those of XML filings: the record keeps
None and lists (field, text as filed) in ``unreadable``, which the ingest reports as warnings."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.datasets import DatasetWarning, iter_dataset
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
