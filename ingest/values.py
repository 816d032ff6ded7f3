"""Strict readers for the numbers and dates filers type: a value is read as written or not
at all, never guessed. ``float()`` alone would take ``nan``, ``inf``, ``1_000``, Arabic-Indic
digits and ``1e309`` (→ inf); ``date.fromisoformat`` would take ``20240105`` and ``2024-W03-1``.
"""

from __future__ import annotations

import math
import re
from datetime import date

__all__ = ["MAX_MAGNITUDE", "strict_day", "strict_number"]

MAX_MAGNITUDE = 1e15  # more shares or dollars than any filing reports: a typo or a fuzz
_PLAIN = re.compile(r"[+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
_GROUPED = re.compile(r"[+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")  # 1,234,567.5
_DAY = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})?")


def strict_number(text: str) -> float:
    """A non-negative finite decimal up to ``MAX_MAGNITUDE``, ASCII digits, optional
    thousands separators in threes; anything else is a ValueError saying why."""
    text = text.strip()
    if _PLAIN.fullmatch(text):
        value = float(text)
    elif _GROUPED.fullmatch(text):
        value = float(text.replace(",", ""))
    elif text.startswith("-") and _PLAIN.fullmatch(text[1:]):
        raise ValueError(f"negative: {text!r}")
    else:
        raise ValueError(f"not a number: {text!r}")
    if not math.isfinite(value) or value > MAX_MAGNITUDE:
        raise ValueError(f"too large: {text!r}")
    return value


def strict_day(text: str) -> date:
    """``YYYY-MM-DD`` (a timezone suffix such as ``-05:00`` is ignored); else a ValueError."""
    match = _DAY.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a date: {text!r}")
    return date.fromisoformat(match.group(1))
