"""Counting the top pairs (pairs.py keeps them in the graph): pure functions over CIK lists.

Pairs are arrays of indices into a sorted list of CIKs, a block at a time: ``a`` (the lower
CIK), ``b`` and the count. Counting every pair of issuers is the sum, over insiders, of their
issuers squared (a fund insider of 600 issuers makes 180,000 pairs), so it is a sparse matrix
product (insiders by issuers, transposed times itself), a block of issuers at a time, and only
the blocks' best pairs are kept (``top_pairs``). Counting again after a run needs only the
pairs with an end the run touched (``among``), merged with the pairs kept before
(``merged_top``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt
from scipy import sparse

from graph.read.model import TOP_PAIRS

__all__ = [
    "BLOCK",
    "LATEST",
    "Block",
    "JointFiling",
    "KeptPair",
    "Pair",
    "co_filer_pairs",
    "latest_joint",
    "merged_top",
    "shared_insider_pairs",
    "shared_insiders",
    "sorted_ciks",
    "top_pairs",
]

BLOCK = 2000  # issuers per block of the product: bounds its memory
LATEST = 10  # joint filings kept per pair of co-filers, the latest filed first

Pair = tuple[str, str, int]  # (a's CIK, b's CIK, count), a's CIK first in order
Ints = npt.NDArray[np.int64]
Block = tuple[Ints, Ints, Ints]  # a, b (indices, a < b) and count of some pairs
Blocks = Iterable[Block]
Names = dict[str, str | None]


@dataclass(frozen=True, slots=True)
class JointFiling:
    """A joint filing: its owners, and what the co-filers table shows of it."""

    owners: list[str]
    accession: str
    filed: str | None  # ISO date
    label: str  # form and period


@dataclass(frozen=True, slots=True)
class KeptPair:
    """A pair as the last count kept it: the names it was ranked by, and what the page shows."""

    a: str
    b: str
    count: int
    names: tuple[str | None, str | None]
    detail: dict[str, object]


def sorted_ciks(lists: Iterable[list[str]]) -> list[str]:
    """Every CIK in ``lists`` once, in order: the pairs' indices count them so."""
    return sorted({cik for ciks in lists for cik in ciks})


def shared_insider_pairs(
    issuer_lists: list[list[str]], ciks: list[str], among: set[str] | None = None
) -> Iterator[Block]:
    """Every pair of issuers with insiders in common (one list of issuers per insider), each
    once, a block at a time: arrays of a, b (indices into ``ciks``, ``sorted_ciks(issuer_lists)``;
    a < b) and count. With ``among``, only the pairs with an end among those issuers (the lists
    must then hold every insider of each)."""
    lists = [set(one) for one in issuer_lists]
    index = {cik: k for k, cik in enumerate(ciks)}
    cols = np.fromiter((index[c] for one in lists for c in one), dtype=np.int64)
    rows = np.repeat(np.arange(len(lists)), [len(one) for one in lists])
    held = sparse.csr_matrix(
        (np.ones(len(cols), dtype=np.int64), (rows, cols)), shape=(len(lists), len(ciks))
    )
    by_issuer = held.T.tocsr()
    chosen = np.ones(len(ciks), dtype=bool)
    if among is not None:
        chosen[:] = False
        chosen[[index[c] for c in among if c in index]] = True
    firsts = np.flatnonzero(chosen)
    for start in range(0, len(firsts), BLOCK):
        ends = firsts[start : start + BLOCK]
        block = (by_issuer[ends] @ held).tocoo()
        a, b = ends[block.row], block.col.astype(np.int64)
        once = (b > a) | ((b < a) & ~chosen[b])  # a pair of two chosen ends from its lower one
        a, b = a[once], b[once]
        yield np.minimum(a, b), np.maximum(a, b), block.data[once].astype(np.int64)


def co_filer_pairs(
    owner_lists: list[list[str]], ciks: list[str], among: set[str] | None = None
) -> Iterator[Block]:
    """Every pair of owners in the same joint filings (one list of owners per filing), as one
    block of arrays like ``shared_insider_pairs``'s; with ``among``, only the pairs with an end
    among those owners (the lists must then hold every joint filing of each)."""
    lists = [sorted(set(one)) for one in owner_lists]
    index = {cik: k for k, cik in enumerate(ciks)}
    counts = Counter(
        (index[one[i]], index[one[j]])
        for one in lists
        for i in range(len(one))
        for j in range(i + 1, len(one))
        if among is None or one[i] in among or one[j] in among
    )
    pairs = np.array(list(counts), dtype=np.int64).reshape(-1, 2)
    yield pairs[:, 0], pairs[:, 1], np.fromiter(counts.values(), dtype=np.int64)


def top_pairs(blocks: Blocks, ciks: list[str], names: Names, kept: int = TOP_PAIRS) -> list[Pair]:
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


def _rank_key(count: int, names: tuple[str | None, str | None]) -> tuple[object, ...]:
    return (-count, _name_key(names[0]), _name_key(names[1]))


def merged_top(
    before: list[KeptPair],
    fresh: Blocks,
    ciks: list[str],
    touched: set[str],
    names: Names,
    kept: int = TOP_PAIRS,
) -> list[Pair] | None:
    """The top pairs after a run, from the ``before`` ones and ``fresh``, every pair with an end
    in ``touched`` counted again (indices into ``ciks``, which holds every CIK of ``before``
    too); None when they cannot be told so and every pair must be counted.

    A pair neither kept nor touched ranked after every kept pair, and its count and names have
    not changed; so the merge is exact unless a kept pair the run touched now ranks after the
    last pair kept before (fewer shared insiders, or a new name), where such a pair might pass
    it."""
    index = {cik: k for k, cik in enumerate(ciks)}
    size = len(ciks)
    again = [p for p in before if p.a in touched or p.b in touched]
    keys_again = [index[p.a] * size + index[p.b] for p in again]
    wanted = np.sort(np.array(keys_again, dtype=np.int64))
    counts: dict[int, int] = {}

    # Unless the merge fails (below), no pair counted under the last kept pair's count can
    # be among the top: those are dropped before ranking, which is most of a hub's pairs.
    floor = min(p.count for p in before) if len(before) >= kept else 0

    def seen(blocks: Blocks) -> Iterator[Block]:
        for a, b, n in blocks:  # the kept pairs' new counts noted on the way through
            keys = a * size + b
            at = np.minimum(np.searchsorted(wanted, keys), max(len(wanted) - 1, 0))
            hit = wanted[at] == keys if len(wanted) else np.zeros(len(keys), dtype=bool)
            counts.update(zip(keys[hit].tolist(), n[hit].tolist(), strict=True))
            high = n >= floor
            yield a[high], b[high], n[high]

    touched_keys = {(p.a, p.b) for p in again}
    same = [p for p in before if (p.a, p.b) not in touched_keys]
    rest = (
        np.array([index[p.a] for p in same], dtype=np.int64),
        np.array([index[p.b] for p in same], dtype=np.int64),
        np.array([p.count for p in same], dtype=np.int64),
    )
    top = top_pairs(chain(seen(fresh), [rest]), ciks, names, kept)
    if len(before) >= kept:
        last = max(_rank_key(p.count, p.names) for p in before)
        for p, key in zip(again, keys_again, strict=True):
            if _rank_key(counts.get(key, 0), (names.get(p.a), names.get(p.b))) > last:
                return None
    return top


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
