"""The ingest job: read filings (``ingest.read_filings``), load them in batches (write.py), and
count what happened. One bad file is reported and never stops the batch; a lost connection
stops the run with ``IngestInterrupted``, which carries the summary of what was committed.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from neo4j import Driver
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from graph.load.keys import security_id
from graph.load.readmodel.stale import refresh_stale
from graph.load.upgrade import upgrade_graph
from graph.load.write import BatchResult, Conflict, load_batch
from graph.schema import ensure_schema
from ingest import read_filings
from ingest.errors import Neo4jUnavailable
from ingest.limits import Limits
from ingest.records import Filing, Holding, Rejected, Transaction

__all__ = ["IngestInterrupted", "IngestSummary", "ingest_paths"]

Progress = Callable[[int], None]


@dataclass(slots=True)
class IngestSummary:
    """What an ingest run read, loaded, skipped and rejected (the CLI's ``--json`` object)."""

    filings_read: int = 0
    filings_loaded: int = 0
    filings_skipped: int = 0
    filings_replaced: int = 0  # of those loaded, how many took a stored filing's place
    rejected: list[Rejected] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    owners: set[str] = field(default_factory=set)
    issuers: set[str] = field(default_factory=set)
    securities: set[str] = field(default_factory=set)
    transactions: int = 0
    holdings: int = 0
    seconds: float = 0.0
    warnings: list[dict[str, str]] = field(default_factory=list)  # {path, field, value}

    def add(self, result: BatchResult) -> None:
        """Count a loaded batch: rows and distinct entities of the filings actually written."""
        self.filings_loaded += len(result.loaded)
        self.filings_skipped += len(result.skipped)
        self.filings_replaced += len(result.replaced)
        self.rejected.extend(result.rejected)
        self.conflicts.extend(result.conflicts)
        for f in result.loaded:
            self.issuers.add(f.issuer.cik)
            self.owners.update(o.cik for o in f.owners)
            rows: tuple[Transaction | Holding, ...] = (*f.transactions, *f.holdings)
            self.securities.update(
                security_id(f.issuer.cik, r.security_title, r.derivative) for r in rows
            )
            self.transactions += len(f.transactions)
            self.holdings += len(f.holdings)
            path = f.source or f.accession
            self.warnings.extend(
                {"path": path, "field": name, "value": text} for name, text in f.unreadable
            )
            self.warnings.extend(
                {"path": path, "field": f"{name} (row {r.seq})", "value": text}
                for r in rows
                for name, text in r.unreadable
            )

    def as_json(self) -> dict[str, object]:
        """The summary as the JSON object of the command-line contract."""
        return {
            "filings_read": self.filings_read,
            "filings_loaded": self.filings_loaded,
            "filings_skipped": self.filings_skipped,
            "filings_replaced": self.filings_replaced,
            "rejected": [{"path": r.source, "reason": r.reason} for r in self.rejected],
            "conflicts": [
                {"path": c.source, "accession": c.accession, "reason": c.reason}
                for c in self.conflicts
            ],
            "owners": len(self.owners),
            "issuers": len(self.issuers),
            "securities": len(self.securities),
            "transactions": self.transactions,
            "holdings": self.holdings,
            "seconds": round(self.seconds, 3),
            "warnings": self.warnings,
        }


class IngestInterrupted(Neo4jUnavailable):
    """The connection to Neo4j was lost mid-run; ``summary`` counts what was committed."""

    def __init__(self, message: str, summary: IngestSummary) -> None:
        super().__init__(message)
        self.summary = summary


def ingest_paths(
    driver: Driver,
    paths: Iterable[str | Path],
    *,
    database: str = "neo4j",
    batch_size: int = 500,
    progress: Progress | None = None,
    limits: Limits | None = None,
    replace: bool = False,
) -> IngestSummary:
    """Load every filing under ``paths``; rejected inputs are counted, never fatal.

    ``replace``: a filing whose accession is stored with other content replaces it (else it
    is reported as a conflict).
    """
    started = time.perf_counter()
    ensure_schema(driver, database=database)
    upgrade_graph(driver, database=database)
    summary = IngestSummary()
    try:
        _load(driver, paths, summary, database, batch_size, progress, limits, replace)
        try:
            refresh_stale(driver, database=database)  # the read model, once per run
        except (ServiceUnavailable, SessionExpired) as e:
            message = f"lost the connection to Neo4j while summarising: {e}"
            raise Neo4jUnavailable(message) from e
    except Neo4jUnavailable as e:
        summary.seconds = time.perf_counter() - started
        raise IngestInterrupted(str(e), summary) from e
    summary.seconds = time.perf_counter() - started
    return summary


def _load(
    driver: Driver,
    paths: Iterable[str | Path],
    summary: IngestSummary,
    database: str,
    batch_size: int,
    progress: Progress | None,
    limits: Limits | None,
    replace: bool,
) -> None:
    batch: list[Filing] = []
    for item in read_filings(paths, limits):
        if isinstance(item, Rejected):
            summary.rejected.append(item)
        else:
            summary.filings_read += 1
            batch.append(item)
        if len(batch) >= batch_size:
            summary.add(load_batch(driver, batch, database=database, replace=replace))
            batch = []
        if progress:
            progress(1)
    if batch:
        summary.add(load_batch(driver, batch, database=database, replace=replace))
