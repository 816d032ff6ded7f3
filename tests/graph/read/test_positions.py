"""Who holds what, filtered and paged by the query, on tests/data/app/ in the real test Neo4j:
the pages of a listing add up to the whole, the count is the listing's length, and the query's
filters keep exactly the positions a reader would pick out by eye (owner, issuer, security,
role, nature; zero shares; derivative or not)."""

from __future__ import annotations

import neo4j
import pytest

from graph.db import Graph, Settings
from graph.read.positions import Position, PositionFilter, position_page, positions
from tests.graph.read.nadella import MSFT


@pytest.fixture
def graph(app_graph: neo4j.Driver, neo4j_server: Settings) -> Graph:
    return Graph(app_graph, neo4j_server.database)


def _by_eye(every: tuple[Position, ...], only: PositionFilter) -> list[Position]:
    wanted = only.text.lower()
    return [
        p
        for p in every
        if (only.zero or p.shares)
        and (only.derivative is None or p.derivative == only.derivative)
        and wanted in f"{p.owner_name} {p.issuer_name} {p.security} {p.role} {p.nature}".lower()
    ]


def test_pages_add_up_to_the_whole_listing(graph: Graph) -> None:
    every = positions(graph, MSFT)
    assert len(every) > 4 and position_page(graph, MSFT, PositionFilter())[0] == len(every)
    pages = [positions(graph, MSFT, skip=k, limit=3) for k in range(0, len(every), 3)]
    assert [p for page in pages for p in page] == list(every)
    # each page comes with the count of the whole listing, even one past its end
    whole = PositionFilter()
    assert position_page(graph, MSFT, whole, skip=3, limit=3) == (len(every), pages[1])
    assert position_page(graph, MSFT, whole, skip=len(every), limit=3) == (len(every), ())


@pytest.mark.parametrize(
    "only",
    [
        PositionFilter(text="director"),
        PositionFilter(text="Officer"),
        PositionFilter(text="stock unit"),
        PositionFilter(text="by trust"),
        PositionFilter(zero=False),
        PositionFilter(derivative=True),
        PositionFilter(zero=False, derivative=False, text="common"),
    ],
)
def test_the_query_filters_keep_what_a_reader_would_pick(
    graph: Graph, only: PositionFilter
) -> None:
    every = positions(graph, MSFT)
    expected = _by_eye(every, only)
    assert list(positions(graph, MSFT, only=only)) == expected
    assert position_page(graph, MSFT, only)[0] == len(expected)
