"""What a synthetic insider did: the rows of one filing, and the position they leave behind.

Each scenario returns ``(rows, notes, period)``: rows already numbered in the order the parser
numbers them (non-derivative transactions, non-derivative holdings, derivative transactions,
derivative holdings), the filing's footnotes, and the period of report (the last trade day).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from itertools import accumulate
from typing import TYPE_CHECKING

from bench.scale.common import (
    AVERAGE,
    CONVERSION,
    OPTION,
    PREFERRED,
    PSU,
    RSU,
    RSU_NOTE,
    VESTING,
    WITHHELD,
    Result,
    Row,
    Scenario,
    lot_size,
    trade_context,
)
from bench.scale.rows import Notes, derivative, holding, nonderivative
from ingest.records import Transaction

if TYPE_CHECKING:
    from bench.scale.filings import Writer

__all__ = ["FORM4_SCENARIOS", "Row", "scenario_weights"]


def _nature(w: Writer, rng: random.Random, member: int, direct: bool) -> str | None:
    if w.pop.owner_is_fund[w.pop.member_owner[member]]:
        return "See footnote"
    return (
        None if direct else rng.choice(("By Trust", "By Spouse", "By LLC", "By Family Partnership"))
    )


def open_market(buy: bool) -> Scenario:
    def scenario(w: Writer, rng: random.Random, member: int, day: date) -> Result:
        title, price, trade, direct = trade_context(w, rng, member, day)
        notes, rows = Notes(), list[Row]()
        nature = _nature(w, rng, member, direct)
        count = 1 + int(rng.expovariate(0.9)) if buy else 1 + int(rng.expovariate(0.4))
        prices = sorted(round(price * rng.uniform(0.99, 1.01), 2) for _ in range(min(count, 12)))
        for seq, each in enumerate(prices, 1):
            lot = lot_size(rng, w.shares[member], 0.05 if buy else 0.08)
            w.shares[member] = max(0.0, w.shares[member] + (lot if buy else -lot))
            cited = (
                {"price_per_share": AVERAGE.format(low=each * 0.995, high=each * 1.005)}
                if count > 1
                else {}
            )
            if nature == "See footnote":
                cited["nature_of_ownership"] = (
                    "Held by the fund; the reporting person disclaims beneficial ownership."
                )
            code = "P" if buy else "S"
            rows.append(
                nonderivative(
                    seq,
                    title,
                    trade,
                    code,
                    lot,
                    each,
                    buy,
                    w.shares[member],
                    nature,
                    "4",
                    notes.fields(cited),
                )
            )
        return _odd(rng, rows, trade), notes, trade

    return scenario


def _odd(rng: random.Random, rows: list[Row], trade: date) -> list[Row]:
    """Now and then a deemed execution date (3 %) or a late report (2 %), as real rows have."""
    draw = rng.random()
    if draw >= 0.05:
        return rows
    odd: list[Row] = []
    for r in rows:
        if isinstance(r, Transaction) and draw < 0.03:
            r = replace(r, deemed_execution_date=trade + timedelta(days=1))
        elif isinstance(r, Transaction):
            r = replace(r, transaction_timeliness="L")
        odd.append(r)
    return odd


def grant(w: Writer, rng: random.Random, member: int, day: date) -> Result:
    """An award: perhaps stock (A), and options and/or restricted stock units (A)."""
    title, price, trade, _ = trade_context(w, rng, member, day)
    notes, rows = Notes(), list[Row]()
    if rng.random() < 0.2:
        stock = lot_size(rng, w.shares[member], 0.2)
        w.shares[member] += stock
        rows.append(
            nonderivative(1, title, trade, "A", stock, 0.0, True, w.shares[member], None, "4")
        )
    kinds = rng.choice(((OPTION,), (RSU,), (OPTION, RSU), (RSU, PSU)))
    for security in kinds:
        units = float(int(rng.lognormvariate(8.5, 1.2)) + 10)
        w.options[member] += units
        seq = len(rows) + 1
        if security == OPTION:
            cited = notes.fields({"exercise_date": VESTING})
            expiry = date(trade.year + 10, trade.month, min(trade.day, 28))
            row = derivative(
                seq,
                OPTION,
                trade,
                "A",
                units,
                True,
                w.options[member],
                title,
                price,
                None,
                expiry,
                "4",
                cited,
            )
        else:
            terms = {
                "conversion_or_exercise_price": RSU_NOTE,
                "exercise_date": VESTING,
                "expiration_date": VESTING,
            }
            row = derivative(
                seq,
                security,
                trade,
                "A",
                units,
                True,
                w.options[member],
                title,
                None,
                None,
                None,
                "4",
                notes.fields(terms),
            )
        rows.append(row)
    return rows, notes, trade


def exercise(w: Writer, rng: random.Random, member: int, day: date) -> Result:
    """Options or RSUs converted into shares (M), some sold (S) or withheld for tax (F)."""
    title, price, trade, _ = trade_context(w, rng, member, day)
    notes, rows = Notes(), list[Row]()
    units = lot_size(rng, max(w.options[member], 1000.0), 0.3)
    w.options[member] = max(0.0, w.options[member] - units)
    w.shares[member] += units
    rsu = rng.random() < 0.5
    strike = None if rsu else round(price * rng.uniform(0.3, 0.9), 2)
    paid = 0.0 if strike is None else strike
    rows.append(nonderivative(1, title, trade, "M", units, paid, True, w.shares[member], None, "4"))
    follow = rng.random()
    if follow < 0.65:
        sold = float(max(1, int(units * rng.uniform(0.3, 0.5))))
        w.shares[member] -= sold
        code = "F" if follow < 0.45 else "S"
        cited = notes.fields({"shares": WITHHELD}) if code == "F" else ()
        rows.append(
            nonderivative(
                2, title, trade, code, sold, price, False, w.shares[member], None, "4", cited
            )
        )
    if rsu:
        terms = {
            "conversion_or_exercise_price": RSU_NOTE,
            "exercise_date": VESTING,
            "expiration_date": VESTING,
        }
        security, exercisable, expiry = RSU, None, None
    else:  # a vested option: exercisable since a past date
        terms = {}
        exercisable = date(trade.year - rng.randrange(1, 4), 3, 1)
        security, expiry = OPTION, date(trade.year + rng.randrange(1, 9), 6, 30)
    seq = len(rows) + 1
    rows.append(
        derivative(
            seq,
            security,
            trade,
            "M",
            units,
            False,
            w.options[member],
            title,
            strike,
            exercisable,
            expiry,
            "4",
            notes.fields(terms),
        )
    )
    return rows, notes, trade


def disposal(code: str) -> Scenario:
    """A gift (G), tax withholding (F) or other disposition (D, J) of common stock."""

    def scenario(w: Writer, rng: random.Random, member: int, day: date) -> Result:
        title, price, trade, direct = trade_context(w, rng, member, day)
        lot = lot_size(rng, w.shares[member], 0.05)
        w.shares[member] = max(0.0, w.shares[member] - lot)
        cost = 0.0 if code == "G" else price
        cited = Notes()
        row = nonderivative(
            1,
            title,
            trade,
            code,
            lot,
            cost,
            False,
            w.shares[member],
            _nature(w, rng, member, direct),
            "4",
        )
        rows: list[Row] = [row]
        if rng.random() < 0.4:
            other = float(int(rng.lognormvariate(8.0, 1.5)) + 1)
            rows.append(
                holding(2, title, other, rng.choice(("By Trust", "By Spouse", "By 401(k) Plan")))
            )
        return rows, cited, trade

    return scenario


def conversion(w: Writer, rng: random.Random, member: int, day: date) -> Result:
    title, _, trade, _ = trade_context(w, rng, member, day)
    notes = Notes()
    units = float(int(rng.lognormvariate(9.0, 1.0)) + 1)
    w.shares[member] += units
    rows: list[Row] = [
        nonderivative(1, title, trade, "C", units, 0.0, True, w.shares[member], None, "4")
    ]
    cited = notes.fields(
        {
            "conversion_or_exercise_price": CONVERSION,
            "exercise_date": CONVERSION,
            "expiration_date": CONVERSION,
        }
    )
    rows.append(
        derivative(2, PREFERRED, trade, "C", units, False, 0.0, title, None, None, None, "4", cited)
    )
    return rows, notes, trade


FORM4_SCENARIOS: list[Scenario] = [
    open_market(True),
    open_market(False),
    grant,
    exercise,
    disposal("G"),
    disposal("F"),
    disposal("J"),
    disposal("D"),
    conversion,
]
_WEIGHTS = (10.5, 8.0, 32.0, 20.0, 5.0, 7.0, 1.5, 1.2, 1.5)


def scenario_weights() -> list[float]:
    return list(accumulate(_WEIGHTS))
