"""What the graph holds: the landing page's counts, period range and latest filings, and the
latest filing date, where ``ownergraph update`` starts fetching from.

Counts come from label counts and the read model (graph/load/readmodel/), never an edge scan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from graph.db import Graph

__all__ = ["FilingSummary", "LandingStats", "landing_stats", "latest_filed"]

LANDING_COUNTS = """
CALL () { MATCH (e:Issuer) RETURN count(e) AS issuers }
CALL () { MATCH (e:Owner) RETURN count(e) AS owners }
CALL () { MATCH (s:Security) RETURN count(s) AS securities }
CALL () { MATCH (f:Filing) RETURN count(f) AS filings }
CALL () {  // the first and last period from the filing_period index, not a scan
  OPTIONAL MATCH (f:Filing) WHERE f.period IS NOT NULL
  WITH f ORDER BY f.period LIMIT 1 RETURN f.period AS first
}
CALL () {
  OPTIONAL MATCH (f:Filing) WHERE f.period IS NOT NULL
  WITH f ORDER BY f.period DESC LIMIT 1 RETURN f.period AS last
}
CALL () { MATCH (i:Issuer) RETURN sum(coalesce(i.trade_rows_in, 0)) AS transactions }
RETURN issuers, owners, securities, filings, transactions, first, last
"""

# The latest by filing date, else period (bare XML documents carry no filing date), read off the
# filing_filed and filing_period indexes: the top $limit of each, then the top $limit of both.
# Exact as long as no filing is filed before its period ends, as EDGAR has it.
LATEST_FILINGS = """
CALL () {
  MATCH (f:Filing) WHERE f.filed IS NOT NULL
  WITH f ORDER BY f.filed DESC LIMIT $limit RETURN f
  UNION
  MATCH (f:Filing) WHERE f.period IS NOT NULL
  WITH f ORDER BY f.period DESC LIMIT $limit RETURN f
}
MATCH (f)-[:ABOUT]->(i:Entity)
WITH f, i ORDER BY coalesce(f.filed, f.period) DESC, f.accession DESC LIMIT $limit
OPTIONAL MATCH (o:Entity)-[:FILED]->(f)
RETURN f.accession AS accession, f.form AS form, f.period AS period, f.filed AS filed,
       i.cik AS issuer_cik, i.name AS issuer_name, collect(o.name) AS owners, f.url AS url
ORDER BY coalesce(filed, period) DESC, accession DESC
"""


@dataclass(frozen=True, slots=True)
class FilingSummary:
    """One filing as listed on the landing page."""

    accession: str
    form: str | None
    period: str | None
    filed: str | None
    issuer_cik: str
    issuer_name: str | None
    owners: tuple[str, ...]
    url: str | None


@dataclass(frozen=True, slots=True)
class LandingStats:
    """What the graph holds: counts, period range and the latest filings."""

    issuers: int
    owners: int
    securities: int
    filings: int
    transactions: int
    first_period: str | None
    last_period: str | None
    latest: tuple[FilingSummary, ...]


def landing_stats(graph: Graph, latest: int = 10) -> LandingStats:
    """Counts, period range and the latest filings (transactions: current distinct rows)."""
    counts = graph.read(LANDING_COUNTS)[0]
    rows = graph.read(LATEST_FILINGS, limit=latest)
    filings = tuple(
        FilingSummary(
            str(r["accession"]),
            r.string("form"),
            r.string("period"),
            r.string("filed"),
            str(r["issuer_cik"]),
            r.string("issuer_name"),
            r.strings("owners"),
            r.string("url"),
        )
        for r in rows
    )
    return LandingStats(
        counts.integer("issuers"),
        counts.integer("owners"),
        counts.integer("securities"),
        counts.integer("filings"),
        counts.integer("transactions"),
        counts.string("first"),
        counts.string("last"),
        filings,
    )


# Served by the filing_filed range index (graph/schema.py) rather than a scan of every filing.
LATEST_FILED = """
MATCH (f:Filing) WHERE f.filed IS NOT NULL
RETURN f.filed AS filed ORDER BY f.filed DESC LIMIT 1
"""


def latest_filed(graph: Graph) -> date | None:
    """The most recent ``Filing.filed`` date, or None when no filing has one."""
    rows = graph.read(LATEST_FILED)
    return rows[0].date("filed") if rows else None
