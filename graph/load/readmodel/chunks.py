"""Whole-graph passes of the read model, one transaction per chunk of entities.

A pass over every entity (a bulk load's refresh, a model upgrade) runs as many short write
transactions, each over the next ``size`` entities in CIK order, so no transaction outlives the
server's timeout or holds its changes in memory, and an interrupted pass keeps what it did.
"""

from __future__ import annotations

from neo4j import Driver, ManagedTransaction

__all__ = ["each_entity_chunk", "entity_chunks"]

_CHUNK = """
MATCH (e:Entity) WHERE e.cik > $after
WITH e ORDER BY e.cik LIMIT $size
CALL (e) {%s}
RETURN max(e.cik) AS last
"""


def entity_chunks(body: str) -> str:
    """The statement running ``body`` (Cypher over one entity ``e``) on the next chunk."""
    return _CHUNK % body


def _run(tx: ManagedTransaction, statement: str, after: str, size: int) -> str | None:
    record = tx.run(statement, after=after, size=size).single(strict=True)
    return None if record["last"] is None else str(record["last"])


def each_entity_chunk(
    driver: Driver, statement: str, *, database: str = "neo4j", size: int = 500
) -> None:
    """Run ``statement`` (made by ``entity_chunks``) over every entity, ``size`` at a time."""
    after: str | None = ""
    with driver.session(database=database) as session:
        while after is not None:
            after = session.execute_write(_run, statement, after, size)
