"""Superseded rows on the pages, in AppTest against the real test Neo4j loaded with Citigroup's
Form 4 of Jane Fraser (2025-10-22) and its 4/A (tests/data/graph/c_4*.xml). Expected values
are read off those two XML files."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
import streamlit as st

from graph.db import Settings
from graph.load.pipeline import ingest_paths
from tests.app_pages.conftest import point_app_at
from tests.app_pages.test_pages import ok, page
from tests.conftest import empty_graph
from tests.paths import DATA

CITI, FRASER = "0000831001", "0001644491"
FILES = [
    DATA / "graph" / "c_4_2025-10-22_d91aeb8e.xml",
    DATA / "graph" / "c_4a_2025-10-22_69eee934.xml",
]


@pytest.fixture
def amended_env(
    neo4j_driver: neo4j.Driver, neo4j_server: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """The app pointed at a graph of the original and its amendment only (the app fixtures
    are reloaded by the next test that needs them)."""
    empty_graph(neo4j_driver, neo4j_server.database)
    summary = ingest_paths(neo4j_driver, FILES, database=neo4j_server.database)
    assert (summary.filings_loaded, summary.rejected) == (2, [])
    point_app_at(neo4j_server, monkeypatch)
    st.cache_resource.clear()
    st.cache_data.clear()
    yield neo4j_server
    empty_graph(neo4j_driver, neo4j_server.database)
    st.cache_resource.clear()
    st.cache_data.clear()


def test_superseded_rows_are_behind_a_toggle_flagged_and_never_counted(
    amended_env: Settings,
) -> None:
    at = ok(page("transactions", cik=CITI))
    # The 4/A (signed 2025-10-24) restates the original (signed 2025-10-22): 259,605.4 shares
    # of common stock and 1,000,000 options (the original said 1,055,000).
    assert at.tabs[0].markdown[0].value.startswith("2 transaction row(s) in 1 issuer(s)")
    table = at.dataframe[0].value
    assert sorted(table["Shares"]) == [259605.4, 1000000.0] and "Superseded by" not in table
    at.toggle(key="t_superseded").set_value(True).run()
    assert ok(at).query_params["superseded"] == "1"
    head = at.tabs[0].markdown[0].value
    assert head.startswith("4 transaction row(s) in 1 issuer(s)")
    assert "2 superseded row(s) shown but not counted" in head
    table = at.dataframe[0].value
    flagged = table[table["Superseded by"] != ""]
    assert sorted(flagged["Shares"]) == [259605.4, 1055000.0]
    assert set(flagged["Superseded by"]) == {"Form 4/A · signed 2025-10-24"}
    # the link brings the toggle back
    assert ok(page("transactions", cik=CITI, superseded="1")).toggle(key="t_superseded").value


def test_positions_come_from_the_amendment_and_the_toggle_rides_in_the_link(
    amended_env: Settings,
) -> None:
    at = ok(page("holdings", cik=FRASER, superseded="1", text="option"))
    assert at.toggle(key="h_superseded").value and at.text_input(key="h_text").value == "option"
    table = at.dataframe[0].value
    # 1,000,000 options after the trade, as the 4/A reports; nothing is left only in the original
    assert list(table["Shares"]) == [1000000.0] and list(table["Superseded"]) == [""]
    at.radio(key="h_deriv").set_value("non-derivative only").run()
    assert ok(at).query_params["derivative"] == "none"
    assert at.info[0].value == "No position matches these filters."
