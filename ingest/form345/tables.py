"""Rows of ``nonDerivativeTable``/``derivativeTable`` as Transaction and Holding records.

parse.py calls ``parse_table`` once per table; leaf reading and slow-path conversion live in
xml.py.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from ingest.form345.xml import (
    BOOLEANS,
    Element,
    Extra,
    field_footnote,
    keep_unknown,
    reread,
    walk_leaves,
)
from ingest.records import Holding, Transaction, fast_constructor
from ingest.values import strict_day, strict_number

__all__ = ["parse_table"]

_COMMON = {  # element tag -> record field
    "securityTitle": "security_title",
    "transactionFormType": "transaction_form_type",
    "conversionOrExercisePrice": "conversion_or_exercise_price",
    "exerciseDate": "exercise_date",
    "expirationDate": "expiration_date",
    "underlyingSecurityTitle": "underlying_title",
    "underlyingSecurityShares": "underlying_shares",
    "underlyingSecurityValue": "underlying_value",
    "directOrIndirectOwnership": "direct_indirect",
    "natureOfOwnership": "nature_of_ownership",
}
_TRANSACTION_FIELDS = {
    **_COMMON,
    "transactionDate": "transaction_date",
    "deemedExecutionDate": "deemed_execution_date",
    "transactionCode": "transaction_code",
    "equitySwapInvolved": "equity_swap_involved",
    "transactionTimeliness": "transaction_timeliness",
    "transactionShares": "shares",
    "transactionTotalValue": "total_value",
    "transactionPricePerShare": "price_per_share",
    "transactionAcquiredDisposedCode": "acquired_disposed",
    "sharesOwnedFollowingTransaction": "shares_after",
    "valueOwnedFollowingTransaction": "value_after",
}
_HOLDING_FIELDS = {
    **_COMMON,
    "sharesOwnedFollowingTransaction": "shares_owned",
    "valueOwnedFollowingTransaction": "value_owned",
}
# grouping elements; footnoteIds placed directly in <transactionCoding> annotate the code
# (a Form 5 holding's coding holds only the form type)
_GROUPS = ("transactionAmounts", "postTransactionAmounts", "ownershipNature", "underlyingSecurity")
_TRANSACTION_GROUPS: dict[str, str | None] = {
    **dict.fromkeys(_GROUPS),
    "transactionCoding": "transaction_code",
}
_HOLDING_GROUPS: dict[str, str | None] = {
    **dict.fromkeys(_GROUPS),
    "transactionCoding": "transaction_form_type",
}
_NUMBERS: tuple[str, ...] = (
    *("shares", "total_value", "price_per_share", "shares_after", "value_after"),
    *("shares_owned", "value_owned", "conversion_or_exercise_price"),
    *("underlying_shares", "underlying_value"),
)
_DAYS = ("transaction_date", "deemed_execution_date", "exercise_date", "expiration_date")
_KIND = {  # field -> its Leaves reader; the other fields are texts, kept as filed
    **dict.fromkeys(_NUMBERS, "number"),
    **dict.fromkeys(_DAYS, "day"),
    "equity_swap_involved": "flag",
}
_CONVERT: dict[str, Callable[[str], object]] = {
    "number": strict_number,
    "day": strict_day,
    "flag": BOOLEANS.__getitem__,
}


class _RowPlan:
    """How one kind of row record is built from the texts of its leaves.

    ``walk_leaves`` stores each text straight into the record's argument list; the fields to
    convert then get a fast converter, and a text it rejects is read again by the Leaves
    reader of its kind, which says why in ``extra``.
    """

    def __init__(self, record: type, fields: dict[str, str], groups: dict[str, str | None]):
        names = [field.name for field in dataclasses.fields(record)]
        assert names[:2] == ["seq", "derivative"] and names[-2:] == ["unreadable", "footnotes"]
        self.names, self.fields = names, fields
        self.positions = {tag: names.index(field) for tag, field in fields.items()}
        self.groups = {tag: None if f is None else names.index(f) for tag, f in groups.items()}
        self.converters: list[tuple[int, Callable[[str], object]]] = sorted(
            (names.index(field), _CONVERT[_KIND[field]])
            for field in set(fields.values())
            if field in _KIND
        )
        self.blank: list[object] = [None] * len(names)  # seq, derivative, ..., unreadable, ...
        self.new: Callable[..., Any] = fast_constructor(record)

    def build(self, row: Element, seq: int, derivative: bool, extra: Extra) -> Any:
        values: list[Any] = self.blank.copy()
        cited: list[tuple[int, str]] = []
        walk_leaves(row, self.positions, self.groups, extra, values, cited)
        values[0], values[1] = seq, derivative
        if cited:
            names = self.names
            values[-1] = tuple(field_footnote(names[index], note) for index, note in cited)
        else:
            values[-1] = ()
        unreadable: list[tuple[str, str]] = []
        for index, convert in self.converters:  # texts stay as filed: blank <value> </value> is ""
            text = values[index]
            if text is not None:
                try:
                    values[index] = convert(text) if text else None
                except (ValueError, KeyError):
                    field = self.names[index]
                    values[index] = reread(row, self.fields, extra, _KIND[field], field, text)
                    if values[index] is None:
                        unreadable.append((field, text))
        values[-2] = tuple(unreadable)
        return self.new(*values)


_TRANSACTIONS = _RowPlan(Transaction, _TRANSACTION_FIELDS, _TRANSACTION_GROUPS)
_HOLDINGS = _RowPlan(Holding, _HOLDING_FIELDS, _HOLDING_GROUPS)
_ROW_KINDS = {  # row tag -> (plan, derivative)
    "nonDerivativeTransaction": (_TRANSACTIONS, False),
    "nonDerivativeHolding": (_HOLDINGS, False),
    "derivativeTransaction": (_TRANSACTIONS, True),
    "derivativeHolding": (_HOLDINGS, True),
}


def parse_table(
    table: Element,
    seq: int,
    transactions: list[Transaction],
    holdings: list[Holding],
    extra: Extra,
) -> int:
    """Append the table's rows in document order, numbered from ``seq``; return the next seq."""
    for element in table:
        kind = _ROW_KINDS.get(element.tag)
        if kind is None:
            keep_unknown(element, extra)
            continue
        plan, derivative = kind
        rows = transactions if plan is _TRANSACTIONS else holdings
        rows.append(plan.build(element, seq, derivative, extra))
        seq += 1
    return seq
