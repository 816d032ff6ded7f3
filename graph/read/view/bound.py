"""Bounding a neighbourhood: nodes without a matching trade drop out when trades are
filtered, then the top ``limit`` nodes by traded value stay and one "N more" node stands for
the rest (clicking it raises the limit, up to neighbourhood.MAX_LIMIT)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from graph.read.view.subgraph import Subgraph, SubgraphEdge, SubgraphNode

__all__ = ["bound", "more_id", "rank"]


def rank(value: float, rows: int, hops: int, node_id: str) -> tuple[float, int, int, str]:
    """The order nodes are kept in: most traded value, then most rows, nearest, then by id."""
    return (-value, -rows, hops, node_id)


def more_id(cik: str) -> str:
    """The id of the "N more" node hanging off the focus entity."""
    return f"more|{cik}"


def _values(
    entities: Mapping[str, SubgraphNode],
    securities: Mapping[str, SubgraphNode],
    edges: Sequence[SubgraphEdge],
) -> tuple[dict[str, float], dict[str, int]]:
    """Owners: value and rows they traded; issuers and securities: value and rows traded in
    them (a security's value as the caller measured it, joint rows once)."""
    value: dict[str, float] = dict.fromkeys(entities, 0.0)
    rows: dict[str, int] = dict.fromkeys([*entities, *securities], 0)
    for edge in edges:
        if edge.kind == "trade":
            value[edge.source] = value.get(edge.source, 0.0) + edge.value
            rows[edge.source] = rows.get(edge.source, 0) + edge.count
            rows[edge.target] = rows.get(edge.target, 0) + edge.count
            issuer = securities[edge.target].issuer if edge.target in securities else None
            if issuer in value:
                value[str(issuer)] += edge.value
                rows[str(issuer)] += edge.count
    return value, rows


def _matching(
    entities: Mapping[str, SubgraphNode],
    securities: Mapping[str, SubgraphNode],
    edges: Sequence[SubgraphEdge],
    pinned: Sequence[str],
) -> set[str]:
    """Pinned entities, the ends of every trade edge and the issuers of traded securities."""
    keep = {c for c in pinned if c in entities}
    for edge in edges:
        if edge.kind == "trade":
            keep |= {edge.source, edge.target}
            issuer = securities[edge.target].issuer if edge.target in securities else None
            if issuer:
                keep.add(issuer)
    return keep


def bound(
    entities: Mapping[str, SubgraphNode],
    securities: Mapping[str, SubgraphNode],
    edges: Sequence[SubgraphEdge],
    pinned: Sequence[str],
    limit: int,
    pruning: bool,
    unseen: int = 0,
) -> Subgraph:
    """At most ``limit`` nodes (+1 "more" node): pinned first, then by traded value and rows
    (``rank``). ``unseen``: drawable nodes already left out before bounding ("N more")."""
    value, rows = _values(entities, securities, edges)
    nodes = {**{c: replace(n, value=value[c]) for c, n in entities.items()}, **securities}
    candidates = set(nodes)
    if pruning:
        candidates &= _matching(entities, securities, edges, pinned)
    inner = [e for e in edges if e.source in candidates and e.target in candidates]
    connected = {e.source for e in inner} | {e.target for e in inner}
    first = [c for c in dict.fromkeys(pinned) if c in candidates]
    rest = sorted(
        (c for c in connected if c not in first),
        key=lambda c: rank(nodes[c].value, rows.get(c, 0), nodes[c].hops, c),
    )
    ranked = first + rest
    room = limit if len(ranked) <= limit else limit - 1
    kept = set(ranked[:room])
    kept_edges = [e for e in edges if e.source in kept and e.target in kept]
    linked = {e.source for e in kept_edges} | {e.target for e in kept_edges}
    kept = {c for c in kept if c in linked or c in first}
    kept_edges = [e for e in kept_edges if e.source in kept and e.target in kept]
    hidden = len(ranked) - len(kept) + unseen
    out = [nodes[c] for c in ranked if c in kept]
    if hidden > 0 and first:
        mid = more_id(first[0])
        out.append(SubgraphNode(mid, "more", f"{hidden:,} more", 1, 0.0, more=hidden))
        kept_edges.append(SubgraphEdge(first[0], mid, "more"))
    return Subgraph(tuple(out), tuple(kept_edges), hidden > 0, max(hidden, 0))
