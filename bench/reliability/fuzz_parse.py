"""Parse-level fuzzing at scale (no Neo4j): ``python -m bench.reliability.fuzz_parse [N] [SEED]``.

Writes N mutants made by the suite's mutator (tests/graph/load/test_fuzz.py) from 40 real
filings of the bundled sample, reads them with ``ingest.read_filings``, builds the graph rows
of every accepted filing, and counts what docs/reliability.md records: crashes, multi-line
reasons, non-finite or negative numbers, non-ASCII CIKs, values marked unreadable.
"""

from __future__ import annotations

import math
import random
import sys
import tempfile
import time
from pathlib import Path

from graph.load.batch import batch_rows
from ingest import read_filings
from ingest.records import Filing, Rejected
from tests.graph.load.test_fuzz import mutate, originals

_NUMBERS = (
    *("shares", "price_per_share", "shares_after", "value_after", "total_value"),
    *("shares_owned", "value_owned", "conversion_or_exercise_price"),
    *("underlying_shares", "underlying_value"),
)


def main(count: int = 3000, seed: int = 1) -> str:
    started = time.perf_counter()
    folder = Path(tempfile.mkdtemp(prefix="fuzz_parse_"))
    good = originals(folder)
    rng = random.Random(seed)
    for n in range(count):
        (folder / f"mutant_{n:05d}.xml").write_bytes(mutate(rng, rng.choice(good)))
    items = list(read_filings([folder]))
    rejected = [i for i in items if isinstance(i, Rejected)]
    filings = [i for i in items if isinstance(i, Filing)]
    values = [
        getattr(row, name, None)
        for f in filings
        for row in (*f.transactions, *f.holdings)
        for name in _NUMBERS
    ]
    numbers = [v for v in values if isinstance(v, float)]
    for f in filings:
        batch_rows([f])  # the write path's rows must build for every accepted filing
    ciks = [c for f in filings for c in (f.issuer.cik, *(o.cik for o in f.owners))]
    unreadable = sum(len(t.unreadable) for f in filings for t in f.transactions)
    unreadable += sum(len(h.unreadable) for f in filings for h in f.holdings)
    multiline = sum(1 for r in rejected if "\n" in r.reason)
    return (
        f"mutants={count} read={len(items)} accepted={len(filings)} rejected={len(rejected)} "
        f"multiline={multiline} "
        f"nonfinite={sum(1 for v in numbers if not math.isfinite(v))} "
        f"negative={sum(1 for v in numbers if v < 0)} "
        f"nonascii_cik={sum(1 for c in ciks if not (c.isascii() and c.isdigit()))} "
        f"unreadable_marked={unreadable} seconds={time.perf_counter() - started:.1f}"
    )


if __name__ == "__main__":
    print(main(*(int(a) for a in sys.argv[1:3])))
