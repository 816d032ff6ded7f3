"""The cluster-buy screen finds the clusters it would find reading every purchase, on the
generator's hub in the real test Neo4j: the default screen (2 insiders, 30 days, joint filers as
one) as the read model keeps it (graph/load/readmodel/clusters.py), the others reading only the
purchases that can be in a cluster (graph/read/clusters.py, HOT_BUCKETS). (The windows' own
rules are tested on real filings in tests/app_pages/test_screens.py.) The screen lists the
strongest few and counts the rest."""

from __future__ import annotations

import pytest

from graph.clustering import cluster_windows
from graph.db import Graph
from graph.read.clusters import HOT_BUCKETS, cluster_buys, cluster_screen
from graph.read.screens import ScreenWindow
from graph.values import Row

EVERY_PURCHASE = """
MATCH (o:Entity)-[r:TRANSACTED {code: 'P'}]->(:Security)-[:ISSUED_BY]->(i:Entity)
WHERE r.date IS NOT NULL AND NOT r.derivative AND r.superseded IS NULL
RETURN i.cik AS issuer_cik, i.name AS issuer_name, i.ticker AS ticker, r.date AS date,
       o.cik AS owner_cik, o.name AS owner_name, r.row AS row, coalesce(r.value, 0) AS value
ORDER BY issuer_cik, date, row
"""


def _from_every_purchase(graph: Graph, min_insiders: int, days: int, merge: bool) -> list:
    by_issuer: dict[str, list[Row]] = {}
    for row in graph.read(EVERY_PURCHASE):
        by_issuer.setdefault(str(row["issuer_cik"]), []).append(row)
    found = [
        c for rows in by_issuer.values() for c in cluster_windows(rows, days, min_insiders, merge)
    ]
    return sorted(found, key=lambda c: (-c.insiders, -c.value, c.start))


@pytest.mark.parametrize(
    ("min_insiders", "days", "merge"), [(2, 30, True), (3, 10, True), (2, 90, False), (4, 1, False)]
)
def test_the_clusters_are_those_of_every_purchase(
    hub_graph: tuple[Graph, str], min_insiders: int, days: int, merge: bool
) -> None:
    graph, _ = hub_graph
    expected = _from_every_purchase(graph, min_insiders, days, merge)
    assert expected  # the hub has clusters of every kind asked for here
    assert list(cluster_buys(graph, min_insiders, days, merge)) == expected


def test_lonely_purchases_are_not_read(hub_graph: tuple[Graph, str]) -> None:
    graph, _ = hub_graph
    params = {**ScreenWindow().params(), "days": 1, "min_insiders": 3}
    hot = sum(len(r.strings("hot")) for r in graph.read(HOT_BUCKETS, **params))
    days = graph.read(
        "MATCH ()-[r:TRANSACTED {code: 'P'}]->() WHERE NOT r.derivative "
        "RETURN count(DISTINCT r.date) AS days"
    )[0].integer("days")
    assert 0 < hot < days  # some one-day buckets are hot, not all


@pytest.mark.parametrize(("min_insiders", "days", "merge"), [(2, 30, True), (3, 10, True)])
def test_the_screen_lists_the_strongest_clusters_and_counts_them_all(
    hub_graph: tuple[Graph, str], min_insiders: int, days: int, merge: bool
) -> None:
    graph, _ = hub_graph
    expected = _from_every_purchase(graph, min_insiders, days, merge)
    assert len(expected) > 3  # enough for the cut to leave some out
    screen = cluster_screen(graph, min_insiders, days, merge, limit=3)
    assert (list(screen.clusters), screen.total) == (expected[:3], len(expected))
