"""The entity view's Vega-Lite spec and the click it reports, on a hand-laid Subgraph."""

from __future__ import annotations

from types import SimpleNamespace

from explorer.graph_spec import graph_spec, picked
from graph.read.view.subgraph import Subgraph, SubgraphEdge, SubgraphNode

ISSUER = SubgraphNode("1", "issuer", "ACME (ACM)", 0, 0.0, "ACM")
OWNER = SubgraphNode("2", "owner", "Doe Jane", 1, 5_000.0)
STOCK = SubgraphNode("1|common stock|N", "security", "ACM common", 1, 5_000.0, issuer="1")
SUB = Subgraph(
    (ISSUER, OWNER, STOCK),
    (
        SubgraphEdge("2", "1", "insider", roles=("director",)),
        SubgraphEdge("2", STOCK.id, "trade", "P", 1, 100.0, 5_000.0),
        SubgraphEdge(STOCK.id, "1", "issued_by"),
    ),
)
POS = {"1": (0.0, 0.0), "2": (1.0, 2.0), STOCK.id: (-1.0, 1.0)}


def test_focus_centred_largest_and_every_edge_named_in_the_legend() -> None:
    spec = graph_spec(SUB, POS, focus="1")
    rules, middles, dots, *texts = spec["layer"]
    assert rules["encoding"]["color"]["scale"]["domain"] == [
        "insider of",
        "P · open-market purchase",
        "issued by",
    ]
    assert rules["encoding"]["x"]["scale"]["domain"] == [-1.3, 1.3]  # focus x = 0 in the middle
    assert [m["id"] for m in middles["data"]["values"]] == ["edge|2|1", f"edge|2|{STOCK.id}"]
    rows = {r["id"]: r for r in dots["data"]["values"]}
    assert rows["1"]["focus"] and rows["1"]["area"] > max(rows["2"]["area"], rows[STOCK.id]["area"])
    shown = {t["label"]: layer["mark"]["dy"] for layer in texts for t in layer["data"]["values"]}
    assert set(shown) == {"ACME (ACM)", "Doe Jane", "ACM common"}
    assert shown["ACME (ACM)"] < shown["Doe Jane"] < 0  # the focus is larger: its label higher


def test_a_click_reports_the_node_or_the_edge() -> None:
    event = SimpleNamespace(selection={"node": [{"id": "2"}], "edge": []})
    assert picked(event) == "2"
    event = SimpleNamespace(selection={"node": [], "edge": [{"id": "edge|2|1"}]})
    assert picked(event) == "edge|2|1"
    assert picked(SimpleNamespace(selection={"node": {}, "edge": {}})) is None
    assert picked(None) is None
