"""The read model's running totals, kept in each batch's own transaction (write.py).

Each filing carries what it adds to the totals (``filing_totals``, written by batch.py:
``trade_rows``, ``buy_cents``, ``sell_cents``) and ``in_totals``, whether it is counted. Its
issuer's ``trade_rows_in``, ``buys_in_cents`` and ``sells_in_cents`` and each of its owners'
``trade_rows_by``, ``buys_by_cents`` and ``sells_by_cents`` are the sums over their current
(not superseded) filings: a batch adds the filings that became current and takes away those
an amendment superseded or a ``--replace`` removed. Whole cents and row counts are integers, so
the totals are exact and the same in any load order, whichever path wrote them; no hub is
re-read because one more filing arrived.

Each security's ``last_price`` (with ``last_price_date``, ``_accession`` and ``_seq``, the
order the price was picked by) is the latest current priced trade: a new row replaces it when
later; when the filing it came from stops counting, the security is re-read from its rows
(``LAST_PRICE``, which summaries.py also runs for a count from scratch).
"""

from __future__ import annotations

from collections.abc import Iterable

from neo4j import ManagedTransaction

from graph.cents import cents, row_value
from graph.load.keys import security_id
from ingest.records import Filing

__all__ = [
    "ADD_TOTALS_BY",
    "ADD_TOTALS_IN",
    "LAST_PRICE",
    "NEWER_PRICES",
    "RECONCILE",
    "REREAD_ISSUER_PRICES",
    "REREAD_PRICES_OF",
    "WITHDRAW",
    "filing_totals",
    "price_rows",
    "reconcile_tx",
    "reread_issuer_prices_tx",
    "withdraw_tx",
]

# The filings ``$accessions`` and the originals they amend: counted exactly when current.
RECONCILE = """
UNWIND $accessions AS accession
MATCH (f:Filing {accession: accession})
CALL (f) { RETURN f AS g UNION MATCH (f)-[:AMENDS]->(g:Filing) RETURN g }
WITH DISTINCT g AS f
WITH f, f.superseded_by IS NULL AS current, coalesce(f.in_totals, false) AS counted
SET f.in_totals = current
WITH f, current WHERE current <> counted
RETURN f.accession AS accession, CASE WHEN current THEN 1 ELSE -1 END AS sign
"""
# Filings about to be removed: no longer counted.
WITHDRAW = """
UNWIND $accessions AS accession
MATCH (f:Filing {accession: accession}) WHERE f.in_totals
SET f.in_totals = false
RETURN f.accession AS accession, -1 AS sign
"""
_ADD = """
UNWIND $changes AS c
MATCH %s
WITH e, sum(c.sign * f.trade_rows) AS rows, sum(c.sign * f.buy_cents) AS buys,
     sum(c.sign * f.sell_cents) AS sells
SET e.trade_rows_%s = e.trade_rows_%s + rows, e.buys_%s_cents = e.buys_%s_cents + buys,
    e.sells_%s_cents = e.sells_%s_cents + sells
"""
ADD_TOTALS_IN = _ADD % (("(f:Filing {accession: c.accession})-[:ABOUT]->(e:Entity)",) + ("in",) * 6)
ADD_TOTALS_BY = _ADD % (("(e:Entity)-[:FILED]->(f:Filing {accession: c.accession})",) + ("by",) * 6)

# A security's latest current priced trade, read from its rows (``s`` bound).
LAST_PRICE = """
CALL (s) {
  OPTIONAL MATCH (s)<-[t:TRANSACTED]-(:Entity)
  WHERE t.price > 0 AND t.superseded IS NULL AND t.date IS NOT NULL
  RETURN t ORDER BY t.date DESC, t.accession DESC, t.seq DESC LIMIT 1
}
SET s.last_price = t.price, s.last_price_date = t.date, s.last_price_accession = t.accession,
    s.last_price_seq = t.seq
"""
# The priced rows of new filings that count: the latest per security replaces an earlier price.
NEWER_PRICES = """
UNWIND $prices AS p
MATCH (f:Filing {accession: p.accession}) WHERE f.in_totals
MATCH (s:Security {id: p.security})
WITH s, p ORDER BY p.date DESC, p.accession DESC, p.seq DESC
WITH s, head(collect(p)) AS p
WHERE s.last_price_date IS NULL OR p.date > s.last_price_date
   OR (p.date = s.last_price_date AND (p.accession > s.last_price_accession
       OR (p.accession = s.last_price_accession AND p.seq > s.last_price_seq)))
SET s.last_price = p.price, s.last_price_date = p.date, s.last_price_accession = p.accession,
    s.last_price_seq = p.seq
"""
# Securities whose price came from a filing that no longer counts: re-read.
REREAD_PRICES_OF = (
    """
UNWIND $accessions AS accession
MATCH (:Filing {accession: accession})-[:ABOUT]->(:Entity)<-[:ISSUED_BY]-(s:Security)
WHERE s.last_price_accession = accession
WITH DISTINCT s"""
    + LAST_PRICE
)
REREAD_ISSUER_PRICES = (
    """
UNWIND $ciks AS cik
MATCH (:Entity {cik: cik})<-[:ISSUED_BY]-(s:Security)
WITH DISTINCT s"""
    + LAST_PRICE
)


def filing_totals(f: Filing) -> dict[str, int]:
    """What the filing adds to its issuer's and each owner's running totals: its transaction
    rows, and the value of its open-market purchases and sales in cents (batch.py stores it
    on the Filing node)."""
    return {
        "trade_rows": len(f.transactions),
        "buy_cents": sum(cents(row_value(t)) for t in f.transactions if t.transaction_code == "P"),
        "sell_cents": sum(cents(row_value(t)) for t in f.transactions if t.transaction_code == "S"),
    }


def price_rows(filings: Iterable[Filing]) -> list[dict[str, object]]:
    """The priced, dated transaction rows of ``filings``, as NEWER_PRICES reads them."""
    return [
        {
            "security": security_id(f.issuer.cik, t.security_title, t.derivative),
            "accession": f.accession,
            "seq": t.seq,
            "price": t.price_per_share,
            "date": t.transaction_date,
        }
        for f in filings
        for t in f.transactions
        if t.price_per_share and t.price_per_share > 0 and t.transaction_date is not None
    ]


def _add(tx: ManagedTransaction, changes: list[dict[str, object]]) -> None:
    if changes:
        tx.run(ADD_TOTALS_IN, changes=changes).consume()
        tx.run(ADD_TOTALS_BY, changes=changes).consume()


def withdraw_tx(tx: ManagedTransaction, accessions: list[str]) -> None:
    """Take the filings ``accessions`` (about to be removed) out of the totals."""
    _add(tx, [dict(r) for r in tx.run(WITHDRAW, accessions=accessions)])


def reconcile_tx(tx: ManagedTransaction, accessions: list[str], fresh: list[Filing]) -> set[str]:
    """Count the filings ``accessions`` (and the originals they amend) exactly when current,
    then update the last prices: ``fresh`` are the filings this batch wrote. Returns the
    accessions that count now and did not before."""
    changes = [dict(r) for r in tx.run(RECONCILE, accessions=accessions)]
    _add(tx, changes)
    prices = price_rows(fresh)
    if prices:
        tx.run(NEWER_PRICES, prices=prices).consume()
    dropped = [str(c["accession"]) for c in changes if c["sign"] == -1]
    if dropped:
        tx.run(REREAD_PRICES_OF, accessions=dropped).consume()
    return {str(c["accession"]) for c in changes if c["sign"] == 1}


def reread_issuer_prices_tx(tx: ManagedTransaction, ciks: list[str]) -> None:
    """Re-read the last price of every security of the issuers ``ciks`` (after a removal or a
    re-keyed filing, whose rows changed in ways a new row does not)."""
    if ciks:
        tx.run(REREAD_ISSUER_PRICES, ciks=sorted(set(ciks))).consume()
