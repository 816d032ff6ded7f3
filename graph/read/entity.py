"""An entity's profile: names, labels, roles (INSIDER_OF both ways), filing dates, address.

Read through the one read handle, ``graph.db.Graph``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from graph.db import Graph

__all__ = ["ENTITY_PROFILE", "ENTITY_ROLES", "EntityProfile", "Role", "entity_profile", "role_text"]

ENTITY_PROFILE = """
MATCH (e:Entity {cik: $cik})
OPTIONAL MATCH (e)-[:FILED]->(f:Filing)
WITH e, count(f) AS owner_filings
OPTIONAL MATCH (:Filing)-[a:ABOUT]->(e)
RETURN e {.*} AS props, labels(e) AS labels, owner_filings, count(a) AS issuer_filings
"""

ENTITY_ROLES = """
MATCH (e:Entity {cik: $cik})
CALL (e) {
  MATCH (e)-[r:INSIDER_OF]->(other:Entity) RETURN 'insider of' AS direction, other, r
  UNION
  MATCH (other:Entity)-[r:INSIDER_OF]->(e) RETURN 'insider' AS direction, other, r
}
RETURN direction, other.cik AS cik, other.name AS name, r.director AS director,
       r.officer AS officer, r.officer_title AS officer_title,
       r.ten_percent_owner AS ten_percent_owner, r.other AS other, r.other_text AS other_text,
       r.first_filing AS first_filing, r.last_filing AS last_filing
ORDER BY direction, last_filing DESC, name
"""

_ADDRESS_KEYS = ("street1", "street2", "city", "state", "zip_code", "state_description")


@dataclass(frozen=True, slots=True)
class Role:
    """One INSIDER_OF edge seen from an entity: 'insider of' an issuer, or its 'insider'."""

    direction: str
    cik: str
    name: str | None
    roles: str
    first_filing: str | None
    last_filing: str | None


@dataclass(frozen=True, slots=True)
class EntityProfile:
    """Who an entity is: names, labels, roles, filing dates, address."""

    cik: str
    name: str | None
    names: tuple[str, ...]
    ticker: str | None
    labels: tuple[str, ...]
    first_filing: str | None
    last_filing: str | None
    address: tuple[str, ...]
    filings: int
    roles: tuple[Role, ...]


def role_text(row: Mapping[str, object]) -> str:
    """'Director, Officer (CEO), 10% owner, Other (text)' from INSIDER_OF properties."""
    parts = []
    if row.get("director"):
        parts.append("Director")
    if row.get("officer"):
        title = row.get("officer_title")
        parts.append(f"Officer ({title})" if title else "Officer")
    if row.get("ten_percent_owner"):
        parts.append("10% owner")
    if row.get("other"):
        text = row.get("other_text")
        parts.append(f"Other ({text})" if text else "Other")
    return ", ".join(parts)


def entity_profile(graph: Graph, cik: str) -> EntityProfile | None:
    """The profile of one entity, or None when the CIK is not in the graph."""
    rows = graph.read(ENTITY_PROFILE, cik=cik)
    if not rows:
        return None
    props = rows[0].row("props")
    roles = tuple(
        Role(
            str(r["direction"]),
            str(r["cik"]),
            r.string("name"),
            role_text(r),
            r.string("first_filing"),
            r.string("last_filing"),
        )
        for r in graph.read(ENTITY_ROLES, cik=cik)
    )
    filings = rows[0].integer("owner_filings") + rows[0].integer("issuer_filings")
    return EntityProfile(
        cik=cik,
        name=props.string("name"),
        names=props.strings("names"),
        ticker=props.string("ticker"),
        labels=rows[0].strings("labels"),
        first_filing=props.string("first_filing") or props.string("first_filed"),
        last_filing=props.string("last_filing") or props.string("last_filed"),
        address=tuple(str(props[k]) for k in _ADDRESS_KEYS if props.get(k)),
        filings=filings,
        roles=roles,
    )
