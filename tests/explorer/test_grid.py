"""explorer.grid.frame: rows into the frame a grid draws. Cell values are read off
tests/data/app/ (msft_4_2025-09-02, pdex_4_0001079973-25-000129)."""

from __future__ import annotations

from collections.abc import Mapping

from explorer.grid import frame


def test_missing_values_stay_missing_and_lists_are_joined() -> None:
    rows: list[Mapping[str, object]] = [
        {"Security": "Common Stock", "Price": 504.9528, "Roles": ("Director", "Officer")},
        {"Security": "Common Stock", "Price": None, "Roles": ()},
    ]
    table = frame(rows)
    assert list(table.columns) == ["Security", "Price", "Roles"]
    assert table["Roles"][0] == "Director, Officer"
    assert table["Price"].isna().tolist() == [False, True]
    assert table["Roles"].isna().tolist() == [False, True]


def test_a_column_of_mixed_types_becomes_text_with_its_blanks_still_blank() -> None:
    # A console column mixing a CIK (text), a share count and a missing value.
    rows: list[Mapping[str, object]] = [{"x": "0000789019"}, {"x": 1436}, {"x": None}, {"y": 1.0}]
    table = frame(rows)
    assert list(table["x"][:2]) == ["0000789019", "1436"]
    assert table["x"].isna().tolist() == [False, False, True, True]
    assert table["y"][3] == 1.0
