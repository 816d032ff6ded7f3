"""The `ownergraph` command line as a user runs it, against the session's real Neo4j:
the ingest contract (--json, exit codes, rejections), the whole bundled sample, resuming a
killed ingest, and read-only queries."""

from __future__ import annotations

import csv
import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from neo4j import Driver

from tests.cli.runner import OWNERGRAPH, run
from tests.graph_snapshot import count, snapshot
from tests.paths import DATA, ROOT

SAMPLE = ROOT / "samples" / "sec-ownership-filings.tar.gz"
MALFORMED = sorted((DATA / "malformed").iterdir())
# Every relationship names its filing, but the read model's top pairs, which no filing gives.
WITHOUT_ACCESSION = """
MATCH (:Entity)-[r]->() WHERE r.accession IS NULL AND NOT r:SHARES_INSIDERS|FILES_WITH
RETURN count(r)
"""
GOOD = [DATA / "jpm_4_2025-09-02_eee1f740.xml", DATA / "mhi_4_2025-08-18_b9ce4dd7.xml"]


def manifest_rows() -> list[dict[str, str]]:
    with open(ROOT / "samples" / "MANIFEST.tsv", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [r for r in rows if r["path"].startswith("xml/")]


def test_every_sample_filing_loads_and_nothing_is_dropped(clean_graph: Driver, env) -> None:
    done = run(env, "ingest", SAMPLE, "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])

    rows = manifest_rows()  # 503 distinct documents; the 11 full submissions repeat 11 of them
    transactions = sum(
        int(r["n_nonDerivativeTransaction"]) + int(r["n_derivativeTransaction"]) for r in rows
    )
    holdings = sum(int(r["n_nonDerivativeHolding"]) + int(r["n_derivativeHolding"]) for r in rows)
    assert summary["rejected"] == summary["conflicts"] == []  # the 11 are the same documents
    assert (summary["filings_read"], summary["filings_loaded"], summary["filings_skipped"]) == (
        514,
        503,
        11,
    )
    assert (summary["transactions"], summary["holdings"]) == (transactions, holdings)
    assert summary["issuers"] == len({r["issuerCik"] for r in rows})
    assert set(summary) == {
        "filings_read",
        "filings_loaded",
        "filings_skipped",
        "filings_replaced",
        "rejected",
        "conflicts",
        "owners",
        "issuers",
        "securities",
        "transactions",
        "holdings",
        "seconds",
        "warnings",
    }
    assert summary["warnings"] == []  # every value in the real sample reads as filed

    per_owner = sum(
        int(r["n_reportingOwners"])
        * (int(r["n_nonDerivativeTransaction"]) + int(r["n_derivativeTransaction"]))
        for r in rows
    )
    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 503
    assert count(clean_graph, "MATCH ()-[r:TRANSACTED]->() RETURN count(r)") == per_owner
    assert count(clean_graph, "MATCH ()-[r:TRANSACTED]->() RETURN count(DISTINCT r.row)") == (
        transactions
    )
    with_accession = "MATCH (f:Filing) WHERE NOT f.accession STARTS WITH 'sha256:' RETURN count(f)"
    assert count(clean_graph, with_accession) == 11
    assert count(clean_graph, WITHOUT_ACCESSION) == 0


def test_a_bad_file_is_reported_and_the_rest_still_loads(
    clean_graph: Driver, env, tmp_path
) -> None:
    for path in [*GOOD, *MALFORMED]:
        shutil.copy(path, tmp_path / path.name)
    done = run(env, "ingest", tmp_path, "--json")
    assert done.returncode == 1
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["filings_loaded"] == 2
    rejected = {Path(r["path"]).name: r["reason"] for r in summary["rejected"]}
    assert set(rejected) == {path.name for path in MALFORMED}
    assert "DOCTYPE" in rejected["billion_laughs.xml"]
    assert "DOCTYPE" in rejected["xxe.xml"]
    assert "ownershipDocument" in rejected["wrong_root.xml"]
    for name, reason in rejected.items():
        assert f"rejected: {tmp_path / name}: {reason}" in done.stderr
    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 2


def test_a_killed_ingest_run_again_gives_the_same_graph(clean_graph: Driver, env) -> None:
    assert run(env, "ingest", SAMPLE, "--batch-size", "10").returncode == 0
    complete = snapshot(clean_graph)
    clean_graph.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")

    killed = subprocess.Popen(
        [*OWNERGRAPH, "ingest", str(SAMPLE), "--batch-size", "10"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    while count(clean_graph, "MATCH (f:Filing) RETURN count(f)") < 30:
        assert time.monotonic() < deadline and killed.poll() is None
        time.sleep(0.02)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    part = count(clean_graph, "MATCH (f:Filing) RETURN count(f)")
    assert 30 <= part < 503

    again = run(env, "ingest", SAMPLE, "--batch-size", "10", "--json")
    assert again.returncode == 0
    assert json.loads(again.stdout.strip().splitlines()[-1])["filings_skipped"] == part + 11
    assert snapshot(clean_graph) == complete


def test_unreachable_neo4j_is_a_usage_error_with_a_hint(env) -> None:
    done = run({**env, "NEO4J_URI": "bolt://127.0.0.1:9"}, "ingest", GOOD[0])
    assert done.returncode == 2
    (line,) = done.stderr.splitlines()  # one line, though the driver's reason has line breaks
    assert line.startswith("error: cannot reach Neo4j at bolt://127.0.0.1:9")
    assert "ownergraph db start" in line


@pytest.mark.parametrize(
    "command", [[], ["ingest"], ["query"], ["db"], ["db", "start"], ["app"], ["demo"]]
)
def test_every_command_has_help(command: list[str]) -> None:
    done = run(dict(os.environ), *command, "--help")
    assert done.returncode == 0
    assert "Usage:" in done.stdout and len(done.stdout) > 200


def test_a_data_set_without_owners_is_rejected_per_filing_with_a_warning(
    clean_graph: Driver, env
) -> None:
    # The bundled sample of the SEC data set has SUBMISSION.tsv (7 accessions) but no
    # REPORTINGOWNER.tsv, so no row can be attributed to an insider.
    done = run(env, "ingest", DATA / "datasets" / "2024q3_form345_sample", "--json")
    assert done.returncode == 1
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert (summary["filings_loaded"], len(summary["rejected"])) == (0, 7)
    assert all("REPORTINGOWNER" in r["reason"] for r in summary["rejected"])
    assert "warning: " in done.stderr and "no REPORTINGOWNER" in done.stderr
    assert "Traceback" not in done.stderr and "DatasetWarning" not in done.stderr


def test_demo_sets_up_a_local_server_and_loads_the_sample(env, free_port, tmp_path) -> None:
    data_dir = tmp_path / "neo4j"
    local = {k: v for k, v in env.items() if not k.startswith("NEO4J_")}
    bolt = free_port()
    done = run(
        local,
        "demo",
        "--no-app",
        "--port",
        bolt,
        "--http-port",
        free_port(),
        "--data-dir",
        data_dir,
    )
    try:
        assert done.returncode == 0, done.stderr
        password = (data_dir / "password").read_text().strip()
        assert f"Password: {password}" in done.stdout + done.stderr
        assert "503 filings loaded, 11 already there, 0 rejected" in done.stdout
        counted = run(
            local,
            "query",
            "MATCH (f:Filing) RETURN count(f) AS n",
            "--format",
            "csv",
            "--data-dir",
            data_dir,
        )
        assert counted.stdout.splitlines() == ["n", "503"]
    finally:
        assert run(local, "db", "stop", "--data-dir", data_dir).returncode == 0
