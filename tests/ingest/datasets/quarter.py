"""Build a complete SEC Insider Transactions Data Set (all eight tables, the SEC's own header
spellings, ``DD-MON-YYYY`` dates) from real full submissions, the way the SEC flattens them:
the test of data set ingest compares its graph with the graph of the same submissions.

Plain lxml and csv, nothing from ingest/: values are the XML's own text, footnote ids are
comma-joined, booleans are copied as written (0/1/true/false).
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from lxml import etree

from tests.sec_tables import SEC_HEADERS, SUBMISSION_FROM_2023

# SUBMISSION as from 2023 Q1 (with AFF10B5ONE), the other tables as ever.
COLUMNS = SEC_HEADERS | {"SUBMISSION": SUBMISSION_FROM_2023}
# column (without _FN) → path below a table row; a value is the path's <value> when it has one
ROW_FIELDS = {
    "SECURITY_TITLE": "securityTitle",
    "CONV_EXERCISE_PRICE": "conversionOrExercisePrice",
    "TRANS_DATE": "transactionDate",
    "DEEMED_EXECUTION_DATE": "deemedExecutionDate",
    "TRANS_FORM_TYPE": "transactionCoding/transactionFormType",
    "TRANS_CODE": "transactionCoding/transactionCode",
    "EQUITY_SWAP_INVOLVED": "transactionCoding/equitySwapInvolved",
    "EQUITY_SWAP_TRANS_CD": "transactionCoding",  # only its _FN: footnotes on the coding
    "TRANS_TIMELINESS": "transactionTimeliness",
    "TRANS_SHARES": "transactionAmounts/transactionShares",
    "TRANS_TOTAL_VALUE": "transactionAmounts/transactionTotalValue",
    "TRANS_PRICEPERSHARE": "transactionAmounts/transactionPricePerShare",
    "TRANS_ACQUIRED_DISP_CD": "transactionAmounts/transactionAcquiredDisposedCode",
    "EXCERCISE_DATE": "exerciseDate",
    "EXERCISE_DATE": "exerciseDate",
    "EXPIRATION_DATE": "expirationDate",
    "UNDLYNG_SEC_TITLE": "underlyingSecurity/underlyingSecurityTitle",
    "UNDLYNG_SEC_SHARES": "underlyingSecurity/underlyingSecurityShares",
    "UNDLYNG_SEC_VALUE": "underlyingSecurity/underlyingSecurityValue",
    "SHRS_OWND_FOLWNG_TRANS": "postTransactionAmounts/sharesOwnedFollowingTransaction",
    "VALU_OWND_FOLWNG_TRANS": "postTransactionAmounts/valueOwnedFollowingTransaction",
    "DIRECT_INDIRECT_OWNERSHIP": "ownershipNature/directOrIndirectOwnership",
    "NATURE_OF_OWNERSHIP": "ownershipNature/natureOfOwnership",
}
ROW_TABLES = (
    ("NONDERIV_TRANS", "nonDerivativeTable/nonDerivativeTransaction"),
    ("NONDERIV_HOLDING", "nonDerivativeTable/nonDerivativeHolding"),
    ("DERIV_TRANS", "derivativeTable/derivativeTransaction"),
    ("DERIV_HOLDING", "derivativeTable/derivativeHolding"),
)
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
_XML = re.compile(rb"<XML>\s*(.*?)\s*</XML>", re.DOTALL)
_HEADER = {
    "accession": re.compile(rb"(?:ACCESSION NUMBER:|<ACCESSION-NUMBER>)\s*([\d-]{20})"),
    "filed": re.compile(rb"(?:FILED AS OF DATE:|<FILING-DATE>)\s*(\d{8})"),
    "file_number": re.compile(rb"(?:SEC FILE NUMBER:|<FILE-NUMBER>)\s*([\d-]+)"),
}


def sec_date(text: str | None) -> str:
    """``2025-03-28`` (or ``20250328``) as the data sets write it: ``28-MAR-2025``."""
    if not text:
        return ""
    digits = text.strip()[:10].replace("-", "")
    day = date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    return f"{day.day:02d}-{MONTHS[day.month - 1]}-{day.year}"


def _text(node: etree._Element | None, path: str) -> str:
    found = node.find(path) if node is not None else None
    if found is None:
        return ""
    value = found.find("value")
    return ((value if value is not None else found).text or "").strip()


def _footnote_ids(node: etree._Element, path: str) -> str:
    found = node.find(path)
    if found is None:
        return ""
    return ",".join(f.get("id", "") for f in found.findall("footnoteId"))


def flatten(submission: bytes) -> dict[str, list[dict[str, str]]]:
    """The rows one full submission adds to each table (surrogate keys left to the caller)."""
    root = etree.fromstring(_XML.search(submission)[1])  # type: ignore[index]
    head = {k: (m[1].decode() if (m := p.search(submission)) else "") for k, p in _HEADER.items()}
    acc = head["accession"]
    tables: dict[str, list[dict[str, str]]] = {t: [] for t in COLUMNS}
    tables["SUBMISSION"].append(
        {
            "ACCESSION_NUMBER": acc,
            "FILING_DATE": sec_date(head["filed"]),
            "PERIOD_OF_REPORT": sec_date(_text(root, "periodOfReport")),
            "DATE_OF_ORIG_SUB": sec_date(_text(root, "dateOfOriginalSubmission")),
            "NO_SECURITIES_OWNED": _text(root, "noSecuritiesOwned"),
            "NOT_SUBJECT_SEC16": _text(root, "notSubjectToSection16"),
            "FORM3_HOLDINGS_REPORTED": _text(root, "form3HoldingsReported"),
            "FORM4_TRANS_REPORTED": _text(root, "form4TransactionsReported"),
            "DOCUMENT_TYPE": _text(root, "documentType"),
            "ISSUERCIK": _text(root, "issuer/issuerCik"),
            "ISSUERNAME": _text(root, "issuer/issuerName"),
            "ISSUERTRADINGSYMBOL": _text(root, "issuer/issuerTradingSymbol"),
            "REMARKS": _text(root, "remarks"),
            "AFF10B5ONE": _text(root, "aff10b5One"),
        }
    )
    for owner in root.findall("reportingOwner"):
        relation = owner.find("reportingOwnerRelationship")
        roles = [
            name
            for flag, name in (
                ("isDirector", "Director"),
                ("isOfficer", "Officer"),
                ("isTenPercentOwner", "TenPercentOwner"),
                ("isOther", "Other"),
            )
            if _text(relation, flag).lower() in ("1", "true")
        ]
        address = "reportingOwnerAddress/rptOwner"
        tables["REPORTINGOWNER"].append(
            {
                "ACCESSION_NUMBER": acc,
                "RPTOWNERCIK": _text(owner, "reportingOwnerId/rptOwnerCik"),
                "RPTOWNERNAME": _text(owner, "reportingOwnerId/rptOwnerName"),
                "RPTOWNER_RELATIONSHIP": ",".join(roles),
                "RPTOWNER_TITLE": _text(relation, "officerTitle"),
                "RPTOWNER_TXT": _text(relation, "otherText"),
                "RPTOWNER_STREET1": _text(owner, address + "Street1"),
                "RPTOWNER_STREET2": _text(owner, address + "Street2"),
                "RPTOWNER_CITY": _text(owner, address + "City"),
                "RPTOWNER_STATE": _text(owner, address + "State"),
                "RPTOWNER_ZIPCODE": _text(owner, address + "ZipCode"),
                "RPTOWNER_STATE_DESC": _text(owner, address + "StateDescription"),
                "FILE_NUMBER": head["file_number"],
            }
        )
    for table, path in ROW_TABLES:
        columns = COLUMNS[table].split()
        for node in root.findall(path):
            row = {"ACCESSION_NUMBER": acc}
            for column in columns[2:]:
                base = column.removesuffix("_FN")
                if column.endswith("_FN"):
                    row[column] = _footnote_ids(node, ROW_FIELDS[base])
                elif base != "EQUITY_SWAP_TRANS_CD":
                    value = _text(node, ROW_FIELDS[base])
                    row[column] = sec_date(value) if "DATE" in column and value else value
            tables[table].append(row)
    for note in root.findall("footnotes/footnote"):
        tables["FOOTNOTES"].append(
            {
                "ACCESSION_NUMBER": acc,
                "FOOTNOTE_ID": note.get("id", ""),
                "FOOTNOTE_TXT": "".join(note.itertext()).strip(),
            }
        )
    for sig in root.findall("ownerSignature"):
        tables["OWNER_SIGNATURE"].append(
            {
                "ACCESSION_NUMBER": acc,
                "OWNERSIGNATURENAME": _text(sig, "signatureName"),
                "OWNERSIGNATUREDATE": sec_date(_text(sig, "signatureDate")),
            }
        )
    return tables


def write_quarter(submissions: Iterable[bytes], zip_path: Path) -> Path:
    """A ``YYYYqN_form345.zip`` of the eight tables holding every submission's rows."""
    tables: dict[str, list[dict[str, str]]] = {t: [] for t in COLUMNS}
    for submission in submissions:
        for table, rows in flatten(submission).items():
            tables[table] += rows
    with zipfile.ZipFile(zip_path, "w", zipfile.ZIP_DEFLATED) as archive:
        for table, header in COLUMNS.items():
            columns = header.split()
            out = io.StringIO()
            writer = csv.writer(out, delimiter="\t", lineterminator="\n")
            writer.writerow(columns)
            for sk, row in enumerate(tables[table], 1):
                if columns[1].endswith("_SK"):
                    row[columns[1]] = str(sk)
                writer.writerow([row.get(c, "") for c in columns])
            archive.writestr(f"{table}.tsv", out.getvalue())
    return zip_path
