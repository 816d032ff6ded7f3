"""Rows of ``nonDerivativeTable``/``derivativeTable`` as Transaction and Holding records.

parse.py calls ``parse_table`` once per table; leaf reading and conversion live in xml.py.
"""

from __future__ import annotations

from ingest.records import Holding, Transaction
from ingest.xml import Element, Extra, collect_leaves, keep_unknown

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
_ROW_KINDS = {  # row tag -> (reports a transaction, derivative)
    "nonDerivativeTransaction": (True, False),
    "nonDerivativeHolding": (False, False),
    "derivativeTransaction": (True, True),
    "derivativeHolding": (False, True),
}


def _transaction(row: Element, seq: int, derivative: bool, extra: Extra) -> Transaction:
    leaves = collect_leaves(row, _TRANSACTION_FIELDS, _TRANSACTION_GROUPS, extra)
    text, number, day = leaves.texts.get, leaves.number, leaves.day
    return Transaction(
        seq=seq,
        derivative=derivative,
        security_title=text("security_title"),
        transaction_date=day("transaction_date"),
        transaction_code=text("transaction_code"),
        transaction_form_type=text("transaction_form_type"),
        deemed_execution_date=day("deemed_execution_date"),
        equity_swap_involved=leaves.flag("equity_swap_involved"),
        transaction_timeliness=text("transaction_timeliness"),
        shares=number("shares"),
        total_value=number("total_value"),
        price_per_share=number("price_per_share"),
        acquired_disposed=text("acquired_disposed"),
        shares_after=number("shares_after"),
        value_after=number("value_after"),
        direct_indirect=text("direct_indirect"),
        nature_of_ownership=text("nature_of_ownership"),
        conversion_or_exercise_price=number("conversion_or_exercise_price"),
        exercise_date=day("exercise_date"),
        expiration_date=day("expiration_date"),
        underlying_title=text("underlying_title"),
        underlying_shares=number("underlying_shares"),
        underlying_value=number("underlying_value"),
        footnotes=tuple(leaves.notes),
    )


def _holding(row: Element, seq: int, derivative: bool, extra: Extra) -> Holding:
    leaves = collect_leaves(row, _HOLDING_FIELDS, _HOLDING_GROUPS, extra)
    text, number, day = leaves.texts.get, leaves.number, leaves.day
    return Holding(
        seq=seq,
        derivative=derivative,
        security_title=text("security_title"),
        shares_owned=number("shares_owned"),
        value_owned=number("value_owned"),
        direct_indirect=text("direct_indirect"),
        nature_of_ownership=text("nature_of_ownership"),
        transaction_form_type=text("transaction_form_type"),
        conversion_or_exercise_price=number("conversion_or_exercise_price"),
        exercise_date=day("exercise_date"),
        expiration_date=day("expiration_date"),
        underlying_title=text("underlying_title"),
        underlying_shares=number("underlying_shares"),
        underlying_value=number("underlying_value"),
        footnotes=tuple(leaves.notes),
    )


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
        is_transaction, derivative = kind
        if is_transaction:
            transactions.append(_transaction(element, seq, derivative, extra))
        else:
            holdings.append(_holding(element, seq, derivative, extra))
        seq += 1
    return seq
