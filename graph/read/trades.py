"""The transactions of one entity, two sides kept apart: trades in its securities (by its
insiders) and its own trades as an owner in any issuer.

Rows come from ``TRANSACTED`` grouped by ``r.row`` so that a joint filing's row appears once
with all its owners; pages of rows, totals over the whole side, footnotes once per filing.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.cents import ROW_CENTS
from graph.db import Graph
from graph.read.filters import TRADE_FILTER, GraphFilters
from graph.read.model import TOTALS_VERSION, summarised
from graph.read.provenance import Provenance, provenance
from graph.values import Row

__all__ = [
    "ENTITY_TRANSACTIONS",
    "FILING_FOOTNOTES",
    "SIDES",
    "SIDE_EDGES",
    "SUMMARY_TOTALS",
    "TRADE_TOTALS",
    "TradeTotals",
    "TransactionRow",
    "filing_footnotes",
    "resolve_footnotes",
    "trade_totals",
    "transactions",
]

SIDES = {
    "in": "Trades in its securities (by its insiders)",
    "by": "Its own trades as an owner (in any issuer)",
}

# The edges of one side: 'in' = trades in the entity's securities (by its insiders),
# 'by' = the entity's own trades as an owner, in any issuer; `r, s, i, o` filtered.
SIDE_EDGES = (
    """
MATCH (e:Entity {cik: $cik})
CALL (e) {
  WITH e WHERE $side = 'in'
  MATCH (e)<-[:ISSUED_BY]-(s:Security)<-[r:TRANSACTED]-(o:Entity) RETURN r, s, e AS i, o
  UNION
  WITH e WHERE $side = 'by'
  MATCH (e)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i:Entity) RETURN r, s, i, e AS o
}
WITH r, s, i, o WHERE """
    + TRADE_FILTER
)
# One row per filing row (a joint row's edges once).
_ONE_PER_ROW = "\nWITH r.row AS row, s, i, head(collect(r)) AS r\n"
_SIDE_ROWS = SIDE_EDGES + _ONE_PER_ROW

# A page: the newest edges first (a row has at most 10 owners' edges, all of its date, so the
# first 10 * (skip + limit) edges hold the page's rows), then one per row.
ENTITY_TRANSACTIONS = (
    SIDE_EDGES
    + "\nWITH r, s, i ORDER BY r.date DESC, r.row LIMIT 10 * ($skip + $limit)"
    + _ONE_PER_ROW
    + """ORDER BY r.date DESC, row
SKIP $skip LIMIT $limit
MATCH (:Filing {accession: r.accession})<-[:FILED]-(o:Entity)  // a row's owners: its filing's
WITH row, r, s, i, o ORDER BY o.cik
WITH row, r, s, i, collect(o.cik) AS owner_ciks, collect(o.name) AS owner_names
OPTIONAL MATCH (f:Filing {accession: r.accession})
OPTIONAL MATCH (a:Filing {accession: f.superseded_by})
WITH row, r, s, i, owner_ciks, owner_names, f, a ORDER BY r.date DESC, row
RETURN collect({
  row: row, props: r {.*}, security: s.title, issuer_cik: i.cik, issuer_name: i.name,
  owner_ciks: owner_ciks, owner_names: owner_names, url: f.url, form: f.form,
  period: toString(f.period),
  superseded_by: CASE WHEN r.superseded THEN 'Form ' + a.form + coalesce(
    ' · filed ' + toString(a.filed), ' · signed ' + last(a.signature_dates), '') END}) AS rows
"""
)

# Values in whole cents, as the read model keeps them (graph/cents.py).
TRADE_TOTALS = (
    _SIDE_ROWS
    + """WITH r, i, r.superseded IS NULL AS current,"""
    + ROW_CENTS
    + """ AS cents
RETURN count(*) AS rows, count(DISTINCT i) AS issuers,
       sum(CASE WHEN current AND r.code = 'P' THEN cents ELSE 0 END) / 100.0 AS buys,
       sum(CASE WHEN current AND r.code = 'S' THEN cents ELSE 0 END) / 100.0 AS sells,
       count(CASE WHEN current THEN null ELSE 1 END) AS superseded
"""
)

# The same totals for unfiltered current rows, as the read model keeps them per entity (values
# in whole cents).
SUMMARY_TOTALS = """
MATCH (e:Entity {cik: $cik})
RETURN CASE $side WHEN 'in' THEN e.trade_rows_in ELSE e.trade_rows_by END AS rows,
       CASE $side WHEN 'in' THEN CASE WHEN e.trade_rows_in > 0 THEN 1 ELSE 0 END
            ELSE COUNT { (e)-[:TRADES_IN]->() } END AS issuers,
       CASE $side WHEN 'in' THEN e.buys_in_cents ELSE e.buys_by_cents END / 100.0 AS buys,
       CASE $side WHEN 'in' THEN e.sells_in_cents ELSE e.sells_by_cents END / 100.0 AS sells,
       0 AS superseded
"""

# Footnotes once per filing, only when asked for.
FILING_FOOTNOTES = """
UNWIND $accessions AS accession
MATCH (f:Filing {accession: accession})
RETURN f.accession AS accession, f.footnote_ids AS ids, f.footnote_texts AS texts
"""


@dataclass(frozen=True, slots=True)
class TradeTotals:
    """Headline figures of one side: rows (superseded ones among them when asked for),
    issuers, open-market buys and sells ($, never from superseded rows)."""

    rows: int
    issuers: int
    buys: float
    sells: float
    superseded: int = 0


@dataclass(frozen=True, slots=True)
class TransactionRow:
    """One transaction row of a filing (joint filings: one row, every owner listed)."""

    row: str
    accession: str
    url: str | None
    form: str | None
    period: str | None
    date: str | None
    code: str | None
    acquired_disposed: str | None
    security: str | None
    derivative: bool
    shares: float | None
    price: float | None
    value: float | None
    shares_after: float | None
    direct_indirect: str | None
    nature: str | None
    issuer_cik: str
    issuer_name: str | None
    owner_ciks: tuple[str, ...]
    owner_names: tuple[str, ...]
    footnote_refs: tuple[str, ...]
    superseded_by: str | None = None  # the amendment that restates this row's filing

    @property
    def provenance(self) -> Provenance:
        """The row's filing as a person reads it, and its best EDGAR link."""
        return provenance(
            accession=self.accession,
            url=self.url,
            form=self.form,
            period=self.period,
            owner_cik=self.owner_ciks[0] if self.owner_ciks else None,
            owner_names=self.owner_names,
            issuer_cik=self.issuer_cik,
        )


def resolve_footnotes(
    refs: tuple[str, ...], ids: tuple[str, ...], texts: tuple[str, ...]
) -> tuple[str, ...]:
    """'F1: full text' for every footnote a row cites (refs are 'field:F1'), in id order."""
    by_id = dict(zip(ids, texts, strict=False))
    cited = {ref.rpartition(":")[2] for ref in refs}
    return tuple(f"{fid}: {by_id[fid]}" for fid in ids if fid in cited and fid in by_id)


def transactions(
    graph: Graph,
    cik: str,
    filters: GraphFilters,
    side: str = "in",
    skip: int = 0,
    limit: int = 100,
    superseded: bool = False,
) -> tuple[TransactionRow, ...]:
    """One page of a side's transactions, newest first, filtered, one row per filing row;
    with ``superseded`` the rows of amended originals too (``superseded_by`` says so)."""
    params = {"cik": cik, "side": side, "skip": skip, "limit": limit, **filters.params()}
    params["superseded"] = superseded
    return tuple(_transaction(r) for r in graph.read_rows(ENTITY_TRANSACTIONS, **params))


def trade_totals(
    graph: Graph, cik: str, filters: GraphFilters, side: str = "in", superseded: bool = False
) -> TradeTotals:
    """Rows, issuers and open-market buy/sell values of a side (joint rows once; the values
    never count a superseded row, the rows do when ``superseded``)."""
    params = {**filters.params(), "superseded": superseded}
    narrowed = superseded or filters.narrows_trades()
    from_summary = not narrowed and summarised(graph, TOTALS_VERSION)
    query = SUMMARY_TOTALS if from_summary else TRADE_TOTALS
    r = graph.read(query, cik=cik, side=side, **params)[0]
    return TradeTotals(
        r.integer("rows"),
        r.integer("issuers"),
        r.number("buys") or 0.0,
        r.number("sells") or 0.0,
        r.integer("superseded"),
    )


def filing_footnotes(graph: Graph, accessions: tuple[str, ...]) -> dict[str, dict[str, str]]:
    """{accession: {footnote id: text}} for the given filings (read once per filing)."""
    rows = graph.read(FILING_FOOTNOTES, accessions=sorted(set(accessions)))
    return {
        str(r["accession"]): dict(zip(r.strings("ids"), r.strings("texts"), strict=False))
        for r in rows
    }


def _transaction(r: Row) -> TransactionRow:
    p = r.row("props")
    return TransactionRow(
        row=str(r["row"]),
        accession=str(p.get("accession")),
        url=r.string("url"),
        form=r.string("form"),
        period=r.string("period"),
        date=p.string("date"),
        code=p.string("code"),
        acquired_disposed=p.string("acquired_disposed"),
        security=r.string("security"),
        derivative=bool(p.get("derivative")),
        shares=p.number("shares"),
        price=p.number("price"),
        value=p.number("value"),
        shares_after=p.number("shares_after"),
        direct_indirect=p.string("direct_indirect"),
        nature=p.string("nature"),
        issuer_cik=str(r["issuer_cik"]),
        issuer_name=r.string("issuer_name"),
        owner_ciks=r.strings("owner_ciks"),
        owner_names=r.strings("owner_names"),
        footnote_refs=p.strings("footnotes"),
        superseded_by=r.string("superseded_by"),
    )
