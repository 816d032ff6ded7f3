"""`ownergraph fetch` as a user runs it, against the local EDGAR
of tests/edgar_fetch/ and the session's Neo4j: the --json summary, the graph equal to
ingesting the same files directly, a killed fetch resumed with nothing downloaded twice, and
the usage errors.
"""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import pytest
from neo4j import Driver

from cli.fetch import parse_quarters
from tests.cli.fetch.commands import OWNERGRAPH, Q1_2025, cached, last_json, run, without_source
from tests.edgar_fetch.server import Edgar
from tests.edgar_fetch.site import BY_TICKER, SUBMISSIONS
from tests.graph_snapshot import count, snapshot


def test_fetch_ingest_gives_the_graph_of_ingesting_the_files(
    clean_graph: Driver, env: dict[str, str], edgar: Edgar
) -> None:
    done = run(env, "fetch", "--since", "2025-01-01", "--until", "2025-03-31", "--ingest", "--json")

    assert done.returncode == 0, done.stderr
    summary = last_json(done)
    assert {k: summary[k] for k in ("requests", "downloaded", "cached", "failed")} == {
        "requests": 8,
        "downloaded": 7,
        "cached": 0,
        "failed": [],
    }
    ingest = summary["ingest"]
    assert isinstance(ingest, dict)
    assert (ingest["filings_loaded"], ingest["rejected"]) == (7, [])
    fetched = snapshot(clean_graph)

    clean_graph.execute_query("MATCH (n) DETACH DELETE n", database_="neo4j")
    direct = run(env, "ingest", *(str(SUBMISSIONS / f.file) for f in Q1_2025))
    assert direct.returncode == 0, direct.stderr
    assert without_source(snapshot(clean_graph)) == without_source(fetched)


def test_fetch_ingest_reports_a_conflict_as_ingest_does(
    clean_graph: Driver, env: dict[str, str], tmp_path: Path
) -> None:
    # A damaged copy of a real submission (TSVT's Form 4: 106,150 shares read as 106,151),
    # stored first under the real accession: the fetched original is then a different
    # document for that accession.
    original = Q1_2025[0]
    text = (SUBMISSIONS / original.file).read_text()
    damaged = tmp_path / original.file
    damaged.write_text(text.replace("<value>106150.00</value>", "<value>106151.00</value>", 1))
    assert damaged.read_text() != text
    assert run(env, "ingest", str(damaged)).returncode == 0

    done = run(env, "fetch", "--since", "2025-01-01", "--until", "2025-03-31", "--ingest", "--json")

    assert done.returncode == 1, done.stderr  # as `ingest` exits on a conflict
    conflicts = last_json(done)["ingest"]["conflicts"]  # type: ignore[index]
    assert [c["accession"] for c in conflicts] == [original.accession]
    lines = [line for line in done.stderr.splitlines() if line.startswith("conflict: ")]
    assert len(lines) == 1 and f"{original.accession}.txt: " in lines[0]  # the fetched file


def test_a_killed_fetch_resumes_and_downloads_nothing_twice(
    fetch_env: dict[str, str], edgar: Edgar
) -> None:
    args = [
        "fetch",
        "--since",
        "2025-01-01",
        "--until",
        "2025-03-31",
        "--rate",
        "3",
        "--workers",
        "1",
    ]
    killed = subprocess.Popen(
        [*OWNERGRAPH, *args],
        env=fetch_env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while len(cached(fetch_env)) < 3:
        assert time.monotonic() < deadline and killed.poll() is None
        time.sleep(0.02)
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    before = cached(fetch_env)
    assert 3 <= len(before) < 7
    edgar.hits.clear()

    again = run(fetch_env, *args, "--json")

    assert again.returncode == 0, again.stderr
    assert cached(fetch_env) == {f.accession for f in Q1_2025}
    asked = {Path(p).stem for p in edgar.paths() if p.endswith(".txt")}
    assert asked == cached(fetch_env) - before
    summary = last_json(again)
    assert (summary["downloaded"], summary["cached"]) == (7 - len(before), len(before))
    assert not list(Path(fetch_env["OWNERGRAPH_CACHE"]).rglob("*.txt.*"))  # no partial file remains


def test_without_a_user_agent_nothing_is_asked(fetch_env: dict[str, str], edgar: Edgar) -> None:
    del fetch_env["OWNERGRAPH_USER_AGENT"]
    done = run(fetch_env, "fetch", "--since", "2025-01-01")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "error: EDGAR requires a User-Agent with a contact e-mail, e.g. 'Example Research "
        "admin@example.com': pass --user-agent or set OWNERGRAPH_USER_AGENT"
    ]
    assert edgar.hits == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["fetch"], "error: nothing to fetch: give --since, --cik, --ticker or --datasets"),
        (
            ["fetch", "--ticker", "NOPE"],
            "error: NOPE: unknown ticker (not in files/company_tickers.json)",
        ),
        (["fetch", "--cik", "12x"], "error: --cik '12x' is not a CIK (up to 10 digits)"),
        (
            ["fetch", "--since", "2025-02-01", "--until", "2025-01-31"],
            "error: --until 2025-01-31 is before --since 2025-02-01",
        ),
    ],
)
def test_usage_errors_are_one_line(
    fetch_env: dict[str, str], args: list[str], message: str
) -> None:
    done = run(fetch_env, *args)
    assert (done.returncode, done.stderr.strip()) == (2, message)


def test_failed_downloads_are_listed_and_exit_1(fetch_env: dict[str, str], edgar: Edgar) -> None:
    jblu = BY_TICKER["JBLU"]
    path = f"/Archives/edgar/data/{int(jblu.issuer)}/{jblu.accession}.txt"
    edgar.misbehave(path, "503", "503")
    done = run(
        fetch_env, "fetch", "--ticker", "JBLU", "--retries", "1", "--backoff", "0.01", "--json"
    )
    assert done.returncode == 1
    summary = last_json(done)
    assert summary["failed"] == [
        {"url": edgar.url + path, "reason": "HTTP 503 (gave up after 2 attempts)"}
    ]
    assert f"failed: {edgar.url + path}: HTTP 503 (gave up after 2 attempts)" in done.stderr


def test_a_fetched_data_set_is_ingested(
    clean_graph: Driver, env: dict[str, str], edgar: Edgar
) -> None:
    done = run(env, "fetch", "--datasets", "2025q1", "--ingest", "--json")

    assert done.returncode == 0, done.stderr
    summary = last_json(done)
    assert (summary["downloaded"], summary["failed"]) == (1, [])
    ingest = summary["ingest"]
    assert isinstance(ingest, dict)
    assert (ingest["filings_loaded"], ingest["rejected"]) == (11, [])
    assert (
        count(
            clean_graph,
            "MATCH (f:Filing {accession: '0001079973-25-000129'}) RETURN size(f.owner_ciks)",
        )
        == 2
    )  # PDEX's joint filing, both owners


@pytest.mark.parametrize(
    ("text", "quarters"),
    [
        ("2023q1..2024q4", tuple(f"{y}q{q}" for y in (2023, 2024) for q in (1, 2, 3, 4))),
        ("2024Q4..2025q1,2023q2", ("2024q4", "2025q1", "2023q2")),
        ("2024q3", ("2024q3",)),
    ],
)
def test_quarter_ranges(text: str, quarters: tuple[str, ...]) -> None:
    assert parse_quarters(text) == quarters


def test_an_unreachable_edgar_is_a_connection_error(fetch_env: dict[str, str], free_port) -> None:
    fetch_env["OWNERGRAPH_EDGAR_URL"] = f"http://127.0.0.1:{free_port()}"
    done = run(
        fetch_env,
        "fetch",
        "--since",
        "2025-01-06",
        "--until",
        "2025-01-10",
        "--retries",
        "1",
        "--backoff",
        "0.01",
    )
    assert done.returncode == 2
    [line] = done.stderr.strip().splitlines()
    assert line.startswith(
        f"error: {fetch_env['OWNERGRAPH_EDGAR_URL']}/Archives/edgar/daily-index/"
    )
    assert ": cannot connect: " in line


def test_the_cache_is_a_valid_input_to_ingest(
    clean_graph: Driver, env: dict[str, str], edgar: Edgar
) -> None:
    fetched = run(
        env,
        "fetch",
        "--since",
        "2023-01-01",
        "--until",
        "2025-03-31",
        "--datasets",
        "2025q1",
        "--json",
    )
    assert fetched.returncode == 0, fetched.stderr
    assert (Path(env["OWNERGRAPH_CACHE"]) / ".meta").is_dir()  # index files, JSON: hidden

    done = run(env, "ingest", env["OWNERGRAPH_CACHE"], "--json")

    assert done.returncode == 0, done.stderr
    summary = last_json(done)
    # 11 filings as full submissions and again in the data set: each loaded once, no rejection
    assert (summary["filings_loaded"], summary["filings_skipped"], summary["rejected"]) == (
        11,
        11,
        [],
    )
