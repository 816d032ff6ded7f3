"""Bulk load vs online ingest of a scale corpus (bench/scale), in one run, into a fresh local Neo4j.

Run: python bench/bench_bulk.py --corpus DIR   (DIR holds the quarterly *_form345.zip files of
``python -m bench.scale``; starts its own server on free ports in a temporary data dir)
Prints filings/s of the online path (``ingest_paths``) and of ``bulk_ingest`` on the same input,
their ratio, the peak RSS of the bulk load's Python processes, and the store on disk per filing.
``--skip-online`` measures only the bulk load (for sizes the online path takes hours on).
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import server
from bench.support import free_port
from graph.db import Settings, connect
from graph.load.bulk import bulk_ingest
from graph.load.pipeline import ingest_paths

MB = 1024 * 1024


def disk_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def store_line(home: Path, label: str, filings: int) -> None:
    store = disk_bytes(home / "data" / "databases" / "neo4j")
    logs = disk_bytes(home / "data" / "transactions" / "neo4j")
    print(
        f"{label}: store {store / MB:,.0f} MB + transaction logs {logs / MB:,.0f} MB"
        f" = {(store + logs) / max(filings, 1):,.0f} bytes per filing"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--skip-online", action="store_true")
    parser.add_argument("--workers", type=int, default=None)
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*_form345.zip"))
    if not paths:
        parser.error(f"no *_form345.zip in {args.corpus}")
    server.install()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        local = server.start(
            home, bolt_port=free_port(), http_port=free_port(), auth=False, timeout=600
        )
        try:
            measure(home, local, paths, args.skip_online, args.workers)
        finally:
            server.stop(home)


def measure(
    home: Path, local: server.LocalServer, paths: list[Path], skip_online: bool, workers: int | None
) -> None:
    online_rate = None
    if not skip_online:
        with connect(Settings(uri=local.uri)) as driver:
            summary = ingest_paths(driver, paths)
            online_rate = summary.filings_loaded / summary.seconds
            print(f"online: {summary.filings_loaded:,} filings in {summary.seconds:,.1f} s")
            print(f"online: {online_rate:,.0f} filings/s")
            store_line(home, "online", summary.filings_loaded)
            driver.execute_query("MATCH (n) DETACH DELETE n")
    started = time.perf_counter()
    summary = bulk_ingest(paths, data_dir=home, workers=workers)
    seconds = time.perf_counter() - started
    rate = summary.filings_loaded / seconds
    print(f"bulk: {summary.filings_loaded:,} filings in {seconds:,.1f} s = {rate:,.0f} filings/s")
    if online_rate:
        print(f"bulk / online: {rate / online_rate:.1f} x")
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak RSS: this process {own:,.0f} MB, largest child {children:,.0f} MB")
    store_line(home, "bulk", summary.filings_loaded)


if __name__ == "__main__":
    main()
