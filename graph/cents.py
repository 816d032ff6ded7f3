"""Money in whole cents, the read model's unit for totals: integers add up exactly, in any
order, so totals kept as filings arrive equal totals computed from scratch.

``cents`` (Python, for a filing's share) and ``ROW_CENTS`` (Cypher, for a row ``r``) round
the same way: half up, as Cypher's ``round`` does, and at most ``CENTS_CAP``.
"""

from __future__ import annotations

import math

from ingest.records import Transaction

__all__ = ["CENTS_CAP", "ROW_CENTS", "cents", "row_value"]

# $10 trillion in cents: more than any company is worth. A row's value counts at most this much
# in the totals, so thousands of absurd rows still add up inside a 64-bit integer.
CENTS_CAP = 10**15

ROW_CENTS = f"""CASE WHEN r.value IS NULL THEN 0 WHEN r.value * 100 >= {CENTS_CAP} THEN {CENTS_CAP}
     ELSE toInteger(round(r.value * 100)) END"""


def cents(value: float | None) -> int:
    """``value`` in whole cents (0 when unknown), rounded half up, at most CENTS_CAP."""
    if value is None:
        return 0
    return min(math.floor(value * 100 + 0.5), CENTS_CAP)


def row_value(t: Transaction) -> float | None:
    """A transaction row's value (the edge's ``value``): shares times price where both are
    known, else its total."""
    if t.shares is not None and t.price_per_share is not None:
        return t.shares * t.price_per_share
    return t.total_value
