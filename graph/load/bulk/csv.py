"""Write the bulk import's CSV files: one per node label group and relationship type.

Headers and types come from columns.py. Every string is quoted (so an empty string stays an
empty string and multi-line footnotes stay one field); an absent property is an empty,
unquoted field, which the importer leaves unset, as the online path stores no nulls.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TextIO

from graph.load.bulk.columns import ARRAY_DELIMITER, FILES, Columns

__all__ = ["CsvFiles", "edge_line", "node_line"]

Props = dict[str, object]


def _quote(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _string(value: object) -> str:
    text = value if type(value) is str else str(value)
    return '"' + text.replace('"', '""') + '"'


def _strings(value: object) -> str:
    return _quote(ARRAY_DELIMITER.join(map(str, value)))  # type: ignore[call-overload]


def _boolean(value: object) -> str:
    return "true" if value else "false"


def _double(value: object) -> str:
    return repr(float(value))  # type: ignore[arg-type]


def _long(value: object) -> str:
    return str(int(value))  # type: ignore[call-overload]


def _date(value: object) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"no CSV cell for {value!r} as date")


Cell = Callable[[object], str]
_CELLS: dict[str, Cell] = {
    "string": _string,
    "string[]": _strings,
    "boolean": _boolean,
    "double": _double,
    "long": _long,
    "date": _date,
}


def _cells(columns: Columns) -> dict[str, tuple[int, Cell]]:
    """Each column's key → its position and cell writer, chosen once per file, not per cell."""
    return {key: (at, _CELLS[kind]) for at, (key, kind) in enumerate(columns)}


_COLUMNS = {stem: _cells(columns) for stem, (_, columns) in FILES.items()}


def _line(stem: str, cells: list[str], props: Props) -> str:
    """The ID cells, then a cell per column: empty unless ``props`` holds a value for it
    (rows are sparse: only the properties present are visited)."""
    columns = _COLUMNS[stem]
    start = len(cells)
    cells += [""] * len(columns)
    for key, value in props.items():
        if value is not None and (column := columns.get(key)) is not None:
            at, cell = column
            cells[start + at] = cell(value)
    return ",".join(cells) + "\n"


def node_line(stem: str, key: str, labels: Iterable[str], props: Props) -> str:
    """One node row of file ``stem``: its ID, labels, and properties."""
    return _line(stem, [_quote(key), _quote(ARRAY_DELIMITER.join(sorted(labels)))], props)


def edge_line(stem: str, start: str, end: str, kind: str, props: Props) -> str:
    """One relationship row of file ``stem``: start ID, end ID, type, and properties."""
    return _line(stem, [_quote(start), _quote(end), kind], props)


class CsvFiles:
    """The open CSV files under one folder, written row by row; ``close`` before importing."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self._files: dict[str, TextIO] = {}
        for stem, (ids, columns) in FILES.items():
            f = (folder / f"{stem}.csv").open("w", encoding="utf-8", newline="")
            header = [*ids, *(f"{key}:{kind}" for key, kind in columns)]
            f.write(",".join(header) + "\n")
            self._files[stem] = f
        self.rows = dict.fromkeys(FILES, 0)

    def paths(self) -> dict[str, Path]:
        """File stem → path, for the importer's command line."""
        return {stem: self.folder / f"{stem}.csv" for stem in FILES}

    def node(self, stem: str, key: str, labels: Iterable[str], props: Props) -> None:
        """One node row: its ID, labels, and properties."""
        self.lines(stem, node_line(stem, key, labels, props), 1)

    def edge(self, stem: str, start: str, end: str, kind: str, props: Props) -> None:
        """One relationship row: start ID, end ID, type, and properties."""
        self.lines(stem, edge_line(stem, start, end, kind, props), 1)

    def lines(self, stem: str, text: str, count: int) -> None:
        """``count`` rows already written as text (``node_line``, ``edge_line``)."""
        self._files[stem].write(text)
        self.rows[stem] += count

    def close(self) -> None:
        for f in self._files.values():
            f.close()
