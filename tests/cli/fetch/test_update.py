"""`ownergraph update` as a user runs it: it fetches from the latest filing date in the graph,
against the local EDGAR of tests/edgar_fetch/ and the session's Neo4j."""

from __future__ import annotations

from neo4j import Driver

from tests.cli.fetch.commands import last_json, run
from tests.edgar_fetch.server import Edgar
from tests.edgar_fetch.site import BY_TICKER, SUBMISSIONS


def test_update_fetches_since_the_latest_filing_in_the_graph(
    clean_graph: Driver, env: dict[str, str], edgar: Edgar
) -> None:
    assert run(env, "ingest", str(SUBMISSIONS / BY_TICKER["NVDA"].file)).returncode == 0

    done = run(env, "update", "--until", "2023-08-04", "--json")

    assert done.returncode == 0, done.stderr
    summary = last_json(done)
    assert summary["ingest"]["filings_loaded"] == 1  # type: ignore[index]  # TSLA, 31 July
    assert summary["ingest"]["filings_skipped"] == 1  # type: ignore[index]  # NVDA again
    daily = sorted(p for p in edgar.paths(None) if "daily-index" in p)
    assert daily[0] == "/Archives/edgar/daily-index/2023/QTR2/master.20230623.idx"
    assert daily[-1] == "/Archives/edgar/daily-index/2023/QTR3/master.20230804.idx"
