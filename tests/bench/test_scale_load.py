"""Generated corpora load into the session's real Neo4j through the real ``ownergraph ingest``:
zero rejections, the counts the generator's manifest reports, and hubs of the asked-for size.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from neo4j import Driver

from bench.scale.__main__ import main
from bench.scale.hub import build_hub
from graph.db import Settings
from graph.load.pipeline import ingest_paths
from tests.graph_snapshot import count

INSIDERS_OF = "MATCH (o:Owner)-[:INSIDER_OF]->(:Issuer {cik: $cik}) RETURN count(DISTINCT o)"
ISSUERS_OF = "MATCH (:Owner {cik: $cik})-[:INSIDER_OF]->(i:Issuer) RETURN count(DISTINCT i)"
ROWS_AT = (
    "MATCH (:Owner)-[r:TRANSACTED]->(:Security)-[:ISSUED_BY]->(:Issuer {cik: $cik}) "
    "RETURN count(DISTINCT r.row)"
)


def test_a_2000_filing_corpus_ingests_with_no_rejection_and_the_manifest_counts(
    clean_graph: Driver, neo4j_server: Settings, tmp_path: Path
) -> None:
    out = tmp_path / "corpus"
    assert main(["--filings", "2000", "--seed", "11", "--quarters", "4", "--out", str(out)]) == 0
    env = {**os.environ, "NEO4J_URI": neo4j_server.uri, "NEO4J_DATABASE": "neo4j"}
    if neo4j_server.password:
        env["NEO4J_PASSWORD"] = neo4j_server.password
    zips = sorted(str(p) for p in out.glob("*_form345.zip"))
    assert [Path(z).name for z in zips] == [
        "2025q3_form345.zip",
        "2025q4_form345.zip",
        "2026q1_form345.zip",
        "2026q2_form345.zip",
    ]
    done = subprocess.run(
        [sys.executable, "-m", "cli", "ingest", *zips, "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    manifest = json.loads((out / "manifest.json").read_text())
    assert summary["rejected"] == []
    assert summary["filings_read"] == summary["filings_loaded"] == manifest["filings"] == 2000
    for key in ("owners", "issuers", "securities", "transactions", "holdings"):
        assert summary[key] == manifest[key], key
    assert count(clean_graph, "MATCH (f:Filing) RETURN count(f)") == 2000
    assert count(clean_graph, "MATCH (:Filing)-[a:AMENDS]->(:Filing) RETURN count(a)") == sum(
        n for form, n in manifest["forms"].items() if form.endswith("/A")
    )


def test_the_hub_has_the_insiders_rows_and_fund_reach_asked_for(
    clean_graph: Driver, neo4j_server: Settings, tmp_path: Path
) -> None:
    hub = build_hub(tmp_path / "hub", insiders=150, rows=4000, fund_issuers=120, seed=5)
    assert (hub.issuer_cik, hub.fund_cik) == ("0009000001", "0009100151")
    summary = ingest_paths(clean_graph, hub.paths, database=neo4j_server.database)
    assert summary.rejected == []
    assert count(clean_graph, INSIDERS_OF, cik=hub.issuer_cik) == 150
    assert count(clean_graph, ISSUERS_OF, cik=hub.fund_cik) == 120
    rows = count(clean_graph, ROWS_AT, cik=hub.issuer_cik)
    assert 4000 <= rows < 4100  # filings stop once the rows reach the target
    assert rows == hub.manifest["hubs"]["max_transactions_per_issuer"]["count"]
