"""``ownergraph ingest --bulk``: an initial load of the empty local database through Neo4j's
bulk importer, ending with the graph the online path would have built.

Steps: refuse unless the local server runs and its database is empty; parse and write CSV
files (parse.py, prepare.py); stop the server; ``neo4j-admin database import full``
(server/importer.py); start it again; then what the online path does with Cypher: the schema,
renames of bare documents, amendment links, and the read model's summaries.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import neo4j

import server
from graph.db import Settings, connect
from graph.load.bulk.columns import NODE_FILES
from graph.load.bulk.parse import parse_in_parallel
from graph.load.bulk.prepare import Prepared, write_csv_files
from graph.load.pipeline import IngestSummary
from graph.load.readmodel.summaries import refresh_all_summaries
from graph.load.statements import LINK_AMENDMENTS, MARK_SUPERSEDED, RENAME_FILING
from graph.load.upgrade import mark_current
from graph.schema import ensure_schema
from ingest.errors import BulkRefused
from ingest.limits import Limits
from server.importer import import_full

__all__ = ["bulk_ingest"]

ANY_NODE = "MATCH (n) RETURN count(n) > 0 AS any LIMIT 1"
# The importer reads an empty array as no property; the online path stores an empty list.
FILL_EMPTY_NAMES = """
MATCH (x:Entity) WHERE x.names IS NULL
CALL (x) { SET x.names = [] } IN TRANSACTIONS OF 20000 ROWS
"""
FILL_EMPTY_FILING_LISTS = """
MATCH (x:Filing)
WHERE x.owner_ciks IS NULL OR x.footnote_ids IS NULL OR x.footnote_texts IS NULL
   OR x.document_footnotes IS NULL OR x.signature_names IS NULL
   OR x.signature_dates IS NULL OR x.extra IS NULL
CALL (x) {
  SET x.owner_ciks = coalesce(x.owner_ciks, []), x.footnote_ids = coalesce(x.footnote_ids, []),
      x.footnote_texts = coalesce(x.footnote_texts, []),
      x.document_footnotes = coalesce(x.document_footnotes, []),
      x.signature_names = coalesce(x.signature_names, []),
      x.signature_dates = coalesce(x.signature_dates, []), x.extra = coalesce(x.extra, [])
} IN TRANSACTIONS OF 20000 ROWS
"""
FILL_EMPTY_TRANSACTED_FOOTNOTES = """
MATCH ()-[x:TRANSACTED]->() WHERE x.footnotes IS NULL
CALL (x) { SET x.footnotes = [] } IN TRANSACTIONS OF 20000 ROWS
"""
FILL_EMPTY_HELD_FOOTNOTES = """
MATCH ()-[x:HELD]->() WHERE x.footnotes IS NULL
CALL (x) { SET x.footnotes = [] } IN TRANSACTIONS OF 20000 ROWS
"""
FILL_EMPTY_LISTS = (
    FILL_EMPTY_NAMES,
    FILL_EMPTY_FILING_LISTS,
    FILL_EMPTY_TRANSACTED_FOOTNOTES,
    FILL_EMPTY_HELD_FOOTNOTES,
)
Progress = Callable[[int], None]
AMENDMENT_BATCH = 500
RESTART_TIMEOUT = 600.0  # seconds: a loaded machine can take minutes to start Neo4j


def bulk_ingest(
    paths: Iterable[str | Path],
    *,
    data_dir: Path = server.DEFAULT_DATA_DIR,
    database: str = "neo4j",
    batch_size: int = 500,
    workers: int | None = None,
    progress: Progress | None = None,
    limits: Limits | None = None,
) -> IngestSummary:
    """Load every filing under ``paths`` into the empty database of the local server."""
    started = time.perf_counter()
    local = server.status(data_dir)
    if local is None:
        raise BulkRefused(
            f"--bulk loads into the local server, and none runs from {Path(data_dir).resolve()}:"
            " start it with `ownergraph db start`"
        )
    _require_empty(local, database)
    folder = local.data_dir / "import" / "bulk"
    shutil.rmtree(folder, ignore_errors=True)
    try:
        items = parse_in_parallel(paths, limits, workers=workers)
        prepared = write_csv_files(items, folder, batch_size=batch_size, progress=progress)
        _replace_database(local, prepared, database)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    prepared.summary.seconds = time.perf_counter() - started
    return prepared.summary


def _settings(local: server.LocalServer, database: str) -> Settings:
    return Settings(uri=local.uri, password=local.password, database=database)


def _require_empty(local: server.LocalServer, database: str) -> None:
    with connect(_settings(local, database)) as driver:
        records, _, _ = driver.execute_query(ANY_NODE, database_=database)
    if records and records[0]["any"]:
        raise BulkRefused(
            f"--bulk loads only into an empty database, and '{database}' at {local.uri} holds"
            " a graph: load more with `ownergraph ingest` (without --bulk)"
        )


def _replace_database(local: server.LocalServer, prepared: Prepared, database: str) -> None:
    """Stop the server, import the CSV files, start it again, run the Cypher steps."""
    nodes = {k: v for k, v in prepared.files.items() if k in NODE_FILES}
    relationships = {k: v for k, v in prepared.files.items() if k not in NODE_FILES}
    server.stop(local.data_dir)
    try:
        import_full(local.data_dir, nodes, relationships, database=database)
    finally:
        restarted = server.start(
            local.data_dir,
            bolt_port=local.bolt_port,
            http_port=local.http_port,
            password=local.password,
            auth=local.password is not None,
            heap=local.heap,
            pagecache=local.pagecache,
            timeout=RESTART_TIMEOUT,
        )
    with connect(_settings(restarted, database)) as driver:
        finish_load(driver, prepared, database)


def finish_load(driver: neo4j.Driver, prepared: Prepared, database: str) -> None:
    """The online path's Cypher steps on the imported graph: schema, renames, amendments."""
    ensure_schema(driver, database=database)
    with driver.session(database=database) as session:
        for statement in FILL_EMPTY_LISTS:
            session.run(statement).consume()
    if prepared.renames:
        driver.execute_query(RENAME_FILING, renames=prepared.renames, database_=database)
    # Every filing is there now, so each amendment finds its original: link the amendments only.
    for start in range(0, len(prepared.amendments), AMENDMENT_BATCH):
        accessions = prepared.amendments[start : start + AMENDMENT_BATCH]
        driver.execute_query(LINK_AMENDMENTS, accessions=accessions, database_=database)
    # As the online path does after linking: originals superseded, their rows flagged.
    marked = [*prepared.amendments, *(str(r["new"]) for r in prepared.renames)]
    for start in range(0, len(marked), AMENDMENT_BATCH):
        accessions = marked[start : start + AMENDMENT_BATCH]
        driver.execute_query(MARK_SUPERSEDED, accessions=accessions, database_=database)
    refresh_summaries_hook(driver, database)


def refresh_summaries_hook(driver: neo4j.Driver, database: str) -> None:
    """The read model's summaries, as the online path keeps them batch by batch; the graph
    follows today's model."""
    refresh_all_summaries(driver, database=database)
    mark_current(driver, database=database)
