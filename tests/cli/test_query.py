"""``ownergraph query`` as a user runs it: rows as a table, JSON or CSV; writes refused; every
mistake one ``error:`` line with exit 2; the server's notifications one line each."""

from __future__ import annotations

import json

import pytest
from neo4j import Driver

from cli.query import table_lines
from tests.cli.runner import run
from tests.graph_snapshot import count
from tests.paths import DATA

JPM = DATA / "jpm_4_2025-09-02_eee1f740.xml"
MHI = DATA / "mhi_4_2025-08-18_b9ce4dd7.xml"


def test_query_prints_rows_as_table_json_and_csv(clean_graph: Driver, env) -> None:
    assert run(env, "ingest", MHI).returncode == 0
    cypher = (
        "MATCH (o:Owner)-[:INSIDER_OF]->(:Issuer {ticker: $t}) RETURN o.cik AS cik ORDER BY cik"
    )
    as_json = run(env, "query", cypher, "--param", 't="MHI"', "--format", "json")
    assert as_json.returncode == 0, as_json.stderr
    ciks = [row["cik"] for row in json.loads(as_json.stdout)]
    assert len(ciks) == 2
    as_csv = run(env, "query", cypher, "-p", "t=MHI", "--format", "csv")
    assert as_csv.stdout.splitlines() == ["cik", *ciks]
    table = run(env, "query", cypher, "-p", "t=MHI")
    assert "(2 rows)" in table.stdout


@pytest.mark.parametrize(
    "cypher",
    [
        "CREATE (n:Hack) RETURN n",
        "MATCH (n) DETACH DELETE n",
        "LOAD CSV FROM 'file:///x' AS r RETURN r",
    ],
)
def test_query_refuses_to_write(clean_graph: Driver, env, cypher: str) -> None:
    assert run(env, "ingest", JPM).returncode == 0
    done = run(env, "query", cypher)
    assert done.returncode == 1
    assert "error:" in done.stderr
    assert count(clean_graph, "MATCH (n) RETURN count(n)") > 0
    assert count(clean_graph, "MATCH (n:Hack) RETURN count(n)") == 0


def test_an_unknown_format_is_one_error_line_naming_the_option(env) -> None:
    done = run(env, "query", "RETURN 1", "--format", "xml")
    assert done.returncode == 2
    [line] = done.stderr.splitlines()
    assert line.startswith("error: ") and "'--format'" in line


def test_server_notifications_are_one_readable_line_each(clean_graph: Driver, env) -> None:
    done = run(env, "query", "MATCH (n:NoSuchLabel) RETURN n.no_such_key AS k")
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == [
        "warning: label `NoSuchLabel` does not exist (line 1, column 10)",
        "warning: property `no_such_key` does not exist (line 1, column 32)",
    ]
    quiet = run(env, "query", "MATCH (n:NoSuchLabel) RETURN n.no_such_key AS k", "--quiet")
    assert (quiet.returncode, quiet.stderr) == (0, "")
    assert quiet.stdout.splitlines() == ["k", "-", "(0 rows)"]


URL = "https://www.sec.gov/Archives/edgar/data/19617/000122520825012345/0001225208-25-012345-index.htm"


def test_the_table_never_cuts_a_value() -> None:
    lines = table_lines(["accession", "url"], [["0001225208-25-012345", URL]], width=None)
    assert lines == [
        "accession            | url" + " " * (len(URL) - 3),
        "-" * 20 + "-+-" + "-" * len(URL),
        f"0001225208-25-012345 | {URL}",
        "(1 rows)",
    ]


def test_a_table_wider_than_the_terminal_turns_into_one_block_per_row() -> None:
    lines = table_lines(["accession", "url"], [["0001225208-25-012345", URL]], width=80)
    assert lines == [
        "-[ row 1 ]--------------------",
        "accession | 0001225208-25-012345",
        f"url       | {URL}",
        "(1 rows)",
    ]
