"""Plain typed records passed between stages: parse.py and datasets.py build them, graph/ loads.

Every record is a frozen, slotted dataclass of plain values and tuples. Names follow the SEC
ownership schema (``ownershipDocument``) in snake_case; see docs/graph-model.md for the mapping.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, fields
from datetime import date
from operator import attrgetter
from typing import Any, TypeVar, cast

__all__ = [
    "Address",
    "Document",
    "FieldFootnote",
    "Filing",
    "Footnote",
    "Holding",
    "Issuer",
    "Rejected",
    "ReportingOwner",
    "Signature",
    "Transaction",
    "cik_key",
    "fast_constructor",
]

_R = TypeVar("_R")
_ASCII_DIGITS = frozenset("0123456789")


def cik_key(text: str) -> str | None:
    """A CIK as the graph's 10-digit zero-padded key, or None unless it is 1 to 10 ASCII digits.

    The one CIK rule of the project: the parser, the data sets, share links and search use it.
    """
    cik = text.strip()
    if not cik or len(cik) > 10 or not _ASCII_DIGITS.issuperset(cik):
        return None
    return cik.zfill(10)


@dataclass(frozen=True, slots=True)
class FieldFootnote:
    """A footnote cited by one field of a row or of the document (``<footnoteId id="F1"/>``)."""

    field: str  # snake_case record field name, e.g. "price", or "document" for the title area
    footnote_id: str  # "F1"


@dataclass(frozen=True, slots=True)
class Footnote:
    """The text of one footnote of a filing."""

    footnote_id: str
    text: str


@dataclass(frozen=True, slots=True)
class Address:
    """A reporting owner's address as filed (any part may be missing)."""

    street1: str | None = None
    street2: str | None = None
    city: str | None = None
    state: str | None = None
    zip_code: str | None = None
    state_description: str | None = None


@dataclass(frozen=True, slots=True)
class Issuer:
    """The company whose securities the filing is about."""

    cik: str  # 10-digit, zero-padded
    name: str | None
    ticker: str | None


@dataclass(frozen=True, slots=True)
class ReportingOwner:
    """One reporting owner of a filing with its relationship to the issuer."""

    cik: str  # 10-digit, zero-padded
    name: str | None
    address: Address
    is_director: bool = False
    is_officer: bool = False
    officer_title: str | None = None
    is_ten_percent_owner: bool = False
    is_other: bool = False
    other_text: str | None = None


@dataclass(frozen=True, slots=True)
class Transaction:
    """One row of ``nonDerivativeTable``/``derivativeTable`` that reports a transaction.

    ``seq`` is the row's position in the filing: non-derivative rows first, then derivative rows,
    counted from 1 across transactions and holdings together, so (accession, seq) names a row.
    """

    seq: int
    derivative: bool
    security_title: str | None
    transaction_date: date | None
    transaction_code: str | None
    transaction_form_type: str | None = None
    deemed_execution_date: date | None = None
    equity_swap_involved: bool | None = None
    transaction_timeliness: str | None = None  # "E" early, "L" late
    shares: float | None = None  # transactionShares
    total_value: float | None = None  # transactionTotalValue
    price_per_share: float | None = None
    acquired_disposed: str | None = None  # "A" / "D"
    shares_after: float | None = None  # sharesOwnedFollowingTransaction
    value_after: float | None = None  # valueOwnedFollowingTransaction
    direct_indirect: str | None = None  # "D" / "I"
    nature_of_ownership: str | None = None
    conversion_or_exercise_price: float | None = None
    exercise_date: date | None = None
    expiration_date: date | None = None
    underlying_title: str | None = None
    underlying_shares: float | None = None
    underlying_value: float | None = None
    unreadable: tuple[tuple[str, str], ...] = ()  # (field, text as filed) read as None
    footnotes: tuple[FieldFootnote, ...] = ()


@dataclass(frozen=True, slots=True)
class Holding:
    """One row of ``nonDerivativeTable``/``derivativeTable`` that reports a holding (no trade)."""

    seq: int
    derivative: bool
    security_title: str | None
    shares_owned: float | None = None  # sharesOwnedFollowingTransaction
    value_owned: float | None = None  # valueOwnedFollowingTransaction
    direct_indirect: str | None = None
    nature_of_ownership: str | None = None
    transaction_form_type: str | None = None  # Form 5 holdings may name the form
    conversion_or_exercise_price: float | None = None
    exercise_date: date | None = None
    expiration_date: date | None = None
    underlying_title: str | None = None
    underlying_shares: float | None = None
    underlying_value: float | None = None
    unreadable: tuple[tuple[str, str], ...] = ()  # (field, text as filed) read as None
    footnotes: tuple[FieldFootnote, ...] = ()


@dataclass(frozen=True, slots=True)
class Signature:
    """``ownerSignature``: who signed and when."""

    name: str | None
    signature_date: date | None


@dataclass(frozen=True, slots=True)
class Filing:
    """One ownership document (Form 3, 4, 5 or an amendment) with everything it reports.

    ``accession`` is the EDGAR accession number ("0000000000-00-000000") when the source
    knows it, else ``"sha256:<hex>"`` of the document bytes. ``fingerprint`` is a hash of the
    parsed content, equal for the same document however it was wrapped, so a bare XML and its
    full submission are recognised as one filing.
    """

    accession: str
    fingerprint: str
    document_type: str  # "4", "4/A", "3", "5", ...
    schema_version: str | None
    period_of_report: date | None
    issuer: Issuer
    owners: tuple[ReportingOwner, ...]
    transactions: tuple[Transaction, ...] = ()
    holdings: tuple[Holding, ...] = ()
    footnotes: tuple[Footnote, ...] = ()
    signatures: tuple[Signature, ...] = ()
    filed: date | None = None  # "FILED AS OF DATE" of a full submission, when known
    date_of_original_submission: date | None = None
    not_subject_to_section16: bool | None = None
    no_securities_owned: bool | None = None
    form3_holdings_reported: bool | None = None
    form4_transactions_reported: bool | None = None
    aff10b5one: bool | None = None
    remarks: str | None = None
    document_footnotes: tuple[FieldFootnote, ...] = ()  # footnotes cited outside the tables
    extra: tuple[tuple[str, str], ...] = ()  # (xpath, text) of elements the schema map lacks
    unreadable: tuple[tuple[str, str], ...] = ()  # (field, text as filed) of values read as None
    source: str | None = None  # where it was read from (path, archive member)

    @property
    def is_amendment(self) -> bool:
        """True for 3/A, 4/A and 5/A."""
        return self.document_type.endswith("/A")

    @property
    def is_joint(self) -> bool:
        """True when several reporting owners share the filing's rows."""
        return len(self.owners) > 1


@dataclass(frozen=True, slots=True)
class Document:
    """Raw ownership XML found by sources.py, with what its container told about it."""

    source: str  # path, or "archive.zip!member.xml"
    data: bytes  # the <ownershipDocument> XML bytes
    accession: str | None = None  # from a full submission's header
    filed: date | None = None  # "FILED AS OF DATE" from a full submission's header


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input that could not be used, with a reason a person can act on."""

    source: str
    reason: str


def fast_constructor(cls: type[_R]) -> Callable[..., _R]:
    """``cls(...)`` given every field, for a frozen slotted dataclass, about 4x faster.

    A frozen ``__init__`` calls ``object.__setattr__`` once per field. This fills an unfrozen
    twin with the same slots by plain attribute stores, then re-types it to ``cls``; Python
    refuses the re-typing unless the slot layouts are identical. The result is an ordinary,
    frozen ``cls`` instance (same equality, hash, repr, pickling). For the parser's hot paths.
    """
    names = tuple(field.name for field in fields(cast(Any, cls)))
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": names})
    stores = "".join(f"    obj.{name} = {name}\n" for name in names)
    source = (
        f"def new_{cls.__name__}({', '.join(names)}):\n"
        f"    obj = make(twin)\n{stores}    obj.__class__ = cls\n    return obj\n"
    )
    namespace: dict[str, Any] = {"cls": cls, "twin": twin, "make": object.__new__}
    exec(source, namespace)  # as dataclasses itself builds __init__; names are field names
    return cast(Callable[..., _R], namespace[f"new_{cls.__name__}"])


def _pickled_as_fields(cls: type[_R]) -> None:
    """Pickle ``cls`` as its field values and ``_new_<cls>``, a ``fast_constructor`` kept here
    by name: unpickling a frozen slotted dataclass otherwise sets each field through
    ``object.__setattr__``, half the time the bulk load's parent spends taking its workers'
    filings."""
    make = fast_constructor(cls)
    make.__name__ = make.__qualname__ = f"_new_{cls.__name__}"
    make.__module__ = __name__
    globals()[make.__name__] = make  # where pickle finds it
    values = attrgetter(*(field.name for field in fields(cast(Any, cls))))

    def __reduce__(self: _R) -> tuple[object, ...]:
        return (make, values(self))

    cls.__reduce__ = __reduce__  # type: ignore[assignment,method-assign]


_RECORDS: tuple[type, ...] = (FieldFootnote, Footnote, Address, Issuer, ReportingOwner)
for _record in (*_RECORDS, Transaction, Holding, Signature, Filing, Document, Rejected):
    _pickled_as_fields(_record)
