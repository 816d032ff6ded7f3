"""Write parsed filings into Neo4j, idempotently, one transaction per batch.

Rows come from rows.py; the schema from schema.py; the model is docs/graph-model.md.
A filing already in the graph (same accession or fingerprint) is skipped, so loading twice,
or re-running an interrupted ingest, leaves the graph as a single clean run would.

Two ingests at once: the accession and the fingerprint are unique constraints, so when both
runs create the same document only the first commit succeeds; the other's whole transaction
fails on the constraint and is simply run again, now finding the document there (skipped, or
re-keyed to its real accession). Filings are CREATEd, not MERGEd, so a lost race can never
add a second set of row edges to the winner's filing. Deadlocks and other transient errors
are retried by the driver's managed transactions.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.load.batch import BatchRows, batch_rows, edgar_url
from graph.load.statements import (
    FIND_EXISTING,
    LINK_AMENDMENTS,
    MARK_SUPERSEDED,
    RENAME_FILING,
    WRITES,
)
from graph.load.summaries import mark_stale_tx
from ingest.errors import Neo4jUnavailable
from ingest.records import Filing, Rejected

__all__ = ["BatchResult", "has_accession", "load_batch", "rename_row", "unique_filings"]

RACE_RETRIES = 5  # times a batch is re-run after another ingest committed one of its filings


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Which filings of a batch were written, which were already there, which Neo4j refused."""

    loaded: tuple[Filing, ...]
    skipped: tuple[Filing, ...]
    rejected: tuple[Rejected, ...] = ()


def load_batch(driver: Driver, filings: list[Filing], *, database: str = "neo4j") -> BatchResult:
    """Write a batch of filings in one transaction (all or nothing).

    Should Neo4j refuse the batch, each filing is written alone, so one bad filing is rejected
    with the server's reason and the others still load. A lost connection is not a bad filing:
    it raises ``Neo4jUnavailable``.
    """
    unique = unique_filings(filings)
    kept = {id(f) for f in unique}
    repeated = tuple(f for f in filings if id(f) not in kept)
    try:
        result = _write(driver, unique, database)
    except (ServiceUnavailable, SessionExpired) as e:
        raise Neo4jUnavailable(f"lost the connection to Neo4j while loading: {e}") from e
    except Neo4jError:
        result = _write_one_by_one(driver, unique, database)
    return BatchResult(result.loaded, result.skipped + repeated, result.rejected)


def _write(driver: Driver, filings: list[Filing], database: str) -> BatchResult:
    """One managed transaction, run again if a concurrent ingest took one of its keys first."""
    for attempt in range(RACE_RETRIES + 1):
        try:
            with driver.session(database=database) as session:
                result: BatchResult = session.execute_write(_write_batch, filings)
            return result
        except ConstraintError:
            if attempt == RACE_RETRIES:
                raise
    raise AssertionError("unreachable")


def _write_one_by_one(driver: Driver, filings: list[Filing], database: str) -> BatchResult:
    loaded: list[Filing] = []
    skipped: list[Filing] = []
    rejected: list[Rejected] = []
    for filing in filings:
        try:
            result = _write(driver, [filing], database)
        except Neo4jError as e:
            reason = f"Neo4j refused the filing {filing.accession}: {e.message or e}"
            rejected.append(Rejected(filing.source or filing.accession, reason))
            continue
        loaded.extend(result.loaded)
        skipped.extend(result.skipped)
    return BatchResult(tuple(loaded), tuple(skipped), tuple(rejected))


def unique_filings(filings: list[Filing]) -> list[Filing]:
    """One filing per fingerprint (preferring a known accession number) and per accession."""
    best: dict[str, Filing] = {}
    for f in filings:
        kept = best.get(f.fingerprint)
        if kept is None or (kept.accession.startswith("sha256:") and has_accession(f)):
            best[f.fingerprint] = f
    first_of_accession: dict[str, Filing] = {}
    for f in best.values():
        first_of_accession.setdefault(f.accession, f)
    chosen = {id(f) for f in first_of_accession.values()}
    return [f for f in filings if id(f) in chosen]


def has_accession(f: Filing) -> bool:
    """Whether the filing carries its EDGAR accession number (not a content or data-set key)."""
    return not f.accession.startswith(("sha256:", "dataset:"))


def _write_batch(tx: ManagedTransaction, filings: list[Filing]) -> BatchResult:
    keys = [{"accession": f.accession, "fingerprint": f.fingerprint} for f in filings]
    existing = {r["accession"]: r for r in tx.run(FIND_EXISTING, keys=keys)}
    fresh: list[Filing] = []
    skipped: list[Filing] = []
    renames: list[dict[str, object]] = []
    for f in filings:
        found = existing[f.accession]
        previous = found["fingerprint_accession"]
        if not found["has_accession"] and previous is None:
            fresh.append(f)
            continue
        skipped.append(f)
        if (
            previous
            and previous.startswith("sha256:")
            and has_accession(f)
            and not found["has_accession"]
        ):
            renames.append(rename_row(previous, f))
    if renames:
        tx.run(RENAME_FILING, renames=renames).consume()
    accessions = [str(r["new"]) for r in renames]
    if fresh:
        _write_rows(tx, batch_rows(fresh))
        linked = [f.accession for f in fresh if f.period_of_report]
        tx.run(LINK_AMENDMENTS, accessions=linked).consume()
        accessions += linked
    if accessions:
        tx.run(MARK_SUPERSEDED, accessions=accessions).consume()
    changed = fresh + [f for f in skipped if f.accession in accessions]  # new or re-keyed
    touched = [f.issuer.cik for f in changed] + [o.cik for f in changed for o in f.owners]
    mark_stale_tx(tx, touched)  # refreshed at the end of the run (pipeline.py)
    return BatchResult(tuple(fresh), tuple(skipped))


def rename_row(old: str, f: Filing) -> dict[str, object]:
    return {
        "old": old,
        "new": f.accession,
        "filed": f.filed,
        "source": f.source,
        "url": edgar_url(f.accession, f.issuer.cik),
    }


def _write_rows(tx: ManagedTransaction, rows: BatchRows) -> None:
    for statement, field in WRITES:
        batch = getattr(rows, field)
        if batch:
            tx.run(statement, rows=batch).consume()
