"""Parse speed per filing: ownergraph vs edgartools vs a bare lxml parse of the same bytes.

Run: python bench/bench_parse.py   (needs `pip install -e '.[bench]'` for edgartools 5.51.0)
Prints microseconds per filing (best of several rounds over the whole bundled sample) and
the ratios measured in this one run. Every contender gets the same treatment: rounds are
interleaved (so load from other processes hits them alike) and run with the cyclic GC paused.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from lxml import etree

from bench.support import sample_documents
from ingest.form345.parse import parse_filing

ROUNDS = 20  # per contender; edgartools, ~40x slower, gets PEER_ROUNDS
PEER_ROUNDS = 3


def one_pass(parse: Callable[[bytes], object], documents: list[bytes]) -> float:
    """Wall time of one pass over all documents, with the cyclic GC paused (as timeit does)."""
    gc.collect()
    gc.disable()
    try:
        started = time.perf_counter()
        for data in documents:
            parse(data)
        return time.perf_counter() - started
    finally:
        gc.enable()


def best_seconds(
    parsers: dict[str, Callable[[bytes], object]], documents: list[bytes], rounds: int
) -> dict[str, float]:
    """Best wall time per parser of ``rounds`` passes over all documents, rounds interleaved."""
    best = dict.fromkeys(parsers, float("inf"))
    for _ in range(rounds):
        for name, parse in parsers.items():
            best[name] = min(best[name], one_pass(parse, documents))
    return best


def _no_entity(cik: str | int) -> None:
    """Stands in for edgartools' EDGAR look-up of an owner: nothing, offline."""
    return None


def edgartools_parser() -> Callable[[bytes], object] | None:
    """edgartools' Form 4 parser with its per-owner EDGAR look-up stubbed out (offline)."""
    try:
        import edgar.ownership.owners as owners
        from edgar.ownership import Ownership
    except ImportError:
        return None
    # Its offline tests stub the network look-up the same way (a function for a class, hence
    # setattr: the stub is only ever called, never used as a type).
    setattr(owners, "Entity", _no_entity)  # noqa: B010
    return lambda data: Ownership.parse_xml(data.decode("utf-8"))


def main() -> None:
    documents = [data for _, data in sample_documents()]
    n = len(documents)
    for data in documents:  # warm-up: thread-local parser, caches, lazy imports
        parse_filing(data)
    timed = best_seconds({"raw": etree.fromstring, "ours": parse_filing}, documents, ROUNDS)
    raw, ours = timed["raw"], timed["ours"]
    print(f"filings: {n} (bundled sample, {sum(map(len, documents)) / 1e6:.1f} MB)")
    print(f"raw lxml.etree.fromstring : {raw / n * 1e6:8.1f} us/filing")
    print(f"ownergraph parse_filing   : {ours / n * 1e6:8.1f} us/filing")
    print(f"ratio ours / raw lxml     : {ours / raw:8.2f}x   (target <= 2x)")
    peer = edgartools_parser()
    if peer is None:
        print("edgartools not installed: pip install -e '.[bench]'")
        return
    theirs = best_seconds({"edgartools": peer}, documents, PEER_ROUNDS)["edgartools"]
    print(f"edgartools Ownership.parse_xml: {theirs / n * 1e6:8.1f} us/filing")
    print(f"ratio edgartools / ours   : {theirs / ours:8.1f}x   (target >= 20x)")
    print(f"ratio edgartools / raw    : {theirs / raw:8.1f}x")


if __name__ == "__main__":
    main()
