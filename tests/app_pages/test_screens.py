"""The Screens page in AppTest against the real test Neo4j loaded with tests/data/app/.
Expected values are read off those XML files (named in each comment)."""

from __future__ import annotations

from datetime import date

import pytest

from graph.db import Settings
from tests.app_pages.test_pages import links, ok, page


def test_cluster_buys_count_joint_filers_as_the_toggle_says(app_env: Settings) -> None:
    at = ok(page("screens"))
    # Each purchase in the fixtures is one joint filing (Thiel and his funds): one buyer.
    empty = at.info[0].value
    assert empty.startswith("No issuer had 2 or more distinct buyers within 30 days.")
    assert "counting every owner of a joint filing" in empty
    at.toggle(key="sc_merge").set_value(False).run()
    assert ok(at).query_params["merge"] == "0"  # the toggle rides in the link
    clusters = at.dataframe[0].value
    # guts_4_2024-02-06: 6 reporting owners, P 333,333 sh at $15.00;
    # adgi_4_2021-08-10: 4 reporting owners, P 1,997,000 sh at $17.00.
    assert list(clusters["Ticker"]) == ["GUTS", "ADGI"]
    assert list(clusters["Buyers"]) == [6, 4] and list(clusters["Purchases"]) == [1, 1]
    assert clusters["Value ($)"][0] == pytest.approx(333333 * 15.00)
    assert "every reporting owner counts as a buyer" in at.caption[0].value
    at.date_input(key="sc_from").set_value(date(2022, 1, 1)).run()
    assert list(ok(at).dataframe[0].value["Ticker"]) == ["GUTS"]  # ADGI's buy was 2021-08-10
    assert at.query_params["from"] == "2022-01-01"
    at.text_input(key="sc_ticker").set_value("adgi").run()
    assert "No issuer had 2 or more distinct buyers within 30 days (trades 2022-01-01" in (
        ok(at).info[0].value
    )
    assert at.query_params["ticker"] == "ADGI"


def test_largest_sales_fill_role_dates_and_delta_own(app_env: Settings) -> None:
    at = ok(page("screens", screen="sales"))
    top = at.dataframe[0].value.iloc[0]
    # msft_4_2025-09-02: Nadella (director, officer "Chief Executive Officer") sold 48,267 sh
    # at $504.9528 on 2025-09-03, 839,460.378 sh owned after; signed 2025-09-04 (a bare
    # document: no filing date, so the signature date).
    assert top["Insider(s)"] == "Nadella Satya"
    assert top["Role"] == "Director, Officer (Chief Executive Officer)"
    assert (top["Trade date"], top["Filed"], top["Ticker"]) == ("2025-09-03", "2025-09-04", "MSFT")
    assert top["Value ($)"] == pytest.approx(48267 * 504.9528)
    assert top["ΔOwn"] == pytest.approx(-48267 / (839460.378 + 48267))
    assert "one row per filing row" in at.caption[0].value
    at.text_input(key="sc_ticker").set_value("PDEX").run()
    pdex = ok(at).dataframe[0].value
    # pdex_4_0001079973-25-000129 (FILED AS OF DATE 20250124), one joint row each: S 1,436 sh
    # at $41.44 (333,210 after) and S 835 sh at $42.00; Cabillot is a director and 10% owner,
    # Farnam Street Partners a 10% owner.
    assert list(pdex["Shares"]) == [1436.0, 835.0]
    assert set(pdex["Filed"]) == {"2025-01-24"}
    assert all(set(r.split("; ")) == {"Director, 10% owner", "10% owner"} for r in pdex["Role"])
    assert pdex["ΔOwn"][0] == pytest.approx(-1436 / (333210 + 1436))
    assert at.query_params["screen"] == "sales" and at.query_params["ticker"] == "PDEX"
    assert "Pro Dex" in " ".join(links(at)).title()


def test_purchases_of_a_new_window_say_why_nothing_passed(app_env: Settings) -> None:
    at = ok(page("screens", screen="purchases"))
    top = at.dataframe[0].value.iloc[0]
    # adgi_4_2021-08-10: P 1,997,000 sh at $17.00, 11,241,580 owned after, all four owners
    # 10% owners, signed 2021-08-12.
    assert (top["Ticker"], top["Role"], top["Filed"]) == ("ADGI", "10% owner", "2021-08-12")
    assert top["ΔOwn"] == pytest.approx(1997000 / (11241580 - 1997000))
    at = ok(page("screens", screen="purchases", ticker="MSFT"))
    assert at.info[0].value == (
        "No largest open-market purchases (ticker MSFT). Widen the date range or clear the ticker."
    )
    at = ok(page("screens", screen="insider_buys", **{"from": "2020-01-01", "to": "2020-12-31"}))
    assert "No officer and director buys (trades 2020-01-01 → 2020-12-31)" in at.info[0].value
