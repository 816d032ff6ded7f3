"""The nodes and relationships a console query returned, as a Subgraph drawing.py can draw."""

from __future__ import annotations

from collections.abc import Sequence

from graph.read.subgraph import Subgraph, SubgraphEdge, SubgraphNode
from graph.values import GraphNode, GraphRel

__all__ = ["subgraph_from_result"]


def subgraph_from_result(nodes: Sequence[GraphNode], rels: Sequence[GraphRel]) -> Subgraph:
    """A Subgraph of the nodes and relationships a console query returned."""
    drawn = []
    for node in nodes:
        kind = (
            "security"
            if "Security" in node.labels
            else "filing"
            if "Filing" in node.labels
            else "owner"
        )
        if "Issuer" in node.labels:
            kind = "owner_issuer" if "Owner" in node.labels else "issuer"
        props = tuple((str(k), str(v)) for k, v in node.properties)
        drawn.append(
            SubgraphNode(node.id, kind, node.caption, labels=tuple(node.labels), properties=props)
        )
    edges = [SubgraphEdge(r.start, r.end, r.type.lower(), _code(r)) for r in rels]
    return Subgraph(tuple(drawn), tuple(edges))


def _code(rel: GraphRel) -> str | None:
    code = rel.props.get("code")
    return None if code is None else str(code)
