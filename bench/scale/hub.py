"""A hub corpus for bounded-view tests and benchmarks: one issuer with hundreds of insiders and
tens of thousands of transaction rows, and one fund that is an insider of hundreds of issuers.

``build_hub(out)`` writes it as quarterly data set zips (2021 on) plus ``manifest.json`` and
returns where it is and the two hub CIKs. Deterministic by seed, like the scale corpus.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from array import array
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import accumulate
from pathlib import Path
from typing import Any

from bench.scale.filings import Writer
from bench.scale.manifest import Counts
from bench.scale.population import (
    DIRECTOR,
    OFFICER,
    TEN_PERCENT,
    Population,
    issuer_cik,
    issuer_name,
    owner_cik,
    owner_name,
    ticker,
)
from bench.scale.tsv import DatasetQuarter
from ingest.records import Filing

__all__ = ["Hub", "build_hub"]

_START = date(2021, 1, 4)


@dataclass(frozen=True, slots=True)
class Hub:
    """Where a hub corpus was written and who its hubs are."""

    paths: tuple[Path, ...]  # the data set zips, oldest quarter first
    issuer_cik: str  # the issuer with ``insiders`` insiders and ``rows``+ transaction rows
    fund_cik: str  # the fund that is an insider of ``fund_issuers`` issuers
    manifest: dict[str, Any]


def _population(insiders: int, fund_issuers: int, seed: int) -> Population:
    """Issuer 0 with ``insiders`` insiders (owners 0…); the last owner, a fund, in issuers 1…."""
    rng = random.Random(f"{seed}:hub-population")
    n_issuers = fund_issuers + 1
    fund = insiders
    members = [(0, o) for o in range(insiders)] + [(i, fund) for i in range(1, n_issuers)]
    roles = [(OFFICER, 1 + o % 11) if o % 3 else (DIRECTOR, 0) for o in range(insiders)]
    roles += [(TEN_PERCENT, 0)] * fund_issuers
    activity = [rng.lognormvariate(0.0, 1.0) if i == 0 else 0.0 for i, _ in members]
    return Population(
        issuer_names=[issuer_name(rng, i) for i in range(n_issuers)],
        issuer_tickers=[ticker(i) for i in range(n_issuers)],
        issuer_common=["Common Stock"] * n_issuers,
        issuer_price=array("d", (round(rng.lognormvariate(3.5, 0.8), 2) for _ in range(n_issuers))),
        owner_names=[owner_name(rng, o, o == fund) for o in range(insiders + 1)],
        owner_is_fund=bytearray(o == fund for o in range(insiders + 1)),
        member_issuer=array("i", (i for i, _ in members)),
        member_owner=array("i", (o for _, o in members)),
        member_roles=bytearray(r for r, _ in roles),
        member_title=bytearray(t for _, t in roles),
        cum_weights=list(accumulate(activity)),
    )


def _filings(writer: Writer, rng: random.Random, rows: int, insiders: int) -> Iterator[Filing]:
    """Form 3s of every insider and of the fund, then Form 4s at the hub until ``rows`` rows."""
    pop = writer.pop
    firsts = sorted((rng.randrange(60), m) for m in range(pop.memberships))
    plans = sorted(rng.sample(range(insiders), max(1, insiders // 10)))  # weekly 10b5-1 sellers
    total, written, day, pending = pop.cum_weights[insiders - 1], 0, _START, 0
    per_day = max(1, rows // 2 // 500)  # ~2 rows a filing over ~two years
    while pending < len(firsts) or written < rows:
        if day.weekday() < 5:
            offset = (day - _START).days
            while pending < len(firsts) and firsts[pending][0] <= offset:
                yield writer.form3(rng, firsts[pending][1], day)
                pending += 1
            for member in plans if day.weekday() == 2 and written < rows else ():
                filing = writer.form4(rng, member, day, plan=True)
                written += len(filing.transactions)
                yield filing
            for _ in range(per_day if written < rows else 0):
                member = bisect(pop.cum_weights, rng.random() * total, hi=insiders)
                filing = writer.form4(rng, member, day)
                written += len(filing.transactions)
                yield filing
        day += timedelta(days=1)


def build_hub(
    out: Path, *, insiders: int = 300, rows: int = 20_000, fund_issuers: int = 300, seed: int = 1
) -> Hub:
    """Write the hub corpus under ``out`` (one data set zip per quarter) and its manifest."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"{seed}:hub")
    pop = _population(insiders, fund_issuers, seed)
    writer = Writer(pop)
    counts, paths = Counts(), []
    quarter: DatasetQuarter | None = None
    name = ""
    for filing in _filings(writer, rng, rows, insiders):
        day = filing.filed or _START
        this = f"{day.year}q{(day.month + 2) // 3}"
        if this != name:
            if quarter is not None:
                paths.append(quarter.close())
            name = this
            quarter = DatasetQuarter(
                out, name, sk_base=len(paths) * 10_000_000, aff10b5one=day.year >= 2023
            )
        assert quarter is not None
        quarter.add(filing)
        counts.add(filing)
    if quarter is not None:
        paths.append(quarter.close())
    manifest = counts.summary()
    manifest["hub"] = {"issuer": issuer_cik(0), "fund": owner_cik(insiders), "seed": seed}
    (out / "manifest.json").write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")
    return Hub(tuple(paths), issuer_cik(0), owner_cik(insiders), manifest)


def main(argv: list[str] | None = None) -> int:
    """``python -m bench.scale.hub --out DIR [--insiders N] [--rows N] [--fund-issuers N]``."""
    parser = argparse.ArgumentParser(prog="python -m bench.scale.hub", description=__doc__)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--insiders", type=int, default=300)
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--fund-issuers", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    if min(args.insiders, args.rows, args.fund_issuers) < 1:
        parser.error("--insiders, --rows and --fund-issuers must be at least 1")
    hub = build_hub(
        args.out,
        insiders=args.insiders,
        rows=args.rows,
        fund_issuers=args.fund_issuers,
        seed=args.seed,
    )
    print(f"hub issuer {hub.issuer_cik}, fund {hub.fund_cik}: {len(hub.paths)} data set zips")
    return 0


if __name__ == "__main__":
    sys.exit(main())
