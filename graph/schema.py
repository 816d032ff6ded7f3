"""Constraints and indexes of the ownergraph model (docs/graph-model.md); load.py relies on them."""

from __future__ import annotations

from neo4j import Driver

__all__ = ["SCHEMA", "ensure_schema"]

# Index (or constraint) name → the statement that creates it.
SCHEMA: dict[str, str] = {
    "entity_cik": "CREATE CONSTRAINT entity_cik IF NOT EXISTS "
    "FOR (e:Entity) REQUIRE e.cik IS UNIQUE",
    "security_id": "CREATE CONSTRAINT security_id IF NOT EXISTS "
    "FOR (s:Security) REQUIRE s.id IS UNIQUE",
    "filing_accession": "CREATE CONSTRAINT filing_accession IF NOT EXISTS "
    "FOR (f:Filing) REQUIRE f.accession IS UNIQUE",
    # Unique, so two ingests racing to create one document cannot both succeed (write.py).
    "filing_fingerprint_unique": "CREATE CONSTRAINT filing_fingerprint_unique IF NOT EXISTS "
    "FOR (f:Filing) REQUIRE f.fingerprint IS UNIQUE",
    # One model marker, even when two ingests start on an empty graph at once (upgrade.py).
    "model_name": "CREATE CONSTRAINT model_name IF NOT EXISTS "
    "FOR (m:Model) REQUIRE m.name IS UNIQUE",
    "filing_period": "CREATE INDEX filing_period IF NOT EXISTS FOR (f:Filing) ON (f.period)",
    "filing_filed": "CREATE INDEX filing_filed IF NOT EXISTS FOR (f:Filing) ON (f.filed)",
    # Amendments meet their originals by issuer and period (statements.LINK_AMENDMENTS).
    "filing_issuer_period": "CREATE INDEX filing_issuer_period IF NOT EXISTS "
    "FOR (f:Filing) ON (f.issuer_cik, f.period)",
    # The whole graph's co-filers start from the joint filings (read/links.CO_FILERS).
    "filing_joint": "CREATE INDEX filing_joint IF NOT EXISTS FOR (f:Filing) ON (f.joint)",
    "entity_name": "CREATE INDEX entity_name IF NOT EXISTS FOR (e:Entity) ON (e.name)",
    "entity_ticker": "CREATE INDEX entity_ticker IF NOT EXISTS FOR (e:Entity) ON (e.ticker)",
    "transacted_date": "CREATE INDEX transacted_date IF NOT EXISTS "
    "FOR ()-[r:TRANSACTED]-() ON (r.date)",
    "transacted_value": "CREATE INDEX transacted_value IF NOT EXISTS "
    "FOR ()-[r:TRANSACTED]-() ON (r.value)",
    "transacted_code": "CREATE INDEX transacted_code IF NOT EXISTS "
    "FOR ()-[r:TRANSACTED]-() ON (r.code)",
    "entity_search": "CREATE FULLTEXT INDEX entity_search IF NOT EXISTS "
    "FOR (e:Entity) ON EACH [e.name, e.names, e.ticker, e.cik]",
}

INDEX_NAMES = "SHOW INDEXES YIELD name"
# Graphs made before the fingerprint was unique have a plain index in the constraint's way.
SUPERSEDED = {"filing_fingerprint": "DROP INDEX filing_fingerprint IF EXISTS"}
AWAIT_INDEXES = "CALL db.awaitIndexes(300)"


def ensure_schema(driver: Driver, *, database: str = "neo4j") -> None:
    """Create every constraint and index that is missing, then wait until all are online.

    A uniqueness constraint's backing index has the constraint's name, so one look at the
    index names tells what is there.
    """
    records, _, _ = driver.execute_query(INDEX_NAMES, database_=database)
    present = {record["name"] for record in records}
    for name in present & SUPERSEDED.keys():
        driver.execute_query(SUPERSEDED[name], database_=database)
    missing = [statement for name, statement in SCHEMA.items() if name not in present]
    for statement in missing:
        driver.execute_query(statement, database_=database)
    if missing:
        driver.execute_query(AWAIT_INDEXES, database_=database)
