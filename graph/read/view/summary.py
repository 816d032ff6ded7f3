"""The unfiltered entity view read from the read model (graph/load/readmodel/), not from rows.

A hub's neighbourhood holds hundreds of entities and tens of thousands of trade rows, but a view
draws at most a few hundred nodes. Without trade filters the values that rank the nodes are the
``TRADES_IN`` summaries, so the entities are cut to the view's limit first (``preselect``) and
only then are their edges read, the trades as one ``TRADES`` summary per owner and security
(``trade_rows``). The nodes left out are still counted, so the "N more" node tells the truth.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from graph.db import Graph
from graph.read.view.bound import rank
from graph.read.view.subgraph import SubgraphNode
from graph.values import Row

__all__ = [
    "PAIR_VALUES",
    "PAIR_VALUES_BY_ISSUER",
    "SECURITIES_BY_ISSUER",
    "SECURITIES_OF",
    "SUMMARY_TRADE_EDGES",
    "SUMMARY_TRADE_EDGES_BY_ISSUER",
    "Preselection",
    "preselect",
    "trade_rows",
]


# Each question below is asked from the owners' side (a fund's view: one owner in hundreds of
# issuers) or from the issuers' side (an issuer hub's view: hundreds of owners, each an insider
# of other issuers too), whichever walks fewer relationships (``_from_issuers``).

# Owner-issuer pairs inside the neighbourhood.
PAIR_VALUES = """
UNWIND $ciks AS cik
MATCH (o:Entity {cik: cik})-[t:TRADES_IN]->(i:Entity)
WHERE i.cik IN $ciks
RETURN collect({owner: o.cik, issuer: i.cik, value: coalesce(t.value, 0.0), trades: t.trades})
       AS rows
"""
PAIR_VALUES_BY_ISSUER = """
UNWIND $issuers AS cik
MATCH (i:Entity {cik: cik})<-[t:TRADES_IN]-(o:Entity)
WHERE o.cik IN $ciks
RETURN collect({owner: o.cik, issuer: i.cik, value: coalesce(t.value, 0.0), trades: t.trades})
       AS rows
"""

# The securities a full view would draw: those of the neighbourhood's issuers that one of its
# owners traded or holds (a current position).
SECURITIES_BY_ISSUER = """
UNWIND $issuers AS cik
MATCH (:Entity {cik: cik})<-[:ISSUED_BY]-(s:Security)
WHERE EXISTS { MATCH (o:Entity)-[:TRADES]->(s) WHERE o.cik IN $ciks }
   OR EXISTS { MATCH (o:Entity)-[h:HOLDS]->(s) WHERE o.cik IN $ciks AND h.superseded IS NULL }
RETURN count(DISTINCT s) AS securities
"""
SECURITIES_OF = """
CALL () {
  UNWIND $ciks AS cik
  MATCH (:Entity {cik: cik})-[:TRADES]->(s:Security) WHERE s.issuer_cik IN $ciks
  RETURN s
  UNION
  UNWIND $ciks AS cik
  MATCH (:Entity {cik: cik})-[h:HOLDS]->(s:Security)
  WHERE s.issuer_cik IN $ciks AND h.superseded IS NULL
  RETURN s
}
RETURN count(s) AS securities
"""

_SUMMARY_COLUMNS = """
WITH o, s, t ORDER BY o.cik, s.id
RETURN collect({source: o.cik, target: s.id, title: s.title, derivative: s.derivative,
                issuer: s.issuer_cik, codes: t.codes, counts: t.counts, shares: t.shares,
                values: t.values, joint_value: t.joint_value, first: toString(t.first),
                last: toString(t.last)}) AS rows
"""
SUMMARY_TRADE_EDGES = (
    """
UNWIND $ciks AS cik
MATCH (o:Entity {cik: cik})-[t:TRADES]->(s:Security)
WHERE s.issuer_cik IN $ciks"""
    + _SUMMARY_COLUMNS
)
SUMMARY_TRADE_EDGES_BY_ISSUER = (
    """
UNWIND $issuers AS cik
MATCH (:Entity {cik: cik})<-[:ISSUED_BY]-(s:Security)<-[t:TRADES]-(o:Entity)
WHERE o.cik IN $ciks"""
    + _SUMMARY_COLUMNS
)


@dataclass(frozen=True, slots=True)
class Preselection:
    """The entities to read edges for; when some were left out, how many, and how many
    securities the whole neighbourhood would draw (to count what the view leaves out)."""

    entities: dict[str, SubgraphNode]
    dropped: int = 0
    securities: int = 0
    issuers: list[str] = field(default_factory=list)  # the kept entities that are issuers
    by_issuer: bool = False  # read the kept entities' edges from the issuers' side

    def unseen(self, securities_drawn: int) -> int:
        """Drawable nodes left out before bounding, given the securities the kept draw."""
        return self.dropped + max(self.securities - securities_drawn, 0) if self.dropped else 0


def preselect(
    graph: Graph,
    entities: Mapping[str, SubgraphNode],
    pinned: Sequence[str],
    limit: int,
    degrees: Mapping[str, tuple[int, int]],
) -> Preselection:
    """The pinned entities and the top ``limit`` others inside the neighbourhood, ranked as
    bound.py ranks them. ``degrees``: each entity's (issuers, insiders) counts."""
    ciks = list(entities)
    issuers = [c for c in ciks if "Issuer" in entities[c].labels]
    by_issuer = _from_issuers(issuers, ciks, degrees)
    if len(entities) <= limit:
        return Preselection(dict(entities), issuers=issuers, by_issuer=by_issuer)
    value = dict.fromkeys(entities, 0.0)
    rows = dict.fromkeys(entities, 0)
    pairs = PAIR_VALUES_BY_ISSUER if by_issuer else PAIR_VALUES
    counted = SECURITIES_BY_ISSUER if by_issuer else SECURITIES_OF
    with ThreadPoolExecutor(max_workers=1) as pool:  # both questions asked at once
        securities = pool.submit(graph.read, counted, ciks=ciks, issuers=issuers)
        pair_rows = graph.read_rows(pairs, ciks=ciks, issuers=issuers)
        counted_rows = securities.result()
    for row in pair_rows:
        for cik in (str(row["owner"]), str(row["issuer"])):
            value[cik] += row.number("value") or 0.0
            rows[cik] += row.integer("trades")
    first = [c for c in dict.fromkeys(pinned) if c in entities]
    rest = sorted(
        (c for c in entities if c not in first),
        key=lambda c: rank(value[c], rows[c], entities[c].hops, c),
    )
    kept = first + rest[: max(limit - len(first), 0)]
    kept_issuers = [c for c in kept if "Issuer" in entities[c].labels]
    return Preselection(
        {c: entities[c] for c in kept},
        len(entities) - len(kept),
        counted_rows[0].integer("securities") if counted_rows else 0,
        kept_issuers,
        _from_issuers(kept_issuers, kept, degrees),
    )


def _from_issuers(
    issuers: Sequence[str], ciks: Sequence[str], degrees: Mapping[str, tuple[int, int]]
) -> bool:
    """True when the issuers' insiders are fewer than the owners' issuers (the walk's length)."""
    from_owners = sum(degrees.get(c, (0, 0))[0] for c in ciks)
    return sum(degrees.get(c, (0, 0))[1] for c in issuers) < from_owners


def trade_rows(graph: Graph, chosen: Preselection) -> tuple[list[Row], dict[str, float]]:
    """Per-code trade rows shaped as neighbourhood.TRADE_EDGES returns them, from the TRADES
    summaries, and each security's traded value (one owner's joint rows stand for its
    co-filers', who reported the same rows)."""
    rows: list[Row] = []
    solo: dict[str, float] = {}
    joint: dict[str, float] = {}
    query = SUMMARY_TRADE_EDGES_BY_ISSUER if chosen.by_issuer else SUMMARY_TRADE_EDGES
    for edge in graph.read_rows(query, ciks=list(chosen.entities), issuers=chosen.issuers):
        sid = str(edge["target"])
        values = [float(v) if isinstance(v, int | float) else 0.0 for v in _list(edge, "values")]
        shared = edge.number("joint_value") or 0.0
        solo[sid] = solo.get(sid, 0.0) + sum(values) - shared
        joint[sid] = max(joint.get(sid, 0.0), shared)
        codes, counts, shares = _list(edge, "codes"), _list(edge, "counts"), _list(edge, "shares")
        for code, count, traded, value in zip(codes, counts, shares, values, strict=True):
            rows.append(
                Row(
                    source=edge["source"],
                    target=sid,
                    title=edge["title"],
                    derivative=edge["derivative"],
                    issuer=edge["issuer"],
                    code=code or None,
                    n=count,
                    shares=traded,
                    value=value,
                    first=edge["first"],
                    last=edge["last"],
                )
            )
    return rows, {sid: solo[sid] + joint.get(sid, 0.0) for sid in solo}


def _list(row: Row, key: str) -> list[object]:
    value = row.get(key)
    return value if isinstance(value, list) else []
