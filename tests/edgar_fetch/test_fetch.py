"""Fetching from the local EDGAR (tests/edgar_fetch/server.py): by date range, CIK and ticker the
cache ends with exactly the filings served, a re-run downloads nothing, and faults on chosen
requests (429 + Retry-After, 503, slow past the timeout, a cut body) still end complete.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from edgar_fetch import Cache, Failure, FetchRequest, run_fetch
from tests.edgar_fetch.conftest import client_for
from tests.edgar_fetch.server import Edgar
from tests.edgar_fetch.site import BY_TICKER, FILINGS, MOVED_ZIP, SUBMISSIONS, Served, filing_path


def fetch(edgar: Edgar, cache: Cache, request: FetchRequest, **options: float):
    with client_for(edgar, **options) as client:
        return run_fetch(client, cache, request)


def accessions(paths: tuple[Path, ...]) -> set[str]:
    return {p.stem for p in paths}


def cached_filings(cache: Cache) -> dict[str, bytes]:
    """Every file in the cache except the hidden finding aids, by accession."""
    files = [p for p in cache.root.rglob("*.txt") if ".meta" not in p.parts]
    return {p.stem: p.read_bytes() for p in files}


def served(*filings: Served) -> dict[str, bytes]:
    return {f.accession: (SUBMISSIONS / f.file).read_bytes() for f in filings}


def test_a_date_range_of_whole_quarters_uses_full_indexes(edgar: Edgar, cache: Cache) -> None:
    summary = fetch(edgar, cache, FetchRequest(date(2023, 4, 1), date(2024, 6, 30)))

    expected = served(*(f for f in FILINGS if f.filed < date(2025, 1, 1)))  # NVDA TSLA AMD ISBA
    assert cached_filings(cache) == expected
    assert (summary.downloaded, summary.cached, summary.failed) == (4, 0, ())
    assert accessions(summary.paths) == set(expected)
    indexes = sorted(p for p in edgar.paths() if "index" in p)  # fetched concurrently
    assert indexes == [
        "/Archives/edgar/full-index/2023/QTR2/master.idx",
        "/Archives/edgar/full-index/2023/QTR3/master.idx",
        "/Archives/edgar/full-index/2023/QTR4/master.idx",
        "/Archives/edgar/full-index/2024/QTR1/master.idx",
        "/Archives/edgar/full-index/2024/QTR2/master.idx",
    ]
    assert summary.requests == len(edgar.hits) == 5 + 4  # the 10-K row is never asked for


def test_part_of_a_quarter_uses_daily_indexes_and_a_rerun_asks_nothing(
    edgar: Edgar, cache: Cache
) -> None:
    request = FetchRequest(date(2025, 1, 9), date(2025, 1, 24), forms=frozenset({"4"}))
    first = fetch(edgar, cache, request)

    assert cached_filings(cache) == served(BY_TICKER["AIR"], BY_TICKER["PDEX"])  # 4/A LRCX not
    daily = [h.path for h in edgar.hits if "daily-index" in h.path]
    assert len(daily) == 12  # the weekdays 9 to 24 January 2025; days without filings are 404s
    assert "/Archives/edgar/daily-index/2025/QTR1/master.20250110.idx" in daily
    assert first.failed == ()

    edgar.hits.clear()
    again = fetch(edgar, cache, request)
    assert (again.requests, again.downloaded, again.cached, again.failed) == (0, 0, 2, ())
    assert edgar.hits == []
    assert accessions(again.paths) == accessions(first.paths)


def test_by_cik_reads_recent_filings_and_older_pages(edgar: Edgar, cache: Cache) -> None:
    pdex_owner, nvda = "0001058465", "0001045810"  # Farnam Street Partners; NVIDIA (paged)
    summary = fetch(edgar, cache, FetchRequest(ciks=(pdex_owner, nvda)))

    assert cached_filings(cache) == served(BY_TICKER["PDEX"], BY_TICKER["NVDA"])
    assert "/data.sec.gov/submissions/CIK0001045810-submissions-001.json" in edgar.paths()
    assert summary.paths == (
        cache.document(filing_path(nvda, "0001045810-23-000128")),
        cache.document(filing_path(pdex_owner, "0001079973-25-000129")),
    )


def test_by_ticker_with_a_date_range(edgar: Edgar, cache: Cache) -> None:
    request = FetchRequest(since=date(2024, 1, 1), tickers=("amd", "TSLA", "JBLU"))
    summary = fetch(edgar, cache, request)

    assert cached_filings(cache) == served(BY_TICKER["AMD"], BY_TICKER["JBLU"])  # TSLA: 2023
    assert summary.failed == ()
    assert edgar.paths()[0] == "/files/company_tickers.json"


def test_faults_are_retried_and_the_fetch_ends_complete(edgar: Edgar, cache: Cache) -> None:
    amd, isba = BY_TICKER["AMD"], BY_TICKER["ISBA"]
    amd_path = "/" + filing_path(amd.owners[0], amd.accession)  # index rows: owner first
    isba_path = "/" + filing_path(isba.owners[0], isba.accession)
    edgar.misbehave(amd_path, "429", "truncate", "503")
    edgar.misbehave(isba_path, "slow")
    edgar.misbehave("/Archives/edgar/full-index/2024/QTR1/master.idx", "truncate")

    summary = fetch(edgar, cache, FetchRequest(date(2024, 1, 1), date(2024, 6, 30)))

    assert cached_filings(cache) == served(amd, isba)
    assert summary.failed == ()
    amd_hits = [h for h in edgar.hits if h.path == amd_path]
    assert [h.status for h in amd_hits] == [429, 200, 503, 200]  # 200 #1 was cut short
    assert amd_hits[1].at - amd_hits[0].at >= 1.0  # Retry-After: 1 was honoured
    time.sleep(edgar.slow_seconds)  # the server logs the slow answer once it has sent it
    assert edgar.paths(None).count(isba_path) == 2  # the slow answer timed out, then again


def test_a_body_cut_short_every_time_is_reported_and_never_cached(
    edgar: Edgar, cache: Cache
) -> None:
    tsla = BY_TICKER["TSLA"]
    path = "/" + filing_path(tsla.owners[0], tsla.accession)
    edgar.misbehave(path, "truncate", "truncate", "truncate", "truncate")

    summary = fetch(edgar, cache, FetchRequest(date(2023, 7, 1), date(2023, 9, 30)))

    assert cached_filings(cache) == {}
    [failure] = summary.failed
    assert failure.url == edgar.url + path
    assert failure.reason.startswith("connection failed or body cut short")
    assert "gave up after 4 attempts" in failure.reason
    assert not list(cache.root.rglob("*.part"))


def test_data_sets_are_found_through_the_page_and_checked(edgar: Edgar, cache: Cache) -> None:
    zip_path = "/" + MOVED_ZIP
    edgar.misbehave(zip_path, "corrupt")  # a flipped byte fails the zip's CRC check

    summary = fetch(edgar, cache, FetchRequest(datasets=("2024q4", "2025q1")))

    assert summary.paths == (cache.document(MOVED_ZIP),)
    assert summary.paths[0].read_bytes() == (edgar.root / MOVED_ZIP).read_bytes()
    usual = f"{edgar.url}/files/structureddata/data/insider-transactions-data-sets/"
    assert summary.failed == (Failure(usual + "2024q4_form345.zip", "HTTP 404 Not Found"),)
    assert [h.status for h in edgar.hits if h.path == zip_path] == [200, 200]
