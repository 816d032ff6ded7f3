"""The transactions of one entity: trades in its securities and its own trades as an owner.

Rows come from ``TRANSACTED`` grouped by ``r.row`` so that a joint filing's row appears once
with all its owners; footnotes are resolved to their full text.
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.db import Graph
from graph.read.filters import TRADE_FILTER, GraphFilters
from graph.values import Row

__all__ = ["ENTITY_TRANSACTIONS", "TransactionRow", "resolve_footnotes", "transactions"]

ENTITY_TRANSACTIONS = (
    """
MATCH (e:Entity {cik: $cik})
CALL (e) {
  MATCH (e)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i:Entity) RETURN r, s, i
  UNION
  MATCH (e)<-[:ISSUED_BY]-(s:Security)<-[r:TRANSACTED]-(:Entity) RETURN r, s, e AS i
}
WITH DISTINCT r.row AS row, s, i
WITH row, s, i, head([(o:Entity)-[t:TRANSACTED {row: row}]->(s) | t]) AS r
WHERE """
    + TRADE_FILTER
    + """
MATCH (o:Entity)-[:TRANSACTED {row: row}]->(s)
WITH row, r, s, i, o ORDER BY o.cik
WITH row, r, s, i, collect(o.cik) AS owner_ciks, collect(o.name) AS owner_names
OPTIONAL MATCH (f:Filing {accession: r.accession})
RETURN row, r {.*} AS props, s.title AS security, i.cik AS issuer_cik, i.name AS issuer_name,
       owner_ciks, owner_names, f.url AS url, f.form AS form, f.footnote_ids AS footnote_ids,
       f.footnote_texts AS footnote_texts
ORDER BY r.date DESC, row
LIMIT $limit
"""
)


@dataclass(frozen=True, slots=True)
class TransactionRow:
    """One transaction row of a filing (joint filings: one row, every owner listed)."""

    row: str
    accession: str
    url: str | None
    form: str | None
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
    footnotes: tuple[str, ...]


def resolve_footnotes(
    refs: tuple[str, ...], ids: tuple[str, ...], texts: tuple[str, ...]
) -> tuple[str, ...]:
    """'F1: full text' for every footnote a row cites (refs are 'field:F1'), in id order."""
    by_id = dict(zip(ids, texts, strict=False))
    cited = {ref.rpartition(":")[2] for ref in refs}
    return tuple(f"{fid}: {by_id[fid]}" for fid in ids if fid in cited and fid in by_id)


def transactions(
    graph: Graph, cik: str, filters: GraphFilters, limit: int = 2000
) -> tuple[TransactionRow, ...]:
    """Transactions by or in an entity, newest first, filtered, one row per filing row."""
    params = {"cik": cik, "limit": limit, **filters.params()}
    return tuple(_transaction(r) for r in graph.read(ENTITY_TRANSACTIONS, **params))


def _transaction(r: Row) -> TransactionRow:
    p = r.row("props")
    return TransactionRow(
        row=str(r["row"]),
        accession=str(p.get("accession")),
        url=r.string("url"),
        form=r.string("form"),
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
        footnotes=resolve_footnotes(
            p.strings("footnotes"), r.strings("footnote_ids"), r.strings("footnote_texts")
        ),
    )
