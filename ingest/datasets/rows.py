"""Map the rows of an SEC Insider Transactions Data Set table to records; tables.py groups them.

Columns follow FORM_345_readme.htm. Each record type is a list of ``Field``s (plan.py reads
them by position); a column no field reads, and a value that does not convert, is kept as
``(column, text)`` in ``Parsed.leftovers`` so nothing is dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.datasets.plan import Field, Layout, Parsed, Plan, parse_dataset_date, to_bool, to_day
from ingest.datasets.plan import to_float as _number
from ingest.records import (
    Address,
    Footnote,
    Holding,
    ReportingOwner,
    Signature,
    Transaction,
    fast_constructor,
)

__all__ = [
    "Plans",
    "footnote_record",
    "owner_record",
    "parse_dataset_date",
    "plans",
    "signature_record",
]

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


_OWNER = (
    Field(("RPTOWNERCIK",)),
    Field(("RPTOWNERNAME",)),
    Field(("RPTOWNER_RELATIONSHIP",)),
    Field(("RPTOWNER_TITLE",)),
    Field(("RPTOWNER_TXT",)),
    Field(("RPTOWNER_STREET1",)),
    Field(("RPTOWNER_STREET2",)),
    Field(("RPTOWNER_CITY",)),
    Field(("RPTOWNER_STATE",)),
    Field(("RPTOWNER_ZIPCODE",)),
    Field(("RPTOWNER_STATE_DESC",)),
)
_DERIVATIVE_TAIL = (  # conversion price … underlying value, after the exercise date
    Field(("EXPIRATION_DATE",), to_day),
    Field(("UNDLYNG_SEC_TITLE",)),
    Field(("UNDLYNG_SEC_SHARES",), _number),
    Field(("UNDLYNG_SEC_VALUE",), _number),
)
# In Transaction's field order, from security_title to underlying_value.
_TRANSACTION = (
    Field(("SECURITY_TITLE",)),
    Field(("TRANS_DATE",), to_day),
    Field(("TRANS_CODE",)),
    Field(("TRANS_FORM_TYPE",)),
    Field(("DEEMED_EXECUTION_DATE",), to_day),
    Field(("EQUITY_SWAP_INVOLVED",), to_bool),
    Field(("TRANS_TIMELINESS",)),
    Field(("TRANS_SHARES",), _number),
    Field(("TRANS_TOTAL_VALUE",), _number),
    Field(("TRANS_PRICEPERSHARE",), _number),
    Field(("TRANS_ACQUIRED_DISP_CD",)),
    Field(("SHRS_OWND_FOLWNG_TRANS",), _number),
    Field(("VALU_OWND_FOLWNG_TRANS",), _number),
    Field(("DIRECT_INDIRECT_OWNERSHIP",)),
    Field(("NATURE_OF_OWNERSHIP",)),
    Field(("CONV_EXERCISE_PRICE",), _number),
    Field(("EXCERCISE_DATE", "EXERCISE_DATE"), to_day),
    *_DERIVATIVE_TAIL,
)
# In Holding's field order, from security_title to underlying_value.
_HOLDING = (
    Field(("SECURITY_TITLE",)),
    Field(("SHRS_OWND_FOLWNG_TRANS",), _number),
    Field(("VALU_OWND_FOLWNG_TRANS",), _number),
    Field(("DIRECT_INDIRECT_OWNERSHIP",)),
    Field(("NATURE_OF_OWNERSHIP",)),
    Field(("TRANS_FORM_TYPE",)),
    Field(("CONV_EXERCISE_PRICE",), _number),
    Field(("EXERCISE_DATE", "EXCERCISE_DATE"), to_day),
    *_DERIVATIVE_TAIL,
)
# SUBMISSION, in the order the filing's values are read (so its unreadable values are listed).
SUBMISSION = (
    Field(("ACCESSION_NUMBER",)),
    Field(("DOCUMENT_TYPE",)),
    Field(("PERIOD_OF_REPORT",), to_day),
    Field(("ISSUERCIK",)),
    Field(("ISSUERNAME",)),
    Field(("ISSUERTRADINGSYMBOL",)),
    Field(("FILING_DATE",), to_day),
    Field(("DATE_OF_ORIG_SUB",), to_day),
    Field(("NOT_SUBJECT_SEC16",), to_bool),
    Field(("NO_SECURITIES_OWNED",), to_bool),
    Field(("FORM3_HOLDINGS_REPORTED",), to_bool),
    Field(("FORM4_TRANS_REPORTED",), to_bool),
    Field(("AFF10B5ONE",), to_bool),
    Field(("REMARKS",)),
)
_FOOTNOTE = (Field(("FOOTNOTE_ID",)), Field(("FOOTNOTE_TXT",)))
_SIGNATURE = (Field(("OWNERSIGNATURENAME",)), Field(("OWNERSIGNATUREDATE",), to_day))
_HOLDING_REPORTED = {c: _HOLDING_FIELD.get(f, f) for c, f in _FIELD_OF_COLUMN.items()}
_HOLDING_FOOTNOTES = tuple((c, _HOLDING_FIELD.get(f, f)) for c, f in _ROW_FOOTNOTES)
_owner = fast_constructor(ReportingOwner)
_address = fast_constructor(Address)
_new_transaction = fast_constructor(Transaction)
_new_holding = fast_constructor(Holding)
# Per table: the fields of its records, its footnote columns, the names of its unreadable values.
_SPECS: dict[str, tuple[tuple[Field, ...], tuple[tuple[str, str], ...], dict[str, str]]] = {
    "SUBMISSION": (SUBMISSION, (), _FIELD_OF_COLUMN),
    "REPORTINGOWNER": (_OWNER, (), _FIELD_OF_COLUMN),
    "NONDERIV_TRANS": (_TRANSACTION, _ROW_FOOTNOTES, _FIELD_OF_COLUMN),
    "NONDERIV_HOLDING": (_HOLDING, _HOLDING_FOOTNOTES, _HOLDING_REPORTED),
    "DERIV_TRANS": (_TRANSACTION, _ROW_FOOTNOTES, _FIELD_OF_COLUMN),
    "DERIV_HOLDING": (_HOLDING, _HOLDING_FOOTNOTES, _HOLDING_REPORTED),
    "FOOTNOTES": (_FOOTNOTE, (), _FIELD_OF_COLUMN),
    "OWNER_SIGNATURE": (_SIGNATURE, (), _FIELD_OF_COLUMN),
}
Plans = Callable[[str, Layout], Plan]


def plans(table: str, layout: Layout) -> Plan:
    """How to read ``table``'s rows, given its header."""
    fields, footnotes, reported = _SPECS[table]
    return Plan(layout, fields, footnotes, reported)


def row_record(table: str) -> Callable[[int, Parsed], Transaction | Holding]:
    """Builds a NONDERIV_/DERIV_ TRANS or HOLDING row's record once its ``seq`` is known."""
    derivative = table.startswith("DERIV")
    new = _new_transaction if table.endswith("TRANS") else _new_holding

    def record(seq: int, row: Parsed) -> Transaction | Holding:
        return new(seq, derivative, *row.values, row.unreadable, row.footnotes)  # type: ignore[no-any-return]

    return record


def _cik(text: object) -> str:
    return str(text or "").zfill(10)


def owner_record(row: Parsed) -> ReportingOwner:
    """REPORTINGOWNER: RPTOWNER_RELATIONSHIP lists DIRECTOR, OFFICER, TENPERCENTOWNER, OTHER."""
    cik, name, relationship, title, other, *address = row.values
    roles = {
        "".join(ch for ch in part.upper() if ch.isalnum())
        for part in str(relationship or "").split(",")
    }
    return _owner(  # type: ignore[no-any-return]
        _cik(cik),
        name,
        _address(*address),
        "DIRECTOR" in roles,
        "OFFICER" in roles,
        title,
        bool(roles & {"TENPERCENTOWNER", "10OWNER", "10PERCENTOWNER"}),
        "OTHER" in roles,
        other,
    )


def footnote_record(row: Parsed) -> Footnote:
    """FOOTNOTES: one footnote's id and text."""
    footnote_id, text = row.values
    return Footnote(str(footnote_id or ""), str(text or ""))


def signature_record(row: Parsed) -> Signature:
    """OWNER_SIGNATURE: who signed and when."""
    name, day = row.values
    return Signature(name, day)  # type: ignore[arg-type]
