"""Numbers and blanks as an analyst reads them: thousands separators, "$25.2 M", "—" for blanks.

Pure functions; every page formats its cells and headline figures through them.
"""

from __future__ import annotations

__all__ = ["BLANK", "money", "number", "percent", "shares", "text"]

BLANK = "—"
_UNITS = ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "k"))


def number(value: float | None, digits: int = 0) -> str:
    """1234567.8 → '1,234,568'; None → '—'."""
    if value is None:
        return BLANK
    return f"{value:,.{digits}f}"


def shares(value: float | None) -> str:
    """A share count: whole shares with separators, fractions kept to 4 places when present."""
    if value is None:
        return BLANK
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


def money(value: float | None, *, exact: bool = False) -> str:
    """Dollars: '$25.2 M', '$950', '-$1.3 B'; exact=True gives '$25,200,000'; None → '—'."""
    if value is None:
        return BLANK
    sign = "-" if value < 0 else ""
    size = abs(value)
    if exact:
        return f"{sign}${size:,.2f}" if not size.is_integer() else f"{sign}${size:,.0f}"
    for scale, unit in _UNITS:
        if size >= scale:
            return f"{sign}${size / scale:,.1f} {unit}"
    return f"{sign}${size:,.2f}" if size < 100 and not size.is_integer() else f"{sign}${size:,.0f}"


def percent(value: float | None, digits: int = 1) -> str:
    """A ratio as a percentage: 0.125 → '12.5 %'; None → '—'."""
    if value is None:
        return BLANK
    return f"{value * 100:,.{digits}f} %"


def text(value: object) -> str:
    """A text cell: None or empty → '—', tuples joined with ', '."""
    if value is None or value == "" or value == ():
        return BLANK
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) or BLANK
    return str(value)
