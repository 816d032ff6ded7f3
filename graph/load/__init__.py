"""The write path: filings → batched UNWIND rows → Neo4j, idempotently, with provenance."""
