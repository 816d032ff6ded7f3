"""SEC Insider Transactions Data Sets in, whole Filing records out (ingest/datasets.py).

tests/data/datasets/2024q3_form345_sample/ holds every row of seven accessions of the 2024 Q3
sample in ../shared/corpus (headers kept). Expected values are read off those TSV rows.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ingest.dataset_rows import parse_dataset_date
from ingest.datasets import DatasetWarning, iter_dataset, missing_tables
from ingest.errors import SourceError
from ingest.records import (
    Address,
    FieldFootnote,
    Filing,
    Footnote,
    Holding,
    Issuer,
    ReportingOwner,
    Signature,
    Transaction,
)

SAMPLE = Path(__file__).parent / "data" / "datasets" / "2024q3_form345_sample"
SOURCES = Path(__file__).parent / "data" / "sources"
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


def _tsv(table: str, rows: list[dict[str, str]]) -> str:
    """A table with the header FORM_345_metadata.json gives it."""
    meta = json.loads((SAMPLE / "FORM_345_metadata.json").read_text(encoding="utf-8"))
    spec = next(t for t in meta["tables"] if t["url"] == f"{table}.tsv")
    header = [column["name"] for column in spec["tableSchema"]["columns"]]
    lines = ["\t".join(header)] + ["\t".join(row.get(c, "") for c in header) for row in rows]
    return "\n".join(lines) + "\n"


def test_absent_tables_map_when_present(tmp_path: Path) -> None:
    """REPORTINGOWNER, NONDERIV_TRANS, FOOTNOTES rows transcribed from a real Form 4.

    Values are those of tests/data/sources/arw_4_2025-02-12_1970d0a7.xml and the FILE-NUMBER
    of its full submission (accession 0001127602-25-004598).
    """
    acc = "0001127602-25-004598"
    f1 = (
        "Represents Common Stock earned from the vesting and settlement of a Performance Stock "
        'Unit ("PSU") grant made on February 16, 2022, which grant was subject to a three-year '
        "performance period. The Company's PSUs settle, if earned over the related performance "
        "period, on a one-for-one basis in the Company's Common Stock."
    )
    f2 = (
        "Represents shares withheld to satisfy tax withholding obligations upon the vesting of "
        "the above-described PSUs."
    )
    quoted_f1 = '"' + f1.replace('"', '""') + '"'  # how the data sets write a value with quotes
    trade = {"ACCESSION_NUMBER": acc, "SECURITY_TITLE": "Common Stock", "TRANS_DATE": "12-FEB-2025"}
    trade |= {"TRANS_FORM_TYPE": "4", "EQUITY_SWAP_INVOLVED": "0", "TRANS_PRICEPERSHARE": "106.82"}
    trade |= {"DIRECT_INDIRECT_OWNERSHIP": "D"}
    tables = {
        "SUBMISSION": [
            {
                "ACCESSION_NUMBER": acc,
                "FILING_DATE": "13-FEB-2025",
                "PERIOD_OF_REPORT": "12-FEB-2025",
            }
            | {"DOCUMENT_TYPE": "4", "ISSUERCIK": "0000007536"}
            | {"ISSUERNAME": "ARROW ELECTRONICS, INC.", "ISSUERTRADINGSYMBOL": "ARW"}
        ],
        "REPORTINGOWNER": [
            {"ACCESSION_NUMBER": acc, "RPTOWNERCIK": "0001870985"}
            | {"RPTOWNERNAME": "Jean-Claude Carine Lamercie", "RPTOWNER_RELATIONSHIP": "Officer"}
            | {
                "RPTOWNER_TITLE": "SVP, CLO & Secretary",
                "RPTOWNER_STREET1": "C/O ARROW ELECTRONICS, INC.",
            }
            | {"RPTOWNER_STREET2": "9151 EAST PANORAMA CIRCLE", "RPTOWNER_CITY": "CENTENNIAL"}
            | {"RPTOWNER_STATE": "CO", "RPTOWNER_ZIPCODE": "80112", "FILE_NUMBER": "001-04482"}
        ],
        "NONDERIV_TRANS": [
            trade
            | {"NONDERIV_TRANS_SK": "2", "SECURITY_TITLE_FN": "F2", "TRANS_CODE": "F"}
            | {
                "TRANS_SHARES": "1009",
                "TRANS_ACQUIRED_DISP_CD": "D",
                "SHRS_OWND_FOLWNG_TRANS": "20869",
            },
            trade
            | {"NONDERIV_TRANS_SK": "1", "SECURITY_TITLE_FN": "F1", "TRANS_CODE": "A"}
            | {
                "TRANS_SHARES": "2193",
                "TRANS_ACQUIRED_DISP_CD": "A",
                "SHRS_OWND_FOLWNG_TRANS": "21878",
            },
        ],
        "FOOTNOTES": [
            {"ACCESSION_NUMBER": acc, "FOOTNOTE_ID": "F1", "FOOTNOTE_TXT": quoted_f1},
            {"ACCESSION_NUMBER": acc, "FOOTNOTE_ID": "F2", "FOOTNOTE_TXT": f2},
        ],
    }
    for table, rows in tables.items():
        (tmp_path / f"{table}.tsv").write_text(_tsv(table, rows), encoding="utf-8")
    with pytest.warns(DatasetWarning, match="DERIV_HOLDING"):
        (filing,) = iter_dataset(tmp_path)

    def row(seq: int, code: str, shares: float, ad: str, after: float, fn: str) -> Transaction:
        return Transaction(
            seq=seq,
            derivative=False,
            security_title="Common Stock",
            transaction_date=date(2025, 2, 12),
            transaction_code=code,
            transaction_form_type="4",
            equity_swap_involved=False,
            shares=shares,
            price_per_share=106.82,
            acquired_disposed=ad,
            shares_after=after,
            direct_indirect="D",
            footnotes=(FieldFootnote("security_title", fn),),
        )

    assert filing == Filing(
        accession=acc,
        fingerprint=f"dataset:{acc}",
        document_type="4",
        schema_version=None,
        period_of_report=date(2025, 2, 12),
        issuer=Issuer("0000007536", "ARROW ELECTRONICS, INC.", "ARW"),
        owners=(
            ReportingOwner(
                cik="0001870985",
                name="Jean-Claude Carine Lamercie",
                address=Address(
                    street1="C/O ARROW ELECTRONICS, INC.",
                    street2="9151 EAST PANORAMA CIRCLE",
                    city="CENTENNIAL",
                    state="CO",
                    zip_code="80112",
                ),
                is_officer=True,
                officer_title="SVP, CLO & Secretary",
            ),
        ),
        transactions=(
            row(1, "A", 2193.0, "A", 21878.0, "F1"),
            row(2, "F", 1009.0, "D", 20869.0, "F2"),
        ),
        footnotes=(Footnote("F1", f1), Footnote("F2", f2)),
        filed=date(2025, 2, 13),
        extra=(("REPORTINGOWNER[cik=0001870985]/FILE_NUMBER", "001-04482"),),
        source=f"{tmp_path}#{acc}",
    )


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
