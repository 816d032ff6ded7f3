"""What the generator's scenarios share: row and result types, security titles, footnote
texts, and an insider's trade context (title, price, day, direct or not) and lot sizes."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.scale.rows import Notes
from ingest.records import Holding, Transaction

if TYPE_CHECKING:
    from bench.scale.filings import Writer

__all__ = [
    "AVERAGE",
    "CONVERSION",
    "OPTION",
    "PLAN",
    "PREFERRED",
    "PSU",
    "RSU",
    "RSU_NOTE",
    "VESTING",
    "WITHHELD",
    "Result",
    "Row",
    "Scenario",
    "lot_size",
    "trade_context",
]

Row = Transaction | Holding
Result = tuple[list[Row], Notes, date]
Scenario = Callable[["Writer", random.Random, int, date], Result]

OPTION, RSU, PSU, PREFERRED = (
    "Stock Option (right to buy)",
    "Restricted Stock Units",
    "Performance Stock Units",
    "Series A Preferred Stock",
)
AVERAGE = (
    "The price reported is a weighted average price. These shares were sold in multiple "
    "transactions at prices ranging from ${low:.2f} to ${high:.2f}, inclusive."
)
PLAN = (
    "The transactions were effected pursuant to a Rule 10b5-1 trading plan adopted by the "
    "reporting person."
)
VESTING = (
    "The option vests in four equal annual installments beginning one year after the grant date."
)
RSU_NOTE = (
    "Each restricted stock unit represents a contingent right to receive one share of common stock."
)
WITHHELD = "Shares withheld by the issuer to satisfy tax withholding obligations on vesting."
CONVERSION = "Each share of preferred stock converts into one share of common stock at any time."


def trade_context(
    w: Writer, rng: random.Random, member: int, day: date
) -> tuple[str, float, date, bool]:
    """The issuer's common-stock title, today's price, the trade day and whether held directly."""
    issuer = w.pop.member_issuer[member]
    price = round(w.pop.issuer_price[issuer] * (1 + rng.gauss(0, 0.015)), 2)
    if w.shares[member] == 0:
        w.shares[member] = float(int(rng.lognormvariate(9.0, 1.6)) + 100)
    trade = day - timedelta(days=rng.randrange(0, 3))
    return w.pop.issuer_common[issuer], max(price, 0.01), trade, rng.random() < 0.8


def lot_size(rng: random.Random, position: float, share: float = 0.15) -> float:
    return float(max(1, int(position * share * rng.uniform(0.2, 1.5))))
