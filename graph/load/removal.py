"""Take stored filings out of the graph, in the caller's transaction, before ``--replace``
writes the corrected versions under the same accessions (write.py).

What a filing contributed goes with it: its share of the running totals (totals.py), its node,
FILED/ABOUT/AMENDS edges and row edges (TRANSACTED, HELD). Latest positions (HOLDS) it set are
recomputed from the rows left, by the rank MERGE_POSITIONS uses (date | amendment |
fingerprint | seq); originals it amended are current again until MARK_SUPERSEDED says
otherwise; INSIDER_OF and entity spans are recomputed from the filings left; securities and
entities nothing refers to any more are deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from neo4j import ManagedTransaction

from graph.load.readmodel.totals import withdraw_tx

__all__ = ["Removed", "remove_filings_tx"]

# What the filings touch, read before anything is deleted.
_FOOTPRINT = """
UNWIND $accessions AS accession
MATCH (f:Filing {accession: accession})-[:ABOUT]->(i:Entity)
RETURN accession, i.cik AS issuer, [(e:Entity)-[:FILED]->(f) | e.cik] AS owners,
       [(f)-[:AMENDS]->(o:Filing) | o.accession] AS originals
"""

_REMOVE_ROWS = """
UNWIND $accessions AS accession
MATCH (e:Entity)-[:FILED]->(:Filing {accession: accession})
MATCH (e)-[r:TRANSACTED|HELD|HOLDS]->(s:Security)
WHERE r.accession = accession
WITH e.cik AS owner, s.id AS security, type(r) = 'HOLDS' AS holds,
     r.direct_indirect AS direct_indirect, r.nature_key AS nature_key, r
DELETE r
RETURN DISTINCT owner, security, holds, direct_indirect, nature_key
"""

_DELETE_FILINGS = """
UNWIND $accessions AS accession
MATCH (f:Filing {accession: accession})
DETACH DELETE f
"""

# Originals the removed amendments superseded: current again (MARK_SUPERSEDED re-marks those
# another amendment still restates).
_UNSUPERSEDE = """
UNWIND $accessions AS accession
MATCH (o:Filing {accession: accession})
REMOVE o.superseded_by
WITH o
MATCH (e:Entity)-[:FILED]->(o)
MATCH (e)-[r:TRANSACTED|HELD|HOLDS]->(:Security)
WHERE r.accession = o.accession
REMOVE r.superseded
"""

# graph/load/keys.nature_key of a row's r.nature, in Cypher: lower case, separators as spaces,
# runs of spaces as one.
NATURE_KEY = """
reduce(t = toLower(coalesce(r.nature, '')), c IN ['.', ',', ';', ':', '\\n', '\\r', '\\t'] |
       replace(t, c, ' ')) AS spaced
WITH o, s, p, r, reduce(k = '', w IN [w IN split(spaced, ' ') WHERE w <> ''] |
       k + CASE WHEN k = '' THEN '' ELSE ' ' END + w) AS nature_key
"""

# A position a removed filing reported last: the best-ranked row left takes its place.
RECOMPUTE_POSITIONS = (
    """
UNWIND $positions AS p
MATCH (o:Entity {cik: p.owner})-[r:TRANSACTED|HELD]->(s:Security {id: p.security})
WHERE coalesce(r.direct_indirect, '') = p.direct_indirect
  AND (r:HELD OR r.shares_after IS NOT NULL OR r.value_after IS NOT NULL)
WITH o, s, p, r,"""
    + NATURE_KEY
    + """WHERE nature_key = p.nature_key
MATCH (f:Filing {accession: r.accession})
WITH o, s, p, r, f,
     coalesce(toString(CASE WHEN r:HELD THEN r.as_of ELSE r.date END), '0000-00-00')
     + '|' + CASE WHEN f.form ENDS WITH '/A' THEN '1' ELSE '0' END
     + '|' + f.fingerprint + '|' + right('0000' + toString(r.seq), 5) AS rank
ORDER BY rank DESC
WITH o, s, p, collect({r: r, f: f, rank: rank})[0] AS best
WITH o, s, p, best, best.r AS r
MERGE (o)-[h:HOLDS {direct_indirect: p.direct_indirect, nature_key: p.nature_key}]->(s)
SET h.nature = r.nature,
    h.shares = CASE WHEN r:HELD THEN r.shares ELSE r.shares_after END,
    h.value = CASE WHEN r:HELD THEN r.value ELSE r.value_after END,
    h.as_of = CASE WHEN r:HELD THEN r.as_of ELSE r.date END,
    h.accession = r.accession, h.seq = r.seq, h.rank = best.rank,
    h.superseded = CASE WHEN best.f.superseded_by IS NULL THEN null ELSE true END
"""
)

# Spans from the filings left; roles a removed filing set stay until a filing of higher rank
# (the replacement, usually) sets its own, as MERGE_INSIDERS does.
_RECOMPUTE_INSIDERS = """
UNWIND $pairs AS pair
MATCH (o:Entity {cik: pair.owner})-[r:INSIDER_OF]->(i:Entity {cik: pair.issuer})
OPTIONAL MATCH (o)-[:FILED]->(f:Filing)-[:ABOUT]->(i)
WITH r, pair, f,
     coalesce(toString(f.period), '0000-00-00')
     + '|' + CASE WHEN f.form ENDS WITH '/A' THEN '1' ELSE '0' END
     + '|' + f.fingerprint + '|00000' AS rank
ORDER BY rank DESC
WITH r, pair, min(f.period) AS first, max(f.period) AS last,
     collect(CASE WHEN f IS NULL THEN null ELSE {accession: f.accession, rank: rank} END) AS left
CALL (r, left) { WITH * WHERE size(left) = 0 DELETE r }
WITH r, pair, first, last, left WHERE size(left) > 0
SET r.first_filing = first, r.last_filing = last
WITH r, pair, left[0] AS best WHERE r.accession IN pair.removed
SET r.rank = best.rank, r.accession = best.accession
"""

_ORPHAN_SECURITIES = """
UNWIND $ids AS id
MATCH (s:Security {id: id})
WHERE NOT EXISTS { (s)<-[:TRANSACTED|HELD|HOLDS]-() }
DETACH DELETE s
"""

_RECOMPUTE_ENTITIES = """
UNWIND $ciks AS cik
MATCH (e:Entity {cik: cik})
OPTIONAL MATCH (e)-[:FILED|ABOUT]-(f:Filing)
WITH e, min(f.period) AS first, max(f.period) AS last, count(f) AS filings
CALL (e, filings) { WITH * WHERE filings = 0 DETACH DELETE e }
WITH e, first, last WHERE filings > 0
SET e.first_filing = first, e.last_filing = last
"""


@dataclass(frozen=True, slots=True)
class Removed:
    """The (owner, issuer) pairs whose summaries change, and originals to mark superseded
    again."""

    pairs: tuple[tuple[str, str], ...]
    originals: tuple[str, ...]


def remove_filings_tx(tx: ManagedTransaction, accessions: list[str]) -> Removed:
    """Remove the filings ``accessions`` and everything they contributed (see above)."""
    footprint = list(tx.run(_FOOTPRINT, accessions=accessions))
    withdraw_tx(tx, accessions)
    rows = list(tx.run(_REMOVE_ROWS, accessions=accessions))
    tx.run(_DELETE_FILINGS, accessions=accessions).consume()
    originals = sorted({o for r in footprint for o in r["originals"]} - set(accessions))
    if originals:
        tx.run(_UNSUPERSEDE, accessions=originals).consume()
    positions = [
        {
            "owner": r["owner"],
            "security": r["security"],
            "direct_indirect": r["direct_indirect"] or "",
            "nature_key": r["nature_key"] or "",
        }
        for r in rows
        if r["holds"]
    ]
    if positions:
        tx.run(RECOMPUTE_POSITIONS, positions=positions).consume()
    pairs = [
        {"owner": owner, "issuer": r["issuer"], "removed": accessions}
        for r in footprint
        for owner in r["owners"]
    ]
    tx.run(_RECOMPUTE_INSIDERS, pairs=pairs).consume()
    tx.run(_ORPHAN_SECURITIES, ids=sorted({r["security"] for r in rows})).consume()
    ciks = sorted({r["issuer"] for r in footprint} | {o for r in pairs for o in [r["owner"]]})
    tx.run(_RECOMPUTE_ENTITIES, ciks=ciks).consume()
    changed = tuple(sorted({(r["owner"], r["issuer"]) for r in pairs}))
    return Removed(changed, tuple(originals))
