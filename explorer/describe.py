"""Words for the graph's data: the lines of a node's or an edge's hover text, and the plain
rows of the CSV export. Pure (no streamlit); graph_spec.py puts the lines in the tooltips."""

from __future__ import annotations

from collections.abc import Mapping

from graph.read.filters import CODE_NAMES
from graph.read.view.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode

__all__ = [
    "ROLE_WORDS",
    "edge_lines",
    "edge_rows",
    "main_role",
    "node_lines",
    "node_rows",
    "step_words",
]

ROLE_WORDS = {
    "officer": "Officer",
    "director": "Director",
    "ten_percent_owner": "10% owner",
    "other": "Other",
}
_KINDS = {"Issuer": "issuer", "Owner": "owner", "Person": "person", "Company": "company"}


def _money(value: float) -> str:
    return f"${value:,.0f}"


def role_words(edge: SubgraphEdge) -> str:
    """'Director, Officer (CEO)' of an insider edge; 'insider' when no role is set."""
    words: list[str] = []
    for role in edge.roles:
        word = ROLE_WORDS.get(role, role)
        if edge.title and role in ("officer", "other") and "(" not in " ".join(words):
            word += f" ({edge.title})"
        words.append(word)
    return ", ".join(words) or "insider"


def main_role(roles: tuple[str, ...]) -> str | None:
    """The role a node is coloured by: officer before director before 10 % owner."""
    for role in ROLE_WORDS:
        if role in roles:
            return ROLE_WORDS[role]
    return None


def node_lines(node: SubgraphNode) -> list[str]:
    """What a node's hover says, line by line."""
    if node.kind == "more":
        return [f"{node.more:,} more neighbours", "click to show more"]
    if node.properties:
        return [node.label, *(f"{k}: {v}" for k, v in node.properties[:12])]
    if node.kind == "security":
        kind = "derivative" if node.derivative else "non-derivative"
        return [
            node.title or node.label,
            f"{kind} security of CIK {node.issuer}",
            f"traded {_money(node.value)}",
        ]
    kinds = [w for k, w in _KINDS.items() if k in node.labels]
    lines = [node.label, f"CIK {node.id}"]
    if kinds:
        lines.append(", ".join(kinds))
    if node.value:
        lines.append(f"traded {_money(node.value)}")
    return lines


def edge_lines(edge: SubgraphEdge, names: Mapping[str, str]) -> list[str]:
    """What an edge's hover says, line by line (names: node id → label)."""
    ends = f"{names.get(edge.source, edge.source)} → {names.get(edge.target, edge.target)}"
    if edge.kind == "insider":
        return [f"{role_words(edge)} of", ends, f"filings {edge.first} → {edge.last}"]
    if edge.kind == "trade":
        lines = [ends, f"{edge.count:,} trade(s), {_money(edge.value)}, {edge.first} → {edge.last}"]
        lines += [
            f"{t.code} · {CODE_NAMES.get(t.code, t.code)}: {t.count:,} row(s), "
            f"{t.shares:,.0f} shares, {_money(t.value)}"
            for t in edge.by_code
        ]
        return lines
    if edge.kind == "path":
        return [ends, edge.title or ""]
    if edge.kind == "holds":
        return [ends, f"holds {edge.shares:,.0f} shares as of {edge.last}"]
    return [ends, edge.kind.replace("_", " ").lower()]


def node_rows(sub: Subgraph) -> list[dict[str, object]]:
    """Plain rows of the nodes for CSV: no markup, one value per cell."""
    return [
        {
            "id": n.id,
            "kind": n.kind,
            "label": n.label,
            "hops": n.hops,
            "value": n.value,
            "detail": "; ".join(node_lines(n)[1:]),
        }
        for n in sub.nodes
    ]


def edge_rows(sub: Subgraph) -> list[dict[str, object]]:
    """Plain rows of the edges for CSV: no markup, one value per cell."""
    names = {n.id: n.label for n in sub.nodes}
    return [
        {
            "source": e.source,
            "target": e.target,
            "kind": e.kind,
            "code": e.code or "",
            "count": e.count,
            "shares": e.shares,
            "value": e.value,
            "detail": "; ".join(edge_lines(e, names)[1:]),
        }
        for e in sub.edges
    ]


_VERBS = {
    "INSIDER_OF": ("insider of", "has insider"),
    "FILED": ("filed", "filed by"),
    "ABOUT": ("is about", "is the subject of"),
    "TRANSACTED": ("traded", "traded by"),
    "HOLDS": ("holds", "held by"),
    "ISSUED_BY": ("issued by", "issued"),
}


def step_words(via: str | None, forward: bool, roles: tuple[str, ...]) -> str:
    """A path step's relationship in words: 'director of', 'has officer', 'traded by'."""
    if via is None:
        return ""
    if via == "INSIDER_OF" and roles:
        role = " and ".join(ROLE_WORDS[r].lower() for r in ROLE_WORDS if r in roles)
        return f"{role} of" if forward else f"has {role}"
    verbs = _VERBS.get(via, (via.lower().replace("_", " "),) * 2)
    return verbs[0] if forward else verbs[1]
