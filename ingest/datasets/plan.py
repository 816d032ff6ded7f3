"""Read the rows of one data-set table by column position, planned once from its header.

A ``Plan`` resolves every record field's column (the first of its candidates the header has)
and converter once per table; per row it returns the field values, the values that did not
convert, the ``*_FN`` footnote references and the non-empty columns nothing read
(``leftovers``). A value that does not convert reads as None, is reported, and stays a leftover.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import TypeVar

from ingest.records import FieldFootnote, fast_constructor
from ingest.values import strict_day, strict_number

__all__ = [
    "Field",
    "Layout",
    "Parsed",
    "Plan",
    "parse_dataset_date",
    "to_bool",
    "to_day",
    "to_float",
]

_MONTH_NAMES = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
_MONTHS = {m: i for i, m in enumerate(_MONTH_NAMES, 1)}
_TRUE, _FALSE = frozenset({"1", "true", "y", "yes"}), frozenset({"0", "false", "n", "no"})
_REMEMBER = 100_000  # texts per converter whose value is kept
_T = TypeVar("_T")
_footnote = fast_constructor(FieldFootnote)
Convert = Callable[[str], object]
Pairs = tuple[tuple[str, str], ...]
Values = list[str | None]  # one row, by column position; None where the row has no such cell


def parse_dataset_date(text: str) -> date | None:
    """``28-MAR-2025`` (or ISO ``2025-03-28``) to a date; None when empty or malformed."""
    text = text.strip()
    try:
        if len(text) == 11 and text[2] == "-" and text[:2].isascii() and text[7:].isascii():
            return date(int(text[7:]), _MONTHS[text[3:6].upper()], int(text[:2]))
        return strict_day(text) if text else None
    except (KeyError, ValueError):
        return None


def _to_float(text: str) -> float | None:
    try:
        return strict_number(text)
    except ValueError:
        return None


def _to_bool(text: str) -> bool | None:
    lowered = text.lower()
    return True if lowered in _TRUE else False if lowered in _FALSE else None


def _remembered(convert: Callable[[str], _T | None]) -> Callable[[str], _T | None]:
    """``convert`` remembering what each text gave (values repeat a lot), up to ``_REMEMBER``."""
    seen: dict[str, _T | None] = {}
    missing = object()

    def remembered(text: str) -> _T | None:
        value = seen.get(text, missing)
        if value is missing:
            if len(seen) >= _REMEMBER:
                seen.clear()
            value = seen[text] = convert(text)
        return value  # type: ignore[return-value]

    return remembered


to_day = _remembered(parse_dataset_date)
to_float = _remembered(_to_float)
to_bool = _remembered(_to_bool)


@dataclass(frozen=True, slots=True)
class Field:
    """A record field: the columns that may hold it (the first the row has wins), and how its
    text converts (None: kept as text)."""

    columns: tuple[str, ...]
    convert: Convert | None = None


class Layout:
    """A table's header: its distinct column names in order, and how a row lines up with them."""

    __slots__ = ("_direct", "header", "index", "names")

    def __init__(self, header: Sequence[str]) -> None:
        self.header = tuple(header)
        self.names = tuple(dict.fromkeys(self.header))
        self.index = {name: i for i, name in enumerate(self.names)}
        self._direct = len(self.names) == len(self.header)  # no column name twice

    def align(self, values: list[str]) -> Values:
        """The row's cells by column position (as a dict of the row by name would hold them),
        then one more cell, read for columns the header lacks: "" after a row taken as is,
        None after a row rebuilt by name, whose cells may be missing (None) too."""
        aligned: Values
        if self._direct and len(values) == len(self.header):
            aligned = values  # type: ignore[assignment]  # the reader's own list, ours to extend
            aligned.append("")
        else:
            by_name = dict(zip(self.header, values, strict=False))
            aligned = [by_name.get(name) for name in self.names]
            aligned.append(None)
        return aligned


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a plan read from one row."""

    values: list[object]  # one per field, in the plan's order
    unreadable: Pairs  # (record field, text) of values that did not convert
    footnotes: tuple[FieldFootnote, ...]
    leftovers: Pairs  # (column, text) of non-empty columns nothing read


_parsed = fast_constructor(Parsed)


def _getter(indices: Sequence[int]) -> Callable[[Values], tuple[str | None, ...]]:
    """The cells at ``indices`` of a row, as a tuple (itemgetter returns a bare cell for one)."""
    if len(indices) == 1:
        (i,) = indices
        return lambda row: (row[i],)
    return itemgetter(*indices) if indices else lambda row: ()


class Plan:
    """The fields of one record type, resolved against one table's layout.

    ``reported`` names the record field a column's unconvertible value is reported under
    (default: the column in lower case); ``footnotes`` pairs ``*_FN`` columns with fields.
    """

    __slots__ = (
        "_absent",
        "_cells",
        "_converted",
        "_fields",
        "_footnote_cells",
        "_footnote_fields",
        "_footnotes",
        "_names",
        "_read",
        "_reported",
        "_rest",
    )

    def __init__(
        self,
        layout: Layout,
        fields: Sequence[Field],
        footnotes: Sequence[tuple[str, str]] = (),
        reported: Mapping[str, str] | None = None,
    ) -> None:
        index, names = layout.index, layout.names
        self._names = names
        self._reported = tuple((reported or {}).get(name, name.lower()) for name in names)
        self._fields = tuple(
            (tuple(index[c] for c in f.columns if c in index), f.convert) for f in fields
        )
        self._absent = len(names)  # the cell Layout.align adds
        self._cells = _getter([cols[0] if cols else self._absent for cols, _ in self._fields])
        self._converted = tuple((k, f.convert) for k, f in enumerate(fields) if f.convert)
        self._footnotes = tuple((index[c], name) for c, name in footnotes if c in index)
        self._footnote_cells = _getter([i for i, _ in self._footnotes])
        self._footnote_fields = tuple(name for _, name in self._footnotes)
        # read whatever the row: the accession and the footnote columns
        accession = index.get("ACCESSION_NUMBER", -1)
        self._read = frozenset({i for i, _ in self._footnotes} | {accession})
        read = self._read | {cols[0] for cols, _ in self._fields if cols}
        self._rest = tuple(  # what a leftover can be, surrogate keys ``*_SK`` excepted
            i for i, name in enumerate(names) if i not in read and not name.endswith("_SK")
        )

    def read(self, row: Values) -> Parsed:
        """The row's field values, unreadable values, footnotes and leftovers."""
        if row[self._absent] is None:  # rebuilt by name: cells may be missing
            return self._read_unplanned(row)
        values: list[object] = [cell.strip() or None for cell in self._cells(row)]  # type: ignore[union-attr]
        for k, convert in self._converted:
            if (text := values[k]) is not None:
                if (value := convert(text)) is None:  # type: ignore[arg-type]
                    return self._read_unplanned(row)  # reports it, and keeps it a leftover
                values[k] = value
        refs = self._refs(row) if self._footnotes else ()
        return _parsed(values, (), refs, self._leftovers(row) if self._rest else ())

    def _read_unplanned(self, row: Values) -> Parsed:
        """``read`` for a row rebuilt by name or holding a value that does not convert."""
        values: list[object] = []
        unreadable: list[tuple[str, str]] = []
        for cols, convert in self._fields:
            at = next((i for i in cols if row[i] is not None), None)
            text = (row[at] or "").strip() if at is not None else ""
            value = (convert(text) if convert else text) if text else None
            values.append(value)
            if value is None and text and at is not None:
                unreadable.append((self._reported[at], text))
        refs = self._refs(row) if self._footnotes else ()
        return _parsed(values, tuple(unreadable), refs, self._unplanned_leftovers(row))

    def _refs(self, row: Values) -> tuple[FieldFootnote, ...]:
        """Footnote ids ("F1, F2" or "F1;F2") of every ``*_FN`` cell, in the plan's order."""
        found: list[FieldFootnote] = []
        for ids, name in zip(self._footnote_cells(row), self._footnote_fields, strict=True):
            if ids and (ids := ids.strip()):
                for footnote_id in dict.fromkeys(ids.replace(";", ",").split(",")):
                    if footnote_id := footnote_id.strip():
                        found.append(_footnote(name, footnote_id))
        return tuple(found)

    def _leftovers(self, row: Values) -> Pairs:
        names = self._names
        return tuple(
            (names[i], text) for i in self._rest if (raw := row[i]) and (text := raw.strip())
        )

    def _unplanned_leftovers(self, row: Values) -> Pairs:
        """Leftovers when a field was read from a later candidate or did not convert: each
        field reads its first column the row has, and one that does not convert reads none."""
        read = set(self._read)
        for cols, convert in self._fields:
            at = next((i for i in cols if row[i] is not None), None)
            if at is None:
                continue
            read.add(at)
            text = (row[at] or "").strip()
            if convert is not None and text and convert(text) is None:
                read.difference_update(cols)
        names = self._names
        return tuple(
            (name, text)
            for i, name in enumerate(names)
            if i not in read
            and not name.endswith("_SK")
            and (raw := row[i])
            and (text := raw.strip())
        )
