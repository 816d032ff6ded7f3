"""Map one row of an SEC Insider Transactions Data Set table to a record; datasets.py groups them.

Columns follow FORM_345_readme.htm. A column no mapping reads, and a value that does not
convert, is kept as ``(column, text)`` in ``Row.leftovers()`` so nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TypeVar

from ingest.records import (
    Address,
    FieldFootnote,
    Footnote,
    Holding,
    ReportingOwner,
    Signature,
    Transaction,
)
from ingest.values import strict_day, strict_number

__all__ = [
    "Row",
    "footnote_from_row",
    "holding_from_row",
    "owner_from_row",
    "parse_dataset_date",
    "signature_from_row",
    "transaction_from_row",
]

_T = TypeVar("_T")
_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_TRUE, _FALSE = frozenset({"1", "true", "y", "yes"}), frozenset({"0", "false", "n", "no"})
_ROW_FOOTNOTES = (
    ("SECURITY_TITLE_FN", "security_title"),
    ("CONV_EXERCISE_PRICE_FN", "conversion_or_exercise_price"),
    ("TRANS_FORM_TYPE_FN", "transaction_form_type"),
    ("TRANS_DATE_FN", "transaction_date"),
    ("DEEMED_EXECUTION_DATE_FN", "deemed_execution_date"),
    ("EQUITY_SWAP_TRANS_CD_FN", "transaction_code"),  # footnote on <transactionCoding>
    ("EQUITY_SWAP_INVOLVED_FN", "transaction_code"),  # the name FORM_345_metadata.json uses
    ("TRANS_TIMELINESS_FN", "transaction_timeliness"),
    ("TRANS_SHARES_FN", "shares"),
    ("TRANS_TOTAL_VALUE_FN", "total_value"),
    ("TRANS_PRICEPERSHARE_FN", "price_per_share"),
    ("TRANS_ACQUIRED_DISP_CD_FN", "acquired_disposed"),
    ("EXCERCISE_DATE_FN", "exercise_date"),  # sic: DERIV_TRANS spells it so
    ("EXERCISE_DATE_FN", "exercise_date"),
    ("EXPIRATION_DATE_FN", "expiration_date"),
    ("UNDLYNG_SEC_TITLE_FN", "underlying_title"),
    ("UNDLYNG_SEC_SHARES_FN", "underlying_shares"),
    ("UNDLYNG_SEC_VALUE_FN", "underlying_value"),
    ("SHRS_OWND_FOLWNG_TRANS_FN", "shares_after"),
    ("VALU_OWND_FOLWNG_TRANS_FN", "value_after"),
    ("DIRECT_INDIRECT_OWNERSHIP_FN", "direct_indirect"),
    ("NATURE_OF_OWNERSHIP_FN", "nature_of_ownership"),
)
_HOLDING_FIELD = {"shares_after": "shares_owned", "value_after": "value_owned"}
_FIELD_OF_COLUMN = {  # columns read as numbers, dates or flags -> record field, for warnings
    "TRANS_DATE": "transaction_date",
    "DEEMED_EXECUTION_DATE": "deemed_execution_date",
    "EQUITY_SWAP_INVOLVED": "equity_swap_involved",
    "TRANS_SHARES": "shares",
    "TRANS_TOTAL_VALUE": "total_value",
    "TRANS_PRICEPERSHARE": "price_per_share",
    "SHRS_OWND_FOLWNG_TRANS": "shares_after",
    "VALU_OWND_FOLWNG_TRANS": "value_after",
    "CONV_EXERCISE_PRICE": "conversion_or_exercise_price",
    "EXCERCISE_DATE": "exercise_date",
    "EXERCISE_DATE": "exercise_date",
    "EXPIRATION_DATE": "expiration_date",
    "UNDLYNG_SEC_SHARES": "underlying_shares",
    "UNDLYNG_SEC_VALUE": "underlying_value",
    "PERIOD_OF_REPORT": "period_of_report",
    "FILING_DATE": "filed",
    "DATE_OF_ORIG_SUB": "date_of_original_submission",
    "NOT_SUBJECT_SEC16": "not_subject_to_section16",
    "NO_SECURITIES_OWNED": "no_securities_owned",
    "FORM3_HOLDINGS_REPORTED": "form3_holdings_reported",
    "FORM4_TRANS_REPORTED": "form4_transactions_reported",
    "AFF10B5ONE": "aff10b5one",
}


def parse_dataset_date(text: str) -> date | None:
    """``28-MAR-2025`` (or ISO ``2025-03-28``) to a date; None when empty or malformed."""
    text = text.strip()
    try:
        if len(text) == 11 and text[2] == "-" and text[:2].isascii() and text[7:].isascii():
            return date(int(text[7:]), _MONTHS[text[3:6].upper()], int(text[:2]))
        return strict_day(text) if text else None
    except (KeyError, ValueError):
        return None


class Row:
    """One TSV row; typed getters remember which columns were read."""

    __slots__ = ("_read", "_unreadable", "_values")

    def __init__(self, values: dict[str, str]) -> None:
        self._values = values
        self._read: set[str] = {"ACCESSION_NUMBER"}
        self._unreadable: list[tuple[str, str]] = []  # (column, text) that did not convert

    def text(self, *columns: str) -> str | None:
        """The first of ``columns`` present, stripped; None when empty."""
        for column in columns:
            if column in self._values:
                self._read.add(column)
                return self._values[column].strip() or None
        return None

    def number(self, *columns: str) -> float | None:
        return self._convert(columns, _to_float)

    def day(self, *columns: str) -> date | None:
        return self._convert(columns, parse_dataset_date)

    def flag(self, *columns: str) -> bool | None:
        return self._convert(columns, _to_bool)

    def _convert(self, columns: tuple[str, ...], convert: Callable[[str], _T | None]) -> _T | None:
        raw = self.text(*columns)
        value = convert(raw) if raw is not None else None
        if raw is not None and value is None:
            self._read.difference_update(columns)  # keep the unconvertible text as a leftover
            self._unreadable.append((next(c for c in columns if c in self._values), raw))
        return value

    def unreadable(self, renames: dict[str, str] | None = None) -> tuple[tuple[str, str], ...]:
        """(record field, text) of every value read so far that did not convert."""
        fields = ((_FIELD_OF_COLUMN.get(c, c.lower()), text) for c, text in self._unreadable)
        return tuple(((renames or {}).get(field, field), text) for field, text in fields)

    def footnotes(self, renames: dict[str, str] | None = None) -> tuple[FieldFootnote, ...]:
        """Every ``*_FN`` column's ids ("F1, F2") as FieldFootnotes, in column order."""
        found: list[FieldFootnote] = []
        for column, field in _ROW_FOOTNOTES:
            ids = self.text(column)
            field = (renames or {}).get(field, field)
            for footnote_id in dict.fromkeys((ids or "").replace(";", ",").split(",")):
                if footnote_id.strip():
                    found.append(FieldFootnote(field, footnote_id.strip()))
        return tuple(found)

    def leftovers(self) -> tuple[tuple[str, str], ...]:
        """Non-empty columns nothing read (surrogate keys ``*_SK`` excepted)."""
        return tuple(
            (column, value.strip())
            for column, value in self._values.items()
            if value.strip() and column not in self._read and not column.endswith("_SK")
        )


def _to_float(text: str) -> float | None:
    try:
        return strict_number(text)
    except ValueError:
        return None


def _to_bool(text: str) -> bool | None:
    lowered = text.lower()
    return True if lowered in _TRUE else False if lowered in _FALSE else None


def _cik(text: str | None) -> str:
    return (text or "").zfill(10)


def owner_from_row(row: Row) -> ReportingOwner:
    """REPORTINGOWNER: RPTOWNER_RELATIONSHIP lists DIRECTOR, OFFICER, TENPERCENTOWNER, OTHER."""
    roles = {
        "".join(ch for ch in part.upper() if ch.isalnum())
        for part in (row.text("RPTOWNER_RELATIONSHIP") or "").split(",")
    }
    address = Address(
        street1=row.text("RPTOWNER_STREET1"),
        street2=row.text("RPTOWNER_STREET2"),
        city=row.text("RPTOWNER_CITY"),
        state=row.text("RPTOWNER_STATE"),
        zip_code=row.text("RPTOWNER_ZIPCODE"),
        state_description=row.text("RPTOWNER_STATE_DESC"),
    )
    return ReportingOwner(
        cik=_cik(row.text("RPTOWNERCIK")),
        name=row.text("RPTOWNERNAME"),
        address=address,
        is_director="DIRECTOR" in roles,
        is_officer="OFFICER" in roles,
        officer_title=row.text("RPTOWNER_TITLE"),
        is_ten_percent_owner=bool(roles & {"TENPERCENTOWNER", "10OWNER", "10PERCENTOWNER"}),
        is_other="OTHER" in roles,
        other_text=row.text("RPTOWNER_TXT"),
    )


def transaction_from_row(row: Row, derivative: bool) -> Transaction:
    """NONDERIV_TRANS or DERIV_TRANS; ``seq`` is 0 until datasets.py numbers the filing's rows."""
    return Transaction(
        seq=0,
        derivative=derivative,
        security_title=row.text("SECURITY_TITLE"),
        transaction_date=row.day("TRANS_DATE"),
        transaction_code=row.text("TRANS_CODE"),
        transaction_form_type=row.text("TRANS_FORM_TYPE"),
        deemed_execution_date=row.day("DEEMED_EXECUTION_DATE"),
        equity_swap_involved=row.flag("EQUITY_SWAP_INVOLVED"),
        transaction_timeliness=row.text("TRANS_TIMELINESS"),
        shares=row.number("TRANS_SHARES"),
        total_value=row.number("TRANS_TOTAL_VALUE"),
        price_per_share=row.number("TRANS_PRICEPERSHARE"),
        acquired_disposed=row.text("TRANS_ACQUIRED_DISP_CD"),
        shares_after=row.number("SHRS_OWND_FOLWNG_TRANS"),
        value_after=row.number("VALU_OWND_FOLWNG_TRANS"),
        direct_indirect=row.text("DIRECT_INDIRECT_OWNERSHIP"),
        nature_of_ownership=row.text("NATURE_OF_OWNERSHIP"),
        conversion_or_exercise_price=row.number("CONV_EXERCISE_PRICE"),
        exercise_date=row.day("EXCERCISE_DATE", "EXERCISE_DATE"),
        expiration_date=row.day("EXPIRATION_DATE"),
        underlying_title=row.text("UNDLYNG_SEC_TITLE"),
        underlying_shares=row.number("UNDLYNG_SEC_SHARES"),
        underlying_value=row.number("UNDLYNG_SEC_VALUE"),
        footnotes=row.footnotes(),
        unreadable=row.unreadable(),  # last: after every conversion
    )


def holding_from_row(row: Row, derivative: bool) -> Holding:
    """NONDERIV_HOLDING or DERIV_HOLDING; ``seq`` is 0 until datasets.py numbers the rows."""
    return Holding(
        seq=0,
        derivative=derivative,
        security_title=row.text("SECURITY_TITLE"),
        shares_owned=row.number("SHRS_OWND_FOLWNG_TRANS"),
        value_owned=row.number("VALU_OWND_FOLWNG_TRANS"),
        direct_indirect=row.text("DIRECT_INDIRECT_OWNERSHIP"),
        nature_of_ownership=row.text("NATURE_OF_OWNERSHIP"),
        transaction_form_type=row.text("TRANS_FORM_TYPE"),
        conversion_or_exercise_price=row.number("CONV_EXERCISE_PRICE"),
        exercise_date=row.day("EXERCISE_DATE", "EXCERCISE_DATE"),
        expiration_date=row.day("EXPIRATION_DATE"),
        underlying_title=row.text("UNDLYNG_SEC_TITLE"),
        underlying_shares=row.number("UNDLYNG_SEC_SHARES"),
        underlying_value=row.number("UNDLYNG_SEC_VALUE"),
        footnotes=row.footnotes(_HOLDING_FIELD),
        unreadable=row.unreadable(_HOLDING_FIELD),  # last: after every conversion
    )


def footnote_from_row(row: Row) -> Footnote:
    """FOOTNOTES: one footnote's id and text."""
    return Footnote(row.text("FOOTNOTE_ID") or "", row.text("FOOTNOTE_TXT") or "")


def signature_from_row(row: Row) -> Signature:
    """OWNER_SIGNATURE: who signed and when."""
    return Signature(row.text("OWNERSIGNATURENAME"), row.day("OWNERSIGNATUREDATE"))
