"""Values nobody wrote are never stored: a share count of "lots", NaN, Infinity, a negative
or absurd number, Arabic-Indic digits or a lenient "1,,0" in the real MHI Form 4 (which files
``<transactionShares><value>500</value>``). The filing still loads, its row is marked
``unreadable: ["shares"]``, and the run reports one warning with path, field and text."""

from __future__ import annotations

import json
import math
from pathlib import Path

from neo4j import Driver

from tests.cli.runner import run
from tests.paths import DATA

MHI = DATA / "mhi_4_2025-08-18_b9ce4dd7.xml"
FILED = b"<transactionShares>\n                    <value>500</value>"
TYPED = ["lots", "NaN", "Infinity", "-100", "1e309", "1e16", "\u0661\u0660\u0660", "1,,0"]


def test_unreadable_shares_load_with_a_warning_and_the_row_marked(
    clean_graph: Driver, env: dict[str, str], tmp_path: Path
) -> None:
    original = MHI.read_bytes()
    assert FILED in original
    for n, text in enumerate(TYPED):
        value = f"<transactionShares>\n                    <value>{text}</value>".encode()
        (tmp_path / f"mhi_{n}.xml").write_bytes(original.replace(FILED, value))
    done = run(env, "ingest", tmp_path, "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["filings_loaded"] == len(TYPED)
    assert sorted((Path(w["path"]).name, w["field"], w["value"]) for w in summary["warnings"]) == [
        (f"mhi_{n}.xml", "shares (row 1)", text) for n, text in enumerate(TYPED)
    ]
    lines = [line for line in done.stderr.splitlines() if line.startswith("warning: ")]
    assert len(lines) == len(TYPED) and "unreadable value 'lots' not stored" in done.stderr
    records, _, _ = clean_graph.execute_query(
        "MATCH (:Entity)-[t:TRANSACTED]->() RETURN t.shares AS shares, t.unreadable AS marked,"
        " t.shares_after AS after",
        database_="neo4j",
    )
    # MHI is a joint filing of two owners: each gets the row
    assert len(records) == 2 * len(TYPED)
    assert {(r["shares"], tuple(r["marked"]), r["after"]) for r in records} == {
        (None, ("shares",), 0.0)
    }


def test_no_non_finite_number_reaches_the_graph(
    clean_graph: Driver, env: dict[str, str], tmp_path: Path
) -> None:
    text = MHI.read_bytes().replace(b"<value>0</value>", b"<value>inf</value>")
    (tmp_path / "inf.xml").write_bytes(text)
    assert run(env, "ingest", tmp_path).returncode == 0
    records, _, _ = clean_graph.execute_query(
        "MATCH ()-[r]->() UNWIND keys(r) AS k WITH r[k] AS v WHERE v IS :: FLOAT RETURN v",
        database_="neo4j",
    )
    assert all(math.isfinite(r["v"]) for r in records) and records


LRCX_4A = DATA / "lrcx_4a_2024-11-04_90eac724.xml"


def test_unreadable_filing_level_values_are_warnings_too(
    clean_graph: Driver, env: dict[str, str], tmp_path: Path
) -> None:
    # the real LRCX 4/A files periodOfReport and dateOfOriginalSubmission 2024-11-04,
    # isDirector 1 and signatureDate 2024-12-10 (read off the XML); each is made impossible
    text = LRCX_4A.read_text()
    for filed, typed in (
        ("<periodOfReport>2024-11-04<", "<periodOfReport>2024-02-30<"),
        ("<dateOfOriginalSubmission>2024-11-04<", "<dateOfOriginalSubmission>yesterday<"),
        ("<isDirector>1<", "<isDirector>maybe<"),
        ("<signatureDate>2024-12-10<", "<signatureDate>20241210<"),
    ):
        assert text.count(filed) == 1
        text = text.replace(filed, typed)
    (tmp_path / "lrcx.xml").write_text(text)
    done = run(env, "ingest", tmp_path, "--json")
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["filings_loaded"] == 1
    assert [(w["field"], w["value"]) for w in summary["warnings"]] == [
        ("is_director (owner 1)", "maybe"),
        ("signature_date (signature 1)", "20241210"),
        ("period_of_report", "2024-02-30"),
        ("date_of_original_submission", "yesterday"),
    ]
    assert "lrcx.xml: period_of_report: unreadable value '2024-02-30' not stored" in done.stderr
    records, _, _ = clean_graph.execute_query(
        "MATCH (f:Filing) RETURN f.period AS period, f.date_of_original_submission AS original",
        database_="neo4j",
    )
    assert [(r["period"], r["original"]) for r in records] == [(None, None)]
