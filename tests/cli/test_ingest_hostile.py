"""`ownergraph ingest` as a user runs it on inputs that used to end the whole run: each is
now one rejection line naming the file, the good filings beside it load, and an error
nobody foresaw is one line with its own exit status (3), distinct from "some rejected" (1)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from neo4j import Driver

from tests.cli.runner import run
from tests.graph_snapshot import count
from tests.paths import DATA

AIR_TXT = DATA / "sources" / "air_4_0001127602-25-001055_06c615e6.txt"
GOOD = [DATA / "jpm_4_2025-09-02_eee1f740.xml", DATA / "mhi_4_2025-08-18_b9ce4dd7.xml"]


def test_a_superscript_cik_fifo_and_device_are_rejected_and_the_rest_loads(
    clean_graph: Driver, env: dict[str, str], tmp_path: Path
) -> None:
    sup = tmp_path / "sup_cik.txt"  # a real full submission whose issuer CIK is "²"
    sup.write_bytes(
        AIR_TXT.read_bytes().replace(b"<issuerCik>0000001750<", "<issuerCik>²<".encode())
    )
    os.mkfifo(tmp_path / "pipe.xml")
    (tmp_path / "zero.xml").symlink_to("/dev/zero")
    for good in GOOD:
        (tmp_path / good.name).write_bytes(good.read_bytes())
    done = run(env, "ingest", tmp_path, "--json")
    assert done.returncode == 1, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["filings_loaded"] == 2
    assert {Path(r["path"]).name: r["reason"] for r in summary["rejected"]} == {
        "pipe.xml": "skipped: not a regular file (a named pipe)",
        "sup_cik.txt": "issuerCik '²' is not a CIK of up to 10 digits",
        "zero.xml": "skipped: not a regular file (a character device)",
    }
    assert len(done.stderr.splitlines()) == 3 and "Traceback" not in done.stderr
    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 2


def test_an_unforeseen_error_is_one_line_and_exit_3(env: dict[str, str]) -> None:
    done = run({**env, "NEO4J_DATABASE": "no-such-db"}, "ingest", GOOD[0])
    assert done.returncode == 3
    (line,) = done.stderr.splitlines()
    assert line.startswith("error: internal error, the run stopped: ")
