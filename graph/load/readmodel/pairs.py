"""The read model's top pairs: the whole graph's "issuers sharing insiders" and "co-filers"
tables, kept as ``(a)-[:SHARES_INSIDERS {count, insiders}]->(b)`` and
``(a)-[:FILES_WITH {count, accessions, labels}]->(b)`` (a's CIK below b's; the shared insiders'
CIKs, the latest ten joint filings) for the ``TOP_PAIRS`` pairs that rank first as the Connections
page orders them (count, then a's name, then b's), so the page reads a thousand relationships,
not every pair nor a hub's filings.

Counting every pair is the sum, over insiders, of their issuers squared (a fund insider of 600
issuers makes 180,000 pairs): too much for one query at full history, a sparse matrix product
here (insiders by issuers, transposed times itself, a block of issuers at a time). Co-filers
come from the joint filings' owner lists. Both sets are replaced whole, in one transaction,
at the end of a run that changed any summary (stale.py marks the graph ``pairs_stale`` first,
so a run killed before this step leaves the mark for the next one), after a bulk load, and by
the model upgrade.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from neo4j import Driver, ManagedTransaction
from scipy import sparse

from graph.read.model import TOP_PAIRS

__all__ = [
    "JOINT_OWNERS",
    "MARK_PAIRS_STALE",
    "OWNERS_OF_SEVERAL",
    "JointFiling",
    "co_filer_pairs",
    "latest_joint",
    "read_insiders",
    "read_joint_filings",
    "refresh_pairs",
    "refresh_pairs_if_stale",
    "shared_insider_pairs",
    "shared_insiders",
    "sorted_ciks",
    "top_pairs",
]

BLOCK = 2000  # issuers per block of the product: bounds its memory

MARK_PAIRS_STALE = """
MATCH (m:Model {name: 'ownergraph'}) WHERE EXISTS { (:StaleSummary) }
SET m.pairs_stale = true
"""
PAIRS_STALE = "OPTIONAL MATCH (m:Model {name: 'ownergraph'}) RETURN m.pairs_stale AS stale"
# Only insiders of two issuers or more make a pair (``issuers``: the read model's degree).
OWNERS_OF_SEVERAL = """
MATCH (o:Entity) WHERE o.issuers >= 2
RETURN o.cik AS cik, COLLECT { MATCH (o)-[:INSIDER_OF]->(i:Entity) RETURN i.cik } AS ciks
"""
# A joint filing as the co-filers tables name it (graph/read/links.py: form and period).
JOINT_OWNERS = """
MATCH (f:Filing) WHERE f.joint = true
RETURN f.owner_ciks AS ciks, f.accession AS accession, toString(f.filed) AS filed,
       f.form + ' ' + coalesce(toString(f.period), '') AS label
"""
NAMES = "UNWIND $ciks AS cik MATCH (e:Entity {cik: cik}) RETURN e.cik AS cik, e.name AS name"
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
# The count's first write takes the :Model node's lock, so two runs ending at once count one
# after the other: the second reads what the first wrote, and every batch of both.
TAKE_MARK = "MATCH (m:Model {name: 'ownergraph'}) SET m.pairs_stale = true"
CLEAR_MARK = "MATCH (m:Model {name: 'ownergraph'}) REMOVE m.pairs_stale"

Pair = tuple[str, str, int]  # (a's CIK, b's CIK, count), a's CIK first in order
Ints = npt.NDArray[np.int64]
LATEST = 10  # joint filings kept per pair of co-filers, the latest filed first


@dataclass(frozen=True, slots=True)
class JointFiling:
    """A joint filing: its owners, and what the co-filers table shows of it."""

    owners: list[str]
    accession: str
    filed: str | None  # ISO date
    label: str  # form and period


def sorted_ciks(lists: Iterable[list[str]]) -> list[str]:
    """Every CIK in ``lists`` once, in order: the pairs' indices count them so."""
    return sorted({cik for ciks in lists for cik in ciks})


def shared_insider_pairs(
    issuer_lists: list[list[str]], ciks: list[str]
) -> Iterator[tuple[Ints, Ints, Ints]]:
    """Every pair of issuers with insiders in common (one list of issuers per insider), a
    block at a time: arrays of a, b (indices into ``ciks``, ``sorted_ciks(issuer_lists)``;
    a < b) and count."""
    lists = [set(one) for one in issuer_lists]
    index = {cik: k for k, cik in enumerate(ciks)}
    cols = np.fromiter((index[c] for one in lists for c in one), dtype=np.int64)
    rows = np.repeat(np.arange(len(lists)), [len(one) for one in lists])
    held = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.int64), (rows, cols)), shape=(len(lists), len(ciks))
    )
    by_issuer = held.T.tocsr()
    for start in range(0, len(ciks), BLOCK):
        block = (by_issuer[start : start + BLOCK] @ held).tocoo()
        a = block.row.astype(np.int64) + start
        later = block.col > a
        yield a[later], block.col[later].astype(np.int64), block.data[later].astype(np.int64)


def top_pairs(
    blocks: Iterable[tuple[Ints, Ints, Ints]],
    ciks: list[str],
    names: dict[str, str | None],
    kept: int = TOP_PAIRS,
) -> list[Pair]:
    """The ``kept`` pairs ranked first, as the pages order them: count (most first), then a's
    name, then b's (names in code-point order, a missing name last, as Cypher sorts them)."""
    by_name = sorted(range(len(ciks)), key=lambda k: _name_key(names.get(ciks[k])))
    rank = np.empty(len(ciks), dtype=np.int64)
    rank[by_name] = np.arange(len(ciks))
    best_a, best_b, best_n = (np.empty(0, dtype=np.int64) for _ in range(3))
    for a, b, n in blocks:
        least = best_n.min() if len(best_n) >= kept else 0
        over = n >= least
        a, b, n = (np.concatenate((x, y[over])) for x, y in ((best_a, a), (best_b, b), (best_n, n)))
        order = np.lexsort((rank[b], rank[a], -n))[:kept]
        best_a, best_b, best_n = a[order], b[order], n[order]
    return [(ciks[a], ciks[b], int(n)) for a, b, n in zip(best_a, best_b, best_n, strict=True)]


def _name_key(name: str | None) -> tuple[bool, str]:
    return (name is None, name or "")


def co_filer_pairs(
    owner_lists: list[list[str]], ciks: list[str]
) -> Iterator[tuple[Ints, Ints, Ints]]:
    """Every pair of owners in the same joint filings (one list of owners per filing), as one
    block of arrays like ``shared_insider_pairs``'s."""
    lists = [sorted(set(one)) for one in owner_lists]
    index = {cik: k for k, cik in enumerate(ciks)}
    counts = Counter(
        (index[one[i]], index[one[j]])
        for one in lists
        for i in range(len(one))
        for j in range(i + 1, len(one))
    )
    pairs = np.array(list(counts), dtype=np.int64).reshape(-1, 2)
    yield pairs[:, 0], pairs[:, 1], np.fromiter(counts.values(), dtype=np.int64)


def shared_insiders(top: list[Pair], insiders: dict[str, list[str]]) -> list[list[str]]:
    """The insiders (CIKs, in order) each pair of issuers in ``top`` shares; ``insiders``:
    each insider's issuers."""
    wanted = {cik for a, b, _ in top for cik in (a, b)}
    by_issuer: dict[str, set[str]] = {cik: set() for cik in wanted}
    for owner, issuers in insiders.items():
        for issuer in wanted.intersection(issuers):
            by_issuer[issuer].add(owner)
    return [sorted(by_issuer[a] & by_issuer[b]) for a, b, _ in top]


def latest_joint(top: list[Pair], filings: list[JointFiling]) -> list[list[JointFiling]]:
    """The ``LATEST`` joint filings of each pair of owners in ``top``, the latest first (filed
    date, then accession, both descending; an unknown date first, as Cypher sorts nulls)."""
    found: dict[tuple[str, str], list[JointFiling]] = {(a, b): [] for a, b, _ in top}
    for filing in filings:
        owners = sorted(set(filing.owners))
        for i, a in enumerate(owners):
            for b in owners[i + 1 :]:
                if (a, b) in found:
                    found[(a, b)].append(filing)
    for kept in found.values():
        kept.sort(key=lambda f: (f.filed is None, f.filed or "", f.accession), reverse=True)
    return [found[(a, b)][:LATEST] for a, b, _ in top]


def read_insiders(tx: ManagedTransaction) -> dict[str, list[str]]:
    """Each insider of two issuers or more, by CIK: its issuers' CIKs."""
    found = tx.run(OWNERS_OF_SEVERAL)
    return {str(r["cik"]): [str(c) for c in r["ciks"] or []] for r in found}


def read_joint_filings(tx: ManagedTransaction) -> list[JointFiling]:
    """Every joint filing, with what the co-filers tables show of it."""
    return [
        JointFiling(
            [str(c) for c in r["ciks"] or []],
            str(r["accession"]),
            None if r["filed"] is None else str(r["filed"]),
            str(r["label"]),
        )
        for r in tx.run(JOINT_OWNERS)
    ]


def _names(tx: ManagedTransaction, ciks: list[str]) -> dict[str, str | None]:
    found = tx.run(NAMES, ciks=ciks)
    return {str(r["cik"]): None if r["name"] is None else str(r["name"]) for r in found}


def _refresh_tx(tx: ManagedTransaction, kept: int) -> None:
    tx.run(TAKE_MARK).consume()
    insiders = read_insiders(tx)
    lists = list(insiders.values())
    issuers = sorted_ciks(lists)
    blocks = shared_insider_pairs(lists, issuers)
    shared = top_pairs(blocks, issuers, _names(tx, issuers), kept)
    pairs = [
        {"a": a, "b": b, "props": {"count": n, "insiders": ciks}}
        for (a, b, n), ciks in zip(shared, shared_insiders(shared, insiders), strict=True)
    ]
    tx.run(REPLACE_SHARES_INSIDERS, pairs=pairs).consume()
    joint = read_joint_filings(tx)
    owner_lists = [f.owners for f in joint]
    owners = sorted_ciks(owner_lists)
    filers = top_pairs(co_filer_pairs(owner_lists, owners), owners, _names(tx, owners), kept)
    pairs = [
        {
            "a": a,
            "b": b,
            "props": {
                "count": n,
                "accessions": [f.accession for f in latest],
                "labels": [f.label for f in latest],
            },
        }
        for (a, b, n), latest in zip(filers, latest_joint(filers, joint), strict=True)
    ]
    tx.run(REPLACE_FILES_WITH, pairs=pairs).consume()
    tx.run(CLEAR_MARK).consume()


def refresh_pairs(driver: Driver, *, database: str = "neo4j", kept: int = TOP_PAIRS) -> None:
    """Count every pair again and keep the top ``kept`` of both tables, in one transaction."""
    with driver.session(database=database) as session:
        session.execute_write(_refresh_tx, kept)


def refresh_pairs_if_stale(driver: Driver, *, database: str = "neo4j") -> bool:
    """``refresh_pairs`` when a run marked the graph ``pairs_stale``; True if it ran."""
    records, _, _ = driver.execute_query(PAIRS_STALE, database_=database)
    if not (records and records[0]["stale"]):
        return False
    refresh_pairs(driver, database=database)
    return True
