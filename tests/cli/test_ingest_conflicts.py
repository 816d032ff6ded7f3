"""The audit's 1e case through the command line: a copy of the real ARW submission carrying
the real TSLA accession (a stolen accession) is loaded first. The real ARW filing is then
reported as stored under another accession, the real TSLA filing as a conflicting accession
(human lines, ``--json`` ``conflicts``, exit 1) until ``--replace`` puts it in place; after
that ARW loads, and the graph is the one a clean load of the two real filings gives."""

from __future__ import annotations

import json
from pathlib import Path

from neo4j import Driver

from tests.cli.runner import run
from tests.conftest import empty_graph
from tests.graph_snapshot import snapshot
from tests.paths import DATA

ARW = DATA / "sources" / "arw_4_0001127602-25-004598_d4731edd.txt"
TSLA = DATA / "sources" / "tsla_4_0001790565-23-000009_1503be45.txt"
ARW_ACCESSION, TSLA_ACCESSION = "0001127602-25-004598", "0001790565-23-000009"  # their headers


def last_json(stdout: str) -> dict[str, object]:
    return dict(json.loads(stdout.strip().splitlines()[-1]))


def test_a_stolen_accession_is_reported_and_replace_restores_the_real_filings(
    clean_graph: Driver, env: dict[str, str], tmp_path: Path
) -> None:
    assert run(env, "ingest", ARW, TSLA).returncode == 0
    clean = snapshot(clean_graph)
    empty_graph(clean_graph, "neo4j")

    stolen = tmp_path / "arw_as_tsla.txt"
    text = ARW.read_text()
    assert text.count(ARW_ACCESSION) == 1  # <ACCESSION-NUMBER> of its header
    stolen.write_text(text.replace(ARW_ACCESSION, TSLA_ACCESSION))
    assert run(env, "ingest", stolen).returncode == 0

    done = run(env, "ingest", ARW, TSLA, "--json")
    assert done.returncode == 1, done.stderr
    summary = last_json(done.stdout)
    assert (summary["filings_loaded"], summary["filings_skipped"]) == (0, 0)
    assert summary["conflicts"] == [
        {
            "path": str(ARW),
            "accession": ARW_ACCESSION,
            "reason": f"the same document is already stored under {TSLA_ACCESSION}",
        },
        {
            "path": str(TSLA),
            "accession": TSLA_ACCESSION,
            "reason": f"accession {TSLA_ACCESSION} is already stored with different content "
            "(ingest --replace PATH stores this version instead)",
        },
    ]
    human = run(env, "ingest", ARW, TSLA)
    assert human.returncode == 1
    assert f"conflict: {TSLA}: accession {TSLA_ACCESSION} is already stored" in human.stderr
    assert "0 filings loaded, 0 already there, 2 in conflict, 0 rejected" in human.stdout

    replaced = run(env, "ingest", "--replace", TSLA, "--json")
    assert replaced.returncode == 0, replaced.stderr
    assert last_json(replaced.stdout)["filings_replaced"] == 1
    assert last_json(run(env, "ingest", ARW, "--json").stdout)["filings_loaded"] == 1
    assert snapshot(clean_graph) == clean


def test_replace_and_bulk_together_is_a_usage_error(env: dict[str, str]) -> None:
    done = run(env, "ingest", "--replace", "--bulk", ARW)
    assert done.returncode == 2
    assert done.stderr.startswith("error: --replace cannot be used with --bulk")
