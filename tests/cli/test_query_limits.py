"""`ownergraph query` with limits and parameters a person mistyped: one line, exit 2, no
traceback; and JSON output that stays JSON when the query yields NaN or Infinity."""

from __future__ import annotations

import json

import pytest
from neo4j import Driver

from tests.cli.runner import run


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--timeout", "-1"], "--timeout must be a number of seconds above 0"),
        (["--timeout", "nan"], "--timeout must be a number of seconds above 0"),
        (["--timeout", "0"], "--timeout must be a number of seconds above 0"),
        (["--timeout", "inf"], "--timeout must be a number of seconds above 0"),
        (["--max-rows", "0"], "--max-rows must be at least 1"),
        (["-p", "novalue"], "parameter 'novalue' is not of the form name=value"),
        (["-p", "a=" + "[" * 5000 + "]" * 5000], "nests lists or maps deeper than 32"),
        (["-p", "a=NaN"], "NaN is not a number a query can use"),
    ],
)
def test_bad_limits_and_parameters_are_one_line_and_exit_2(
    env: dict[str, str], args: list[str], message: str
) -> None:
    done = run({**env, "NEO4J_URI": "bolt://127.0.0.1:9"}, "query", "RETURN $a AS a", *args)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"error: {done.stderr[7:].strip()}"]
    assert message in done.stderr and "Traceback" not in done.stderr


def test_json_output_has_no_nan_or_infinity(clean_graph: Driver, env: dict[str, str]) -> None:
    done = run(
        env, "query", "RETURN 0.0 / 0.0 AS nan, 1.0 / 0.0 AS inf, 1.5 AS x", "--format", "json"
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout, parse_constant=pytest.fail) == [
        {"nan": None, "inf": None, "x": 1.5}
    ]
