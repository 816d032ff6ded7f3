"""Read-only execution of user Cypher for the app's console and ``ownergraph query``.

Three guards, each enough alone for its own class of statement: a lexical check (writes,
``LOAD CSV``, admin commands, procedures outside an allow-list), the server's plan type from
``EXPLAIN`` (must be ``"r"``), and a READ-mode transaction. Values come back as plain JSON-able
data (see ``graph/values.py``); nodes and relationships are also collected for drawing.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from graph.values import GraphNode, GraphRel, collect_graph, to_plain
from ingest.errors import OwnergraphError

__all__ = [
    "ALLOWED_PROCEDURES",
    "GraphNode",
    "GraphRel",
    "QueryError",
    "QueryRefused",
    "QueryResult",
    "QueryTimeout",
    "check_read_only_text",
    "parse_param",
    "run_read_query",
]

ALLOWED_PROCEDURES = frozenset(
    {
        "db.index.fulltext.querynodes",
        "db.index.fulltext.queryrelationships",
        "db.labels",
        "db.relationshiptypes",
        "db.propertykeys",
        "db.schema.visualization",
        "db.schema.nodetypeproperties",
        "db.schema.reltypeproperties",
    }
)

# Keywords, not property names (``n.set``), parameters (``$drop``) or map keys (``{set: 1}``).
_KW = r"(?<![.$\w])({})\b(?!\s*:)"
_WRITE = re.compile(_KW.format("CREATE|MERGE|DELETE|DETACH|SET|REMOVE|DROP|FOREACH"), re.I)
_ADMIN = re.compile(
    r"(?<![.$\w])(ALTER|GRANT|DENY|REVOKE|RENAME|TERMINATE|ENABLE|DEALLOCATE|REALLOCATE|USE"
    r"|START\s+DATABASE|STOP\s+DATABASE"
    r"|SHOW\s+(?:\w+\s+)*(?:USERS?|ROLES?|PRIVILEGES?|DATABASES?|SERVERS?|ALIAS(?:ES)?"
    r"|TRANSACTIONS?|SETTINGS?))\b(?!\s*:)",
    re.I,
)
_LOAD_CSV = re.compile(r"\bLOAD\s+CSV\b", re.I)
_IN_TRANSACTIONS = re.compile(r"\bIN\s+(?:\d+\s+)?(?:CONCURRENT\s+)?TRANSACTIONS\b", re.I)
_CALL = re.compile(r"\bCALL\s+([A-Za-z_][\w.]*)", re.I)
_PREFIX = re.compile(r"^\s*(?:EXPLAIN|PROFILE)\b", re.I)
# Comments, string literals and backticked names, in one pass so that quotes inside comments
# (and comment markers inside strings) are handled correctly.
_LEXEMES = re.compile(
    r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`(?:[^`]|``)*`", re.S
)
_PARAM_KEY = re.compile(r"^[A-Za-z_]\w*$")


class QueryRefused(OwnergraphError):
    """A statement that is not a plain read (write, LOAD CSV, admin, procedure not allowed)."""


class QueryError(OwnergraphError):
    """The server rejected or could not run a read query (syntax error, unreachable, ...)."""


class QueryTimeout(QueryError):
    """A read query ran longer than its timeout and was stopped by the server."""


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What a read query returned, as plain values, with the graph elements it contains."""

    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    nodes: tuple[GraphNode, ...]
    relationships: tuple[GraphRel, ...]
    truncated: bool
    elapsed_s: float


def _mask(match: re.Match[str]) -> str:
    text = match.group(0)
    if text.startswith("`"):
        return re.sub(r"\W", "_", text[1:-1].replace("``", "`"))
    return " " if text.startswith("/") else "''"


def check_read_only_text(cypher: str) -> None:
    """Raise QueryRefused when the text is a write, LOAD CSV, admin command or unknown CALL."""
    code = _LEXEMES.sub(_mask, cypher)
    if not code.strip():
        raise QueryRefused("The query is empty.")
    if _LOAD_CSV.search(code):
        raise QueryRefused("LOAD CSV is not allowed: the console only reads the graph.")
    if found := _WRITE.search(code):
        raise QueryRefused(
            f"{found.group(1).upper()} is not allowed: the console is read-only "
            "(no CREATE, MERGE, SET, REMOVE, DELETE or DROP)."
        )
    if found := _ADMIN.search(code):
        word = " ".join(found.group(0).upper().split())
        raise QueryRefused(f"{word} is not allowed: administration commands are refused.")
    if _IN_TRANSACTIONS.search(code):
        raise QueryRefused("CALL { … } IN TRANSACTIONS is not allowed in a read-only query.")
    for name in _CALL.findall(code):
        if name.lower() not in ALLOWED_PROCEDURES:
            allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
            raise QueryRefused(f"Procedure {name} is not allowed here (allowed: {allowed}).")


def parse_param(text: str) -> tuple[str, object]:
    """Parse ``k=v``: v as JSON (numbers, true/false/null, lists, maps, "strings"), else a string.

    Numbers with leading zeros (CIKs such as ``0000789019``) stay strings.
    """
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not _PARAM_KEY.match(key):
        raise ValueError(f"parameter {text!r} is not of the form name=value")
    value = raw.strip()
    if value.lower() in ("true", "false"):
        return key, value.lower() == "true"
    try:
        return key, json.loads(value)
    except ValueError:
        return key, value


def _check_plan(session: neo4j.Session, cypher: str, params: Mapping[str, object]) -> None:
    body = _PREFIX.sub("", cypher, count=1)
    summary = session.run("EXPLAIN " + body, dict(params)).consume()  # type: ignore[arg-type]
    if summary.query_type != "r":
        kind = {"rw": "reads and writes", "w": "writes", "s": "changes the schema or system"}
        raise QueryRefused(
            f"The query {kind.get(str(summary.query_type), 'is not read-only')}: "
            "the console only runs read-only queries."
        )


def _fetch(
    session: neo4j.Session,
    cypher: str,
    params: Mapping[str, object],
    timeout_s: float,
    max_rows: int,
) -> tuple[list[str], list[neo4j.Record], bool]:
    with session.begin_transaction(timeout=timeout_s) as tx:
        result = tx.run(cypher, dict(params))  # type: ignore[arg-type]
        columns = list(result.keys())
        records: list[neo4j.Record] = []
        truncated = False
        for record in result:
            if len(records) >= max_rows:
                truncated = True
                break
            records.append(record)
        tx.rollback()
    return columns, records, truncated


def _wrap(err: Exception, timeout_s: float) -> OwnergraphError:
    if isinstance(err, Neo4jError):
        code = err.code or ""
        if "TransactionTimedOut" in code or "Transaction.Terminated" in code:
            return QueryTimeout(f"The query ran longer than {timeout_s:g} s and was stopped.")
        if "AccessMode" in code or "Forbidden" in code:
            return QueryRefused(f"The server refused a write in a read-only query: {err.message}")
        return QueryError(f"{err.message or code}")
    return QueryError(f"Cannot run the query, Neo4j is not reachable: {err}")


def run_read_query(
    driver: neo4j.Driver,
    cypher: str,
    params: Mapping[str, object],
    *,
    database: str,
    timeout_s: float = 30,
    max_rows: int = 1000,
) -> QueryResult:
    """Run one read-only statement and return at most ``max_rows`` rows as plain values."""
    check_read_only_text(cypher)
    started = time.perf_counter()
    try:
        with driver.session(database=database, default_access_mode=neo4j.READ_ACCESS) as session:
            _check_plan(session, cypher, params)
            columns, records, truncated = _fetch(session, cypher, params, timeout_s, max_rows)
    except (Neo4jError, DriverError) as err:
        raise _wrap(err, timeout_s) from err
    nodes, rels = collect_graph(value for record in records for value in record.values())
    rows = tuple(tuple(to_plain(value) for value in record.values()) for record in records)
    return QueryResult(
        columns=tuple(columns),
        rows=rows,
        nodes=nodes,
        relationships=rels,
        truncated=truncated,
        elapsed_s=time.perf_counter() - started,
    )
