"""explorer/format.py: how numbers and blanks read in every table and headline."""

from __future__ import annotations

from explorer.format import money, number, percent, shares, text


def test_numbers_have_thousands_separators_and_blanks_a_dash() -> None:
    assert number(1234567.8) == "1,234,568"
    assert number(None) == "—"
    assert shares(1055000) == "1,055,000"
    assert shares(1234.5) == "1,234.5"


def test_money_reads_with_units() -> None:
    assert money(25_200_000) == "$25.2 M"
    assert money(1_300_000_000) == "$1.3 B"
    assert money(-259_605.4) == "-$259.6 k"
    assert money(950) == "$950"
    assert money(96.3) == "$96.30"
    assert money(259_605.4, exact=True) == "$259,605.40"
    assert money(None) == "—"


def test_percent_and_text() -> None:
    assert percent(0.125) == "12.5 %"
    assert percent(None) == "—"
    assert text(None) == "—"
    assert text(("A", "B")) == "A, B"
    assert text("By Trust") == "By Trust"
