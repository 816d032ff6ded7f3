"""Named read queries of the explorer: search and landing stats, and the shared ``fetch``.

The profile is in graph/profile.py, holdings and transactions in graph/tables.py, the graph in
graph/neighbourhood.py, connections in graph/connections.py, screens in graph/screens.py.
Every function returns frozen, picklable records of plain values.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from neo4j import Driver, RoutingControl
from neo4j.exceptions import DriverError, Neo4jError

from graph.read.console import QueryError
from graph.values import to_plain

__all__ = [
    "ENTITY_OPTIONS",
    "LANDING_COUNTS",
    "LATEST_FILINGS",
    "OPTIONS_CAP",
    "SEARCH_EXACT",
    "SEARCH_FULLTEXT",
    "EntityOption",
    "EntityOptions",
    "FilingSummary",
    "LandingStats",
    "SearchHit",
    "entity_options",
    "fetch",
    "landing_stats",
    "lucene_query",
    "normalise_cik",
    "option_label",
    "search_entities",
    "to_float",
    "to_int",
    "to_str",
    "to_strs",
]

SEARCH_EXACT = """
MATCH (e:Entity) WHERE e.cik = $cik OR e.ticker = $ticker
RETURN e.cik AS cik, e.name AS name, e.ticker AS ticker, labels(e) AS labels, 100.0 AS score
"""

SEARCH_FULLTEXT = """
CALL db.index.fulltext.queryNodes('entity_search', $lucene, {limit: $limit})
YIELD node, score
RETURN node.cik AS cik, node.name AS name, node.ticker AS ticker, labels(node) AS labels, score
ORDER BY score DESC, name
"""

# Issuers first, then owners by their latest filing: what the cap keeps when it bites.
ENTITY_OPTIONS = """
MATCH (e:Entity)
RETURN e.cik AS cik, e.name AS name, e.names AS names, e.ticker AS ticker, labels(e) AS labels
ORDER BY e:Issuer DESC, coalesce(e.last_filing, '') DESC, e.cik
LIMIT $limit
"""

OPTIONS_CAP = 50_000

LANDING_COUNTS = """
CALL () { MATCH (e:Issuer) RETURN count(e) AS issuers }
CALL () { MATCH (e:Owner) RETURN count(e) AS owners }
CALL () { MATCH (s:Security) RETURN count(s) AS securities }
CALL () {
  MATCH (f:Filing) RETURN count(f) AS filings, min(f.period) AS first, max(f.period) AS last
}
CALL () { MATCH ()-[r:TRANSACTED]->() RETURN count(DISTINCT r.row) AS transactions }
RETURN issuers, owners, securities, filings, transactions, first, last
"""

LATEST_FILINGS = """
MATCH (f:Filing)-[:ABOUT]->(i:Entity)
WITH f, i ORDER BY coalesce(f.filed, f.period) DESC, f.accession DESC LIMIT $limit
OPTIONAL MATCH (o:Entity)-[:FILED]->(f)
RETURN f.accession AS accession, f.form AS form, f.period AS period, f.filed AS filed,
       i.cik AS issuer_cik, i.name AS issuer_name, collect(o.name) AS owners, f.url AS url
ORDER BY coalesce(filed, period) DESC, accession DESC
"""

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


@dataclass(frozen=True, slots=True)
class SearchHit:
    """An entity matching a search, best first."""

    cik: str
    name: str | None
    ticker: str | None
    labels: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True)
class EntityOption:
    """One entity offered by the type-ahead: its CIK and the text it is found by."""

    cik: str
    label: str


@dataclass(frozen=True, slots=True)
class EntityOptions:
    """Every entity for the type-ahead, sorted by label; ``truncated`` when the cap cut it."""

    options: tuple[EntityOption, ...]
    truncated: bool
    cap: int


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


def fetch(
    driver: Driver, query: str, params: Mapping[str, object], *, database: str
) -> list[dict[str, object]]:
    """Run a named read query and return its records as dicts of plain values."""
    try:
        records, _, _ = driver.execute_query(
            query, dict(params), database_=database, routing_=RoutingControl.READ
        )
    except Neo4jError as err:
        raise QueryError(err.message or str(err)) from err
    except DriverError as err:
        raise QueryError(f"Neo4j is not reachable: {err}") from err
    return [{key: to_plain(value) for key, value in record.items()} for record in records]


def normalise_cik(text: str) -> str | None:
    """A CIK typed by a user ('789019', 'CIK0000789019') as 10 digits, or None."""
    digits = text.strip().upper().removeprefix("CIK")
    return digits.zfill(10) if digits.isdigit() and len(digits) <= 10 else None


def lucene_query(text: str) -> str:
    """A safe prefix query for the full-text index: every word escaped, all required."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word.lower()) for word in text.split()]
    return " AND ".join(f"{word}*" for word in words if word)


def search_entities(
    driver: Driver, text: str, *, database: str, limit: int = 20
) -> tuple[SearchHit, ...]:
    """Entities whose CIK or ticker equals the text, then full-text matches on name/ticker."""
    if not text.strip():
        return ()
    exact = {"cik": normalise_cik(text) or "", "ticker": text.strip().upper()}
    rows = fetch(driver, SEARCH_EXACT, exact, database=database)
    lucene = lucene_query(text)
    if lucene:
        fulltext = {"lucene": lucene, "limit": limit}
        rows += fetch(driver, SEARCH_FULLTEXT, fulltext, database=database)
    hits: dict[str, SearchHit] = {}
    for row in rows:
        cik = str(row["cik"])
        if cik not in hits:
            hits[cik] = SearchHit(
                cik,
                to_str(row["name"]),
                to_str(row["ticker"]),
                to_strs(row["labels"]),
                to_float(row["score"]),
            )
    return tuple(hits.values())[:limit]


def option_label(
    cik: str, name: str | None, ticker: str | None, labels: tuple[str, ...], names: tuple[str, ...]
) -> str:
    """'MICROSOFT CORP (MSFT) · issuer · 0000789019', then every other spelling of the name."""
    kind = " + ".join(k.lower() for k in ("Issuer", "Owner") if k in labels) or "entity"
    head = f"{name or cik}{f' ({ticker})' if ticker else ''} · {kind} · {cik}"
    others = [n for n in dict.fromkeys(names) if n and n != name]
    return head + (f" · also {'; '.join(others)}" if others else "")


def entity_options(driver: Driver, *, database: str, cap: int = OPTIONS_CAP) -> EntityOptions:
    """Up to ``cap`` entities (issuers first, then the latest filers) labelled for type-ahead."""
    rows = fetch(driver, ENTITY_OPTIONS, {"limit": cap + 1}, database=database)
    options = [
        EntityOption(
            str(r["cik"]),
            option_label(
                str(r["cik"]),
                to_str(r["name"]),
                to_str(r["ticker"]),
                to_strs(r["labels"]),
                to_strs(r["names"]),
            ),
        )
        for r in rows[:cap]
    ]
    options.sort(key=lambda o: (o.label.casefold(), o.cik))
    return EntityOptions(tuple(options), len(rows) > cap, cap)


def landing_stats(driver: Driver, *, database: str, latest: int = 10) -> LandingStats:
    """Counts, period range and the latest filings (transactions count distinct rows)."""
    counts = fetch(driver, LANDING_COUNTS, {}, database=database)[0]
    rows = fetch(driver, LATEST_FILINGS, {"limit": latest}, database=database)
    filings = tuple(
        FilingSummary(
            str(r["accession"]),
            to_str(r["form"]),
            to_str(r["period"]),
            to_str(r["filed"]),
            str(r["issuer_cik"]),
            to_str(r["issuer_name"]),
            to_strs(r["owners"]),
            to_str(r["url"]),
        )
        for r in rows
    )
    return LandingStats(
        to_int(counts["issuers"]),
        to_int(counts["owners"]),
        to_int(counts["securities"]),
        to_int(counts["filings"]),
        to_int(counts["transactions"]),
        to_str(counts["first"]),
        to_str(counts["last"]),
        filings,
    )


def to_str(value: object) -> str | None:
    return None if value is None else str(value)


def to_strs(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def to_int(value: object) -> int:
    return int(value) if isinstance(value, int | float | str) else 0


def to_float(value: object) -> float:
    """A number from a driver value; 0.0 for null or anything else that is not one."""
    return float(value) if isinstance(value, int | float | str) else 0.0
