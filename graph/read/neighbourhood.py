"""The drawable neighbourhood of entities: owners ↔ issuers ↔ securities with trade edges.

Entities within ``depth`` INSIDER_OF hops of the roots (role-filtered), then the edges among
them: roles (INSIDER_OF), trades (TRANSACTED aggregated per owner, security and code), latest
positions (HOLDS), ISSUED_BY. Laid out by explorer/layout.py; drawn by explorer/drawing.py.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from graph.db import Graph
from graph.read.entity import role_text
from graph.read.filters import TRADE_FILTER, GraphFilters
from graph.values import Row

__all__ = [
    "HOLDING_EDGES",
    "INSIDER_EDGES",
    "NEIGHBOUR_ENTITIES",
    "TRADE_EDGES",
    "Subgraph",
    "SubgraphEdge",
    "SubgraphNode",
    "neighbourhood",
]

NEIGHBOUR_ENTITIES = """
UNWIND $roots AS root
MATCH (c:Entity {cik: root.cik})
MATCH p = (c)-[:INSIDER_OF*0..3]-(e:Entity)
WHERE length(p) <= root.depth
  AND all(r IN relationships(p) WHERE size($roles) = 0 OR any(k IN $roles WHERE r[k] = true))
WITH e, min(length(p)) AS hops
RETURN e.cik AS cik, e.name AS name, e.ticker AS ticker, labels(e) AS labels, hops
ORDER BY hops, cik
LIMIT $max_entities
"""

INSIDER_EDGES = """
MATCH (o:Entity)-[r:INSIDER_OF]->(i:Entity)
WHERE o.cik IN $ciks AND i.cik IN $ciks
  AND (size($roles) = 0 OR any(k IN $roles WHERE r[k] = true))
RETURN o.cik AS source, i.cik AS target, r {.*} AS props
"""

TRADE_EDGES = (
    """
MATCH (o:Entity)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i:Entity)
WHERE o.cik IN $ciks AND i.cik IN $ciks AND """
    + TRADE_FILTER
    + """
RETURN o.cik AS source, s.id AS target, s.title AS title, s.derivative AS derivative,
       i.cik AS issuer, r.code AS code, count(DISTINCT r.row) AS n, sum(r.shares) AS shares,
       sum(coalesce(r.value, 0)) AS value, min(r.date) AS first, max(r.date) AS last,
       collect(DISTINCT [r.row, coalesce(r.value, 0)]) AS rows
ORDER BY source, target, code
"""
)

HOLDING_EDGES = """
MATCH (o:Entity)-[h:HOLDS]->(s:Security)-[:ISSUED_BY]->(i:Entity)
WHERE o.cik IN $ciks AND i.cik IN $ciks AND ($derivative IS NULL OR s.derivative = $derivative)
RETURN o.cik AS source, s.id AS target, s.title AS title, s.derivative AS derivative,
       i.cik AS issuer, sum(h.shares) AS shares, max(h.as_of) AS as_of
ORDER BY source, target
"""


@dataclass(frozen=True, slots=True)
class SubgraphNode:
    """A node to draw: an entity (kind issuer, owner or owner_issuer) or a security."""

    id: str
    kind: str
    label: str
    detail: str
    hops: int = 0
    value: float = 0.0


@dataclass(frozen=True, slots=True)
class SubgraphEdge:
    """An edge to draw: kind insider, trade (with code), holds, issued_by or any rel type."""

    source: str
    target: str
    kind: str
    code: str | None
    detail: str
    count: int = 1
    shares: float = 0.0
    value: float = 0.0


@dataclass(frozen=True, slots=True)
class Subgraph:
    """Nodes and edges of a view; ``truncated`` when the node cap cut it."""

    nodes: tuple[SubgraphNode, ...]
    edges: tuple[SubgraphEdge, ...]
    truncated: bool = False


def _entity_node(row: Row) -> SubgraphNode:
    labels = row.strings("labels")
    kind = "owner_issuer" if {"Owner", "Issuer"} <= set(labels) else "owner"
    if kind == "owner" and "Issuer" in labels:
        kind = "issuer"
    name = str(row["name"] or row["cik"])
    label = f"{name} ({row['ticker']})" if row.get("ticker") else name
    detail = f"{label}<br>CIK {row['cik']}<br>{', '.join(labels)}"
    return SubgraphNode(str(row["cik"]), kind, label, detail, row.integer("hops"))


def _trade_edge(row: Row) -> SubgraphEdge:
    value = row.number("value") or 0.0
    shares = row.number("shares") or 0.0
    detail = (
        f"{row['code']}: {row['n']} row(s), {shares:,.0f} shares"
        f", ${value:,.0f}<br>{row['first']} → {row['last']}<br>{row['title']}"
    )
    return SubgraphEdge(
        str(row["source"]),
        str(row["target"]),
        "trade",
        str(row["code"] or "?"),
        detail,
        row.integer("n"),
        shares,
        value,
    )


def _pairs(value: object) -> list[tuple[str, float]]:
    """``[[row key, value], …]`` a query returned (none for null)."""
    items = value if isinstance(value, list | tuple) else []
    return [(str(key), float(amount or 0)) for key, amount in items]


def _security_nodes(rows: Iterable[Row]) -> dict[str, SubgraphNode]:
    values: dict[str, dict[str, float]] = {}
    titles: dict[str, tuple[str, bool]] = {}
    for row in rows:
        sid = str(row["target"])
        titles[sid] = (str(row["title"] or "?"), bool(row["derivative"]))
        per_row = values.setdefault(sid, {})
        per_row.update(_pairs(row.get("rows")))
    out = {}
    for sid, (title, derivative) in titles.items():
        value = sum(values[sid].values())
        kind = "derivative" if derivative else "non-derivative"
        detail = f"{title}<br>{kind} security<br>traded ${value:,.0f}"
        out[sid] = SubgraphNode(sid, "security", title, detail, 0, value)
    return out


def neighbourhood(
    graph: Graph,
    cik: str,
    filters: GraphFilters,
    expanded: Sequence[str] = (),
    max_nodes: int = 600,
) -> Subgraph:
    """Entities within ``filters.depth`` hops of ``cik`` (and 1 hop of each expanded CIK)."""
    params = filters.params()
    roots = [{"cik": cik, "depth": filters.depth}] + [{"cik": c, "depth": 1} for c in expanded]
    entity_rows = graph.read(NEIGHBOUR_ENTITIES, **params, roots=roots, max_entities=max_nodes + 1)
    truncated = len(entity_rows) > max_nodes
    entities = {str(r["cik"]): _entity_node(r) for r in entity_rows[:max_nodes]}
    params = {**params, "ciks": list(entities)}
    insiders = graph.read(INSIDER_EDGES, **params)
    trades = graph.read(TRADE_EDGES, **params)
    holdings = graph.read(HOLDING_EDGES, **params)
    securities = _security_nodes([*trades, *holdings])
    if len(entities) + len(securities) > max_nodes:
        truncated = True
        keep = sorted(securities, key=lambda s: -securities[s].value)[: max_nodes - len(entities)]
        securities = {sid: securities[sid] for sid in keep}
    edges = [_insider_edge(r) for r in insiders]
    edges += [_trade_edge(r) for r in trades if str(r["target"]) in securities]
    edges += [_holding_edge(r) for r in holdings if str(r["target"]) in securities]
    issued = {
        (sid, str(r["issuer"]))
        for r in [*trades, *holdings]
        if (sid := str(r["target"])) in securities
    }
    edges += [
        SubgraphEdge(sid, issuer, "issued_by", None, "issued by") for sid, issuer in sorted(issued)
    ]
    nodes = _with_values(list(entities.values()), edges) + list(securities.values())
    return Subgraph(tuple(nodes), tuple(edges), truncated)


def _insider_edge(row: Row) -> SubgraphEdge:
    props = row.row("props")
    roles = role_text(props) or "insider"
    detail = f"{roles}<br>{props.get('first_filing')} → {props.get('last_filing')}"
    return SubgraphEdge(str(row["source"]), str(row["target"]), "insider", None, detail)


def _holding_edge(row: Row) -> SubgraphEdge:
    shares = row.number("shares") or 0.0
    detail = f"holds {shares:,.0f} {row['title']}<br>as of {row['as_of']}"
    return SubgraphEdge(str(row["source"]), str(row["target"]), "holds", None, detail, 1, shares)


def _with_values(nodes: list[SubgraphNode], edges: list[SubgraphEdge]) -> list[SubgraphNode]:
    """Owners are sized by the value they traded (their own edges, so no double count)."""
    traded: dict[str, float] = {}
    for edge in edges:
        if edge.kind == "trade":
            traded[edge.source] = traded.get(edge.source, 0.0) + edge.value
    return [
        SubgraphNode(n.id, n.kind, n.label, n.detail, n.hops, traded.get(n.id, 0.0)) for n in nodes
    ]
