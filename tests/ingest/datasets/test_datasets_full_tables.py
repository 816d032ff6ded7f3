"""The data set tables the corpus sample lacks (REPORTINGOWNER, NONDERIV_TRANS, FOOTNOTES),
built in a temporary folder with headers from FORM_345_metadata.json and values copied from the
real ARW Form 4 (tests/data/sources/), map to whole records.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from ingest.datasets import DatasetWarning, iter_dataset
from ingest.records import (
    Address,
    FieldFootnote,
    Filing,
    Footnote,
    Issuer,
    ReportingOwner,
    Transaction,
)
from tests.paths import DATA

SAMPLE = DATA / "datasets" / "2024q3_form345_sample"
SOURCES = DATA / "sources"
ABSENT = ("REPORTINGOWNER", "NONDERIV_TRANS", "FOOTNOTES")
SIGNER = "/s/ Adam Hennessey, as attorney-in-fact for "


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
