"""End-to-end ingest throughput into a real local Neo4j: archive → parse → graph.

Run: python bench/bench_ingest.py   (starts its own server on free ports, then stops it)
Prints filings/s of the first run into an empty graph (cold JVM), then the median, best and
worst of ten runs after warm-up, the parse-only rate, and the rate of re-ingesting the same
input (everything skipped).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import server
from bench.support import SAMPLE, free_port
from graph.db import Settings, connect
from graph.load.pipeline import ingest_paths
from ingest import read_filings

WARMUP = 15  # the server's JIT keeps speeding up for the first dozen runs
RUNS = 10


def main() -> None:
    server.install()
    with tempfile.TemporaryDirectory() as tmp:
        local = server.start(
            Path(tmp), bolt_port=free_port(), http_port=free_port(), auth=False, heap="1g"
        )
        try:
            measure(Settings(uri=local.uri, password=None))
        finally:
            server.stop(Path(tmp))


def measure(settings: Settings) -> None:
    driver = connect(settings)
    started = time.perf_counter()
    n = sum(1 for _ in read_filings([SAMPLE]))
    read_seconds = time.perf_counter() - started
    print(f"input: {SAMPLE.name}, {n} documents (503 distinct filings)")
    print(f"read + parse only : {n / read_seconds:8.0f} filings/s")
    rates = []
    for _ in range(WARMUP + RUNS):
        driver.execute_query("MATCH (n) DETACH DELETE n")
        summary = ingest_paths(driver, [SAMPLE])
        rates.append(summary.filings_read / summary.seconds)
    cold, warm = rates[0], rates[WARMUP:]
    print(f"first run, cold server : {cold:8.0f} filings/s")
    print(
        f"after {WARMUP} warm-up runs ({RUNS} runs): median {statistics.median(warm):.0f}, "
        f"best {max(warm):.0f}, worst {min(warm):.0f} filings/s (target >= 1000)"
    )
    again = ingest_paths(driver, [SAMPLE])
    print(f"re-ingest (all skipped): {again.filings_read / again.seconds:8.0f} filings/s")
    driver.close()


if __name__ == "__main__":
    main()
