"""Who holds what and transaction tables for one entity (issuer side and owner side).

Positions come from ``HOLDS`` (the latest reported, docs/graph-model.md), roles from
``INSIDER_OF``; transactions from ``TRANSACTED`` grouped by ``r.row`` so that a joint filing's
row appears once with all its owners. Runs through ``graph.queries.fetch``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from neo4j import Driver

from graph.read.entity import role_text
from graph.read.filters import GraphFilters
from graph.read.search import fetch

__all__ = [
    "ENTITY_TRANSACTIONS",
    "POSITIONS",
    "Position",
    "TransactionRow",
    "positions",
    "resolve_footnotes",
    "transactions",
]

POSITIONS = """
MATCH (e:Entity {cik: $cik})
CALL (e) {
  MATCH (e)<-[:ISSUED_BY]-(s:Security)<-[h:HOLDS]-(o:Entity) RETURN o, h, s, e AS i
  UNION
  MATCH (e)-[h:HOLDS]->(s:Security)-[:ISSUED_BY]->(i:Entity) RETURN e AS o, h, s, i
}
OPTIONAL MATCH (o)-[role:INSIDER_OF]->(i)
OPTIONAL MATCH (f:Filing {accession: h.accession})
RETURN o.cik AS owner_cik, o.name AS owner_name, i.cik AS issuer_cik, i.name AS issuer_name,
       i.ticker AS ticker, s.title AS security, s.derivative AS derivative, h.shares AS shares,
       h.value AS value, h.direct_indirect AS direct_indirect, h.nature AS nature,
       h.as_of AS as_of, h.accession AS accession, f.url AS url, coalesce(f.joint, false) AS joint,
       role.director AS director, role.officer AS officer, role.officer_title AS officer_title,
       role.ten_percent_owner AS ten_percent_owner, role.other AS other,
       role.other_text AS other_text
ORDER BY issuer_name, owner_name, security, direct_indirect, nature
"""

ENTITY_TRANSACTIONS = """
MATCH (e:Entity {cik: $cik})
CALL (e) {
  MATCH (e)-[r:TRANSACTED]->(s:Security)-[:ISSUED_BY]->(i:Entity) RETURN r, s, i
  UNION
  MATCH (e)<-[:ISSUED_BY]-(s:Security)<-[r:TRANSACTED]-(:Entity) RETURN r, s, e AS i
}
WITH DISTINCT r.row AS row, s, i
WITH row, s, i, head([(o:Entity)-[t:TRANSACTED {row: row}]->(s) | t]) AS r
WHERE ($start IS NULL OR r.date >= date($start)) AND ($end IS NULL OR r.date <= date($end))
  AND (size($codes) = 0 OR r.code IN $codes)
  AND ($derivative IS NULL OR r.derivative = $derivative)
  AND ($min_value <= 0 OR coalesce(r.value, 0) >= $min_value)
MATCH (o:Entity)-[:TRANSACTED {row: row}]->(s)
WITH row, r, s, i, collect(o.cik) AS owner_ciks, collect(o.name) AS owner_names
OPTIONAL MATCH (f:Filing {accession: r.accession})
RETURN row, r {.*} AS props, s.title AS security, i.cik AS issuer_cik, i.name AS issuer_name,
       owner_ciks, owner_names, f.url AS url, f.form AS form, f.footnote_ids AS footnote_ids,
       f.footnote_texts AS footnote_texts
ORDER BY r.date DESC, row
LIMIT $limit
"""


@dataclass(frozen=True, slots=True)
class Position:
    """An owner's latest reported position in one security (one HOLDS edge)."""

    owner_cik: str
    owner_name: str | None
    issuer_cik: str
    issuer_name: str | None
    ticker: str | None
    security: str | None
    derivative: bool
    shares: float | None
    value: float | None
    direct_indirect: str | None
    nature: str | None
    as_of: str | None
    role: str
    joint: bool
    accession: str | None
    url: str | None


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


def positions(driver: Driver, cik: str, *, database: str) -> tuple[Position, ...]:
    """Latest positions in an issuer's securities, and an owner's positions across issuers."""
    rows = fetch(driver, POSITIONS, {"cik": cik}, database=database)
    return tuple(
        Position(
            str(r["owner_cik"]),
            _s(r["owner_name"]),
            str(r["issuer_cik"]),
            _s(r["issuer_name"]),
            _s(r["ticker"]),
            _s(r["security"]),
            bool(r["derivative"]),
            _f(r["shares"]),
            _f(r["value"]),
            _s(r["direct_indirect"]),
            _s(r["nature"]),
            _s(r["as_of"]),
            role_text(r),
            bool(r["joint"]),
            _s(r["accession"]),
            _s(r["url"]),
        )
        for r in rows
    )


def resolve_footnotes(refs: object, ids: object, texts: object) -> tuple[str, ...]:
    """'F1: full text' for every footnote a row cites (refs are 'field:F1'), in id order."""
    by_id = dict(zip(_list(ids), _list(texts), strict=False))
    cited = {str(ref).rpartition(":")[2] for ref in _list(refs)}
    return tuple(f"{fid}: {by_id[fid]}" for fid in _list(ids) if fid in cited and fid in by_id)


def transactions(
    driver: Driver, cik: str, filters: GraphFilters, *, database: str, limit: int = 2000
) -> tuple[TransactionRow, ...]:
    """Transactions by or in an entity, newest first, filtered, one row per filing row."""
    params = {"cik": cik, "limit": limit, **filters.params()}
    return tuple(
        _transaction(r) for r in fetch(driver, ENTITY_TRANSACTIONS, params, database=database)
    )


def _transaction(r: Mapping[str, object]) -> TransactionRow:
    p: Mapping[str, object] = r["props"]  # type: ignore[assignment]
    return TransactionRow(
        row=str(r["row"]),
        accession=str(p.get("accession")),
        url=_s(r["url"]),
        form=_s(r["form"]),
        date=_s(p.get("date")),
        code=_s(p.get("code")),
        acquired_disposed=_s(p.get("acquired_disposed")),
        security=_s(r["security"]),
        derivative=bool(p.get("derivative")),
        shares=_f(p.get("shares")),
        price=_f(p.get("price")),
        value=_f(p.get("value")),
        shares_after=_f(p.get("shares_after")),
        direct_indirect=_s(p.get("direct_indirect")),
        nature=_s(p.get("nature")),
        issuer_cik=str(r["issuer_cik"]),
        issuer_name=_s(r["issuer_name"]),
        owner_ciks=tuple(_list(r["owner_ciks"])),
        owner_names=tuple(_list(r["owner_names"])),
        footnotes=resolve_footnotes(p.get("footnotes"), r["footnote_ids"], r["footnote_texts"]),
    )


def _list(value: object) -> list[str]:
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def _s(value: object) -> str | None:
    return None if value is None else str(value)


def _f(value: object) -> float | None:
    return float(value) if isinstance(value, int | float) else None
