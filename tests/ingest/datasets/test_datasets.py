"""SEC Insider Transactions Data Sets in, whole Filing records out (ingest/datasets.py).

tests/data/datasets/2024q3_form345_sample/ holds every row of seven accessions of the 2024 Q3
sample in ../shared/corpus (headers kept). Expected values are read off those TSV rows.
"""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ingest.datasets import DatasetWarning, iter_dataset, missing_tables
from ingest.datasets.rows import parse_dataset_date
from ingest.errors import SourceError
from ingest.records import (
    FieldFootnote,
    Filing,
    Holding,
    Issuer,
    Signature,
    Transaction,
)
from tests.paths import DATA

SAMPLE = DATA / "datasets" / "2024q3_form345_sample"
SOURCES = DATA / "sources"
ABSENT = ("REPORTINGOWNER", "NONDERIV_TRANS", "FOOTNOTES")
SIGNER = "/s/ Adam Hennessey, as attorney-in-fact for "


def read_sample(path: Path = SAMPLE) -> dict[str, Filing]:
    with pytest.warns(DatasetWarning):
        return {filing.accession: filing for filing in iter_dataset(path)}


def test_holdings_only_filing_is_one_whole_record_in_surrogate_key_order() -> None:
    # NONDERIV_HOLDING lists SKs 2231357, 2231358, 2231356: rows are numbered by SK
    filing = read_sample()["0000897069-24-001888"]
    class_b = "Class B common stock, par value $0.01 per share"
    assert filing == Filing(
        accession="0000897069-24-001888",
        fingerprint="dataset:0000897069-24-001888",
        document_type="4",
        schema_version=None,
        period_of_report=date(2024, 9, 23),
        issuer=Issuer("0001825088", "Dream Finders Homes, Inc.", "DFH"),
        owners=(),
        holdings=(
            Holding(
                seq=1,
                derivative=False,
                security_title=class_b,
                shares_owned=57820586.0,
                direct_indirect="D",
                nature_of_ownership="By Trust",
                footnotes=(
                    FieldFootnote("security_title", "F6"),
                    FieldFootnote("nature_of_ownership", "F7"),
                ),
            ),
            Holding(
                seq=2,
                derivative=False,
                security_title=class_b,
                shares_owned=809409.0,
                direct_indirect="I",
                nature_of_ownership="See Footnote",
                footnotes=(
                    FieldFootnote("security_title", "F6"),
                    FieldFootnote("nature_of_ownership", "F8"),
                ),
            ),
            Holding(
                seq=3,
                derivative=False,
                security_title=class_b,
                shares_owned=596158.0,
                direct_indirect="I",
                footnotes=(FieldFootnote("security_title", "F6"),),
            ),
            Holding(
                seq=4,
                derivative=True,
                security_title="Prepaid Variable Forward Sale Contract",
                shares_owned=1000000.0,
                direct_indirect="D",
                underlying_title="Class A Common Stock",
                underlying_shares=1000000.0,
                footnotes=(
                    *(
                        FieldFootnote("conversion_or_exercise_price", f)
                        for f in ("F12", "F13", "F9", "F11", "F10")
                    ),
                    FieldFootnote("exercise_date", "F10"),
                    FieldFootnote("expiration_date", "F10"),
                ),
            ),
        ),
        signatures=(Signature("/s/ Robert E. Riva by Power of Attorney", date(2024, 9, 25)),),
        filed=date(2024, 9, 25),
        source=f"{SAMPLE}#0000897069-24-001888",
    )


def test_derivative_transaction_filing_with_six_signatures_is_one_whole_record() -> None:
    filing = read_sample()["0001415889-24-022531"]
    funds = (
        "Summit Partners Co-Invest (Kiwi), L.P.",
        "Summit Investors GE IX/VC IV (UK), L.P.",
        "Summit Partners Growth Equity Fund IX-B, L.P.",
        "Summit Investors GE IX/VC IV, LLC",
        "Summit Partners, L.P.",
        "Summit Partners Growth Equity Fund IX-A, L.P.",
    )
    assert filing == Filing(
        accession="0001415889-24-022531",
        fingerprint="dataset:0001415889-24-022531",
        document_type="4",
        schema_version=None,
        period_of_report=date(2024, 8, 27),
        issuer=Issuer("0001835830", "Klaviyo, Inc.", "KVYO"),
        owners=(),
        transactions=(
            Transaction(
                seq=1,
                derivative=True,
                security_title="Series B Common Stock, par value $0.001 per share",
                transaction_date=date(2024, 8, 27),
                transaction_code="C",
                transaction_form_type="4",
                equity_swap_involved=False,
                shares=67436.0,
                price_per_share=0.0,
                acquired_disposed="A",
                shares_after=46703201.0,
                direct_indirect="I",
                nature_of_ownership="See footnote",
                underlying_title="Series A Common Stock, par value $0.001 per share",
                underlying_shares=67436.0,
                footnotes=(
                    FieldFootnote("conversion_or_exercise_price", "F1"),
                    FieldFootnote("exercise_date", "F1"),
                    FieldFootnote("expiration_date", "F1"),
                    FieldFootnote("shares_after", "F5"),
                    FieldFootnote("nature_of_ownership", "F2"),
                    FieldFootnote("nature_of_ownership", "F4"),
                    FieldFootnote("nature_of_ownership", "F3"),
                ),
            ),
        ),
        signatures=tuple(Signature(SIGNER + fund, date(2024, 8, 29)) for fund in funds),
        filed=date(2024, 8, 29),
        source=f"{SAMPLE}#0001415889-24-022531",
    )


def test_rows_are_numbered_nonderivative_first_then_derivative() -> None:
    filing = read_sample()["0001047340-24-000243"]  # one row in each of three tables
    assert [(h.seq, h.derivative) for h in filing.holdings] == [(1, False), (3, True)]
    assert [(t.seq, t.derivative, t.shares) for t in filing.transactions] == [(2, True, 53.38)]


def test_submission_flags_amendment_dates_and_quoted_remarks() -> None:
    filings = read_sample()
    assert len(filings) == 7
    form3 = filings["0001013762-24-003488"]
    assert (form3.document_type, form3.no_securities_owned) == ("3", True)
    assert form3.remarks == "See Exhibit 24 - Power of Attorney"
    form5a = filings["0000350852-24-000089"]
    assert form5a.date_of_original_submission == date(2024, 1, 18)
    assert (form5a.not_subject_to_section16, form5a.form3_holdings_reported) == (False, False)
    assert form5a.form4_transactions_reported is False
    assert filings["0001693472-24-000004"].remarks == (
        "Amended Form 4 to correct totals in the column entitled - "
        '"Amount of Securities Beneficially Owned Following Reported Transaction(s) '
        '(Instr. 3 and 4)"'
    )


def test_missing_tables_are_reported_and_filings_still_yielded() -> None:
    assert missing_tables(SAMPLE) == ABSENT
    with pytest.warns(DatasetWarning) as caught:
        filings = list(iter_dataset(SAMPLE))
    warning = caught[0].message
    assert isinstance(warning, DatasetWarning)
    assert warning.missing == ABSENT
    assert "REPORTINGOWNER, NONDERIV_TRANS, FOOTNOTES" in str(warning)
    assert len(filings) == 7
    assert all(f.owners == () and f.footnotes == () for f in filings)


def test_zipped_data_set_reads_like_the_folder(tmp_path: Path) -> None:
    archive = tmp_path / "2024q3_form345.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for table in sorted(SAMPLE.iterdir()):
            zf.write(table, table.name)
    from_zip = read_sample(archive)
    from_folder = read_sample()
    assert missing_tables(archive) == ABSENT
    assert from_zip.keys() == from_folder.keys()
    for accession, filing in from_folder.items():
        assert from_zip[accession] == replace(filing, source=f"{archive}#{accession}")


def test_parse_dataset_date() -> None:
    assert parse_dataset_date("28-MAR-2025") == date(2025, 3, 28)
    assert parse_dataset_date("01-oct-2024") == date(2024, 10, 1)
    assert parse_dataset_date("") is None
    assert parse_dataset_date("31-FEB-2024") is None


def test_not_a_data_set_raises(tmp_path: Path) -> None:
    shutil.copy(SOURCES / "air_4_2025-01-10_39ff7e5c.xml", tmp_path)
    with pytest.raises(SourceError, match=r"no SUBMISSION\.tsv"):
        list(iter_dataset(tmp_path))


def test_rows_without_a_submission_row_are_reported(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "quarter")
    submission = tmp_path / "quarter" / "SUBMISSION.tsv"
    lines = submission.read_text(encoding="utf-8").splitlines(keepends=True)
    submission.write_text("".join(line for line in lines if "0000897069-24-001888" not in line))
    with pytest.warns(DatasetWarning) as caught:
        filings = list(iter_dataset(tmp_path / "quarter"))
    assert len(filings) == 6
    orphans = [w.message for w in caught if getattr(w.message, "orphan_accessions", 0)]
    assert [getattr(w, "orphan_accessions", 0) for w in orphans] == [1]
