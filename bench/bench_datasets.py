"""Speed of reading SEC quarterly data sets, and of the bulk load's Python side, per CPU-second.

Run: python -m bench.bench_datasets --corpus /work/scale/c1m --quarters 4 [--baseline DIR]
Modes: ``parse`` (``iter_dataset`` over the last N quarterly zips) and ``bulk``
(``write_csv_files(parse_in_parallel(paths, workers=W), folder)``: the bulk load up to the
importer, no Neo4j). Each pass runs in a fresh process; ``--baseline DIR`` (a checkout of other
code, e.g. ``git archive main | tar -x -C DIR``) runs the same passes on that code, rounds
interleaved so load from other processes hits both alike, and prints the ratios. Reports the
best round: CPU seconds of the parent and of its workers, and wall seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# One pass, run with the code under test first on sys.path; prints one JSON line.
_PASS = """
import json, resource, shutil, sys, tempfile, time
mode, workers, paths = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
wall = time.perf_counter()
if mode == "parse":
    from ingest.datasets import iter_dataset
    filings = sum(1 for path in paths for _ in iter_dataset(path))
else:
    from pathlib import Path
    from graph.load.bulk.parse import parse_in_parallel
    from graph.load.bulk.prepare import write_csv_files
    folder = Path(tempfile.mkdtemp(prefix="bench-datasets-"))
    try:
        prepared = write_csv_files(parse_in_parallel(paths, workers=workers), folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    filings = prepared.summary.filings_read
wall = time.perf_counter() - wall
own, kids = (resource.getrusage(w) for w in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN))
print(json.dumps({"filings": filings, "wall": wall, "parent": own.ru_utime + own.ru_stime,
                  "workers": kids.ru_utime + kids.ru_stime}))
"""


def one_pass(root: Path, mode: str, workers: int, paths: list[Path]) -> dict[str, float]:
    """One pass of ``mode`` in a fresh Python process running the code under ``root``."""
    env = dict(os.environ, PYTHONPATH=str(root))
    argv = [sys.executable, "-c", _PASS, mode, str(workers), *map(str, paths)]
    done = subprocess.run(argv, env=env, cwd=root, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def line(label: str, r: dict[str, float]) -> str:
    cpu = r["parent"] + r["workers"]
    return (
        f"{label:>9}: {r['filings']:,.0f} filings, wall {r['wall']:6.1f} s"
        f" ({r['filings'] / r['wall']:7,.0f}/s), CPU parent {r['parent']:6.1f} s"
        f" ({r['filings'] / r['parent']:7,.0f}/CPU-s), workers {r['workers']:6.1f} s,"
        f" all {r['filings'] / cpu:7,.0f} filings/CPU-s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of *_form345.zip")
    parser.add_argument("--quarters", type=int, default=4, help="the last N quarters")
    parser.add_argument("--mode", choices=("parse", "bulk"), default="parse")
    parser.add_argument("--workers", type=int, default=2, help="bulk mode's parser processes")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--baseline", type=Path, help="a checkout of the code to compare with")
    args = parser.parse_args()
    paths = sorted(args.corpus.glob("*_form345.zip"))[-args.quarters :]
    if not paths:
        parser.error(f"no *_form345.zip in {args.corpus}")
    roots = {"this code": ROOT} | ({"baseline": args.baseline} if args.baseline else {})
    best: dict[str, dict[str, float]] = {}
    for _ in range(args.rounds):
        for label, root in roots.items():
            r = one_pass(root, args.mode, args.workers, paths)
            cpu = r["parent"] + r["workers"]
            if label not in best or cpu < best[label]["parent"] + best[label]["workers"]:
                best[label] = r
    print(
        f"{args.mode}: {len(paths)} quarters, {paths[0].name} .. {paths[-1].name}, best of "
        f"{args.rounds} (least CPU), workers={args.workers if args.mode == 'bulk' else 0}"
    )
    for label, r in best.items():
        print(line(label, r))
    if "baseline" in best:
        new, old = best["this code"], best["baseline"]
        for key in ("wall", "parent"):
            print(f"baseline / this code, {key}: {old[key] / new[key]:.2f}x")
        total = (old["parent"] + old["workers"]) / (new["parent"] + new["workers"])
        print(f"baseline / this code, all CPU: {total:.2f}x")


if __name__ == "__main__":
    main()
