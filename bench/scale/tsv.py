"""Filing records as one quarter of the SEC Insider Transactions Data Sets: ``YYYYqN_form345.zip``.

The eight tables carry the SEC's own headers and spellings (``EXCERCISE_DATE`` in DERIV_TRANS,
``AFF10B5ONE`` in SUBMISSION from 2023 Q1), dates as ``DD-MON-YYYY``, footnote ids comma-joined
per ``*_FN`` column. Rows go straight to per-table files, zipped when the quarter closes, so
memory does not grow with the quarter. Generated text never holds tabs, newlines or quotes.
"""

from __future__ import annotations

import shutil
import zipfile
from datetime import date
from pathlib import Path
from typing import IO

from ingest.datasets import TABLES
from ingest.records import FieldFootnote, Filing, Holding, Transaction

__all__ = ["HEADERS", "DatasetQuarter", "dataset_day"]

HEADERS: dict[str, tuple[str, ...]] = {
    "SUBMISSION": (
        *("ACCESSION_NUMBER", "FILING_DATE", "PERIOD_OF_REPORT", "DATE_OF_ORIG_SUB"),
        *("NO_SECURITIES_OWNED", "NOT_SUBJECT_SEC16", "FORM3_HOLDINGS_REPORTED"),
        *("FORM4_TRANS_REPORTED", "DOCUMENT_TYPE", "ISSUERCIK", "ISSUERNAME"),
        *("ISSUERTRADINGSYMBOL", "REMARKS"),
    ),
    "REPORTINGOWNER": (
        *("ACCESSION_NUMBER", "RPTOWNERCIK", "RPTOWNERNAME", "RPTOWNER_RELATIONSHIP"),
        *("RPTOWNER_TITLE", "RPTOWNER_TXT", "RPTOWNER_STREET1", "RPTOWNER_STREET2"),
        *("RPTOWNER_CITY", "RPTOWNER_STATE", "RPTOWNER_ZIPCODE", "RPTOWNER_STATE_DESC"),
        "FILE_NUMBER",
    ),
    "NONDERIV_TRANS": (
        *("ACCESSION_NUMBER", "NONDERIV_TRANS_SK", "SECURITY_TITLE", "SECURITY_TITLE_FN"),
        *("TRANS_DATE", "TRANS_DATE_FN", "DEEMED_EXECUTION_DATE", "DEEMED_EXECUTION_DATE_FN"),
        *("TRANS_FORM_TYPE", "TRANS_CODE", "EQUITY_SWAP_INVOLVED", "EQUITY_SWAP_TRANS_CD_FN"),
        *("TRANS_TIMELINESS", "TRANS_TIMELINESS_FN", "TRANS_SHARES", "TRANS_SHARES_FN"),
        *("TRANS_PRICEPERSHARE", "TRANS_PRICEPERSHARE_FN", "TRANS_ACQUIRED_DISP_CD"),
        *("TRANS_ACQUIRED_DISP_CD_FN", "SHRS_OWND_FOLWNG_TRANS", "SHRS_OWND_FOLWNG_TRANS_FN"),
        *("VALU_OWND_FOLWNG_TRANS", "VALU_OWND_FOLWNG_TRANS_FN", "DIRECT_INDIRECT_OWNERSHIP"),
        *("DIRECT_INDIRECT_OWNERSHIP_FN", "NATURE_OF_OWNERSHIP", "NATURE_OF_OWNERSHIP_FN"),
    ),
    "NONDERIV_HOLDING": (
        *("ACCESSION_NUMBER", "NONDERIV_HOLDING_SK", "SECURITY_TITLE", "SECURITY_TITLE_FN"),
        *("TRANS_FORM_TYPE", "TRANS_FORM_TYPE_FN", "SHRS_OWND_FOLWNG_TRANS"),
        *("SHRS_OWND_FOLWNG_TRANS_FN", "VALU_OWND_FOLWNG_TRANS", "VALU_OWND_FOLWNG_TRANS_FN"),
        *("DIRECT_INDIRECT_OWNERSHIP", "DIRECT_INDIRECT_OWNERSHIP_FN", "NATURE_OF_OWNERSHIP"),
        "NATURE_OF_OWNERSHIP_FN",
    ),
    "DERIV_TRANS": (
        *("ACCESSION_NUMBER", "DERIV_TRANS_SK", "SECURITY_TITLE", "SECURITY_TITLE_FN"),
        *("CONV_EXERCISE_PRICE", "CONV_EXERCISE_PRICE_FN", "TRANS_DATE", "TRANS_DATE_FN"),
        *("DEEMED_EXECUTION_DATE", "DEEMED_EXECUTION_DATE_FN", "TRANS_FORM_TYPE", "TRANS_CODE"),
        *("EQUITY_SWAP_INVOLVED", "EQUITY_SWAP_TRANS_CD_FN", "TRANS_TIMELINESS"),
        *("TRANS_TIMELINESS_FN", "TRANS_SHARES", "TRANS_SHARES_FN", "TRANS_TOTAL_VALUE"),
        *("TRANS_TOTAL_VALUE_FN", "TRANS_PRICEPERSHARE", "TRANS_PRICEPERSHARE_FN"),
        *("TRANS_ACQUIRED_DISP_CD", "TRANS_ACQUIRED_DISP_CD_FN", "EXCERCISE_DATE"),
        *("EXCERCISE_DATE_FN", "EXPIRATION_DATE", "EXPIRATION_DATE_FN", "UNDLYNG_SEC_TITLE"),
        *("UNDLYNG_SEC_TITLE_FN", "UNDLYNG_SEC_SHARES", "UNDLYNG_SEC_SHARES_FN"),
        *("UNDLYNG_SEC_VALUE", "UNDLYNG_SEC_VALUE_FN", "SHRS_OWND_FOLWNG_TRANS"),
        *("SHRS_OWND_FOLWNG_TRANS_FN", "VALU_OWND_FOLWNG_TRANS", "VALU_OWND_FOLWNG_TRANS_FN"),
        *("DIRECT_INDIRECT_OWNERSHIP", "DIRECT_INDIRECT_OWNERSHIP_FN", "NATURE_OF_OWNERSHIP"),
        "NATURE_OF_OWNERSHIP_FN",
    ),
    "DERIV_HOLDING": (
        *("ACCESSION_NUMBER", "DERIV_HOLDING_SK", "SECURITY_TITLE", "SECURITY_TITLE_FN"),
        *("CONV_EXERCISE_PRICE", "CONV_EXERCISE_PRICE_FN", "TRANS_FORM_TYPE"),
        *("TRANS_FORM_TYPE_FN", "EXERCISE_DATE", "EXERCISE_DATE_FN", "EXPIRATION_DATE"),
        *("EXPIRATION_DATE_FN", "UNDLYNG_SEC_TITLE", "UNDLYNG_SEC_TITLE_FN"),
        *("UNDLYNG_SEC_SHARES", "UNDLYNG_SEC_SHARES_FN", "UNDLYNG_SEC_VALUE"),
        *("UNDLYNG_SEC_VALUE_FN", "SHRS_OWND_FOLWNG_TRANS", "SHRS_OWND_FOLWNG_TRANS_FN"),
        *("VALU_OWND_FOLWNG_TRANS", "VALU_OWND_FOLWNG_TRANS_FN", "DIRECT_INDIRECT_OWNERSHIP"),
        *("DIRECT_INDIRECT_OWNERSHIP_FN", "NATURE_OF_OWNERSHIP", "NATURE_OF_OWNERSHIP_FN"),
    ),
    "FOOTNOTES": ("ACCESSION_NUMBER", "FOOTNOTE_ID", "FOOTNOTE_TXT"),
    "OWNER_SIGNATURE": ("ACCESSION_NUMBER", "OWNERSIGNATURENAME", "OWNERSIGNATUREDATE"),
}
_MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_DAYS: dict[date, str] = {}
_COLUMNS = {  # record field -> data set column (its *_FN column is the footnote's)
    "security_title": "SECURITY_TITLE",
    "conversion_or_exercise_price": "CONV_EXERCISE_PRICE",
    "transaction_date": "TRANS_DATE",
    "transaction_code": "EQUITY_SWAP_TRANS_CD",  # footnote on <transactionCoding>
    "shares": "TRANS_SHARES",
    "price_per_share": "TRANS_PRICEPERSHARE",
    "exercise_date": "EXERCISE_DATE",
    "expiration_date": "EXPIRATION_DATE",
    "shares_after": "SHRS_OWND_FOLWNG_TRANS",
    "shares_owned": "SHRS_OWND_FOLWNG_TRANS",
    "nature_of_ownership": "NATURE_OF_OWNERSHIP",
}


def dataset_day(day: date | None) -> str:
    """``31-MAR-2025``, the data sets' date format ("" for None)."""
    if day is None:
        return ""
    text = _DAYS.get(day)
    if text is None:
        text = _DAYS[day] = f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"
    return text


def _num(value: float | None) -> str:
    return "" if value is None else repr(value)


def _flag(value: bool | None) -> str:
    return "" if value is None else "1" if value else "0"


def _text(value: str | None) -> str:
    return value or ""


_NONE: dict[str, str] = {}


def _footnote_columns(footnotes: tuple[FieldFootnote, ...]) -> dict[str, str]:
    """Data set column (less ``_FN``) -> its comma-joined footnote ids."""
    found: dict[str, str] = {}
    for note in footnotes:
        column = _COLUMNS[note.field]
        found[column] = (
            f"{found[column]}, {note.footnote_id}" if column in found else note.footnote_id
        )
    return found


class DatasetQuarter:
    """One quarter's tables, written row by row, zipped as ``<name>_form345.zip`` on close."""

    def __init__(self, out: Path, name: str, sk_base: int, aff10b5one: bool) -> None:
        self.path = out / f"{name}_form345.zip"
        self.work = out / f".{name}.tmp"
        self.work.mkdir(parents=True, exist_ok=True)
        self.headers = dict(HEADERS)
        if aff10b5one:
            self.headers["SUBMISSION"] = (*HEADERS["SUBMISSION"], "AFF10B5ONE")
        self.files: dict[str, IO[str]] = {}
        for table in TABLES:
            handle = (self.work / f"{table}.tsv").open("w", encoding="utf-8", newline="")
            handle.write("\t".join(self.headers[table]) + "\n")
            self.files[table] = handle
        self.aff10b5one = aff10b5one
        self.sk = dict.fromkeys(
            ("NONDERIV_TRANS", "NONDERIV_HOLDING", "DERIV_TRANS", "DERIV_HOLDING"), sk_base
        )

    def add(self, f: Filing) -> None:
        acc = f.accession
        issuer = f.issuer
        submission = [
            *(acc, dataset_day(f.filed), dataset_day(f.period_of_report)),
            *(dataset_day(f.date_of_original_submission), _flag(f.no_securities_owned)),
            *(_flag(f.not_subject_to_section16), _flag(f.form3_holdings_reported)),
            *(_flag(f.form4_transactions_reported), f.document_type, issuer.cik),
            *(_text(issuer.name), _text(issuer.ticker), _text(f.remarks)),
        ]
        if self.aff10b5one:
            submission.append(_flag(f.aff10b5one))
        self.files["SUBMISSION"].write("\t".join(submission) + "\n")
        out = self.files["REPORTINGOWNER"]
        for o in f.owners:
            roles = [("Director", o.is_director), ("Officer", o.is_officer)]
            roles += [("TenPercentOwner", o.is_ten_percent_owner), ("Other", o.is_other)]
            a = o.address
            values = [acc, o.cik, _text(o.name), ",".join(name for name, held in roles if held)]
            values += (_text(o.officer_title), _text(o.other_text), _text(a.street1))
            values += (_text(a.street2), _text(a.city), _text(a.state), _text(a.zip_code))
            values += (_text(a.state_description), "")
            out.write("\t".join(values) + "\n")
        for t in f.transactions:
            self._transaction(acc, t)
        for h in f.holdings:
            self._holding(acc, h)
        out = self.files["FOOTNOTES"]
        for note in f.footnotes:
            out.write(f"{acc}\t{note.footnote_id}\t{note.text}\n")
        out = self.files["OWNER_SIGNATURE"]
        for s in f.signatures:
            out.write(f"{acc}\t{_text(s.name)}\t{dataset_day(s.signature_date)}\n")

    def _transaction(self, acc: str, t: Transaction) -> None:
        """One NONDERIV_TRANS or DERIV_TRANS line: one f-string, the hot path of a big corpus."""
        table = "DERIV_TRANS" if t.derivative else "NONDERIV_TRANS"
        sk = self.sk[table] = self.sk[table] + 1
        fn = (_footnote_columns(t.footnotes) if t.footnotes else _NONE).get
        day = dataset_day
        head = f"{acc}\t{sk}\t{t.security_title or ''}\t{fn('SECURITY_TITLE', '')}\t"
        coding = (
            f"{day(t.transaction_date)}\t{fn('TRANS_DATE', '')}\t{day(t.deemed_execution_date)}\t\t"
            f"{t.transaction_form_type or ''}\t{t.transaction_code or ''}\t"
            f"{_flag(t.equity_swap_involved)}\t{fn('EQUITY_SWAP_TRANS_CD', '')}\t"
            f"{t.transaction_timeliness or ''}\t\t{_num(t.shares)}\t{fn('TRANS_SHARES', '')}\t"
        )
        price = (
            f"{_num(t.price_per_share)}\t{fn('TRANS_PRICEPERSHARE', '')}\t"
            f"{t.acquired_disposed or ''}\t\t"
        )
        tail = (
            f"{_num(t.shares_after)}\t{fn('SHRS_OWND_FOLWNG_TRANS', '')}\t{_num(t.value_after)}"
            f"\t\t{t.direct_indirect or ''}\t\t{t.nature_of_ownership or ''}\t"
            f"{fn('NATURE_OF_OWNERSHIP', '')}\n"
        )
        if not t.derivative:
            self.files[table].write(head + coding + price + tail)
            return
        conversion = f"{_num(t.conversion_or_exercise_price)}\t{fn('CONV_EXERCISE_PRICE', '')}\t"
        terms = (
            f"{day(t.exercise_date)}\t{fn('EXERCISE_DATE', '')}\t{day(t.expiration_date)}\t"
            f"{fn('EXPIRATION_DATE', '')}\t{t.underlying_title or ''}\t\t"
            f"{_num(t.underlying_shares)}\t\t{_num(t.underlying_value)}\t\t"
        )
        total = f"{_num(t.total_value)}\t\t"
        self.files[table].write(head + conversion + coding + total + price + terms + tail)

    def _holding(self, acc: str, h: Holding) -> None:
        table = "DERIV_HOLDING" if h.derivative else "NONDERIV_HOLDING"
        self.sk[table] += 1
        n = _footnote_columns(h.footnotes) if h.footnotes else _NONE
        values = [acc, str(self.sk[table]), _text(h.security_title), n.get("SECURITY_TITLE", "")]
        if h.derivative:
            values += (_num(h.conversion_or_exercise_price), n.get("CONV_EXERCISE_PRICE", ""))
        values += (_text(h.transaction_form_type), "")
        if h.derivative:
            values += (dataset_day(h.exercise_date), n.get("EXERCISE_DATE", ""))
            values += (dataset_day(h.expiration_date), n.get("EXPIRATION_DATE", ""))
            values += (_text(h.underlying_title), "", _num(h.underlying_shares), "")
            values += (_num(h.underlying_value), "")
        values += (_num(h.shares_owned), n.get("SHRS_OWND_FOLWNG_TRANS", ""))
        values += (_num(h.value_owned), "", _text(h.direct_indirect), "")
        values += (_text(h.nature_of_ownership), n.get("NATURE_OF_OWNERSHIP", ""))
        self.files[table].write("\t".join(values) + "\n")

    def close(self) -> Path:
        """Zip the eight tables into the quarter's archive and remove the working files."""
        for handle in self.files.values():
            handle.close()
        partial = self.path.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
            for table in TABLES:  # members opened by name are dated 1980-01-01: same bytes
                source = self.work / f"{table}.tsv"
                with source.open("rb") as src, archive.open(f"{table}.tsv", "w") as dst:
                    shutil.copyfileobj(src, dst, 1 << 20)
        partial.replace(self.path)
        shutil.rmtree(self.work)
        return self.path
