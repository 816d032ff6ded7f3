"""Read-only Cypher (graph/read/console.py) against the real test server loaded with the app
fixtures."""

from __future__ import annotations

import neo4j
import pytest

from graph.cypher import parse_param, run_read_query
from graph.db import Graph
from ingest.errors import ParameterError, QueryRefused, QueryTimeout


def run(driver: neo4j.Driver, cypher: str, **kwargs: object):  # type: ignore[no-untyped-def]
    params = kwargs.pop("params", {})
    return run_read_query(Graph(driver, "neo4j"), cypher, params, **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("cypher", "message"),
    [
        ("CREATE (n:X) RETURN n", "CREATE is not allowed"),
        ("MATCH (n:Entity) SET n.flag = true", "SET is not allowed"),
        ("match (n) detach delete n", "DETACH is not allowed"),
        ("MERGE (n:Entity {cik: '1'})", "MERGE is not allowed"),
        ("MATCH (n) REMOVE n:Entity", "REMOVE is not allowed"),
        ("DROP INDEX entity_search", "DROP is not allowed"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV is not allowed"),
        ("CALL dbms.components()", "Procedure dbms.components is not allowed"),
        ("CALL `dbms`.`components`()", "Procedure dbms.components is not allowed"),
        ("CALL db.createLabel('X')", "Procedure db.createLabel is not allowed"),
        ("SHOW USERS", "SHOW USERS is not allowed"),
        ("USE system SHOW DATABASES", "is not allowed"),
        ("MATCH (n) CALL (n) { SET n.x = 1 } RETURN n", "SET is not allowed"),
        ("   ", "empty"),
        # Cypher ends a // comment at \r too: what follows is code, not comment.
        ("WITH 1 AS x //\rLOAD CSV FROM 'http://127.0.0.1:9/x' AS l RETURN l", "LOAD CSV"),
        ("WITH 1 AS x //\u2028LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l", "LOAD CSV"),
        ("WITH 1 AS x //\u0085LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l", "LOAD CSV"),
        ("WITH 1 AS x /* c */LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l", "LOAD CSV"),
        ("load\u00a0csv FROM 'http://127.0.0.1:9/' AS l RETURN l", "LOAD CSV"),
        ("WITH * WHERE 1 = 1LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l", "LOAD CSV"),
        ("RETURN COLLECT { LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l }", "LOAD CSV"),
        ("RETURN 'it\\'s' LOAD CSV FROM 'http://127.0.0.1:9/' AS l RETURN l", "LOAD CSV"),
        ("RETURN 1 /* never closed", "unterminated comment"),
        ("CALL db . /* x */ createLabel('X')", "Procedure db.createLabel is not allowed"),
        ("INSERT (n:Pwn)", "INSERT is not allowed"),
        ("USE neo4j.other MATCH (n) RETURN n", "USE is not allowed"),
    ],
)
def test_writes_load_csv_and_admin_are_refused(
    app_graph: neo4j.Driver, cypher: str, message: str
) -> None:
    with pytest.raises(QueryRefused, match=message):
        run(app_graph, cypher)
    assert run(app_graph, "MATCH (f:Filing) RETURN count(f) AS n").rows == ((7,),)


def test_keywords_inside_strings_comments_and_property_names_are_fine(
    app_graph: neo4j.Driver,
) -> None:
    result = run(
        app_graph,
        "MATCH (e:Entity) WHERE e.name = 'CREATE' OR e.set IS NOT NULL // DELETE all\n"
        "RETURN count(e) AS n",
    )
    assert result.columns == ("n",) and result.rows == ((0,),)


@pytest.mark.parametrize(
    "cypher",
    [
        "MATCH (n:`Set`) RETURN count(n) AS n",
        "RETURN 0 AS set",
        "USE neo4j MATCH (n:Nothing) RETURN count(n) AS n",
        "MATCH (n:Nothing) WHERE n.load IS NULL RETURN count({load: 1, create: n}) AS n",
    ],
)
def test_names_that_spell_keywords_are_not_refused(app_graph: neo4j.Driver, cypher: str) -> None:
    assert run(app_graph, cypher).rows == ((0,),)


def test_params_and_graph_elements(app_graph: neo4j.Driver) -> None:
    result = run(
        app_graph,
        "MATCH (o:Entity)-[r:INSIDER_OF]->(i:Entity {cik: $cik}) RETURN o, r, i ORDER BY o.name",
        params=dict([parse_param('cik="0000789019"')]),
    )
    names = [row[0]["name"] for row in result.rows]
    assert names == ["Hood Amy", "List Teri", "Nadella Satya", "SMITH BRADFORD L"]
    assert len(result.nodes) == 5 and len(result.relationships) == 4
    assert result.rows[0][1]["_type"] == "INSIDER_OF" and result.rows[0][1]["officer"] is True
    assert not result.truncated


def test_row_cap_truncates(app_graph: neo4j.Driver) -> None:
    result = run(app_graph, "UNWIND range(1, 50) AS x RETURN x", max_rows=10)
    assert result.rows == tuple((x,) for x in range(1, 11)) and result.truncated


def test_timeout_stops_a_long_query(app_graph: neo4j.Driver) -> None:
    with pytest.raises(QueryTimeout, match="longer than 1 s"):
        run(
            app_graph,
            "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 100 RETURN count(x)",
            timeout_s=1,
        )


def test_dates_come_back_as_iso_strings(app_graph: neo4j.Driver) -> None:
    result = run(
        app_graph,
        "MATCH (f:Filing {accession: $a}) RETURN f.period AS p",
        params={"a": "0001079973-25-000129"},
    )
    assert result.rows == (("2025-01-23",),)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("n=5", ("n", 5)),
        ("x=1.5", ("x", 1.5)),
        ("flag=TRUE", ("flag", True)),
        ("cik=0000789019", ("cik", "0000789019")),
        ('name="Nadella Satya"', ("name", "Nadella Satya")),
        ('codes=["P","S"]', ("codes", ["P", "S"])),
        ("q=micro soft", ("q", "micro soft")),
    ],
)
def test_parse_param(text: str, expected: tuple[str, object]) -> None:
    assert parse_param(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("novalue", "name=value"),
        ("1x=2", "name=value"),
        ("=3", "name=value"),
        ("a=" + "[" * 5000 + "]" * 5000, "deeper than 32 levels"),
        ('a={"b": ' * 40 + "1" + "}" * 40, "deeper than 32 levels"),
        ("a=Infinity", "Infinity is not a number"),
    ],
)
def test_parse_param_rejects_malformed(text: str, message: str) -> None:
    with pytest.raises(ParameterError, match=message):
        parse_param(text)


def test_brackets_inside_json_strings_do_not_count_as_nesting() -> None:
    assert parse_param(r'a=["[[[[", "\"]]]"]') == ("a", ["[[[[", '"]]]'])
