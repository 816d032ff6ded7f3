"""Constraints and indexes of the ownergraph model (docs/graph-model.md); load.py relies on them."""

from __future__ import annotations

from neo4j import Driver

__all__ = ["SCHEMA_STATEMENTS", "ensure_schema"]

SCHEMA_STATEMENTS: tuple[str, ...] = (
    "CREATE CONSTRAINT entity_cik IF NOT EXISTS FOR (e:Entity) REQUIRE e.cik IS UNIQUE",
    "CREATE CONSTRAINT security_id IF NOT EXISTS FOR (s:Security) REQUIRE s.id IS UNIQUE",
    "CREATE CONSTRAINT filing_accession IF NOT EXISTS FOR (f:Filing) REQUIRE f.accession IS UNIQUE",
    "CREATE INDEX filing_fingerprint IF NOT EXISTS FOR (f:Filing) ON (f.fingerprint)",
    "CREATE INDEX filing_period IF NOT EXISTS FOR (f:Filing) ON (f.period)",
    "CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
    "CREATE INDEX entity_ticker IF NOT EXISTS FOR (e:Entity) ON (e.ticker)",
    "CREATE INDEX transacted_date IF NOT EXISTS FOR ()-[r:TRANSACTED]-() ON (r.date)",
    "CREATE INDEX transacted_code IF NOT EXISTS FOR ()-[r:TRANSACTED]-() ON (r.code)",
    "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS "
    "FOR (e:Entity) ON EACH [e.name, e.ticker, e.cik]",
)

AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


def ensure_schema(driver: Driver, *, database: str = "neo4j") -> None:
    """Create every constraint and index that is missing, then wait until all are online."""
    for statement in SCHEMA_STATEMENTS:
        driver.execute_query(statement, database_=database)
    driver.execute_query(AWAIT_INDEXES, database_=database)
