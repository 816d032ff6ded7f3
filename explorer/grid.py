"""The app's data grids: rows of cells into ``st.dataframe``, with one rule for blank cells.

A missing value (None, NaN) is drawn as an empty cell, never "None" or "nan". A cell whose
value cannot exist for its row (the nature of a direct holding, say) holds ``NOT_APPLICABLE``,
an en dash, put there by the page that knows why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import streamlit as st

__all__ = ["MISSING", "NOT_APPLICABLE", "frame", "grid"]

MISSING = ""  # how a missing value reads in a grid
NOT_APPLICABLE = "\u2013"  # an en dash: no value can exist in this cell


def _cell(value: object) -> object:
    if isinstance(value, tuple | list):
        return ", ".join(str(v) for v in value) if value else None
    return value


def _text(value: object) -> object:
    return None if value is None or value is pd.NA or value != value else str(value)


def frame(rows: Sequence[Mapping[str, object]]) -> pd.DataFrame:
    """The rows as a frame: lists joined with ', ', missing values left missing.

    A column mixing types (a console query's, say) becomes text cell by cell, so its missing
    values stay missing instead of turning into the words "None" or "nan".
    """
    columns = list(dict.fromkeys(name for row in rows for name in row))
    table = pd.DataFrame.from_records(
        [{name: _cell(row.get(name)) for name in columns} for row in rows], columns=columns
    )
    for name in columns:
        if table[name].dtype == object:
            kinds = {type(v) for v in table[name] if _text(v) is not None}
            if len(kinds) > 1:
                table[name] = table[name].map(_text)
    return table


def grid(
    rows: Sequence[Mapping[str, object]],
    column_config: Mapping[str, Any] | None = None,
    key: str | None = None,
) -> None:
    """Draw the rows as a data grid without an index, missing values as empty cells."""
    st.dataframe(
        frame(rows),
        hide_index=True,
        column_config=dict(column_config) if column_config else None,
        placeholder=MISSING,
        key=key,
    )
