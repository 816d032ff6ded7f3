"""Read-only execution of user Cypher for the app's console and ``ownergraph query``.

Three guards, each enough alone for its own class of statement: a lexical check (writes,
``LOAD CSV``, admin commands, procedures outside an allow-list), the server's plan type from
``EXPLAIN`` (must be ``"r"``), and a READ-mode transaction. Values come back as plain JSON-able
data (see ``graph/values.py``); nodes and relationships are also collected for drawing.
"""

from __future__ import annotations

import re
import time
from collections.abc import Mapping
from dataclasses import dataclass

import neo4j
from neo4j.exceptions import DriverError, Neo4jError

from graph.cypher.lex import Token, UnterminatedText, tokenize
from graph.cypher.params import MAX_PARAM_DEPTH, parse_param
from graph.cypher.report import plan_text, unprefixed
from graph.db import Graph
from graph.values import GraphNode, GraphRel, collect_graph, to_plain
from ingest.errors import OwnergraphError, QueryError, QueryRefused, QueryTimeout

__all__ = [
    "ALLOWED_PROCEDURES",
    "MAX_PARAM_DEPTH",
    "GraphNode",
    "GraphRel",
    "QueryResult",
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

_WRITES = frozenset(
    {"CREATE", "MERGE", "DELETE", "DETACH", "SET", "REMOVE", "DROP", "FOREACH", "INSERT"}
)
_ADMIN = frozenset(
    {"ALTER", "GRANT", "DENY", "REVOKE", "RENAME", "TERMINATE", "ENABLE", "DEALLOCATE"}
    | {"REALLOCATE", "START", "STOP"}
)
_SHOWN_ADMIN = frozenset(
    {"USER", "USERS", "ROLE", "ROLES", "PRIVILEGE", "PRIVILEGES", "DATABASE", "DATABASES"}
    | {"SERVER", "SERVERS", "ALIAS", "ALIASES", "TRANSACTION", "TRANSACTIONS", "SETTING"}
    | {"SETTINGS"}
)
_PREFIX = re.compile(r"^\s*(?:EXPLAIN|PROFILE)\b", re.I)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What a read query returned, as plain values, with the graph elements it contains."""

    columns: tuple[str, ...]
    rows: tuple[tuple[object, ...], ...]
    nodes: tuple[GraphNode, ...]
    relationships: tuple[GraphRel, ...]
    truncated: bool
    elapsed_s: float
    notifications: tuple[str, ...] = ()  # one readable line per server notification
    plan: str = ""  # the operator tree of an EXPLAIN or PROFILE, one operator a line


_EDGE = Token("edge", "")


def _around(tokens: list[Token], i: int) -> tuple[Token, Token]:
    """The tokens before and after ``i`` (a placeholder at either end)."""
    return (tokens[i - 1] if i else _EDGE), (tokens[i + 1] if i + 1 < len(tokens) else _EDGE)


def _symbol(token: Token, symbols: str) -> bool:
    return token.kind == "symbol" and token.text in symbols


def _keyword(tokens: list[Token], i: int) -> str:
    """The keyword at ``i``, or "" where the word is a name: a property (``n.set``), parameter
    (``$set``), label or type (``:Set``), alias (``AS set``) or map key (``{set: 1}``)."""
    before, after = _around(tokens, i)
    if _symbol(before, ".$:") or before.upper == "AS" or _symbol(after, ":"):
        return ""
    return tokens[i].upper


def _procedure(tokens: list[Token], i: int) -> str:
    """The dotted name after ``CALL`` at ``i`` ("" for a subquery ``CALL {`` / ``CALL (x) {``)."""
    parts: list[str] = []
    j = i + 1
    while j < len(tokens) and tokens[j].kind in ("word", "name"):
        parts.append(tokens[j].text)
        if j + 2 < len(tokens) and _symbol(tokens[j + 1], "."):
            j += 2
            continue
        break
    if not parts and j < len(tokens) and _symbol(tokens[j], "{("):
        return ""
    return ".".join(parts) or "(unnamed)"


def _loads(tokens: list[Token], i: int) -> bool:
    """Any word holding LOAD is refused unless it is a parameter, a map key or a property of a
    name or bracketed expression (``1. LOAD`` is a number and a clause, so it is refused)."""
    before, after = _around(tokens, i)
    owner = tokens[i - 2] if i > 1 else _EDGE
    prop = _symbol(before, ".") and (owner.kind in ("word", "name") or _symbol(owner, ")]}"))
    return "LOAD" in tokens[i].upper and not (prop or _symbol(before, "$") or _symbol(after, ":"))


def _refusal(tokens: list[Token], i: int, database: str) -> str:
    """Why the token at ``i`` makes the statement more than a read ("" when it does not)."""
    word = _keyword(tokens, i)
    if _loads(tokens, i):
        return "LOAD CSV is not allowed: the console only reads the graph."
    if word in _WRITES:
        return (
            f"{word} is not allowed: the console is read-only "
            "(no CREATE, MERGE, SET, REMOVE, DELETE or DROP)."
        )
    if word == "SHOW":
        words = [t.upper for t in tokens[i + 1 : i + 6] if t.kind == "word"]
        for n, shown in enumerate(words):
            if shown in _SHOWN_ADMIN:
                return f"SHOW {' '.join(words[: n + 1])} is not allowed: administration is refused."
    if word in _ADMIN:
        return f"{word} is not allowed: administration commands are refused."
    if word == "USE":
        target = tokens[i + 1 : i + 3]
        if not target or target[0].text.lower() != database.lower() or _symbol(target[-1], ".("):
            return f"USE is not allowed here: the console reads only the {database} database."
    if word in ("TRANSACTIONS", "TRANSACTION"):
        return "CALL { … } IN TRANSACTIONS is not allowed in a read-only query."
    name = _procedure(tokens, i) if word == "CALL" else ""
    if name and name.lower() not in ALLOWED_PROCEDURES:
        allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
        return f"Procedure {name} is not allowed here (allowed: {allowed})."
    return ""


def check_read_only_text(cypher: str, database: str = "neo4j") -> None:
    """Raise QueryRefused when the text is a write, LOAD CSV, admin command or unknown CALL.

    The text is tokenized with Cypher's own comment, string and quoted-name rules
    (``graph/read/cypher_lex.py``), so nothing in a comment can hide from the check.
    """
    try:
        tokens = tokenize(cypher)
    except UnterminatedText as err:
        raise QueryRefused(str(err)) from err
    if not tokens:
        raise QueryRefused("The query is empty.")
    for i in range(len(tokens)):
        if reason := _refusal(tokens, i, database):
            raise QueryRefused(reason)


def _check_plan(
    session: neo4j.Session, cypher: str, params: Mapping[str, object]
) -> tuple[str, ...]:
    """Refuse a plan that is not read-only; return the plan's notifications, one line each."""
    body = _PREFIX.sub("", cypher, count=1)
    shift = len("EXPLAIN ") - (len(cypher) - len(body))  # report columns of the user's text
    try:
        summary = session.run("EXPLAIN " + body, dict(params)).consume()  # type: ignore[arg-type]
    except Neo4jError as err:
        raise QueryError(unprefixed(err.message or str(err.code), shift)) from err
    if summary.query_type != "r":
        kind = {"rw": "reads and writes", "w": "writes", "s": "changes the schema or system"}
        raise QueryRefused(
            f"The query {kind.get(str(summary.query_type), 'is not read-only')}: "
            "the console only runs read-only queries."
        )
    found = (notification_line(s, shift) for s in summary.gql_status_objects if s.is_notification)
    return tuple(dict.fromkeys(found))


def notification_line(status: neo4j.GqlStatusObject, column_shift: int = 0) -> str:
    """'label `Foo` does not exist (line 1, column 10)' from a server notification.

    ``column_shift`` is what a prefix added to the statement's first line moved the columns by.
    """
    text = status.status_description.partition(": ")[2] or status.status_description
    sentences = [s.strip().rstrip(".") for s in text.split(". ") if s.strip()]
    line = sentences[1] if len(sentences) > 1 else sentences[0] if sentences else status.gql_status
    line = line.removeprefix("The ")
    where = status.position
    if where is None:
        return line
    column = where.column - column_shift if where.line == 1 else where.column
    return f"{line} (line {where.line}, column {column})"


def _fetch(
    session: neo4j.Session,
    cypher: str,
    params: Mapping[str, object],
    timeout_s: float,
    max_rows: int,
) -> tuple[list[str], list[neo4j.Record], bool, str]:
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
        plan = "" if truncated else plan_text(result.consume().plan)
        tx.rollback()
    return columns, records, truncated, plan


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
    graph: Graph,
    cypher: str,
    params: Mapping[str, object],
    *,
    timeout_s: float = 30,
    max_rows: int = 1000,
) -> QueryResult:
    """Run one read-only statement and return at most ``max_rows`` rows as plain values."""
    check_read_only_text(cypher, graph.database)
    started = time.perf_counter()
    try:
        with graph.driver.session(
            database=graph.database, default_access_mode=neo4j.READ_ACCESS
        ) as session:
            notes = _check_plan(session, cypher, params)
            columns, records, truncated, plan = _fetch(session, cypher, params, timeout_s, max_rows)
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
        notifications=notes,
        plan=plan if _PREFIX.match(cypher) else "",
    )
