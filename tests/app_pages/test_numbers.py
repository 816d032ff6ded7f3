"""The pages of numbers (transactions, holdings, home) in AppTest against the real test Neo4j
loaded with tests/data/app/. Expected values are read off those XML files."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from explorer.timeline_chart import LEGEND_INSIDERS
from graph.db import Settings
from tests.app_pages.test_pages import MSFT, PDEX, PDEX_URL, ok, page

THIEL = "0001211060"


def test_transactions_keep_the_issuers_side_apart_from_the_owners_side(app_env: Settings) -> None:
    at = ok(page("transactions", cik=PDEX))
    ins, by = at.tabs
    # PDEX issuer side: the joint Form 4 of Farnam Street Partners and Cabillot, two sales.
    assert ins.markdown[0].value.startswith(
        "2 transaction row(s) in 1 issuer(s) · open-market buys $0 · sells $94.6 k"
    )
    table = at.dataframe[0].value
    assert list(table["Shares"]) == [1436.0, 835.0] and list(table["Price"]) == [41.44, 42.0]
    assert "Issuer" not in table.columns  # one issuer: the page title names it
    assert set(table["EDGAR"]) == {PDEX_URL}
    assert set(table["Filing"]) == {"Form 4 · 2025-01-23 · FARNAM STREET PARTNERS LP /MN +1"}
    # PDEX itself never traded as an owner, and no filter is set: the message says which.
    assert by.info[0].value == "No transactions by this entity as an owner."
    assert _opened_tab(at) == 0


def _opened_tab(at: AppTest) -> int:
    """The index of the tab a fresh page opens on."""
    blocks = [b.proto for b in at.main.children.values()]
    tabs = [b for b in blocks if "tab_container" in b.DESCRIPTOR.fields_by_name]
    tabs = [b for b in tabs if b.HasField("tab_container")]
    return int(tabs[0].tab_container.default_tab_index)


def test_an_owners_trades_span_issuers_with_the_issuer_column(app_env: Settings) -> None:
    at = ok(page("transactions", cik=THIEL))
    ins, by = at.tabs
    assert ins.info[0].value == (
        "No transactions in this entity's securities: it is not an issuer in the graph."
    )
    assert _opened_tab(at) == 1  # Thiel is no issuer: his own trades open first
    # ADGI 5 rows (P 1,997,000 sh at $17.00) and GUTS 8 rows (P 333,333 sh at $15.00).
    assert by.markdown[0].value.startswith(
        "13 transaction row(s) in 2 issuer(s) · open-market buys $38.9 M · sells $0"
    )
    table = at.dataframe[0].value
    assert set(table["Issuer"]) == {"Fractyl Health, Inc.", "Adagio Therapeutics, Inc."}
    # Bare documents: no accession number, so the owner's EDGAR list, and the reason why.
    assert table["EDGAR"][0].startswith(
        "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001"
    )
    assert table["Link"][0].startswith("no accession number (loaded from a bare document)")


def test_footnotes_come_on_demand_as_plain_text(app_env: Settings) -> None:
    at = ok(page("transactions", cik=PDEX))
    assert not any("F1:" in t.value for t in at.text)
    at.toggle(key="t_notes_in").set_value(True).run()
    texts = [t.value for t in ok(at).text]
    assert any(
        t.startswith("F1: The sales reported on this Form 4 were effected") for t in texts
    ), texts
    assert any(
        t.startswith("F2: The price reported on Column 4 is a weighted average") for t in texts
    )
    at.multiselect(key="f_codes").set_value(["P"]).run()
    assert "No transactions match" in ok(at).info[0].value


def test_holdings_value_at_the_last_price_and_zero_positions_behind_a_toggle(
    app_env: Settings,
) -> None:
    at = ok(page("holdings", cik=MSFT))
    table = at.dataframe[0].value
    nadella = table[(table["Owner"] == "Nadella Satya") & (table["D/I"] == "D")]
    # 790,852.378 shares after his last sale; the latest MSFT price reported is that sale's,
    # 500 shares at $507.5580 on 2025-09-03.
    assert nadella["Value at last price"].iloc[0] == pytest.approx(790852.378 * 507.5580)
    assert nadella["Price as of"].iloc[0] == "2025-09-03"
    assert not nadella["Possibly stale"].iloc[0]
    # Thiel's portfolio: the preferred series converted to common (ADGI 3, GUTS 5) are zero.
    at = ok(page("holdings", cik=THIEL))
    assert (at.dataframe[0].value["Shares"] > 0).all()
    at.toggle(key="h_zero").set_value(True).run()
    assert (ok(at).dataframe[0].value["Shares"] == 0).sum() == 8


def test_timeline_colours_by_insider_shapes_by_code_with_price_and_glossary(
    app_env: Settings,
) -> None:
    at = ok(page("transactions", cik=MSFT))
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    marks, price = spec["layer"]
    assert marks["encoding"]["color"]["field"] == "insider"  # one colour per insider
    assert marks["encoding"]["shape"]["field"] == "code"  # one shape per code
    # msft_4_2025-09-02: Nadella's grant (A), tax withholding (F) and six sales (S) on 09-03
    nadella = {m["code"]: m for m in marks["data"]["values"] if m["insider"] == "Nadella Satya"}
    assert set(nadella) == {"A", "F", "S"} and nadella["S"]["trades"] == 6
    assert marks["encoding"]["shape"]["scale"]["domain"] == ["A", "F", "S"]
    assert price["mark"]["type"] == "line" and spec["resolve"]["scale"]["y"] == "independent"
    # a hub's thousands of marks: drawn on a canvas, its hundreds of insiders not all listed
    assert spec["usermeta"]["embedOptions"]["renderer"] == "canvas"
    assert marks["encoding"]["color"]["legend"]["symbolLimit"] == LEGEND_INSIDERS
    assert [p["start"] for p in price["data"]["values"]] == ["2025-09-02", "2025-09-03"]
    glossary = next(c.value for c in at.caption if c.value.startswith("Timeline of all"))
    assert glossary == (
        "Timeline of all 12 row(s): A grant or award · F tax withholding · S open-market sale"
    )
