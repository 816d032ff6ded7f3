"""Neo4j driver values → plain JSON-able values, typed rows, and drawable node/relationship records.

Every read returns `Row`s (graph/db.py); the console collects `GraphNode`/`GraphRel` for drawing.
All of them are plain and picklable, so the app can cache them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

import neo4j.graph
import neo4j.spatial
import neo4j.time

__all__ = ["GraphNode", "GraphRel", "Row", "collect_graph", "to_plain"]


class Row(dict[str, object]):
    """One record of a read query as plain values, with typed getters for its columns."""

    def string(self, key: str) -> str | None:
        """The column as text; None for null."""
        value = self.get(key)
        return None if value is None else str(value)

    def integer(self, key: str) -> int:
        """The column as an integer; 0 for null or a non-number."""
        value = self.get(key)
        return int(value) if isinstance(value, int | float) else 0

    def number(self, key: str) -> float | None:
        """The column as a float; None for null or a non-number."""
        value = self.get(key)
        return float(value) if isinstance(value, int | float) else None

    def strings(self, key: str) -> tuple[str, ...]:
        """The column (a list) as a tuple of texts; () for null."""
        value = self.get(key)
        return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()

    def date(self, key: str) -> dt.date | None:
        """The column (an ISO date or date-time) as a date; None for null or anything else."""
        value = self.get(key)
        try:
            return dt.date.fromisoformat(str(value)[:10]) if value is not None else None
        except ValueError:
            return None

    def row(self, key: str) -> Row:
        """The column (a map) as a Row; an empty Row for null."""
        value = self.get(key)
        return Row(value) if isinstance(value, dict) else Row()

    def rows(self, key: str) -> list[Row]:
        """The column (a list of maps) as Rows."""
        value = self.get(key)
        return [Row(v) for v in value if isinstance(v, dict)] if isinstance(value, list) else []


@dataclass(frozen=True, slots=True)
class GraphNode:
    """A node found in a result: element id, labels and its properties as plain values."""

    id: str
    labels: tuple[str, ...]
    properties: tuple[tuple[str, object], ...]

    @property
    def props(self) -> dict[str, object]:
        """Properties as a dict."""
        return dict(self.properties)

    @property
    def caption(self) -> str:
        """A short human label: name, title, accession or the id."""
        props = self.props
        for key in ("name", "title", "accession", "cik", "id"):
            if props.get(key):
                return str(props[key])
        return self.id


@dataclass(frozen=True, slots=True)
class GraphRel:
    """A relationship found in a result, with the element ids of its ends."""

    id: str
    type: str
    start: str
    end: str
    properties: tuple[tuple[str, object], ...]

    @property
    def props(self) -> dict[str, object]:
        """Properties as a dict."""
        return dict(self.properties)


def _plain_items(entity: neo4j.graph.Entity) -> tuple[tuple[str, object], ...]:
    return tuple(sorted((key, to_plain(value)) for key, value in entity.items()))


_PLAIN = frozenset({type(None), bool, int, float, str})  # returned as they are


def to_plain(value: object) -> object:
    """Convert any driver value to JSON-able data (temporal values as ISO strings)."""
    if type(value) in _PLAIN or isinstance(value, bool | int | float | str):
        return value
    # Containers first: a collected result (Graph.read_rows) holds thousands of plain values.
    if isinstance(value, dict):
        return {str(k): v if type(v) in _PLAIN else to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [v if type(v) in _PLAIN else to_plain(v) for v in value]
    if isinstance(value, neo4j.graph.Node):
        head: dict[str, object] = {"_id": value.element_id, "_labels": sorted(value.labels)}
        return {**head, **dict(_plain_items(value))}
    if isinstance(value, neo4j.graph.Relationship):
        start = value.start_node.element_id if value.start_node else None
        end = value.end_node.element_id if value.end_node else None
        head = {"_id": value.element_id, "_type": value.type, "_start": start, "_end": end}
        return {**head, **dict(_plain_items(value))}
    if isinstance(value, neo4j.graph.Path):
        return {
            "nodes": [to_plain(node) for node in value.nodes],
            "relationships": [to_plain(rel) for rel in value.relationships],
        }
    if isinstance(value, neo4j.spatial.Point):
        return {"srid": value.srid, "coordinates": list(value)}
    if isinstance(value, bytes | bytearray):
        return bytes(value).hex()
    if hasattr(value, "iso_format"):
        return value.iso_format()  # neo4j.time Date, DateTime, Time, Duration
    return str(value)


def _walk(value: object, nodes: dict[str, GraphNode], rels: dict[str, GraphRel]) -> None:
    if isinstance(value, neo4j.graph.Node):
        nodes.setdefault(
            value.element_id,
            GraphNode(value.element_id, tuple(sorted(value.labels)), _plain_items(value)),
        )
    elif isinstance(value, neo4j.graph.Relationship):
        if value.start_node is None or value.end_node is None:
            return
        _walk(value.start_node, nodes, rels)
        _walk(value.end_node, nodes, rels)
        rels.setdefault(
            value.element_id,
            GraphRel(
                value.element_id,
                value.type,
                value.start_node.element_id,
                value.end_node.element_id,
                _plain_items(value),
            ),
        )
    elif isinstance(value, neo4j.graph.Path):
        for rel in value.relationships:
            _walk(rel, nodes, rels)
        for node in value.nodes:
            _walk(node, nodes, rels)
    elif isinstance(value, dict):
        for item in value.values():
            _walk(item, nodes, rels)
    elif isinstance(value, list | tuple):
        for item in value:
            _walk(item, nodes, rels)


def collect_graph(
    values: Iterable[object],
) -> tuple[tuple[GraphNode, ...], tuple[GraphRel, ...]]:
    """Every distinct node and relationship inside the values (nested lists/maps/paths too)."""
    nodes: dict[str, GraphNode] = {}
    rels: dict[str, GraphRel] = {}
    for value in values:
        _walk(value, nodes, rels)
    return tuple(nodes.values()), tuple(rels.values())
