"""Rows of the filings that are not one-off Form 4s: weekly Rule 10b5-1 sales, a Form 3's
initial holdings, a Form 5's gifts. Same conventions as scenarios.py (shared parts in common.py).
"""

from __future__ import annotations

import random
from datetime import date
from typing import TYPE_CHECKING

from bench.scale.common import (
    AVERAGE,
    OPTION,
    PLAN,
    VESTING,
    Result,
    Row,
    lot_size,
    trade_context,
)
from bench.scale.rows import Notes, holding, nonderivative

if TYPE_CHECKING:
    from bench.scale.filings import Writer

__all__ = ["annual_gifts", "initial_holdings", "plan_sales"]


def plan_sales(w: Writer, rng: random.Random, member: int, day: date) -> Result:
    """A week of Rule 10b5-1 sales: 2 to 12 rows at a spread of prices."""
    title, price, trade, _ = trade_context(w, rng, member, day)
    notes, rows = Notes(), list[Row]()
    if w.shares[member] < 5000:
        w.shares[member] += float(int(rng.lognormvariate(11.0, 0.8)))  # the plan sells vested stock
    count = 2 + min(10, int(rng.expovariate(0.5)))
    for seq in range(1, count + 1):
        each = round(price * rng.uniform(0.985, 1.015), 2)
        lot = float(int(rng.uniform(100, 3000)))
        w.shares[member] = max(0.0, w.shares[member] - lot)
        cited = {
            "transaction_code": PLAN,
            "price_per_share": AVERAGE.format(low=each - 0.5, high=each + 0.5),
        }
        rows.append(
            nonderivative(
                seq,
                title,
                trade,
                "S",
                lot,
                each,
                False,
                w.shares[member],
                None,
                "4",
                notes.fields(cited),
            )
        )
    return rows, notes, trade


def initial_holdings(w: Writer, rng: random.Random, member: int) -> tuple[list[Row], Notes]:
    """Form 3: common stock held directly (or by the fund), perhaps options too."""
    issuer = w.pop.member_issuer[member]
    title, notes = w.pop.issuer_common[issuer], Notes()
    w.shares[member] = float(int(rng.lognormvariate(9.5, 1.8)) + 100)
    fund = w.pop.owner_is_fund[w.pop.member_owner[member]]
    nature = "See footnote" if fund else None
    cited = notes.fields({"nature_of_ownership": "Held directly by the fund."} if fund else {})
    rows: list[Row] = [holding(1, title, w.shares[member], nature, footnotes=cited)]
    if not fund and rng.random() < 0.5:
        w.options[member] = float(int(rng.lognormvariate(9.0, 1.0)) + 10)
        price = round(w.pop.issuer_price[issuer] * 0.8, 2)
        cited = notes.fields({"exercise_date": VESTING})
        expiry = date(2036, 12, 31)
        rows.append(
            holding(
                2,
                OPTION,
                w.options[member],
                None,
                underlying=title,
                conversion=price,
                expiration=expiry,
                footnotes=cited,
            )
        )
    return rows, notes


def annual_gifts(
    w: Writer, rng: random.Random, member: int, period: date
) -> tuple[list[Row], Notes]:
    """Form 5: gifts made during the year, reported late, and the stock still held."""
    title = w.pop.issuer_common[w.pop.member_issuer[member]]
    notes, rows = Notes(), list[Row]()
    if w.shares[member] == 0:
        w.shares[member] = float(int(rng.lognormvariate(9.0, 1.6)) + 100)
    count = 1 + int(rng.expovariate(1.2))
    days = sorted(
        date(period.year, rng.randrange(1, 13), rng.randrange(1, 29)) for _ in range(count)
    )
    for seq, day in enumerate(days, 1):
        lot = lot_size(rng, w.shares[member], 0.03)
        w.shares[member] = max(0.0, w.shares[member] - lot)
        rows.append(
            nonderivative(seq, title, day, "G", lot, 0.0, False, w.shares[member], None, "5")
        )
    return rows, notes
