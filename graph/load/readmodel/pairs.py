"""The read model's top pairs: the whole graph's "issuers sharing insiders" and "co-filers"
tables, kept as ``(a)-[:SHARES_INSIDERS {count, insiders}]->(b)`` and
``(a)-[:FILES_WITH {count, accessions, labels}]->(b)`` (a's CIK below b's; the shared insiders'
CIKs, the latest ten joint filings; ``a_name`` and ``b_name``, the names they were ranked by) for
the ``TOP_PAIRS`` pairs that rank first as the Connections page orders them (count, then a's
name, then b's), so the page reads a thousand relationships, not every pair nor a hub's filings.

A run marks ``:StalePairs`` what changes a pair (stale.py says what);
at the end of the run only the pairs with a marked end are counted again and merged with the
kept ones (pair_counts.merged_top), unless that cannot be exact or more than
``TOUCHED_SHARE`` of the entities are marked: then every pair is counted, as after a bulk load
and in the model upgrade. Both sets are replaced in
one transaction that first takes the ``:Model`` node's lock and the marks, so two runs ending
at once count one after the other, and a run killed before counting leaves its marks to the
next.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from enum import Enum

from neo4j import Driver, ManagedTransaction

from graph.load.readmodel import pair_counts as pc
from graph.load.readmodel.pair_counts import JointFiling, KeptPair, Pair
from graph.read import model

__all__ = [
    "JOINT_OWNERS",
    "OWNERS_OF_SEVERAL",
    "Counted",
    "read_insiders",
    "read_joint_filings",
    "refresh_pairs",
    "refresh_pairs_if_stale",
]

# Only insiders of two issuers or more make a pair (``issuers``: the read model's degree).
OWNERS_OF_SEVERAL = """
MATCH (o:Entity) WHERE o.issuers >= 2
RETURN o.cik AS cik, COLLECT { MATCH (o)-[:INSIDER_OF]->(i:Entity) RETURN i.cik } AS ciks
"""
INSIDERS_OF = """
UNWIND $ciks AS cik
MATCH (:Entity {cik: cik})<-[:INSIDER_OF]-(o:Entity) WHERE o.issuers >= 2
WITH DISTINCT o
RETURN o.cik AS cik, COLLECT { MATCH (o)-[:INSIDER_OF]->(i:Entity) RETURN i.cik } AS ciks
"""
# A joint filing as the co-filers tables name it (graph/read/links.py: form and period).
_JOINT = """
RETURN f.owner_ciks AS ciks, f.accession AS accession, toString(f.filed) AS filed,
       f.form + ' ' + coalesce(toString(f.period), '') AS label
"""
JOINT_OWNERS = "MATCH (f:Filing) WHERE f.joint = true" + _JOINT
JOINT_FILINGS_OF = (
    """
UNWIND $ciks AS cik
MATCH (:Entity {cik: cik})-[:FILED]->(f:Filing) WHERE f.joint = true
WITH DISTINCT f"""
    + _JOINT
)
NAMES = "UNWIND $ciks AS cik MATCH (e:Entity {cik: cik}) RETURN e.cik AS cik, e.name AS name"
_KEPT = """
MATCH (a:Entity)-[k:%s]->(b:Entity)
RETURN a.cik AS a, b.cik AS b, k.count AS count, k.a_name AS a_name, k.b_name AS b_name,
       properties(k) AS props
"""
KEPT_SHARES_INSIDERS = _KEPT % "SHARES_INSIDERS"
KEPT_FILES_WITH = _KEPT % "FILES_WITH"
_REPLACE = """
MATCH ()-[old:%s]->() DELETE old
WITH count(*) AS dropped
UNWIND $pairs AS pair
MATCH (a:Entity {cik: pair.a}), (b:Entity {cik: pair.b})
CREATE (a)-[k:%s]->(b)
SET k = pair.props
"""
REPLACE_SHARES_INSIDERS = _REPLACE % ("SHARES_INSIDERS", "SHARES_INSIDERS")
REPLACE_FILES_WITH = _REPLACE % ("FILES_WITH", "FILES_WITH")
ANY_TOUCHED = "RETURN EXISTS { (:StalePairs) } AS any"
ENTITIES = "MATCH (e:Entity) RETURN count(e) AS entities"
# Past this share of the entities marked, reading the marked ones' lists costs more than
# reading every list (a quarter's run marks 2.7 %; docs/benchmarks.md, round ten): every pair
# is counted.
TOUCHED_SHARE = 0.02
# The count's first write takes the :Model node's lock, so two runs ending at once count one
# after the other: the second reads what the first wrote, and every batch of both.
TAKE_LOCK = "MATCH (m:Model {name: 'ownergraph'}) SET m.counting_pairs = true"
TAKE_TOUCHED = "MATCH (e:StalePairs) REMOVE e:StalePairs RETURN e.cik AS cik"
RELEASE_LOCK = "MATCH (m:Model {name: 'ownergraph'}) REMOVE m.counting_pairs"


class Counted(Enum):
    """How ``refresh_pairs_if_stale`` counted: not at all, only the touched pairs, or all."""

    NOTHING = "nothing"
    TOUCHED = "touched"
    EVERY = "every"


def read_insiders(tx: ManagedTransaction, among: list[str] | None = None) -> dict[str, list[str]]:
    """Each insider of two issuers or more, by CIK: its issuers' CIKs (``among``: only the
    insiders of those issuers)."""
    found = tx.run(OWNERS_OF_SEVERAL) if among is None else tx.run(INSIDERS_OF, ciks=among)
    return {str(r["cik"]): [str(c) for c in r["ciks"] or []] for r in found}


def read_joint_filings(tx: ManagedTransaction, among: list[str] | None = None) -> list[JointFiling]:
    """Every joint filing (``among``: of those owners), with what the co-filers tables show."""
    found = tx.run(JOINT_OWNERS) if among is None else tx.run(JOINT_FILINGS_OF, ciks=among)
    return [
        JointFiling(
            [str(c) for c in r["ciks"] or []],
            str(r["accession"]),
            None if r["filed"] is None else str(r["filed"]),
            str(r["label"]),
        )
        for r in found
    ]


def _names(tx: ManagedTransaction, ciks: list[str]) -> dict[str, str | None]:
    found = tx.run(NAMES, ciks=ciks)
    return {str(r["cik"]): None if r["name"] is None else str(r["name"]) for r in found}


def _kept(tx: ManagedTransaction, query: str) -> list[KeptPair]:
    detail = ("count", "a_name", "b_name")
    return [
        KeptPair(
            str(r["a"]),
            str(r["b"]),
            int(r["count"]),
            (r["a_name"], r["b_name"]),
            {k: v for k, v in r["props"].items() if k not in detail},
        )
        for r in tx.run(query)
    ]


Details = Callable[[list[Pair]], list[dict[str, object]]]  # what the page shows of each pair


@dataclass(frozen=True, slots=True)
class _Table:
    """One table of top pairs: where its kept pairs are, how its lists are read and counted."""

    kept: str
    replace: str
    read: Callable[[ManagedTransaction, list[str] | None], tuple[list[list[str]], Details]]
    count: Callable[[list[list[str]], list[str], set[str] | None], Iterator[pc.Block]]


def _insider_lists(
    tx: ManagedTransaction, among: list[str] | None
) -> tuple[list[list[str]], Details]:
    insiders = read_insiders(tx, among)

    def details(top: list[Pair]) -> list[dict[str, object]]:
        return [{"insiders": ciks} for ciks in pc.shared_insiders(top, insiders)]

    return list(insiders.values()), details


def _owner_lists(
    tx: ManagedTransaction, among: list[str] | None
) -> tuple[list[list[str]], Details]:
    joint = read_joint_filings(tx, among)

    def details(top: list[Pair]) -> list[dict[str, object]]:
        return [
            {"accessions": [f.accession for f in latest], "labels": [f.label for f in latest]}
            for latest in pc.latest_joint(top, joint)
        ]

    return [f.owners for f in joint], details


TABLES = (
    _Table(KEPT_SHARES_INSIDERS, REPLACE_SHARES_INSIDERS, _insider_lists, pc.shared_insider_pairs),
    _Table(KEPT_FILES_WITH, REPLACE_FILES_WITH, _owner_lists, pc.co_filer_pairs),
)


def _count(tx: ManagedTransaction, table: _Table, touched: set[str] | None, kept: int) -> bool:
    """Keep the table's top pairs, counting only the pairs with an end in ``touched`` (every
    pair when None); False, with nothing written, when those cannot tell the top."""
    lists, details = table.read(tx, None if touched is None else sorted(touched))
    before = None if touched is None else _kept(tx, table.kept)
    ciks = pc.sorted_ciks([*lists, *([p.a, p.b] for p in before or [])])
    names = _names(tx, ciks)
    blocks = table.count(lists, ciks, touched)
    if before is None:
        top: list[Pair] | None = pc.top_pairs(blocks, ciks, names, kept)
    else:
        top = pc.merged_top(before, blocks, ciks, touched or set(), names, kept)
    if top is None:
        return False
    recounted = [p for p in top if touched is None or p[0] in touched or p[1] in touched]
    detail = {(p.a, p.b): p.detail for p in before or []}
    detail.update(((a, b), d) for (a, b, _), d in zip(recounted, details(recounted), strict=True))
    pairs = [
        {
            "a": a,
            "b": b,
            "props": {"count": n, "a_name": names.get(a), "b_name": names.get(b)} | detail[(a, b)],
        }
        for a, b, n in top
    ]
    tx.run(table.replace, pairs=pairs).consume()
    return True


def _refresh_tx(tx: ManagedTransaction, kept: int, every: bool) -> Counted:
    tx.run(TAKE_LOCK).consume()
    touched = {str(r["cik"]) for r in tx.run(TAKE_TOUCHED)}
    if len(touched) > TOUCHED_SHARE * tx.run(ENTITIES).single(strict=True)["entities"]:
        every = True
    counted = Counted.EVERY if every else Counted.TOUCHED
    for table in TABLES:
        if not _count(tx, table, None if every else touched, kept):
            _count(tx, table, None, kept)
            counted = Counted.EVERY
    tx.run(RELEASE_LOCK).consume()
    return counted


def refresh_pairs(
    driver: Driver, *, database: str = "neo4j", kept: int | None = None, every: bool = True
) -> Counted:
    """Keep the top ``kept`` pairs (``TOP_PAIRS``) of both tables, in one transaction: every
    pair counted, or (not ``every``) only the pairs of the entities marked ``:StalePairs``
    where the kept ones tell the rest."""
    with driver.session(database=database) as session:
        counted: Counted = session.execute_write(
            _refresh_tx, model.TOP_PAIRS if kept is None else kept, every
        )
    return counted


def refresh_pairs_if_stale(driver: Driver, *, database: str = "neo4j") -> Counted:
    """Count the pairs a run touched (``refresh_pairs``) if any entity is marked
    ``:StalePairs``; how it counted."""
    records, _, _ = driver.execute_query(ANY_TOUCHED, database_=database)
    if not (records and records[0]["any"]):
        return Counted.NOTHING
    return refresh_pairs(driver, database=database, every=False)
