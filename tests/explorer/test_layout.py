"""networkx layouts: deterministic per seed, pinned nodes stay put, GraphML reads back."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from explorer.layout import LAYOUTS, graphml_bytes, layout
from graph.read.view.neighbourhood import Subgraph, SubgraphEdge, SubgraphNode


def star(owners: int) -> Subgraph:
    nodes = [SubgraphNode("0000000001", "issuer", "Issuer")]
    nodes += [SubgraphNode(f"{i + 2:010d}", "owner", f"O{i}", 1, 10.0 * i) for i in range(owners)]
    nodes.append(SubgraphNode("0000000001|common stock|N", "security", "ISS common", value=0))
    edges = [SubgraphEdge(n.id, "0000000001", "insider", roles=("director",)) for n in nodes[1:-1]]
    edges += [SubgraphEdge(n.id, nodes[-1].id, "trade", "P", 1, 5.0, 50.0) for n in nodes[1:-1]]
    edges.append(SubgraphEdge(nodes[-1].id, "0000000001", "issued_by"))
    return Subgraph(tuple(nodes), tuple(edges))


@pytest.mark.parametrize("name", LAYOUTS)
def test_same_seed_same_positions(name: str) -> None:
    sub = star(6)
    first = layout(sub, name, seed=3)
    assert set(first) == {n.id for n in sub.nodes}
    assert layout(sub, name, seed=3) == first


def test_other_seed_other_spring_layout() -> None:
    assert layout(star(6), "spring", seed=1) != layout(star(6), "spring", seed=2)


@pytest.mark.parametrize("name", LAYOUTS)
def test_pinned_nodes_keep_their_positions_when_the_graph_grows(name: str) -> None:
    small = layout(star(4), name, seed=5)
    grown = layout(star(8), name, seed=5, pinned=small)
    assert len(grown) == 10 and all(grown[k] == v for k, v in small.items())
    assert len(set(grown.values())) == len(grown)


def test_layered_puts_owners_left_securities_middle_issuers_right() -> None:
    pos = layout(star(3), "layered")
    xs = {
        kind: {pos[n.id][0] for n in star(3).nodes if n.kind == kind}
        for kind in ("owner", "security", "issuer")
    }
    assert max(xs["owner"]) < min(xs["security"]) < min(xs["issuer"])


def test_unknown_layout_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layout"):
        layout(star(2), "hairball")


def test_graphml_reads_back_with_attributes() -> None:
    sub = star(3)
    pos = layout(sub, "circular")
    graph = nx.read_graphml(io.BytesIO(graphml_bytes(sub, pos)))
    assert graph.number_of_nodes() == 5 and graph.number_of_edges() == 7
    owner = graph.nodes["0000000003"]
    assert (owner["kind"], owner["label"], owner["value"]) == ("owner", "O1", 10.0)
    assert owner["x"] == pytest.approx(pos["0000000003"][0])
    codes = sorted(d.get("code", "") for _, _, d in graph.edges(data=True))
    assert codes.count("P") == 3


def test_graphml_declares_each_attribute_once_whatever_the_values() -> None:
    """The security's value is a bare 0 and the owners' are floats: still one `value` key."""
    text = graphml_bytes(star(3), layout(star(3), "spring")).decode()
    keys = [line for line in text.splitlines() if "<key " in line]
    names = [(k.split('for="')[1][:4], k.split('attr.name="')[1].split('"')[0]) for k in keys]
    assert len(names) == len(set(names))
    assert 'attr.name="value" attr.type="double"' in text
    assert "<br>" not in text
    graph = nx.read_graphml(io.BytesIO(text.encode()))
    assert graph.nodes["0000000001|common stock|N"]["value"] == 0.0
