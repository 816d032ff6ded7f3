"""Blank cells in the app's data grids (first-use finding M-11): a missing value is an empty
cell, never the word "None" or "nan"; a value that cannot exist for its row reads as an en
dash. AppTest against the real test Neo4j loaded with tests/data/app/; expected values read
off that XML."""

from __future__ import annotations

import pytest

from explorer.grid import NOT_APPLICABLE
from graph.db import Settings
from tests.app_pages.test_pages import GUTS, MSFT, PDEX, ok, page

THIEL = "0001211060"
GRIDS = {
    "home": {},
    "entity": {"cik": MSFT},
    "holdings": {"cik": THIEL},
    "transactions": {"cik": THIEL},
    "connections": {"cik": GUTS},
    "screens": {"screen": "sales"},
}


@pytest.mark.parametrize("name", list(GRIDS))
def test_every_grid_draws_a_missing_value_as_an_empty_cell(app_env: Settings, name: str) -> None:
    at = ok(page(name, **GRIDS[name]))
    if name == "home":  # its table of the latest filings comes on demand
        assert not at.dataframe
        at = ok(at.toggle(key="home_table").set_value(True).run())
    assert at.dataframe, name
    for table in at.dataframe:
        # Streamlit draws a missing value as its placeholder, "None" when none is given.
        assert table.proto.HasField("placeholder") and table.proto.placeholder == ""
        assert not table.value.isin(["None", "nan", "NaN"]).any().any()


def test_missing_and_not_applicable_cells(app_env: Settings) -> None:
    at = ok(page("holdings", cik=MSFT))
    table = at.dataframe[0].value.set_index(["Owner", "Security", "D/I"])
    # msft_4_2025-09-02: Nadella holds Common Stock directly (no natureOfOwnership: a nature is
    # only given for an indirect holding) and 109,720 shares indirectly "By GRAT".
    assert table.loc[("Nadella Satya", "Common Stock", "D"), "Nature"] == NOT_APPLICABLE
    assert table.loc[("Nadella Satya", "Common Stock", "I"), "Nature"] == "By GRAT"
    # The same in transactions: msft_4_2025-09-02's sales are all held directly;
    # pdex_4_0001079973-25-000129's two sales indirectly "By Farnam Street Partners, L.P.".
    msft = ok(page("transactions", cik=MSFT)).dataframe[0].value
    assert set(msft.loc[msft["D/I"] == "D", "Nature"]) == {NOT_APPLICABLE}
    pdex = ok(page("transactions", cik=PDEX)).dataframe[0].value
    assert set(pdex["Nature"]) == {"By Farnam Street Partners, L.P."}
