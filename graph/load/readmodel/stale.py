"""The online path's marks and the end-of-run refresh of what they name (summaries.py says
what is recomputed, and why only this).

A batch marks, inside its own transaction (write.py, statements.py), the ends of its new
``INSIDER_OF`` edges ``:StaleSummary`` (their ``insiders``/``issuers`` degrees), the pairs it
could not extend (running.py) for a recompute (both ends ``:StaleSummary``, each issuer's CIK
in its owner's ``stale_issuers``) and the issuers whose purchases changed ``:StaleClusters``
(with the date to recompute them from); the owners of new joint filings and renamed entities
go straight to ``:StalePairs`` for the top pairs. ``refresh_stale`` clears the marks once per
run, ``STALE_WORKERS`` sessions at once, each on its own share of the entities, then counts the
top pairs again (pairs.py); a run killed before its end leaves the marks for the next run.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from functools import partial

from neo4j import Driver, ManagedTransaction

from graph.load.readmodel.clusters import refresh_clusters_tx
from graph.load.readmodel.pairs import refresh_pairs_if_stale
from graph.load.readmodel.summaries import DEGREES, PAIR

__all__ = [
    "CLUSTERS_CHUNK",
    "FORGET_PAIRS",
    "MARK_STALE",
    "MARK_STALE_CLUSTERS",
    "MARK_STALE_PAIRS",
    "REFRESH_CHANGED_PAIRS",
    "REFRESH_DEGREES",
    "RETRY_DELAY",
    "STALE_CHUNK",
    "STALE_WORKERS",
    "TAKE_STALE",
    "TAKE_STALE_CLUSTERS",
    "mark_stale_tx",
    "refresh_stale",
]

# The pairs a batch changed, each kept as an issuer CIK in its owner's ``stale_issuers`` list:
# a hub touched by one new filing recomputes that filer's pair, not its hundreds of others, and
# a fund that filed for one issuer recomputes that pair, not all of its issuers'.
REFRESH_CHANGED_PAIRS = (
    """
UNWIND $ciks AS cik
MATCH (o:Entity {cik: cik})
UNWIND coalesce(o.stale_issuers, []) AS issuer_cik
MATCH (i:Entity {cik: issuer_cik})
WITH DISTINCT o, i ORDER BY i.cik  // both sessions write hubs in one order: fewer deadlocks"""
    + PAIR
)
FORGET_PAIRS = "UNWIND $ciks AS cik\nMATCH (o:Entity {cik: cik})\nREMOVE o.stale_issuers"

REFRESH_DEGREES = "UNWIND $ciks AS cik\nMATCH (e:Entity {cik: cik})" + DEGREES

_MARK = "UNWIND $ciks AS cik\nMATCH (e:Entity {cik: cik})\nSET e:%s"
MARK_STALE = _MARK % "StaleSummary"
# An issuer's clusters are recomputed from its earliest changed purchase on (``clusters_from``),
# or all of them when a mark names no date (an issuer marked without one stays so).
MARK_STALE_CLUSTERS = """
UNWIND $issuers AS x
MATCH (e:Entity {cik: x.cik})
WITH e, x, e:StaleClusters AND e.clusters_from IS NULL AS whole
SET e:StaleClusters,
    e.clusters_from = CASE WHEN whole OR x.since IS NULL THEN null
                           WHEN e.clusters_from IS NULL OR x.since < e.clusters_from THEN x.since
                           ELSE e.clusters_from END
"""
MARK_STALE_PAIRS = """
UNWIND $owners AS owner
MATCH (o:Entity {cik: owner.cik})
SET o:StaleSummary, o.stale_issuers = reduce(ciks = coalesce(o.stale_issuers, []),
    cik IN owner.issuers | CASE WHEN cik IN ciks THEN ciks ELSE ciks + cik END)
"""
# Unmarking first takes each entity's write lock, so a batch committing meanwhile either is
# seen by the refresh below or marks the entity again after it. A worker takes its share only
# (CIKs by their last digit: ``$share`` of ``$shares``), so no two take the same entity.
# An entity whose summaries are taken is marked ``:StalePairs`` for the top pairs (pairs.py).
TAKE_STALE = """
MATCH (e:StaleSummary) WHERE coalesce(toInteger(right(e.cik, 1)), 0) % $shares = $share
WITH e LIMIT $limit
REMOVE e:StaleSummary SET e:StalePairs
RETURN e.cik AS cik, null AS since
"""
TAKE_STALE_CLUSTERS = """
MATCH (e:StaleClusters) WHERE coalesce(toInteger(right(e.cik, 1)), 0) % $shares = $share
WITH e LIMIT $limit
WITH e, e.clusters_from AS since
REMOVE e:StaleClusters, e.clusters_from
RETURN e.cik AS cik, since
"""
STALE_CHUNK = 100  # entities whose pairs and degrees are refreshed per transaction
# Issuers whose clusters are refreshed per transaction: those recomputed from a date on share
# one read of the rows' date index, so the fewer reads the better.
CLUSTERS_CHUNK = 2000
STALE_WORKERS = 2  # sessions refreshing at once, so the server works on more than one core
# Two sessions writing summaries of one hub at once sometimes deadlock on its relationship
# groups; the driver runs the chunk again, by default after a second (doubling each time). A
# chunk takes about a tenth of a second, so it is retried after 50 ms (``initial_retry_delay``,
# a session setting of the driver).
RETRY_DELAY = 0.05  # seconds


def mark_stale_tx(
    tx: ManagedTransaction,
    pairs: list[tuple[str, str]],
    clusters: Mapping[str, date | None],
) -> None:
    """Mark the (owner, issuer) ``pairs`` to recompute (both ends, and the issuer on its
    owner's list) and the issuers ``clusters`` (their cluster buys from the date given on, or
    all of them for None) for ``refresh_stale``, in the batch's transaction ``tx``."""
    by_owner: dict[str, set[str]] = {}
    for owner, issuer in pairs:
        by_owner.setdefault(owner, set()).add(issuer)
    if by_owner:
        owners = [{"cik": o, "issuers": sorted(i)} for o, i in sorted(by_owner.items())]
        tx.run(MARK_STALE_PAIRS, owners=owners).consume()
    ends = {issuer for _, issuer in pairs}
    if ends:
        tx.run(MARK_STALE, ciks=sorted(ends)).consume()
    if clusters:
        issuers = [{"cik": cik, "since": since} for cik, since in sorted(clusters.items())]
        tx.run(MARK_STALE_CLUSTERS, issuers=issuers).consume()


Share = tuple[int, int]  # (share, shares)
Step = Callable[[ManagedTransaction, int, Share], int]


def _take(tx: ManagedTransaction, query: str, limit: int, share: Share) -> dict[str, date | None]:
    """The marked entities of ``share`` (at most ``limit``), unmarked, with their
    ``clusters_from``."""
    taken = tx.run(query, limit=limit, share=share[0], shares=share[1])
    return {str(r["cik"]): r["since"] and r["since"].to_native() for r in taken}


def _refresh_some_stale(tx: ManagedTransaction, limit: int, share: Share) -> int:
    ciks = sorted(_take(tx, TAKE_STALE, limit, share))
    if ciks:
        tx.run(REFRESH_CHANGED_PAIRS, ciks=ciks).consume()
        tx.run(FORGET_PAIRS, ciks=ciks).consume()
        tx.run(REFRESH_DEGREES, ciks=ciks).consume()
    return len(ciks)


def _refresh_some_clusters(tx: ManagedTransaction, limit: int, share: Share) -> int:
    taken = _take(tx, TAKE_STALE_CLUSTERS, limit, share)
    refresh_clusters_tx(tx, taken)
    return len(taken)


def _drain(driver: Driver, database: str, step: Step, chunk: int, share: Share) -> int:
    """Run ``step`` on ``share``'s marked entities, ``chunk`` per transaction, until none left."""
    done = 0
    with driver.session(database=database, initial_retry_delay=RETRY_DELAY) as session:
        while count := session.execute_write(step, chunk, share):
            done += count
    return done


def refresh_stale(
    driver: Driver,
    *,
    database: str = "neo4j",
    workers: int = STALE_WORKERS,
) -> int:
    """Recompute the changed pairs and degrees of every ``:StaleSummary`` entity, ``workers``
    sessions at once, each on its own share of the entities (a deadlock between them is
    retried by the driver), then the clusters of every ``:StaleClusters`` issuer (which read
    the pairs' TRADES), then the top pairs of those entities (pairs.py); returns how many
    entities."""
    shares = [(k, workers) for k in range(workers)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        drain = partial(_drain, driver, database, _refresh_some_stale, STALE_CHUNK)
        done = sum(pool.map(drain, shares))
    # One session: the issuers a date is given for share one read of the date index per chunk.
    done += _drain(driver, database, _refresh_some_clusters, CLUSTERS_CHUNK, (0, 1))
    refresh_pairs_if_stale(driver, database=database)
    return done
