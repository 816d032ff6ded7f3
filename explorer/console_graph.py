"""The nodes and relationships a console query returned, as a Subgraph drawing.py can draw."""

from __future__ import annotations

from collections.abc import Sequence

from graph.read.view.subgraph import Subgraph, SubgraphEdge, SubgraphNode
from graph.values import GraphNode, GraphRel

__all__ = ["entity_of", "subgraph_from_result"]


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


def entity_of(node: GraphNode) -> str | None:
    """The CIK a drawn node opens: its own (owner, issuer), a security's or a filing's issuer."""
    props = node.props
    if props.get("cik"):
        return str(props["cik"])
    if "Security" in node.labels and "|" in str(props.get("id", "")):
        return str(props["id"]).split("|", 1)[0]
    if props.get("issuer_cik"):
        return str(props["issuer_cik"])
    return None
