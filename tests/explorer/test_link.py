"""Share links: state → query parameters → state, and malformed links give messages."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

import pytest

from explorer.link import ViewState, decode, encode, share_url
from graph.read.filters import GraphFilters

FULL = ViewState(
    page="entity",
    cik="0000789019",
    other="0001513142",
    q="micro",
    filters=GraphFilters(
        depth=3, start="2024-01-01", end="2025-12-31", codes=("P", "S"),
        roles=("director", "officer"), derivative=False, min_value=1_000_000.0,
    ),
    layout="kamada_kawai",
    seed=42,
    expanded=("0001519339", "0001211060"),
    cypher="MATCH (n) WHERE n.cik = $cik RETURN n",
    params=('cik="0000789019"', "n=5"),
    timeout=5,
    rows=50,
    screen="sales",
    n=3,
    days=10,
    top=300,
    colour="role",
    merge=False,
    ticker="BRK.B",
    text="by trust",
    zero=True,
    superseded=True,
    example="Owners that are issuers",
)  # fmt: skip


def test_default_state_is_an_empty_link() -> None:
    assert encode(ViewState()) == {}
    assert decode({}) == (ViewState(), ())


def test_every_field_round_trips_through_the_url() -> None:
    url = share_url("http://localhost:8501/", FULL)
    parts = urlsplit(url)
    assert parts.path == "/entity"
    params = {k: v if k == "param" else v[0] for k, v in parse_qs(parts.query).items()}
    assert "page" not in params  # the path names the page
    assert (params["top"], params["colour"]) == ("300", "role")
    assert (params["merge"], params["zero"], params["superseded"]) == ("0", "1", "1")
    state, problems = decode(params)
    assert problems == ()
    assert state == replace(FULL, page="home")  # the page is the path's, not a parameter


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"cik": "MSFT"}, "cik=MSFT"),
        ({"depth": "7"}, "between 1 and 3"),
        ({"from": "2024-02-30"}, "from=2024-02-30"),
        ({"codes": "P,XX"}, "unknown XX"),
        ({"merge": "maybe"}, "must be 1 or 0"),
        ({"ticker": "T$LA"}, "a ticker is letters"),
        ({"roles": "chairman"}, "unknown chairman"),
        ({"layout": "random"}, "must be one of"),
        ({"derivative": "maybe"}, "all, only or none"),
        ({"min_value": "-5"}, "non-negative"),
        ({"seed": "abc"}, "seed=abc"),
        ({"expanded": "1,x"}, "expanded=1,x"),
        ({"password": "hunter2"}, "unknown link parameter"),
    ],
)
def test_malformed_values_are_dropped_with_a_message(params: dict[str, str], message: str) -> None:
    state, problems = decode({**params, "cik": params.get("cik", "789019")})
    assert len(problems) == 1 and message in problems[0], problems
    assert state.filters == GraphFilters() or "cik" in params
    assert state.cik in (None, "0000789019")


def test_credentials_never_reach_a_link() -> None:
    state, _ = decode({"cik": "789019", "NEO4J_PASSWORD": "secret", "uri": "bolt://x"})
    url = share_url("http://localhost:8501", state)
    assert "secret" not in url and "bolt" not in url
    assert url == "http://localhost:8501/?cik=0000789019"
