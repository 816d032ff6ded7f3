"""How the merge state's entries are stored in the spill (spill.py): marshalled, not pickled.

Marshal is several times faster than pickle, both ways, but knows no dates: the dates of an
entry (at the keys or position the merge rules put them, state.py) are stored as day numbers
and read back as dates. A date anywhere else makes marshal raise, never a silent change.
"""

from __future__ import annotations

import marshal
from datetime import date

from graph.load.bulk.spill import Codec

__all__ = ["ENTITY_DATES", "INSIDER", "POSITION", "as_dates", "as_days"]

Props = dict[str, object]
Position = tuple[object, ...]
ENTITY_DATES = ("first_filing", "last_filing", "issuer_name_as_of", "name_as_of")
INSIDER_DATES = ("first_filing", "last_filing")
POSITION_AS_OF = 3  # state.py's POSITION_FIELDS: nature, shares, value, as_of, …

_day = date.toordinal
_date = date.fromordinal


def as_days(props: Props, keys: tuple[str, ...]) -> Props:
    """``props`` with the dates at ``keys`` as day numbers (a copy: the entry stays as is)."""
    stored = props.copy()
    for key in keys:
        if (value := stored.get(key)) is not None:
            stored[key] = _day(value)  # type: ignore[arg-type]
    return stored


def as_dates(stored: Props, keys: tuple[str, ...]) -> Props:
    """``as_days`` undone, in place."""
    for key in keys:
        if (value := stored.get(key)) is not None:
            stored[key] = _date(value)  # type: ignore[arg-type]
    return stored


def _dump_insider(props: Props) -> bytes:
    return marshal.dumps(as_days(props, INSIDER_DATES))


def _load_insider(blob: bytes) -> Props:
    return as_dates(marshal.loads(blob), INSIDER_DATES)


def _dump_position(values: Position) -> bytes:
    as_of = values[POSITION_AS_OF]
    if isinstance(as_of, date):
        values = (*values[:POSITION_AS_OF], _day(as_of), *values[POSITION_AS_OF + 1 :])
    return marshal.dumps(values)  # type: ignore[arg-type]


def _load_position(blob: bytes) -> Position:
    values: Position = marshal.loads(blob)
    day = values[POSITION_AS_OF]
    if isinstance(day, int):
        values = (*values[:POSITION_AS_OF], _date(day), *values[POSITION_AS_OF + 1 :])
    return values


INSIDER: Codec[Props] = Codec(_dump_insider, _load_insider)
POSITION: Codec[Position] = Codec(_dump_position, _load_position)
