"""Who holds what: the latest reported positions in an issuer's securities, or an owner's.

Positions come from ``HOLDS`` (the latest reported, docs/graph-model.md), roles from
``INSIDER_OF``; a position older than the owner's latest filing about the issuer is flagged
stale; its value uses the latest reported trade price of the security (``last_price``, kept
by the read model, graph/load/readmodel/summaries.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from graph.db import Graph, collected_rows
from graph.read.entity import role_text
from graph.read.provenance import Provenance, provenance
from graph.values import Row

__all__ = [
    "POSITION_PAGE",
    "Position",
    "PositionFilter",
    "position_page",
    "positions",
]

# The positions of an entity that pass the page's filters: superseded, zero shares, derivative,
# and a text in the owner, issuer, security, role or nature (lower case; '' for any). The role
# is looked up here only when there is a text to find: a hub has thousands of positions.
_MATCHING = """
MATCH (e:Entity {cik: $cik})
CALL (e) {
  MATCH (e)<-[:ISSUED_BY]-(s:Security)<-[h:HOLDS]-(o:Entity) RETURN o, h, s, e AS i
  UNION
  MATCH (e)-[h:HOLDS]->(s:Security)-[:ISSUED_BY]->(i:Entity) RETURN e AS o, h, s, i
}
WITH o, h, s, i
WHERE ($superseded OR h.superseded IS NULL) AND ($zero OR h.shares > 0)
  AND ($derivative IS NULL OR s.derivative = $derivative)
  AND CASE WHEN $text = '' THEN true ELSE toLower(
    coalesce(o.name, '') + ' ' + coalesce(i.name, '') + ' ' + coalesce(s.title, '') + ' '
    + coalesce(head([(o)-[role:INSIDER_OF]->(i) |
        CASE WHEN role.director THEN 'director ' ELSE '' END
        + CASE WHEN role.officer THEN 'officer ' + coalesce(role.officer_title, '') + ' '
          ELSE '' END
        + CASE WHEN role.ten_percent_owner THEN '10% owner ' ELSE '' END
        + CASE WHEN role.other THEN 'other ' + coalesce(role.other_text, '') + ' ' ELSE '' END
      ]), '')
    + coalesce(h.nature, '')) CONTAINS $text END
"""

# One pass: every matching position in page order, counted, and the page's rows with their
# role and filing (a hub's count and first page had been two queries over the same positions).
POSITION_PAGE = (
    _MATCHING
    + """WITH o, h, s, i ORDER BY i.name, o.name, s.title, h.direct_indirect, h.nature
WITH collect([o, h, s, i]) AS matching
CALL (matching) {
  UNWIND range($skip, CASE WHEN size(matching) < $skip + $limit THEN size(matching)
                           ELSE $skip + $limit END - 1) AS k
  WITH k, matching[k][0] AS o, matching[k][1] AS h, matching[k][2] AS s, matching[k][3] AS i
  OPTIONAL MATCH (o)-[role:INSIDER_OF]->(i)
  OPTIONAL MATCH (f:Filing {accession: h.accession})
  WITH k, o, h, s, i, role, f ORDER BY k
  RETURN collect({
    price: s.last_price, price_date: toString(s.last_price_date),
    owner_last_filing: toString(role.last_filing), form: f.form, period: toString(f.period),
    owner_cik: o.cik, owner_name: o.name, issuer_cik: i.cik, issuer_name: i.name,
    ticker: i.ticker, security: s.title, derivative: s.derivative, shares: h.shares,
    value: h.value, direct_indirect: h.direct_indirect, nature: h.nature,
    as_of: toString(h.as_of), accession: h.accession, url: f.url,
    joint: coalesce(f.joint, false), director: role.director, officer: role.officer,
    officer_title: role.officer_title, ten_percent_owner: role.ten_percent_owner,
    other: role.other, other_text: role.other_text,
    superseded: coalesce(h.superseded, false)}) AS rows
}
RETURN size(matching) AS total, rows
"""
)

EVERY_ROW = 1_000_000_000  # LIMIT when every matching position is asked for


@dataclass(frozen=True, slots=True)
class PositionFilter:
    """Which positions a page lists: also superseded ones, also those of zero shares, one kind
    of security (derivative or not, None for both), and a text to look for (any case)."""

    superseded: bool = False
    zero: bool = True
    derivative: bool | None = None
    text: str = ""

    def params(self) -> dict[str, object]:
        """Query parameters of POSITION_PAGE."""
        return {
            "superseded": self.superseded,
            "zero": self.zero,
            "derivative": self.derivative,
            "text": self.text.strip().lower(),
        }


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


def positions(
    graph: Graph,
    cik: str,
    superseded: bool = False,
    *,
    only: PositionFilter | None = None,
    skip: int = 0,
    limit: int | None = None,
) -> tuple[Position, ...]:
    """Latest positions in an issuer's securities, and an owner's positions across issuers,
    by issuer, owner and security; with ``superseded`` also those last reported by a superseded
    filing (flagged). ``only`` filters them (it overrides ``superseded``); ``skip`` and
    ``limit`` page them."""
    return position_page(
        graph, cik, only or PositionFilter(superseded=superseded), skip=skip, limit=limit
    )[1]


def position_page(
    graph: Graph, cik: str, only: PositionFilter, *, skip: int = 0, limit: int | None = None
) -> tuple[int, tuple[Position, ...]]:
    """How many positions of the entity pass ``only``, and those of the page from ``skip``
    (``limit`` of them, every one when None), in one query."""
    limit = EVERY_ROW if limit is None else limit
    found = graph.read(POSITION_PAGE, cik=cik, **only.params(), skip=skip, limit=limit)
    if not found:
        return 0, ()
    return found[0].integer("total"), tuple(_position(r) for r in collected_rows(found[0]))


def _position(r: Row) -> Position:
    return Position(
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


def _stale(r: Row) -> bool:
    """Reported before the owner's latest filing about the issuer: possibly no longer held."""
    period, latest = r.date("period"), r.date("owner_last_filing")
    return period is not None and latest is not None and period < latest
