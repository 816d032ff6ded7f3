"""Finding entities: exact CIK/ticker matches, the full-text index, and type-ahead options.

Every function returns frozen, picklable records of plain values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graph.db import Graph
from ingest.records import cik_key

__all__ = [
    "OPTIONS_CAP",
    "EntityOption",
    "EntityOptions",
    "SearchHit",
    "entity_options",
    "lucene_query",
    "normalise_cik",
    "option_label",
    "search_entities",
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

OPTIONS_CAP = 5_000

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


def normalise_cik(text: str) -> str | None:
    """A CIK typed by a user ('789019', 'CIK0000789019') as 10 digits, or None."""
    return cik_key(text.strip().upper().removeprefix("CIK"))


def lucene_query(text: str) -> str:
    """A safe prefix query for the full-text index: every word escaped, all required."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", word.lower()) for word in text.split()]
    return " AND ".join(f"{word}*" for word in words if word)


def search_entities(graph: Graph, text: str, limit: int = 20) -> tuple[SearchHit, ...]:
    """Entities whose CIK or ticker equals the text, then full-text matches on name/ticker."""
    if not text.strip():
        return ()
    exact = {"cik": normalise_cik(text) or "", "ticker": text.strip().upper()}
    rows = graph.read(SEARCH_EXACT, **exact)
    lucene = lucene_query(text)
    if lucene:
        fulltext = {"lucene": lucene, "limit": limit}
        rows += graph.read(SEARCH_FULLTEXT, **fulltext)
    hits: dict[str, SearchHit] = {}
    for row in rows:
        cik = str(row["cik"])
        if cik not in hits:
            hits[cik] = SearchHit(
                cik,
                row.string("name"),
                row.string("ticker"),
                row.strings("labels"),
                (row.number("score") or 0.0),
            )
    return tuple(hits.values())[:limit]


def option_label(
    cik: str, name: str | None, ticker: str | None, labels: tuple[str, ...], names: tuple[str, ...]
) -> str:
    """'MICROSOFT CORP (MSFT) · issuer · 0000789019', then a person's name in natural order
    ('Musk Elon' → 'Elon Musk', so either order finds it) and every other spelling."""
    kind = " + ".join(k.lower() for k in ("Issuer", "Owner") if k in labels) or "entity"
    head = f"{name or cik}{f' ({ticker})' if ticker else ''} · {kind} · {cik}"
    if name and "Person" in labels and len(name.split()) > 1:
        last, *given = name.split()
        head += " · " + " ".join([*given, last]).title()
    others = [n for n in dict.fromkeys(names) if n and n != name]
    return head + (f" · also {'; '.join(others)}" if others else "")


def entity_options(graph: Graph, cap: int | None = None) -> EntityOptions:
    """Up to ``cap`` (default ``OPTIONS_CAP``) entities, issuers first, then the latest
    filers, labelled for type-ahead."""
    cap = OPTIONS_CAP if cap is None else cap
    rows = graph.read(ENTITY_OPTIONS, limit=cap + 1)
    options = [
        EntityOption(
            str(r["cik"]),
            option_label(
                str(r["cik"]),
                r.string("name"),
                r.string("ticker"),
                r.strings("labels"),
                r.strings("names"),
            ),
        )
        for r in rows[:cap]
    ]
    options.sort(key=lambda o: (o.label.casefold(), o.cik))
    return EntityOptions(tuple(options), len(rows) > cap, cap)
