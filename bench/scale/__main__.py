"""Command line: ``python -m bench.scale --filings N [--seed S] [--out D] [--xml] [--quarters Q]``.

Prints one line per quarter and a last line with filings/s and peak RSS; errors are one line.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from bench.scale.generate import ALL_QUARTERS, Corpus, generate

XML_LIMIT = 200_000  # XML is one full submission per filing: for the smaller corpora


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.scale", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--filings", type=int, required=True, help="e.g. 20000, 1000000, 4800000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("scale-corpus"))
    parser.add_argument(
        "--xml", action="store_true", help=f"also write XML (up to {XML_LIMIT:,} filings)"
    )
    parser.add_argument(
        "--quarters", type=int, default=len(ALL_QUARTERS), help="the last Q quarters to 2026 Q2"
    )
    args = parser.parse_args(argv)
    if args.filings < 1:
        parser.error("--filings must be at least 1")
    if not 1 <= args.quarters <= len(ALL_QUARTERS):
        parser.error(f"--quarters must be 1 to {len(ALL_QUARTERS)}")
    if args.xml and args.filings > XML_LIMIT:
        parser.error(f"--xml is for corpora up to {XML_LIMIT:,} filings")
    started = time.perf_counter()

    def progress(name: str, n: int) -> None:
        print(f"{name}: {n} filings, {time.perf_counter() - started:.1f} s", file=sys.stderr)

    try:
        corpus = Corpus(args.filings, args.seed, args.quarters, args.xml)
        manifest = generate(corpus, args.out, progress)
    except OSError as e:
        print(f"error: {args.out}: {e.strerror or e}", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{manifest['filings']} filings, {manifest['transactions']} transactions, "
        f"{manifest['owners']} owners, {manifest['issuers']} issuers in {seconds:.1f} s: "
        f"{manifest['filings'] / seconds:.0f} filings/s, peak RSS {peak:.0f} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
