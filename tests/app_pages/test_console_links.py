"""Share links that try to make the app or the server work hard: they only fill the form,
their limits are capped, and malformed parameters give a message, never a traceback."""

from __future__ import annotations

from graph.db import Settings
from tests.app_pages.test_pages import MSFT, ok, page

DEEP = "a=" + "[" * 5000 + "]" * 5000


def test_a_console_link_runs_nothing_until_run_is_pressed(app_env: Settings) -> None:
    at = ok(
        page("console", cypher="WITH 1 AS x //\rLOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l")
    )
    assert not at.dataframe and "press ▶ Run" in at.info[0].value
    at.button[1].click().run()
    assert "Refused: LOAD CSV is not allowed" in at.error[0].value


def test_deep_json_parameter_in_a_link_is_a_message(app_env: Settings) -> None:
    at = page("console", cypher="RETURN $a AS a", param=DEEP)
    at.button[1].click().run()
    assert not at.exception
    assert "deeper than 32 levels" in at.error[0].value


def test_link_timeout_and_expanded_are_capped(app_env: Settings) -> None:
    at = page("console", cypher="RETURN 1 AS n", timeout="300")
    assert not at.exception
    assert any("timeout=300" in w.value and "between 1 and 60" in w.value for w in at.warning)
    many = ",".join(str(n) for n in range(1, 5001))
    at = page("entity", cik=MSFT, expanded=many)
    assert not at.exception
    assert any("at most 50 expanded" in w.value for w in at.warning)


def test_the_chosen_example_rides_in_the_link(app_env: Settings) -> None:
    at = ok(page("console"))
    at.selectbox(key="k_example").set_value("Filings per form").run()
    assert ok(at).query_params["example"] == "Filings per form"
    at = ok(page("console", example="Filings per form"))
    assert at.selectbox(key="k_example").value == "Filings per form"
    at.button[0].click().run()  # Load example
    at.button[1].click().run()  # Run
    assert ok(at).dataframe[0].value.to_dict("records") == [{"form": "4", "filings": 7}]
    at.selectbox(key="k_example").set_value("Owners that are issuers").run()
    assert len(ok(at).dataframe) == 1  # choosing another example keeps the result shown
