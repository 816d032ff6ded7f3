"""Who holds what: the latest reported positions in an issuer's securities, or an owner's.

Positions come from ``HOLDS`` (the latest reported, docs/graph-model.md), roles from
``INSIDER_OF``; a position older than the owner's latest filing about the issuer is flagged
stale; its value uses the latest reported trade price of the security (``last_price``, kept
by the read model, graph/load/summaries.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.db import Graph
from graph.read.entity import role_text
from graph.read.provenance import Provenance, provenance
from graph.values import Row

__all__ = ["POSITIONS", "Position", "positions"]

POSITIONS = """
MATCH (e:Entity {cik: $cik})
CALL (e) {
  MATCH (e)<-[:ISSUED_BY]-(s:Security)<-[h:HOLDS]-(o:Entity) RETURN o, h, s, e AS i
  UNION
  MATCH (e)-[h:HOLDS]->(s:Security)-[:ISSUED_BY]->(i:Entity) RETURN e AS o, h, s, i
}
WITH o, h, s, i WHERE $superseded OR h.superseded IS NULL
OPTIONAL MATCH (o)-[role:INSIDER_OF]->(i)
OPTIONAL MATCH (f:Filing {accession: h.accession})
RETURN s.last_price AS price, s.last_price_date AS price_date,
       role.last_filing AS owner_last_filing, f.form AS form,
       f.period AS period, o.cik AS owner_cik, o.name AS owner_name, i.cik AS issuer_cik,
       i.name AS issuer_name,
       i.ticker AS ticker, s.title AS security, s.derivative AS derivative, h.shares AS shares,
       h.value AS value, h.direct_indirect AS direct_indirect, h.nature AS nature,
       h.as_of AS as_of, h.accession AS accession, f.url AS url, coalesce(f.joint, false) AS joint,
       role.director AS director, role.officer AS officer, role.officer_title AS officer_title,
       role.ten_percent_owner AS ten_percent_owner, role.other AS other,
       role.other_text AS other_text, coalesce(h.superseded, false) AS superseded
ORDER BY issuer_name, owner_name, security, direct_indirect, nature
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
    form: str | None
    period: str | None
    price: float | None
    price_date: str | None
    stale: bool
    superseded: bool = False  # last reported by a filing its amendment restates

    @property
    def market_value(self) -> float | None:
        """Shares times the latest reported price of the security (as of ``price_date``)."""
        if self.shares is None or self.price is None:
            return None
        return self.shares * self.price

    @property
    def provenance(self) -> Provenance:
        """The position's filing as a person reads it, and its best EDGAR link."""
        return provenance(
            accession=self.accession or "",
            url=self.url,
            form=self.form,
            period=self.period,
            owner_cik=self.owner_cik,
            owner_names=(self.owner_name or self.owner_cik,),
            issuer_cik=self.issuer_cik,
        )


def positions(graph: Graph, cik: str, superseded: bool = False) -> tuple[Position, ...]:
    """Latest positions in an issuer's securities, and an owner's positions across issuers;
    with ``superseded`` also those last reported by a superseded filing (flagged)."""
    rows = graph.read(POSITIONS, cik=cik, superseded=superseded)
    return tuple(
        Position(
            str(r["owner_cik"]),
            r.string("owner_name"),
            str(r["issuer_cik"]),
            r.string("issuer_name"),
            r.string("ticker"),
            r.string("security"),
            bool(r["derivative"]),
            r.number("shares"),
            r.number("value"),
            r.string("direct_indirect"),
            r.string("nature"),
            r.string("as_of"),
            role_text(r),
            bool(r["joint"]),
            r.string("accession"),
            r.string("url"),
            r.string("form"),
            r.string("period"),
            r.number("price"),
            r.string("price_date"),
            _stale(r),
            bool(r["superseded"]),
        )
        for r in rows
    )


def _stale(r: Row) -> bool:
    """Reported before the owner's latest filing about the issuer: possibly no longer held."""
    period, latest = r.date("period"), r.date("owner_last_filing")
    return period is not None and latest is not None and period < latest
