"""Every page of the explorer in Streamlit's AppTest, against the real test Neo4j loaded with
tests/data/app/. Expected values are read off those XML files."""

from __future__ import annotations

import re

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from explorer.grid import NOT_APPLICABLE
from graph.db import Settings
from graph.read.search import option_label
from tests.paths import APP

MSFT, PDEX, GUTS, ADGI = "0000789019", "0000788920", "0001572616", "0001832038"
NADELLA = "0001513142"
PDEX_URL = "https://www.sec.gov/Archives/edgar/data/788920/000107997325000129/"


def page(name: str, **params: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(f"app_pages/{name}.py")
    for key, value in params.items():
        at.query_params[key] = value
    return at.run()


def ok(at: AppTest) -> AppTest:
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def links(at: AppTest) -> list[str]:
    """Page-link labels as shown: Markdown escapes (filer text is escaped) removed."""
    return [re.sub(r"\\(.)", r"\1", p.proto.label) for p in at.get("page_link")]


def test_home_shows_counts_and_latest_filings(app_env: Settings) -> None:
    at = ok(page("home"))
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {
        "Issuers": "4",
        "Owners": "12",
        "Securities": "13",  # distinct (issuer, title, derivative) in the 7 documents
        "Filings": "7",
        "Transactions": "27",  # <nonDerivativeTransaction> + <derivativeTransaction> rows
    }
    assert "2021-08-10" in at.markdown[0].value or any("2021-08-10" in m.value for m in at.markdown)
    assert links(at)[0].startswith("2025-09-15 · Form 4 · MICROSOFT CORP")


def test_search_by_name_ticker_and_cik(app_env: Settings) -> None:
    at = ok(page("search", q="micro"))
    assert links(at) == [f"MICROSOFT CORP (MSFT) · CIK {MSFT} · Issuer"]
    at.text_input(key="s_q").set_value("PDEX").run()
    assert links(ok(at)) == [f"PRO DEX INC (PDEX) · CIK {PDEX} · Issuer"]
    assert at.query_params["q"] == "PDEX"
    at.text_input(key="s_q").set_value("1211060").run()
    assert links(ok(at)) == ["THIEL PETER · CIK 0001211060 · Owner"]
    at.text_input(key="s_q").set_value("zzzz (").run()
    assert "Nothing matches" in ok(at).info[0].value


def test_type_ahead_in_the_sidebar_opens_the_entity_in_one_step(app_env: Settings) -> None:
    at = ok(page("home"))
    box = at.sidebar.selectbox(key="quick_search")
    assert box.value is None and box.placeholder == "name, ticker or CIK"
    # every entity of the fixtures (4 issuers, 12 owners), labelled by name, ticker, kind, CIK
    assert len(box.options) == 16
    assert {
        f"MICROSOFT CORP (MSFT) · issuer · {MSFT}",
        f"PRO DEX INC (PDEX) · issuer · {PDEX}",
        "Fractyl Health, Inc. (GUTS) · issuer · 0001572616",
        "THIEL PETER · owner · 0001211060 · Peter Thiel",
        "Nadella Satya · owner · 0001513142 · Satya Nadella",
        "FARNAM STREET PARTNERS LP /MN · owner · 0001058465",
    } <= set(box.options)
    assert box.options == sorted(box.options, key=str.casefold)
    box.set_value(MSFT).run()
    assert ok(at).title[0].value == "MICROSOFT CORP (MSFT)"
    assert at.query_params["cik"] == MSFT
    assert sorted(at.dataframe[0].value["Name"]) == [
        "Hood Amy",
        "List Teri",
        "Nadella Satya",
        "SMITH BRADFORD L",
    ]
    assert at.sidebar.selectbox(key="quick_search").value is None  # empty for the next search
    at.sidebar.selectbox(key="quick_search").set_value("0001211060").run()
    assert ok(at).title[0].value == "THIEL PETER"


def test_type_ahead_offers_no_add_option_and_full_text_stays_on_the_search_page(
    app_env: Settings,
) -> None:
    at = ok(page("entity", cik=PDEX))
    assert not at.sidebar.selectbox(key="quick_search").proto.accept_new_options  # no "Add: …"
    at = ok(page("search", q="mithril"))
    assert {label.split(" · ")[0] for label in links(at)} == {
        "Mithril GP LP",
        "MITHRIL II LP",
        "Mithril II GP LP",
        "Mithril II UGP LLC",
        "Mithril LP",
    }


def test_type_ahead_on_the_search_page(app_env: Settings) -> None:
    at = ok(page("search"))
    box = at.selectbox(key="s_pick")
    assert f"PRO DEX INC (PDEX) · issuer · {PDEX}" in box.options
    box.set_value(PDEX).run()
    assert ok(at).title[0].value == "PRO DEX INC (PDEX)"


def test_holdings_per_issuer_and_portfolio_per_owner(app_env: Settings) -> None:
    at = ok(page("holdings", cik=MSFT))
    table = at.dataframe[0].value
    nadella = table[table["Owner"] == "Nadella Satya"].set_index("Nature")["Shares"].to_dict()
    assert nadella == {NOT_APPLICABLE: 790852.378, "By GRAT": 109720.0}
    at.text_input(key="h_text").set_value("grat").run()
    assert len(ok(at).dataframe[0].value) == 1
    # The issuer's own name and ticker would fill every row: left out; what matters leads.
    assert list(table.columns[:6]) == ["Owner", "Role", "Security", "Shares", "D/I", "As of"]
    assert not {"Issuer", "Ticker"} & set(table.columns)
    portfolio = ok(page("holdings", cik="0001211060")).dataframe[0].value
    assert set(portfolio["Issuer"]) == {"Fractyl Health, Inc.", "Adagio Therapeutics, Inc."}
    assert not {"Owner", "Owner CIK"} & set(portfolio.columns)  # Thiel's own portfolio


def test_connections_paths_and_interlocks(app_env: Settings) -> None:
    at = ok(page("connections", cik=GUTS, other=ADGI))
    paths = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]  # as shown, unescaped
    assert any("Fractyl Health, Inc." in p and "Adagio" in p for p in paths)
    people = at.dataframe[0].value
    # people only: Thiel is an insider of both; his funds (Mithril II LP, GP, UGP) are too,
    # but they are companies, not board members
    assert set(people["Person"]) == {"THIEL PETER"}
    issuers = at.dataframe[1].value
    assert list(issuers["Count"]) == [4]


def test_console_runs_read_queries_and_refuses_writes(app_env: Settings) -> None:
    at = ok(
        page(
            "console",
            cypher="MATCH (o:Entity)-[r:INSIDER_OF]->(i:Entity {cik: $cik}) RETURN o, r, i",
            param='cik="0000789019"',
        )
    )
    assert not at.dataframe and "press ▶ Run" in at.info[0].value  # a link never runs by itself
    at.button[1].click().run()
    table = ok(at).dataframe[0].value
    assert len(table) == 4
    assert set(table["o"]) == {  # nodes by name, not as dicts
        "(Owner:Person) Hood Amy",
        "(Owner:Person) List Teri",
        "(Owner:Person) Nadella Satya",
        "(Owner:Person) SMITH BRADFORD L",
    }
    assert set(table["i"]) == {"(Company:Issuer) MICROSOFT CORP"}
    assert set(table["r"]) == {"[:INSIDER_OF]"}
    assert len(at.get("vega_lite_chart")) == 1
    at.text_area(key="k_cypher").set_value("MATCH (n) RETRN n").run()
    at.button[1].click().run()
    error = at.error[0].value
    assert "EXPLAIN" not in error and "Invalid input 'RETRN'" in error
    assert "(line 1, column 11 (offset: 10))" in error  # RETRN is the 11th character typed
    at.text_area(key="k_cypher").set_value("EXPLAIN MATCH (i:Issuer) RETURN i.name").run()
    at.button[1].click().run()
    plan = ok(at).code[-1].value
    assert plan.startswith("ProduceResults") and "i:Issuer" in plan
    at.text_area(key="k_cypher").set_value("MATCH (n) DETACH DELETE n").run()
    at.button[1].click().run()
    assert "Refused: DETACH is not allowed" in at.error[0].value
    at.selectbox(key="k_example").set_value("Filings per form").run()
    at.button[0].click().run()
    at.button[1].click().run()
    assert ok(at).dataframe[0].value.to_dict("records") == [{"form": "4", "filings": 7}]


@pytest.mark.parametrize("name", ["entity", "holdings", "transactions"])
def test_unknown_cik_and_malformed_link_give_messages(app_env: Settings, name: str) -> None:
    at = page(name, cik="0000000042")
    assert not at.exception and "CIK 0000000042 is not in the graph" in at.error[0].value
    at = page(name, cik="not-a-cik", depth="9")
    assert not at.exception and any("malformed" in w.value for w in at.warning)


def test_unreachable_neo4j_gives_a_message(app_env: Settings, monkeypatch, free_port) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{free_port()}")
    st.cache_resource.clear()
    at = page("home")
    assert not at.exception and "Cannot reach Neo4j" in at.error[0].value


def test_empty_database_says_how_to_load(app_env: Settings, neo4j_driver) -> None:  # type: ignore[no-untyped-def]
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=app_env.database)
    st.cache_data.clear()
    at = page("home")
    assert not at.exception and "The graph is empty" in at.info[0].value
    st.cache_data.clear()


def test_type_ahead_label_carries_every_spelling_of_the_name() -> None:
    label = option_label(
        MSFT, "MICROSOFT CORP", "MSFT", ("Entity", "Issuer", "Company"), ("MICROSOFT CORP",)
    )
    assert label == f"MICROSOFT CORP (MSFT) · issuer · {MSFT}"
    names = ("Mithril II GP LP", "MITHRIL II GP, L.P.", "Mithril II GP LP")
    label = option_label("0001669609", "Mithril II GP LP", None, ("Owner", "Issuer"), names)
    assert label == "Mithril II GP LP · issuer + owner · 0001669609 · also MITHRIL II GP, L.P."
    assert option_label("0000000001", None, None, (), ()) == "0000000001 · entity · 0000000001"
    musk = option_label("0001494730", "Musk Elon", None, ("Entity", "Owner", "Person"), ())
    assert musk == "Musk Elon · owner · 0001494730 · Elon Musk"  # "elon musk" finds it too


def test_sidebar_navigation_keeps_the_current_entity(app_env: Settings) -> None:
    at = ok(page("entity", cik=MSFT))
    for key in list(at.query_params):
        del at.query_params[key]  # a sidebar link carries no parameters
    at.switch_page("app_pages/holdings.py").run()
    assert ok(at).query_params["cik"] == MSFT
    assert not any("Search for an issuer" in i.value for i in at.info)
