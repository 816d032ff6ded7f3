"""Filters shared by the neighbourhood graph and the transaction tables, as query parameters.

The app keeps them in the share link (explorer/link.py). Every query that filters trades takes
``GraphFilters.params()`` and ANDs ``TRADE_FILTER`` (on a TRANSACTED edge named ``r``) into its
WHERE clause: this module owns that fragment. Rows of a filing superseded by its amendment
(``r.superseded``) pass it only when ``$superseded`` is true (the transaction tables' toggle;
``params()`` always says false).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CODE_GROUPS", "CODE_NAMES", "ROLE_NAMES", "TRADE_FILTER", "GraphFilters"]

# The trade filter on a TRANSACTED edge `r`; parameters from GraphFilters.params().
TRADE_FILTER = """($start IS NULL OR r.date >= date($start))
  AND ($end IS NULL OR r.date <= date($end))
  AND (size($codes) = 0 OR r.code IN $codes)
  AND ($derivative IS NULL OR r.derivative = $derivative)
  AND ($min_value <= 0 OR coalesce(r.value, 0) >= $min_value)
  AND ($superseded OR r.superseded IS NULL)"""

CODE_NAMES: dict[str, str] = {
    "P": "open-market purchase",
    "S": "open-market sale",
    "A": "grant or award",
    "D": "disposition to issuer",
    "F": "tax withholding",
    "I": "discretionary",
    "M": "option exercise",
    "C": "conversion",
    "E": "expiration (short)",
    "H": "expiration (long)",
    "O": "exercise out of the money",
    "X": "exercise in the money",
    "G": "gift",
    "L": "small acquisition",
    "W": "will or descent",
    "Z": "voting trust",
    "J": "other",
    "U": "tender in change of control",
    "K": "equity swap",
    "V": "voluntarily reported",
}

CODE_GROUPS: dict[str, tuple[str, ...]] = {
    "buys": ("P",),
    "sells": ("S",),
    "awards": ("A",),
    "exercises": ("M", "X", "O", "C"),
    "tax": ("F",),
    "gifts": ("G",),
}

ROLE_NAMES: dict[str, str] = {
    "director": "Director",
    "officer": "Officer",
    "ten_percent_owner": "10% owner",
    "other": "Other",
}


@dataclass(frozen=True, slots=True)
class GraphFilters:
    """What to show: hops, date range (ISO dates), codes, roles, derivative flag, min value."""

    depth: int = 1
    start: str | None = None
    end: str | None = None
    codes: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    derivative: bool | None = None
    min_value: float = 0.0

    def narrows_trades(self) -> bool:
        """True when a filter narrows the trades (dates, codes, derivative, minimum value):
        then totals and views are read from rows, else from the read model's summaries."""
        return bool(
            self.codes
            or self.start
            or self.end
            or self.min_value > 0
            or self.derivative is not None
        )

    def params(self) -> dict[str, object]:
        """Query parameters (every query accepts all of them)."""
        return {
            "depth": self.depth,
            "start": self.start,
            "end": self.end,
            "codes": list(self.codes),
            "roles": list(self.roles),
            "derivative": self.derivative,
            "min_value": float(self.min_value),
            "superseded": False,
        }
