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

A filing whose accession is stored with other content, or whose document is stored under
another accession, is not written but reported as a ``Conflict`` (conflicts.py); with
``replace`` a filing takes the place of the stored one of its accession (removal.py), in the
same transaction as the write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import ConstraintError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.load.batch import BatchRows, batch_rows, edgar_url
from graph.load.conflicts import Action, Conflict, K, decide, has_accession, split_batch
from graph.load.readmodel.running import extend_pairs_tx
from graph.load.readmodel.stale import mark_stale_tx
from graph.load.readmodel.totals import reconcile_tx, reread_issuer_prices_tx
from graph.load.removal import remove_filings_tx
from graph.load.statements import (
    FIND_EXISTING,
    LINK_AMENDMENTS,
    MARK_SUPERSEDED,
    RENAME_FILING,
    WRITES,
)
from ingest.errors import Neo4jUnavailable
from ingest.records import Filing, Rejected

__all__ = [
    "BatchResult",
    "Conflict",
    "has_accession",
    "load_batch",
    "rename_row",
    "unique_filings",
]

RACE_RETRIES = 5  # times a batch is re-run after another ingest committed one of its filings


@dataclass(frozen=True, slots=True)
class BatchResult:
    """Which filings of a batch were written (``replaced``: of them, those that took a stored
    filing's place), which were already there, which Neo4j refused, which conflict."""

    loaded: tuple[Filing, ...]
    skipped: tuple[Filing, ...]
    rejected: tuple[Rejected, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    replaced: tuple[Filing, ...] = ()


def load_batch(
    driver: Driver, filings: list[Filing], *, database: str = "neo4j", replace: bool = False
) -> BatchResult:
    """Write a batch of filings in one transaction (all or nothing).

    Should Neo4j refuse the batch, each filing is written alone, so one bad filing is rejected
    with the server's reason and the others still load. A lost connection is not a bad filing:
    it raises ``Neo4jUnavailable``.
    """
    unique, repeated, conflicts = split_batch(filings)
    try:
        result = _write(driver, unique, database, replace)
    except (ServiceUnavailable, SessionExpired) as e:
        raise Neo4jUnavailable(f"lost the connection to Neo4j while loading: {e}") from e
    except Neo4jError:
        result = _write_one_by_one(driver, unique, database, replace)
    return BatchResult(
        result.loaded,
        result.skipped + tuple(repeated),
        result.rejected,
        (*conflicts, *result.conflicts),
        result.replaced,
    )


def _write(driver: Driver, filings: list[Filing], database: str, replace: bool) -> BatchResult:
    """One managed transaction, run again if a concurrent ingest took one of its keys first."""
    for attempt in range(RACE_RETRIES + 1):
        try:
            with driver.session(database=database) as session:
                result: BatchResult = session.execute_write(_write_batch, filings, replace)
            return result
        except ConstraintError:
            if attempt == RACE_RETRIES:
                raise
    raise AssertionError("unreachable")


def _write_one_by_one(
    driver: Driver, filings: list[Filing], database: str, replace: bool
) -> BatchResult:
    results: list[BatchResult] = []
    rejected: list[Rejected] = []
    for filing in filings:
        try:
            results.append(_write(driver, [filing], database, replace))
        except Neo4jError as e:
            reason = f"Neo4j refused the filing {filing.accession}: {e.message or e}"
            rejected.append(Rejected(filing.source or filing.accession, reason))
    return BatchResult(
        tuple(f for r in results for f in r.loaded),
        tuple(f for r in results for f in r.skipped),
        tuple(rejected),
        tuple(c for r in results for c in r.conflicts),
        tuple(f for r in results for f in r.replaced),
    )


def unique_filings(filings: list[K]) -> list[K]:
    """One filing per fingerprint (preferring a known accession number) and per accession."""
    return split_batch(filings)[0]


def _write_batch(tx: ManagedTransaction, filings: list[Filing], replace: bool) -> BatchResult:
    keys = [{"accession": f.accession, "fingerprint": f.fingerprint} for f in filings]
    existing = {r["accession"]: r for r in tx.run(FIND_EXISTING, keys=keys)}
    fresh: list[Filing] = []
    skipped: list[Filing] = []
    replaced: list[Filing] = []
    conflicts: list[Conflict] = []
    renames: list[dict[str, object]] = []
    for f in filings:
        found = existing[f.accession]
        decision = decide(f, found["stored_fingerprint"], found["fingerprint_accession"], replace)
        action = decision.action
        if action is Action.CONFLICT:
            conflicts.append(Conflict(f.source or f.accession, f.accession, decision.reason))
        elif action is Action.SKIP:
            skipped.append(f)
        elif action is Action.RENAME:
            skipped.append(f)
            renames.append(rename_row(str(decision.rename_from), f))
        else:
            replaced += [f] if action is Action.REPLACE else []
            if decision.rename_from:  # its bare document is stored: that one is re-keyed
                renames.append(rename_row(decision.rename_from, f))
            else:
                fresh.append(f)
    accessions: list[str] = []
    reread: list[str] = []  # issuers whose last prices are re-read from their rows (rare)
    pairs: list[tuple[str, str]] = []  # (owner, issuer) whose summaries change
    if replaced:
        removed = remove_filings_tx(tx, [f.accession for f in replaced])
        reread += [issuer for _, issuer in removed.pairs]
        pairs += removed.pairs
        accessions += removed.originals
    if renames:
        tx.run(RENAME_FILING, renames=renames).consume()
        accessions += [str(r["new"]) for r in renames]
    if fresh:
        _write_rows(tx, batch_rows(fresh))
        linked = [f.accession for f in fresh if f.period_of_report]
        tx.run(LINK_AMENDMENTS, accessions=linked).consume()
        accessions += linked
    lost: dict[str, date] = {}  # issuer → earliest purchase of the originals now superseded
    if accessions:  # also marks the amended originals' pairs stale
        for r in tx.run(MARK_SUPERSEDED, accessions=accessions):
            lost[str(r["issuer"])] = r["since"].to_native()
    counted = reconcile_tx(tx, sorted({f.accession for f in fresh}.union(accessions)), fresh)
    renamed = {str(r["new"]) for r in renames}
    reread += [f.issuer.cik for f in filings if f.accession in renamed]
    reread_issuer_prices_tx(tx, reread)
    written = fresh + [f for f in replaced if f.accession in renamed]
    changed = written + [f for f in skipped if f.accession in renamed]  # new or re-keyed
    # New filings that count extend their pairs' summaries here; the rest are recomputed.
    extending = [f for f in fresh if f.accession in counted]
    pairs += extend_pairs_tx(tx, extending, set(pairs))
    extended = {f.accession for f in extending}
    pairs += [
        (o.cik, f.issuer.cik) for f in changed if f.accession not in extended for o in f.owners
    ]
    # Clusters from the earliest purchase gained or lost on; an issuer whose rows changed
    # otherwise (a removal, a re-keyed filing), whole.
    since = dict(lost)
    for f in extending:
        if bought := _purchase_dates(f):
            since[f.issuer.cik] = min(since.get(f.issuer.cik, min(bought)), min(bought))
    clusters: dict[str, date | None] = {**since, **dict.fromkeys(reread)}
    mark_stale_tx(tx, pairs, clusters)  # refreshed at the end of the run (stale.py)
    return BatchResult(tuple(written), tuple(skipped), (), tuple(conflicts), tuple(replaced))


def _purchase_dates(f: Filing) -> list[date]:
    """The dates of the filing's open-market purchases the cluster screen counts."""
    return [
        t.transaction_date
        for t in f.transactions
        if t.transaction_code == "P" and not t.derivative and t.transaction_date is not None
    ]


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
