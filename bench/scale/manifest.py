"""What a generated corpus holds, counted as it is written: the ``manifest.json`` figures.

``filings``, ``owners``, ``issuers``, ``securities``, ``transactions`` and ``holdings`` are
counted as ``ownergraph ingest --json`` counts them, so a load can be checked against them.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from graph.load.keys import security_id
from ingest.records import Filing, Holding, Transaction

if TYPE_CHECKING:
    from bench.scale.generate import Corpus
    from bench.scale.population import Population

__all__ = ["GENERATOR_VERSION", "Counts"]

GENERATOR_VERSION = 3  # bump when the same seed starts giving different output


class Counts:
    """Running totals over the filings written so far."""

    def __init__(self) -> None:
        self.filings = 0
        self.forms: Counter[str] = Counter()
        self.codes: Counter[str] = Counter()
        self.owners: set[str] = set()
        self.issuers: set[str] = set()
        self.securities: set[str] = set()
        self.pairs: set[tuple[str, str]] = set()  # (issuer, owner) insider relationships
        self.rows_per_owner: Counter[str] = Counter()
        self.rows_per_issuer: Counter[str] = Counter()
        self.transactions = self.holdings = self.derivative_rows = self.footnotes = 0
        self.joint = self.max_owners = self.aff10b5one = 0

    def add(self, f: Filing) -> None:
        self.filings += 1
        self.forms[f.document_type] += 1
        issuer = f.issuer.cik
        self.issuers.add(issuer)
        for o in f.owners:
            self.owners.add(o.cik)
            self.pairs.add((issuer, o.cik))
        if len(f.owners) > 1:
            self.joint += 1
            self.max_owners = max(self.max_owners, len(f.owners))
        self.aff10b5one += f.aff10b5one is True
        self.footnotes += len(f.footnotes)
        self.transactions += len(f.transactions)
        self.holdings += len(f.holdings)
        for t in f.transactions:
            self.codes[t.transaction_code or ""] += 1
            self.derivative_rows += t.derivative
        for h in f.holdings:
            self.derivative_rows += h.derivative
        rows: tuple[Transaction | Holding, ...] = (*f.transactions, *f.holdings)
        for r in rows:
            self.securities.add(security_id(issuer, r.security_title, r.derivative))
        if f.transactions:
            self.rows_per_owner[f.owners[0].cik] += len(f.transactions)
            self.rows_per_issuer[issuer] += len(f.transactions)

    def summary(self) -> dict[str, Any]:
        """What was written, and the shape of the graph it makes."""
        insiders: Counter[str] = Counter(issuer for issuer, _ in self.pairs)
        holdings_of: Counter[str] = Counter(owner for _, owner in self.pairs)
        rows = self.transactions + self.holdings
        amendments = sum(n for form, n in self.forms.items() if form.endswith("/A"))
        return {
            "generator_version": GENERATOR_VERSION,
            "filings": self.filings,
            "forms": dict(sorted(self.forms.items())),
            "owners": len(self.owners),
            "issuers": len(self.issuers),
            "securities": len(self.securities),
            "transactions": self.transactions,
            "holdings": self.holdings,
            "footnotes": self.footnotes,
            "transaction_codes": dict(sorted(self.codes.items())),
            "shares": {
                "amendments": round(amendments / max(self.filings, 1), 4),
                "derivative_rows": round(self.derivative_rows / max(rows, 1), 4),
                "joint_filings": round(self.joint / max(self.filings, 1), 4),
                "codes": {
                    c: round(n / max(self.transactions, 1), 4)
                    for c, n in sorted(self.codes.items())
                },
            },
            "joint_filings": self.joint,
            "max_owners_per_filing": self.max_owners,
            "aff10b5one_filings": self.aff10b5one,
            "hubs": {
                "insider_links": len(self.pairs),
                "max_insiders_per_issuer": _top(insiders),
                "max_issuers_per_owner": _top(holdings_of),
                "max_transactions_per_owner": _top(self.rows_per_owner),
                "max_transactions_per_issuer": _top(self.rows_per_issuer),
            },
        }

    def manifest(
        self, corpus: Corpus, pop: Population, files: list[str], plans: int
    ) -> dict[str, Any]:
        """The summary with what was asked for and the population drawn."""
        return {
            **self.summary(),
            "seed": corpus.seed,
            "quarters": corpus.quarters,
            "files": files,
            "population": {
                "issuers": pop.issuers,
                "owners": pop.owners,
                "insider_links": pop.memberships,
            },
            "rule_10b5_1_sellers": plans,
        }


def _top(counter: Counter[str]) -> dict[str, object]:
    if not counter:
        return {"cik": None, "count": 0}
    cik, n = min(counter.items(), key=lambda item: (-item[1], item[0]))
    return {"cik": cik, "count": n}
