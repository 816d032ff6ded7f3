"""Pair summaries kept as running sums by the batch that adds rows after a pair's last row.

``PAIR`` (summaries.py) recomputes an owner-issuer pair's ``TRADES_IN`` and its ``TRADES`` per
security by adding the pair's rows up in one order (date, then row key). When every new row of
a batch sorts after the pair's last summarised row (``TRADES_IN.last_row``), adding the new
rows, in that order, to the stored sums is the very sequence of floating-point additions
``PAIR`` would make: the result is the same to the last bit, without re-reading the pair's
history. This module does that in the batch's own transaction (write.py), for the rows of the
batch's new filings that count. A pair it cannot extend so (a row dated earlier than its last,
an undated row, a pair already marked for a recompute, summaries of an older model) is left
to ``PAIR`` at the end of the run, as every pair was before.

Two ingests at once cannot both extend one pair: each batch has written its owner's node
before this runs, and holds that lock until it commits.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from neo4j import ManagedTransaction

from graph.cents import row_value
from graph.load.keys import security_id
from ingest.records import Filing

__all__ = [
    "READ_SUMMARIES",
    "WRITE_SUMMARIES",
    "NewRow",
    "extend_pairs_tx",
    "extended",
    "new_rows",
]

Pair = tuple[str, str]  # (owner CIK, issuer CIK)
Props = dict[str, object]

# The stored summaries of the pairs ``$pairs`` (owner, issuer, securities), and whether the
# pair is already marked for a recompute.
READ_SUMMARIES = """
UNWIND $pairs AS p
MATCH (o:Entity {cik: p.owner})
MATCH (i:Entity {cik: p.issuer})
OPTIONAL MATCH (o)-[t:TRADES_IN]->(i)
CALL (o, p) {
  UNWIND p.securities AS id
  MATCH (s:Security {id: id})
  OPTIONAL MATCH (o)-[x:TRADES]->(s)
  RETURN collect([id, x {.*}]) AS securities
}
RETURN p.owner AS owner, p.issuer AS issuer, t {.*} AS pair, securities,
       p.issuer IN coalesce(o.stale_issuers, []) AS marked
"""
WRITE_SUMMARIES = """
UNWIND $pairs AS p
MATCH (o:Entity {cik: p.owner})
MATCH (i:Entity {cik: p.issuer})
MERGE (o)-[t:TRADES_IN]->(i)
SET t += p.pair
WITH o, p
UNWIND p.securities AS x
MATCH (s:Security {id: x.id})
MERGE (o)-[t:TRADES]->(s)
SET t += x.summary
"""


@dataclass(frozen=True, slots=True)
class NewRow:
    """One new ``TRANSACTED`` row of a pair, with what ``PAIR`` reads of it."""

    security: str
    date: dt.date | None
    row: str
    code: str | None
    shares: float | None
    value: float | None
    joint: bool
    derivative: bool
    shares_after: float | None
    accession: str

    @property
    def key(self) -> tuple[dt.date, str]:
        """Its place in ``PAIR``'s order (dated rows only)."""
        assert self.date is not None
        return (self.date, self.row)


def new_rows(filings: Iterable[Filing]) -> dict[Pair, list[NewRow]]:
    """The transaction rows of ``filings`` per (owner, issuer), as batch.py writes them (a
    joint filing's rows for each of its owners), in ``PAIR``'s order where dated."""
    found: dict[Pair, list[NewRow]] = {}
    for f in filings:
        rows = [
            NewRow(
                security_id(f.issuer.cik, t.security_title, t.derivative),
                t.transaction_date,
                f"{f.accession}#{t.seq}",
                t.transaction_code,
                t.shares,
                row_value(t),
                f.is_joint,
                t.derivative,
                t.shares_after,
                f.accession,
            )
            for t in f.transactions
        ]
        for owner in f.owners if rows else ():
            found.setdefault((owner.cik, f.issuer.cik), []).extend(rows)
    for rows in found.values():
        rows.sort(key=lambda r: (r.date is None, r.date or dt.date.min, r.row))
    return found


def _native(value: object) -> object:
    to_native = getattr(value, "to_native", None)
    return to_native() if to_native else value


def _number(value: float | None) -> float:
    return 0 if value is None else value  # Cypher's coalesce(x, 0)


_SUMS = ("bought_shares", "sold_shares", "bought_value", "sold_value", "value")


def _stored_float(t: Props, key: str) -> float:
    value = t.get(key, 0.0)
    assert isinstance(value, float)
    return value


def _pair(stored: Props | None, rows: list[NewRow]) -> Props:
    """``TRADES_IN`` after ``rows``: the stored sums, each row added in order."""
    t: Props = dict(stored) if stored else {"trades": 0, "first": rows[0].date}
    sums = {k: _stored_float(t, k) for k in _SUMS}
    for r in rows:
        side = "bought" if r.code == "P" else "sold" if r.code == "S" else None
        if side and not r.derivative:
            sums[f"{side}_shares"] += _number(r.shares)
            sums[f"{side}_value"] += _number(r.value)
        sums["value"] += _number(r.value)
        if not r.derivative and r.shares_after is not None:
            t["shares_after"] = r.shares_after
    last = rows[-1]
    trades = t["trades"]
    assert isinstance(trades, int)
    return (
        t
        | sums
        | {
            "trades": trades + len(rows),
            "last": last.date,
            "accession": last.accession,
            "last_row": last.row,
        }
    )


def _security(stored: Props | None, rows: list[NewRow]) -> Props:
    """``TRADES`` after ``rows``: each code's stored sums, each row added in order."""
    groups: dict[str, list[float]] = {}  # code → [count, shares, value, joint value]
    if stored:
        lists = (stored[k] for k in ("codes", "counts", "shares", "values", "joint_values"))
        for code, count, shares, value, joint in zip(*lists, strict=True):  # type: ignore[call-overload]
            groups[code] = [count, shares, value, joint]
    for r in rows:
        g = groups.setdefault(r.code or "", [0, 0.0, 0.0, 0.0])
        g[0] += 1
        g[1] += _number(r.shares)
        g[2] += _number(r.value)
        if r.joint:
            g[3] += _number(r.value)
    codes = sorted(groups)
    joint_value = 0.0
    for code in codes:
        joint_value += groups[code][3]
    return {
        "codes": codes,
        "counts": [int(groups[c][0]) for c in codes],
        "shares": [groups[c][1] for c in codes],
        "values": [groups[c][2] for c in codes],
        "joint_values": [groups[c][3] for c in codes],
        "joint_value": joint_value,
        "first": stored["first"] if stored else rows[0].date,
        "last": rows[-1].date,
        "accession": rows[-1].accession,
    }


def _extends(stored: Props | None, securities: dict[str, Props | None], rows: list[NewRow]) -> bool:
    """Whether ``rows`` all sort after the pair's last summarised row, with summaries that
    keep what extending them needs."""
    if any(r.date is None for r in rows):
        return False
    if stored is None:
        return all(x is None for x in securities.values())  # a pair with no current rows yet
    last, last_row = _native(stored.get("last")), stored.get("last_row")
    if not isinstance(last, dt.date) or not isinstance(last_row, str):
        return False
    if any(x is not None and "joint_values" not in x for x in securities.values()):
        return False
    return rows[0].key > (last, last_row)


def extended(
    stored: Props | None, securities: dict[str, Props | None], rows: list[NewRow]
) -> Props | None:
    """The pair's write row (``WRITE_SUMMARIES``) after ``rows``, or None when it cannot be
    extended and ``PAIR`` must recompute it."""
    if not _extends(stored, securities, rows):
        return None
    by_security: dict[str, list[NewRow]] = {}
    for r in rows:
        by_security.setdefault(r.security, []).append(r)
    return {
        "pair": _pair(stored, rows),
        "securities": [
            {"id": sid, "summary": _security(securities.get(sid), rs)}
            for sid, rs in sorted(by_security.items())
        ],
    }


def extend_pairs_tx(tx: ManagedTransaction, filings: list[Filing], skip: set[Pair]) -> list[Pair]:
    """Extend the summaries of the pairs of ``filings`` (new filings that count) in ``tx``,
    leaving out ``skip``; returns the pairs that ``PAIR`` must recompute instead."""
    rows = {pair: rs for pair, rs in new_rows(filings).items() if pair not in skip}
    if not rows:
        return []
    asked = [
        {"owner": o, "issuer": i, "securities": sorted({r.security for r in rs})}
        for (o, i), rs in sorted(rows.items())
    ]
    writes: list[Props] = []
    recompute: list[Pair] = []
    for record in tx.run(READ_SUMMARIES, pairs=asked):
        pair = (str(record["owner"]), str(record["issuer"]))
        securities = {str(sid): x for sid, x in record["securities"]}
        row = None if record["marked"] else extended(record["pair"], securities, rows[pair])
        if row is None:
            recompute.append(pair)
        else:
            writes.append({"owner": pair[0], "issuer": pair[1]} | row)
    if writes:
        tx.run(WRITE_SUMMARIES, pairs=writes).consume()
    return recompute
