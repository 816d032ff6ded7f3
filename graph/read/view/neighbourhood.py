"""The drawable neighbourhood of entities: owners ↔ issuers ↔ securities, as data.

Entities within ``depth`` INSIDER_OF hops of the roots (role-filtered), then the edges among
them: roles (INSIDER_OF), trades (TRANSACTED, one aggregated edge per owner and security with
a breakdown by code), latest positions (HOLDS, none last reported by a superseded filing),
ISSUED_BY. The view is bounded (graph/read/view/bound.py): the top ``limit`` nodes by traded value,
the rest behind one "N more" node. Records carry data only; explorer/drawing.py words them.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from graph.db import Graph
from graph.read.filters import TRADE_FILTER, GraphFilters
from graph.read.model import summarised
from graph.read.view.bound import bound
from graph.read.view.subgraph import CodeTotal, Subgraph, SubgraphEdge, SubgraphNode
from graph.read.view.summary import Preselection, preselect
from graph.read.view.summary import trade_rows as summary_trade_rows
from graph.values import Row

__all__ = [
    "DEFAULT_LIMIT",
    "HOLDING_EDGES",
    "HOLDING_EDGES_BY_ISSUER",
    "INSIDER_EDGES",
    "MAX_LIMIT",
    "NEIGHBOUR_ENTITIES",
    "ROLE_KEYS",
    "TRADE_EDGES",
    "CodeTotal",
    "Subgraph",
    "SubgraphEdge",
    "SubgraphNode",
    "neighbourhood",
]

DEFAULT_LIMIT = 150  # nodes drawn by default
MAX_LIMIT = 450  # nodes a view ever draws (three steps of DEFAULT_LIMIT)
ROLE_KEYS = ("officer", "director", "ten_percent_owner", "other")  # by precedence

# One branch per depth, so a depth-1 view of a hub never walks three hops (a path length
# cannot be a parameter).
NEIGHBOUR_ENTITIES = """
UNWIND $roots AS root
MATCH (c:Entity {cik: root.cik})
CALL (c, root) {
  WITH c WHERE root.depth <= 1
  MATCH p = (c)-[:INSIDER_OF*0..1]-(:Entity) RETURN p
  UNION
  WITH c WHERE root.depth = 2
  MATCH p = (c)-[:INSIDER_OF*0..2]-(:Entity) RETURN p
  UNION
  WITH c WHERE root.depth >= 3
  MATCH p = (c)-[:INSIDER_OF*0..3]-(:Entity) RETURN p
}
WITH p, last(nodes(p)) AS e
WHERE all(r IN relationships(p) WHERE size($roles) = 0 OR any(k IN $roles WHERE r[k] = true))
WITH e, min(length(p)) AS hops
ORDER BY hops, e.cik
LIMIT $max_entities
RETURN collect({cik: e.cik, name: e.name, ticker: e.ticker, labels: labels(e), hops: hops,
                issuers: coalesce(e.issuers, 0), insiders: coalesce(e.insiders, 0)}) AS rows
"""

# Edges among $ciks are read from the owners' side: an owner is an insider of a few issuers,
# while starting from the issuers would walk every other insider of a fund's hundreds of issuers.
INSIDER_EDGES = """
UNWIND $ciks AS cik
MATCH (o:Entity {cik: cik})-[r:INSIDER_OF]->(i:Entity)
WHERE i.cik IN $ciks
  AND (size($roles) = 0 OR any(k IN $roles WHERE r[k] = true))
RETURN collect({source: o.cik, target: i.cik,
                props: r {.*, first_filing: toString(r.first_filing),
                          last_filing: toString(r.last_filing)}}) AS rows
"""

TRADE_EDGES = (
    """
UNWIND $ciks AS cik
MATCH (o:Entity {cik: cik})-[r:TRANSACTED]->(s:Security)
WHERE s.issuer_cik IN $ciks AND """
    + TRADE_FILTER
    + """
WITH o.cik AS source, s, r.code AS code, count(DISTINCT r.row) AS n, sum(r.shares) AS shares,
     sum(coalesce(r.value, 0)) AS value, min(r.date) AS first, max(r.date) AS last,
     sum(CASE WHEN r.joint THEN 0 ELSE coalesce(r.value, 0) END) AS solo_value,
     collect(DISTINCT CASE WHEN r.joint THEN [r.row, coalesce(r.value, 0)] END) AS joint_rows
ORDER BY source, s.id, code
RETURN collect({source: source, target: s.id, title: s.title, derivative: s.derivative,
                issuer: s.issuer_cik, code: code, n: n, shares: shares, value: value,
                first: toString(first), last: toString(last), solo_value: solo_value,
                rows: joint_rows}) AS rows
"""
)

_HOLDING_COLUMNS = """
  AND ($derivative IS NULL OR s.derivative = $derivative) AND h.superseded IS NULL
WITH o.cik AS source, s, sum(h.shares) AS shares, max(h.as_of) AS as_of
ORDER BY source, s.id
RETURN collect({source: source, target: s.id, title: s.title, derivative: s.derivative,
                issuer: s.issuer_cik, shares: shares, as_of: toString(as_of)}) AS rows
"""
HOLDING_EDGES = (
    """
UNWIND $ciks AS cik
MATCH (o:Entity {cik: cik})-[h:HOLDS]->(s:Security)
WHERE s.issuer_cik IN $ciks"""
    + _HOLDING_COLUMNS
)
# The same from the issuers' side (graph/read/view/summary.py says when that walks less).
HOLDING_EDGES_BY_ISSUER = (
    """
UNWIND $issuers AS cik
MATCH (:Entity {cik: cik})<-[:ISSUED_BY]-(s:Security)<-[h:HOLDS]-(o:Entity)
WHERE o.cik IN $ciks"""
    + _HOLDING_COLUMNS
)


def _entity_node(row: Row) -> SubgraphNode:
    labels = row.strings("labels")
    kind = "owner_issuer" if {"Owner", "Issuer"} <= set(labels) else "owner"
    if kind == "owner" and "Issuer" in labels:
        kind = "issuer"
    name = row.string("name") or str(row["cik"])
    ticker = row.string("ticker")
    label = f"{name} ({ticker})" if ticker else name
    return SubgraphNode(str(row["cik"]), kind, label, row.integer("hops"), 0.0, ticker, labels)


def _trade_edges(rows: Sequence[Row]) -> list[SubgraphEdge]:
    """One edge per owner and security; its main code is the one with the most value, rows."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for row in rows:
        groups.setdefault((str(row["source"]), str(row["target"])), []).append(row)
    edges = []
    for (source, target), group in groups.items():
        totals = tuple(
            CodeTotal(str(r["code"] or "?"), r.integer("n"), r.number("shares") or 0.0, _value(r))
            for r in group
        )
        main = max(totals, key=lambda t: (t.value, t.count, t.code))
        edges.append(
            SubgraphEdge(
                source,
                target,
                "trade",
                main.code,
                sum(t.count for t in totals),
                sum(t.shares for t in totals),
                sum(t.value for t in totals),
                first=min(str(r["first"]) for r in group),
                last=max(str(r["last"]) for r in group),
                by_code=totals,
            )
        )
    return edges


def _value(row: Row) -> float:
    return row.number("value") or 0.0


def _traded_values(rows: Sequence[Row]) -> dict[str, float]:
    """Each security's traded value from TRADE_EDGES rows: distinct rows' value (a joint
    filing's row once: its rows come listed, the others summed as ``solo_value``)."""
    values: dict[str, dict[str, float]] = {}
    solo: dict[str, float] = {}
    for row in rows:
        sid = str(row["target"])
        items = row.get("rows")
        items = items if isinstance(items, list) else []
        values.setdefault(sid, {}).update((str(k), float(v or 0)) for k, v in items)
        solo[sid] = solo.get(sid, 0.0) + (row.number("solo_value") or 0.0)
    return {sid: solo[sid] + sum(values.get(sid, {}).values()) for sid in solo}


def _security_nodes(
    rows: Sequence[Row], entities: dict[str, SubgraphNode], values: dict[str, float]
) -> dict[str, SubgraphNode]:
    """Securities labelled with their issuer's ticker, valued by ``values`` (traded value)."""
    out: dict[str, SubgraphNode] = {}
    for row in rows:
        sid = str(row["target"])
        if sid not in out:
            issuer = entities.get(str(row["issuer"]))
            title = row.string("title") or "?"
            owner = issuer.ticker or issuer.label if issuer else "?"
            label = f"{owner} {_short(title)}"
            derivative = bool(row["derivative"])
            out[sid] = SubgraphNode(sid, "security", label, 1, 0.0, None, (), str(row["issuer"]))
            out[sid] = replace(out[sid], title=title, derivative=derivative)
    return {sid: replace(node, value=values.get(sid, 0.0)) for sid, node in out.items()}


def _short(title: str) -> str:
    """'Common Stock' → 'common', 'Class A Common Stock' → 'class A common'; long titles cut."""
    text = title.replace("Common Stock", "common").replace("common stock", "common")
    return text if len(text) <= 30 else text[:29] + "…"


def _insider_edge(row: Row) -> SubgraphEdge:
    props = row.row("props")
    roles = tuple(k for k in ROLE_KEYS if props.get(k))
    title = props.string("officer_title") or props.string("other_text")
    return SubgraphEdge(
        str(row["source"]),
        str(row["target"]),
        "insider",
        roles=roles,
        title=title,
        first=props.string("first_filing"),
        last=props.string("last_filing"),
    )


def _holding_edge(row: Row) -> SubgraphEdge:
    shares = row.number("shares") or 0.0
    return SubgraphEdge(
        str(row["source"]), str(row["target"]), "holds", shares=shares, last=row.string("as_of")
    )


def neighbourhood(
    graph: Graph,
    cik: str,
    filters: GraphFilters,
    expanded: Sequence[str] = (),
    limit: int = DEFAULT_LIMIT,
    max_entities: int = 5000,
) -> Subgraph:
    """Entities within ``filters.depth`` hops of ``cik`` (and 1 hop of each expanded CIK),
    bounded to ``limit`` nodes (at most MAX_LIMIT) by traded value. Without trade filters the
    entities are cut to the limit before their edges are read, and trades come from the
    read model's summaries (graph/read/view/summary.py)."""

    params = filters.params()
    roots = [{"cik": cik, "depth": filters.depth}] + [{"cik": c, "depth": 1} for c in expanded]
    entity_rows = graph.read_rows(
        NEIGHBOUR_ENTITIES, **params, roots=roots, max_entities=max_entities + 1
    )
    cut = len(entity_rows) > max_entities
    entities = {str(r["cik"]): _entity_node(r) for r in entity_rows[:max_entities]}
    pinned = (cik, *expanded)
    limit = min(limit, MAX_LIMIT)
    pruning = filters.narrows_trades()
    from_summaries = not pruning and summarised(graph)
    chosen = Preselection(entities)
    if from_summaries:
        degrees = {
            str(r["cik"]): (r.integer("issuers"), r.integer("insiders")) for r in entity_rows
        }
        chosen = preselect(graph, entities, pinned, limit, degrees)
    entities = chosen.entities
    params = {**params, "ciks": list(entities), "issuers": chosen.issuers}
    holdings = HOLDING_EDGES_BY_ISSUER if chosen.by_issuer else HOLDING_EDGES
    with ThreadPoolExecutor(max_workers=2) as pool:  # the three kinds of edge read at once
        insider_reply = pool.submit(graph.read_rows, INSIDER_EDGES, **params)
        holding_reply = pool.submit(graph.read_rows, holdings, **params) if not pruning else None
        if from_summaries:
            trade_rows, traded = summary_trade_rows(graph, chosen)
        else:
            trade_rows = graph.read_rows(TRADE_EDGES, **params)
            traded = _traded_values(trade_rows)
        insiders = [_insider_edge(r) for r in insider_reply.result()]
        holding_rows = holding_reply.result() if holding_reply else []
    securities = _security_nodes([*trade_rows, *holding_rows], entities, traded)
    edges = insiders + _trade_edges(trade_rows) + [_holding_edge(r) for r in holding_rows]
    edges += [
        SubgraphEdge(sid, str(node.issuer), "issued_by") for sid, node in sorted(securities.items())
    ]
    unseen = chosen.unseen(len(securities))
    sub = bound(entities, securities, edges, pinned, limit, pruning, unseen)
    return Subgraph(sub.nodes, sub.edges, sub.truncated or cut, sub.hidden)
