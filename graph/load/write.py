"""Write parsed filings into Neo4j, idempotently, one transaction per batch.

Rows come from rows.py; the schema from schema.py; the model is docs/graph-model.md.
A filing already in the graph (same accession or fingerprint) is skipped, so loading twice,
or re-running an interrupted ingest, leaves the graph as a single clean run would.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import Driver, ManagedTransaction
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from graph.db import Neo4jUnavailable
from graph.load.batch import BatchRows, batch_rows, edgar_url
from ingest.records import Filing, Rejected

__all__ = ["BatchResult", "load_batch"]

FIND_EXISTING = """
UNWIND $keys AS key
OPTIONAL MATCH (a:Filing {accession: key.accession})
OPTIONAL MATCH (p:Filing {fingerprint: key.fingerprint})
RETURN key.accession AS accession, a IS NOT NULL AS has_accession,
       p.accession AS fingerprint_accession
"""

# A bare document (sha256: key) met again inside its full submission: adopt the real key.
RENAME_FILING = """
UNWIND $renames AS rename
MATCH (f:Filing {accession: rename.old})
SET f.accession = rename.new, f.filed = rename.filed, f.source = rename.source, f.url = rename.url
WITH f, rename
MATCH (o:Entity)-[:FILED]->(f)
MATCH (o)-[r:TRANSACTED|HELD|HOLDS|INSIDER_OF|FILED]->()
WHERE r.accession = rename.old
SET r.accession = rename.new,
    r.row = CASE WHEN r.row IS NULL THEN null ELSE rename.new + '#' + r.seq END
WITH DISTINCT f, rename
OPTIONAL MATCH (f)-[about:ABOUT]->(i:Entity)
SET about.accession = rename.new
WITH f, rename, i
OPTIONAL MATCH (:Security)-[ib:ISSUED_BY {accession: rename.old}]->(i)
SET ib.accession = rename.new
"""

# Entity rows are folded per CIK (entity_rows.py): latest name, first/last period, names.
_ENTITY_SPAN = """
    e.names = reduce(names = coalesce(e.names, []), name IN row.names |
                     CASE WHEN name IN names THEN names ELSE names + name END),
    e.first_filing = CASE WHEN e.first_filing IS NULL OR row.first < e.first_filing
                          THEN row.first ELSE e.first_filing END,
    e.last_filing = CASE WHEN e.last_filing IS NULL OR row.last > e.last_filing
                         THEN row.last ELSE e.last_filing END
"""

MERGE_ISSUERS = (
    """
UNWIND $rows AS row
MERGE (e:Entity {cik: row.cik})
SET e:Issuer:Company,"""
    + _ENTITY_SPAN
    + """REMOVE e:Person
WITH e, row WHERE e.issuer_name_as_of IS NULL OR row.date >= e.issuer_name_as_of
SET e.name = coalesce(row.name, e.name), e.ticker = coalesce(row.ticker, e.ticker),
    e.issuer_name_as_of = row.date
"""
)

# An issuer keeps its own name; a company-like name makes a :Company, else a :Person.
MERGE_OWNERS = (
    """
UNWIND $rows AS row
MERGE (e:Entity {cik: row.cik})
SET e:Owner,"""
    + _ENTITY_SPAN
    + """FOREACH (_ IN CASE WHEN row.company THEN [1] ELSE [] END | SET e:Company REMOVE e:Person)
FOREACH (_ IN CASE WHEN row.company OR e:Company THEN [] ELSE [1] END | SET e:Person)
WITH e, row WHERE e.name_as_of IS NULL OR row.date >= e.name_as_of
SET e += row.address, e.name_as_of = row.date,
    e.name = CASE WHEN e:Issuer THEN e.name ELSE coalesce(row.name, e.name) END
"""
)

MERGE_SECURITIES = """
UNWIND $rows AS row
MATCH (i:Entity {cik: row.issuer})
MERGE (s:Security {id: row.id})
ON CREATE SET s.title = row.title, s.derivative = row.derivative, s.issuer_cik = row.issuer
SET s.underlying_title = coalesce(s.underlying_title, row.underlying_title)
MERGE (s)-[ib:ISSUED_BY]->(i)
ON CREATE SET ib.accession = row.accession
"""

MERGE_INSIDERS = """
UNWIND $rows AS row
MATCH (o:Entity {cik: row.owner})
MATCH (i:Entity {cik: row.issuer})
MERGE (o)-[r:INSIDER_OF]->(i)
SET r.first_filing = CASE WHEN r.first_filing IS NULL OR row.first < r.first_filing
                          THEN row.first ELSE r.first_filing END,
    r.last_filing = CASE WHEN r.last_filing IS NULL OR row.last > r.last_filing
                         THEN row.last ELSE r.last_filing END
WITH r, row WHERE r.rank IS NULL OR row.rank >= r.rank
SET r += row.roles, r.rank = row.rank, r.accession = row.accession
"""

# One edge per table row per reporting owner (joint filings: every owner gets the row).
_ROW_EDGES = """
UNWIND $rows AS row
MATCH (s:Security {id: row.security})
UNWIND row.owners AS owner_cik
MATCH (o:Entity {cik: owner_cik})
CREATE (o)-[r:%s]->(s)
SET r = row.props
"""
CREATE_TRANSACTIONS = _ROW_EDGES % "TRANSACTED"
CREATE_HOLDINGS = _ROW_EDGES % "HELD"

MERGE_POSITIONS = """
UNWIND $rows AS row
MATCH (s:Security {id: row.security})
MATCH (o:Entity {cik: row.owner})
MERGE (o)-[h:HOLDS {direct_indirect: row.direct_indirect, nature: row.nature}]->(s)
WITH h, row WHERE h.rank IS NULL OR row.rank > h.rank
SET h.shares = row.shares, h.value = row.value, h.as_of = row.as_of,
    h.accession = row.accession, h.seq = row.seq, h.rank = row.rank
"""

CREATE_FILINGS = """
UNWIND $rows AS row
MATCH (i:Entity {cik: row.issuer})
CREATE (f:Filing {accession: row.accession})
SET f += row.props
CREATE (f)-[:ABOUT {accession: row.accession}]->(i)
WITH f, row
UNWIND row.owners AS owner_cik
MATCH (o:Entity {cik: owner_cik})
CREATE (o)-[:FILED {accession: row.accession}]->(f)
"""

# Amendments and originals among the batch's filings, each linked once to the filing amended:
# same issuer, same base form, same period, a shared reporting owner, filed no later.
LINK_AMENDMENTS = """
UNWIND $accessions AS accession
MATCH (f:Filing {accession: accession})
MATCH (other:Filing {period: f.period})-[:ABOUT]->(:Entity {cik: f.issuer_cik})
WHERE other <> f
WITH CASE WHEN f.form ENDS WITH '/A' THEN f ELSE other END AS a,
     CASE WHEN f.form ENDS WITH '/A' THEN other ELSE f END AS o
WHERE a.form ENDS WITH '/A' AND o.form = left(a.form, size(a.form) - 2)
  AND NOT (a)-[:AMENDS]->()
  AND EXISTS { MATCH (a)<-[:FILED]-(:Entity)-[:FILED]->(o) }
  AND (a.date_of_original_submission IS NULL OR o.filed IS NULL
       OR o.filed = a.date_of_original_submission)
  AND (a.filed IS NULL OR o.filed IS NULL OR o.filed <= a.filed)
WITH DISTINCT a, o ORDER BY o.filed DESC, o.accession DESC
WITH a, collect(o)[0] AS original
MERGE (a)-[r:AMENDS]->(original)
SET r.accession = a.accession
"""

_WRITES = (
    (MERGE_ISSUERS, "issuers"),
    (MERGE_OWNERS, "owners"),
    (MERGE_SECURITIES, "securities"),
    (MERGE_INSIDERS, "insiders"),
    (CREATE_TRANSACTIONS, "transactions"),
    (CREATE_HOLDINGS, "holdings"),
    (MERGE_POSITIONS, "positions"),
    (CREATE_FILINGS, "filings"),
)


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
    unique = _unique(filings)
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
    with driver.session(database=database) as session:
        result: BatchResult = session.execute_write(_write_batch, filings)
    return result


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


def _unique(filings: list[Filing]) -> list[Filing]:
    """One filing per fingerprint (preferring a known accession number) and per accession."""
    best: dict[str, Filing] = {}
    for f in filings:
        kept = best.get(f.fingerprint)
        if kept is None or (kept.accession.startswith("sha256:") and _has_accession(f)):
            best[f.fingerprint] = f
    first_of_accession: dict[str, Filing] = {}
    for f in best.values():
        first_of_accession.setdefault(f.accession, f)
    chosen = {id(f) for f in first_of_accession.values()}
    return [f for f in filings if id(f) in chosen]


def _has_accession(f: Filing) -> bool:
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
            and _has_accession(f)
            and not found["has_accession"]
        ):
            renames.append(_rename_row(previous, f))
    if renames:
        tx.run(RENAME_FILING, renames=renames).consume()
    if fresh:
        _write_rows(tx, batch_rows(fresh))
        accessions = [f.accession for f in fresh if f.period_of_report]
        tx.run(LINK_AMENDMENTS, accessions=accessions).consume()
    return BatchResult(tuple(fresh), tuple(skipped))


def _rename_row(old: str, f: Filing) -> dict[str, object]:
    return {
        "old": old,
        "new": f.accession,
        "filed": f.filed,
        "source": f.source,
        "url": edgar_url(f.accession, f.issuer.cik),
    }


def _write_rows(tx: ManagedTransaction, rows: BatchRows) -> None:
    for statement, field in _WRITES:
        batch = getattr(rows, field)
        if batch:
            tx.run(statement, rows=batch).consume()
