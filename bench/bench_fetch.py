"""Fetch throughput against the tests' local EDGAR server, and data set ingest vs XML ingest.

Run: python bench/bench_fetch.py   (starts the local HTTP server and its own Neo4j on free
ports, then stops both)

1. Fetch: every round downloads the 11 real filings of tests/data/edgar/ found through 8
   quarterly full indexes (19 requests) into an empty cache, at EDGAR's default limit of 10
   requests/s: without added latency, and with 100 ms per answer (an internet round trip)
   using 1 and 4 download threads. The limit is the figure to beat.
2. Ingest: the 503 sample filings (samples/), each wrapped as a full submission with a made-up
   accession number, loaded as files and as one data set zip built from the same documents
   (tests/ingest/datasets/quarter.py); median of a few runs after warm-up, in one run.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import server
from bench.bench_ingest import free_port
from bench.support import sample_documents
from edgar_fetch import Cache, ClientSettings, EdgarClient, FetchRequest, run_fetch
from graph.db import Settings, connect
from graph.load.pipeline import ingest_paths
from tests.edgar_fetch.server import busiest_second, serve
from tests.edgar_fetch.site import build_site
from tests.ingest.datasets.quarter import write_quarter

ROUNDS = 4
AGENT = "ownergraph bench bench@example.com"
REQUEST = FetchRequest(date(2023, 4, 1), date(2025, 3, 31))
WARMUP, RUNS = 15, 7  # the server's JIT keeps speeding up for the first dozen runs


def fetch_rounds(site: Path, latency: float, workers: int) -> str:
    with serve(site) as edgar, tempfile.TemporaryDirectory() as tmp:
        edgar.latency = latency
        settings = ClientSettings(AGENT, edgar.url, edgar.data_url)
        filings = requests = 0
        started = time.perf_counter()
        with EdgarClient(settings) as client:
            for n in range(ROUNDS):
                summary = run_fetch(client, Cache(Path(tmp) / str(n)), REQUEST, workers=workers)
                assert not summary.failed, summary.failed
                filings += summary.downloaded
                requests += summary.requests
        seconds = time.perf_counter() - started
        return (
            f"latency {latency * 1000:3.0f} ms, {workers} thread(s): {requests / seconds:5.2f} "
            f"requests/s, {filings / seconds:5.2f} filings/s "
            f"(busiest second at the server: {busiest_second(edgar.hits)} requests)"
        )


def wrapped(documents: list[tuple[str, bytes]], folder: Path) -> list[bytes]:
    submissions = []
    for n, (_, xml) in enumerate(documents, 1):
        header = f"<SUBMISSION>\n<ACCESSION-NUMBER>9999999999-26-{n:06d}\n<FILING-DATE>20260102\n"
        body = header.encode() + b"<DOCUMENT>\n<TYPE>4\n<TEXT>\n<XML>\n" + xml
        body += b"\n</XML>\n</TEXT>\n</DOCUMENT>\n</SUBMISSION>\n"
        (folder / f"{n:04d}.txt").write_bytes(body)
        submissions.append(body)
    return submissions


def median_rates(settings: Settings, inputs: dict[str, Path]) -> dict[str, list[float]]:
    """Filings/s of each input per round, the inputs alternating within every round."""
    driver = connect(settings)
    rates: dict[str, list[float]] = {name: [] for name in inputs}
    for _ in range(WARMUP + RUNS):
        for name, path in inputs.items():
            driver.execute_query("MATCH (n) DETACH DELETE n")
            summary = ingest_paths(driver, [path])
            assert summary.filings_loaded == 503 and not summary.rejected
            rates[name].append(summary.filings_loaded / summary.seconds)
    driver.close()
    return {name: values[WARMUP:] for name, values in rates.items()}


def ingest_comparison(tmp: Path) -> None:
    folder = tmp / "filings"
    folder.mkdir()
    quarter = write_quarter(wrapped(sample_documents(), folder), tmp / "2026q1_form345.zip")
    local = server.start(
        tmp / "neo4j", bolt_port=free_port(), http_port=free_port(), auth=False, heap="1g"
    )
    try:
        inputs = {"full submissions": folder, "data set zip": quarter}
        rates = median_rates(Settings(uri=local.uri, password=None), inputs)
    finally:
        server.stop(tmp / "neo4j")
    for name, values in rates.items():
        print(
            f"ingest {name:16}: median {statistics.median(values):6.0f} filings/s "
            f"(best {max(values):.0f}, worst {min(values):.0f}; 503 filings, {RUNS} runs "
            f"after {WARMUP} warm-up)"
        )


def main() -> None:
    server.install()
    with tempfile.TemporaryDirectory() as tmp:
        site = build_site(Path(tmp) / "site")
        for latency, workers in ((0.0, 4), (0.1, 1), (0.1, 4)):
            print("fetch", fetch_rounds(site, latency, workers))
        ingest_comparison(Path(tmp))


if __name__ == "__main__":
    main()
