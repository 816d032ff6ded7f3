"""The records of a drawable subgraph: nodes, edges with per-code trade totals, the whole view.

neighbourhood.py reads them from the graph and bound.py keeps a view within its node limit.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["CodeTotal", "Subgraph", "SubgraphEdge", "SubgraphNode"]


@dataclass(frozen=True, slots=True)
class SubgraphNode:
    """A node to draw: an entity (issuer, owner, owner_issuer), a security, or "N more"."""

    id: str
    kind: str
    label: str
    hops: int = 0
    value: float = 0.0
    ticker: str | None = None
    labels: tuple[str, ...] = ()  # database labels of an entity
    issuer: str | None = None  # a security's issuer CIK
    title: str | None = None  # a security's title
    derivative: bool | None = None
    more: int = 0  # a "more" node: how many neighbours it stands for
    properties: tuple[tuple[str, str], ...] = ()  # console nodes: (key, value) as returned


@dataclass(frozen=True, slots=True)
class CodeTotal:
    """Trades of one code on an owner-security edge."""

    code: str
    count: int
    shares: float
    value: float


@dataclass(frozen=True, slots=True)
class SubgraphEdge:
    """An edge: insider (roles), trade (main code + per-code totals), holds, issued_by, more."""

    source: str
    target: str
    kind: str
    code: str | None = None
    count: int = 1
    shares: float = 0.0
    value: float = 0.0
    roles: tuple[str, ...] = ()  # insider edges: ROLE_KEYS that hold
    title: str | None = None  # officer title, other-role text
    first: str | None = None
    last: str | None = None
    by_code: tuple[CodeTotal, ...] = ()


@dataclass(frozen=True, slots=True)
class Subgraph:
    """Nodes and edges of a view; ``hidden`` neighbours left out by the bound."""

    nodes: tuple[SubgraphNode, ...]
    edges: tuple[SubgraphEdge, ...]
    truncated: bool = False
    hidden: int = 0
