"""The Cypher of the write path (write.py), one named statement per step of a batch.

The model they write is docs/graph-model.md; rows come from batch.py.
"""

from __future__ import annotations

__all__ = [
    "CREATE_FILINGS",
    "CREATE_HOLDINGS",
    "CREATE_TRANSACTIONS",
    "FIND_EXISTING",
    "LINK_AMENDMENTS",
    "MARK_SUPERSEDED",
    "MERGE_INSIDERS",
    "MERGE_ISSUERS",
    "MERGE_OWNERS",
    "MERGE_POSITIONS",
    "MERGE_SECURITIES",
    "RENAME_FILING",
    "WRITES",
]

FIND_EXISTING = """
UNWIND $keys AS key
OPTIONAL MATCH (a:Filing {accession: key.accession})
OPTIONAL MATCH (p:Filing {fingerprint: key.fingerprint})
RETURN key.accession AS accession, a.fingerprint AS stored_fingerprint,
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
# A new entity's running totals (totals.py) start at zero; a bulk load's refresh sets them.
_NEW_TOTALS = """
ON CREATE SET e.trade_rows_in = 0, e.trade_rows_by = 0, e.buys_in_cents = 0,
    e.buys_by_cents = 0, e.sells_in_cents = 0, e.sells_by_cents = 0
"""

# A new name re-ranks the entity's top pairs (graph/load/readmodel/pairs.py).
_RENAMED = """
FOREACH (_ IN CASE WHEN e.name <> before THEN [1] ELSE [] END | SET e:StalePairs)
"""

MERGE_ISSUERS = (
    """
UNWIND $rows AS row
MERGE (e:Entity {cik: row.cik})"""
    + _NEW_TOTALS
    + """SET e:Issuer:Company,"""
    + _ENTITY_SPAN
    + """REMOVE e:Person
WITH e, row WHERE e.issuer_name_as_of IS NULL OR row.date >= e.issuer_name_as_of
WITH e, row, e.name AS before
SET e.name = coalesce(row.name, e.name), e.ticker = coalesce(row.ticker, e.ticker),
    e.issuer_name_as_of = row.date
"""
    + _RENAMED
)

# An issuer keeps its own name; a company-like name makes a :Company, else a :Person.
MERGE_OWNERS = (
    """
UNWIND $rows AS row
MERGE (e:Entity {cik: row.cik})"""
    + _NEW_TOTALS
    + """SET e:Owner,"""
    + _ENTITY_SPAN
    + """FOREACH (_ IN CASE WHEN row.company THEN [1] ELSE [] END | SET e:Company REMOVE e:Person)
FOREACH (_ IN CASE WHEN row.company OR e:Company THEN [] ELSE [1] END | SET e:Person)
WITH e, row WHERE e.name_as_of IS NULL OR row.date >= e.name_as_of
WITH e, row, e.name AS before
SET e += row.address, e.name_as_of = row.date,
    e.name = CASE WHEN e:Issuer THEN e.name ELSE coalesce(row.name, e.name) END
"""
    + _RENAMED
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
ON CREATE SET o:StaleSummary, i:StaleSummary  // their degrees, and i's top pairs (stale.py)
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
MERGE (o)-[h:HOLDS {direct_indirect: row.direct_indirect, nature_key: row.nature_key}]->(s)
WITH h, row WHERE h.rank IS NULL OR row.rank > h.rank
SET h.nature = row.nature, h.shares = row.shares, h.value = row.value, h.as_of = row.as_of,
    h.accession = row.accession, h.seq = row.seq, h.rank = row.rank, h.superseded = null
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
FOREACH (_ IN CASE WHEN f.joint THEN [1] ELSE [] END | SET o:StalePairs)  // co-filers
"""

# Amendments and originals among the batch's filings, each linked once to the filing amended:
# same issuer, same base form, same period, a shared reporting owner, filed no later.
LINK_AMENDMENTS = """
UNWIND $accessions AS accession
MATCH (f:Filing {accession: accession})
MATCH (other:Filing {issuer_cik: f.issuer_cik, period: f.period})  // filing_issuer_period index
WHERE other <> f AND (f.form ENDS WITH '/A') <> (other.form ENDS WITH '/A')  // one amends
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
SET r.accession = a.accession,
    r.matched_by = CASE WHEN a.date_of_original_submission IS NULL
                        THEN 'issuer+owner+period'
                        ELSE 'original_submission+issuer+owner+period' END
"""

# The amended original drops out of every total, position and screen: the filing and its row
# edges are flagged superseded (the amendment restates them). Run after LINK_AMENDMENTS, and
# after a rename, so it holds whatever the load order. Returns the earliest purchase each
# issuer lost, for its kept clusters.
MARK_SUPERSEDED = """
UNWIND $accessions AS accession
MATCH (f:Filing {accession: accession})
CALL (f) {
  MATCH (f)-[:AMENDS]->(o:Filing) RETURN f AS a, o
  UNION
  MATCH (a:Filing)-[:AMENDS]->(f) RETURN a, f AS o
}
WITH DISTINCT a, o
SET o.superseded_by = a.accession
WITH o
MATCH (o)-[:ABOUT]->(i:Entity)
MATCH (e:Entity)-[:FILED]->(o)
SET e:StaleSummary, i:StaleSummary,  // summaries leave the original's rows out
    e.stale_issuers = CASE WHEN i.cik IN coalesce(e.stale_issuers, []) THEN e.stale_issuers
                           ELSE coalesce(e.stale_issuers, []) + i.cik END
WITH e, o, i
MATCH (e)-[r:TRANSACTED|HELD|HOLDS]->(:Security)
WHERE r.accession = o.accession
SET r.superseded = true
WITH i, r WHERE type(r) = 'TRANSACTED' AND r.code = 'P' AND NOT r.derivative AND r.date IS NOT NULL
RETURN i.cik AS issuer, min(r.date) AS since  // the issuers' clusters change from there on
"""

WRITES = (  # statement, BatchRows field: the order a batch is written in
    (MERGE_ISSUERS, "issuers"),
    (MERGE_OWNERS, "owners"),
    (MERGE_SECURITIES, "securities"),
    (MERGE_INSIDERS, "insiders"),
    (CREATE_TRANSACTIONS, "transactions"),
    (CREATE_HOLDINGS, "holdings"),
    (MERGE_POSITIONS, "positions"),
    (CREATE_FILINGS, "filings"),
)
