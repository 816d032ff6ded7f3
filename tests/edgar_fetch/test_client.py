"""The client's fair-access rules, measured at the local EDGAR server: never more than the
rate in any one second (the 10/s default itself, and a lowered --rate), a User-Agent on every
request, none at all without a contact address, gzip bodies decoded.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import pytest

from edgar_fetch import ClientSettings, EdgarClient
from edgar_fetch.indexes import parse_master_index
from ingest.errors import FetchError
from tests.edgar_fetch.conftest import client_for
from tests.edgar_fetch.fixtures import AGENT
from tests.edgar_fetch.server import Edgar, busiest_second

DAILY = "/Archives/edgar/daily-index/2025/QTR1/master.20250124.idx"


def test_the_default_rate_holds_across_threads(edgar: Edgar) -> None:
    client = client_for(edgar, fast=None)  # the real bucket: 10 requests/s, EDGAR's limit
    with client, ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda _: client.get(edgar.url + DAILY), range(30)))

    assert len(edgar.hits) == client.requests == 30
    assert busiest_second(edgar.hits) <= 10
    assert edgar.hits[-1].at - edgar.hits[0].at >= 2.9  # 30 requests take 3 s, not less


def test_a_lowered_rate_holds(edgar: Edgar) -> None:
    with client_for(edgar, fast=None, rate=4.0) as client:
        for _ in range(9):
            client.get(edgar.url + DAILY)
    assert busiest_second(edgar.hits) <= 4


def test_every_request_declares_the_user_agent(edgar: Edgar) -> None:
    with client_for(edgar) as client:
        client.get(edgar.url + DAILY)
        client.get(edgar.data_url + "/submissions/CIK0000002488.json")
        assert client.get(edgar.url + "/Archives/edgar/data/1/missing.txt") is None
    assert [h.user_agent for h in edgar.hits] == [AGENT] * 3


@pytest.mark.parametrize("agent", ["", "ownergraph", "Example Research"])
def test_no_contact_address_means_no_request(edgar: Edgar, agent: str) -> None:
    with pytest.raises(FetchError, match="User-Agent with a contact e-mail"):
        EdgarClient(ClientSettings(agent, edgar.url, edgar.data_url))
    assert edgar.hits == []


def test_the_rate_may_only_be_lowered() -> None:
    with pytest.raises(FetchError, match="at most 10 per second"):
        ClientSettings(AGENT, rate=11.0)


def test_gzip_bodies_arrive_decoded(edgar: Edgar) -> None:
    with client_for(edgar) as client:
        body = client.get(edgar.url + DAILY, parse_master_index)
    assert body is not None
    assert body.startswith(b"Description:           Master Index of EDGAR Dissemination Feed")
    [entry, *_] = parse_master_index(body)
    assert (entry.cik, entry.form, entry.accession) == ("0001058465", "4", "0001079973-25-000129")
