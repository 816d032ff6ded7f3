"""The write path: filings → batched ``UNWIND … MERGE`` rows → Neo4j, idempotently.

pipeline.py runs an ingest (``ingest_paths``); batch.py turns filings into parameter rows,
fold.py folds them per MERGE key, write.py runs the write statements with provenance.
"""

from graph.load.pipeline import IngestSummary, ingest_paths

__all__ = ["IngestSummary", "ingest_paths"]
