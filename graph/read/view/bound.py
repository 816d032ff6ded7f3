"""Bounding a neighbourhood: nodes without a matching trade drop out when trades are
filtered, then the top ``limit`` nodes by traded value stay and one "N more" node stands for
the rest (clicking it raises the limit, up to neighbourhood.MAX_LIMIT)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from graph.read.view.subgraph import Subgraph, SubgraphEdge, SubgraphNode

__all__ = ["bound", "more_id"]


def more_id(cik: str) -> str:
    """The id of the "N more" node hanging off the focus entity."""
    return f"more|{cik}"


def _values(
    entities: Mapping[str, SubgraphNode],
    securities: Mapping[str, SubgraphNode],
    edges: Sequence[SubgraphEdge],
) -> dict[str, float]:
    """Owners: value they traded; issuers: value traded in their securities."""
    value: dict[str, float] = dict.fromkeys(entities, 0.0)
    for edge in edges:
        if edge.kind == "trade":
            value[edge.source] = value.get(edge.source, 0.0) + edge.value
            issuer = securities[edge.target].issuer if edge.target in securities else None
            if issuer in value:
                value[str(issuer)] += edge.value
    return value


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
) -> Subgraph:
    """At most ``limit`` nodes (+1 "more" node): pinned first, then by value and degree."""
    value = _values(entities, securities, edges)
    nodes = {**{c: replace(n, value=value[c]) for c, n in entities.items()}, **securities}
    candidates = set(nodes)
    if pruning:
        candidates &= _matching(entities, securities, edges, pinned)
    degree: dict[str, int] = {}
    for edge in edges:
        if edge.source in candidates and edge.target in candidates:
            degree[edge.source] = degree.get(edge.source, 0) + 1
            degree[edge.target] = degree.get(edge.target, 0) + 1
    first = [c for c in dict.fromkeys(pinned) if c in candidates]
    rest = sorted(
        (c for c in candidates if c not in first and degree.get(c, 0) > 0),
        key=lambda c: (-nodes[c].value, -degree.get(c, 0), nodes[c].hops, c),
    )
    ranked = first + rest
    room = limit if len(ranked) <= limit else limit - 1
    kept = set(ranked[:room])
    kept_edges = [e for e in edges if e.source in kept and e.target in kept]
    linked = {e.source for e in kept_edges} | {e.target for e in kept_edges}
    kept = {c for c in kept if c in linked or c in first}
    kept_edges = [e for e in kept_edges if e.source in kept and e.target in kept]
    hidden = len(ranked) - len(kept)
    out = [nodes[c] for c in ranked if c in kept]
    if hidden > 0 and first:
        mid = more_id(first[0])
        out.append(SubgraphNode(mid, "more", f"{hidden:,} more", 1, 0.0, more=hidden))
        kept_edges.append(SubgraphEdge(first[0], mid, "more"))
    return Subgraph(tuple(out), tuple(kept_edges), hidden > 0, max(hidden, 0))
