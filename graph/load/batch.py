"""Turn parsed ``Filing`` records into the parameter rows of load.py's ``UNWIND`` statements.

Pure functions, no driver: what each node and edge of docs/graph-model.md gets from a filing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from graph.cents import row_value
from graph.load.fold import fold_batch
from graph.load.keys import nature_key, security_id
from graph.load.readmodel.totals import filing_totals
from ingest.records import FieldFootnote, Filing, Holding, ReportingOwner, Transaction

__all__ = [
    "BatchRows",
    "batch_rows",
    "collected_rows",
    "edgar_url",
    "is_company_name",
]

Row = dict[str, object]

_COMPANY_WORDS = re.compile(
    r"\b(inc|incorporated|corp|corporation|co|company|llc|l\.l\.c|lp|l\.p|llp|ltd|limited|plc|"
    r"trust|fund|funds|capital|partners|partnership|holdings?|group|management|advisors?|"
    r"investments?|ventures?|associates|foundation|bank|n\.a|s\.a|ag|gmbh|n\.v|b\.v|sarl|"
    r"lllp|pllc|gp|l\.p\.|family office|equity|securities)\b\.?",
    re.IGNORECASE,
)
_ASCII_DIGITS = re.compile(r"[0-9]{1,10}\Z")
_nature_key = lru_cache(maxsize=65536)(nature_key)  # a few hundred texts recur across rows


@lru_cache(maxsize=65536)  # owners file again and again under one name
def is_company_name(name: str | None) -> bool:
    """Whether an owner's name reads like a company, fund or trust rather than a person."""
    return bool(name and _COMPANY_WORDS.search(name))


def edgar_url(accession: str, issuer_cik: str) -> str | None:
    """The filing's folder on EDGAR, or None when the accession number or CIK is not known."""
    if accession.startswith(("sha256:", "dataset:")) or not _ASCII_DIGITS.match(issuer_cik):
        return None
    folder = accession.replace("-", "")
    return f"https://www.sec.gov/Archives/edgar/data/{int(issuer_cik)}/{folder}/"


@dataclass(frozen=True, slots=True)
class BatchRows:
    """Every row list load.py writes for a batch of filings, one list per statement."""

    issuers: list[Row]
    owners: list[Row]
    securities: list[Row]
    insiders: list[Row]
    transactions: list[Row]
    holdings: list[Row]
    positions: list[Row]
    filings: list[Row]


def batch_rows(filings: list[Filing]) -> BatchRows:
    """Flatten filings into statement rows (joint filings: every owner gets every row)."""
    return fold_batch(collected_rows(filings))


def collected_rows(filings: Iterable[Filing]) -> BatchRows:
    """The filings' rows, in order, before the batch's folds (``fold_batch``)."""
    out = BatchRows([], [], [], [], [], [], [], [])
    for filing in filings:
        _add_filing(out, filing)
    return out


def _add_filing(out: BatchRows, f: Filing) -> None:
    issuer = f.issuer
    out.issuers.append(
        {"cik": issuer.cik, "name": issuer.name, "ticker": issuer.ticker}
        | {"date": f.period_of_report}
    )
    for owner in f.owners:
        out.owners.append(_owner_row(owner, f.period_of_report))
        out.insiders.append(_insider_row(owner, f))
    owner_ciks = [o.cik for o in f.owners]
    common = {"owners": owner_ciks}
    provenance = {"accession": f.accession, "joint": f.is_joint}
    for t in f.transactions:
        sid = _add_security(out, f, t)
        props = _present(_transaction_props(f, t)) | provenance
        out.transactions.append({**common, "security": sid, "props": props})
        if t.shares_after is not None or t.value_after is not None:
            out.positions.append(
                _position_row(f, t, sid, t.transaction_date, t.shares_after, t.value_after)
            )
    for h in f.holdings:
        sid = _add_security(out, f, h)
        props = _present(_holding_props(f, h)) | provenance
        out.holdings.append({**common, "security": sid, "props": props})
        out.positions.append(
            _position_row(f, h, sid, f.period_of_report, h.shares_owned, h.value_owned)
        )
    out.filings.append(_filing_row(f))


def _add_security(out: BatchRows, f: Filing, row: Transaction | Holding) -> str:
    """The row's security key, its security row added (fold_securities keeps one per key)."""
    sid = security_id(f.issuer.cik, row.security_title, row.derivative)
    out.securities.append(_security_row(sid, f.issuer.cik, row, f.accession))
    return sid


def _owner_row(owner: ReportingOwner, as_of: date | None) -> Row:
    a = owner.address
    return {
        "cik": owner.cik,
        "name": owner.name,
        "date": as_of,
        "company": is_company_name(owner.name),
        "address": {
            "street1": a.street1,
            "street2": a.street2,
            "city": a.city,
            "state": a.state,
            "zip_code": a.zip_code,
            "state_description": a.state_description,
        },
    }


def _insider_row(owner: ReportingOwner, f: Filing) -> Row:
    return {
        "owner": owner.cik,
        "issuer": f.issuer.cik,
        "period": f.period_of_report,
        "rank": _rank(f.period_of_report, f, 0),
        "accession": f.accession,
        "roles": {
            "director": owner.is_director,
            "officer": owner.is_officer,
            "officer_title": owner.officer_title,
            "ten_percent_owner": owner.is_ten_percent_owner,
            "other": owner.is_other,
            "other_text": owner.other_text,
        },
    }


def _security_row(sid: str, issuer_cik: str, row: Transaction | Holding, accession: str) -> Row:
    return {
        "id": sid,
        "title": row.security_title,
        "derivative": row.derivative,
        "issuer": issuer_cik,
        "underlying_title": row.underlying_title,
        "accession": accession,
    }


def _present(props: Row) -> Row:
    """Drop absent values: Neo4j stores no nulls, and each one costs transfer time."""
    return {k: v for k, v in props.items() if v is not None}


def _footnote_refs(refs: tuple[FieldFootnote, ...]) -> list[str]:
    return [f"{r.field}:{r.footnote_id}" for r in refs]


def _derivative_props(row: Transaction | Holding) -> Row:
    return {
        "conversion_price": row.conversion_or_exercise_price,
        "exercise_date": row.exercise_date,
        "expiration_date": row.expiration_date,
        "underlying_title": row.underlying_title,
        "underlying_shares": row.underlying_shares,
        "underlying_value": row.underlying_value,
    }


def _transaction_props(f: Filing, t: Transaction) -> Row:
    value = row_value(t)
    return {
        "seq": t.seq,
        "row": f"{f.accession}#{t.seq}",
        "group_size": len(f.owners),
        "derivative": t.derivative,
        "date": t.transaction_date,
        "code": t.transaction_code,
        "form_type": t.transaction_form_type,
        "deemed_execution_date": t.deemed_execution_date,
        "equity_swap": t.equity_swap_involved,
        "timeliness": t.transaction_timeliness,
        "shares": t.shares,
        "total_value": t.total_value,
        "price": t.price_per_share,
        "value": value,
        "acquired_disposed": t.acquired_disposed,
        "shares_after": t.shares_after,
        "value_after": t.value_after,
        "direct_indirect": t.direct_indirect,
        "nature": t.nature_of_ownership or "",
        "footnotes": _footnote_refs(t.footnotes),
        "unreadable": [name for name, _ in t.unreadable] or None,
        **_derivative_props(t),
    }


def _holding_props(f: Filing, h: Holding) -> Row:
    return {
        "seq": h.seq,
        "row": f"{f.accession}#{h.seq}",
        "group_size": len(f.owners),
        "derivative": h.derivative,
        "as_of": f.period_of_report,
        "shares": h.shares_owned,
        "value": h.value_owned,
        "direct_indirect": h.direct_indirect,
        "nature": h.nature_of_ownership or "",
        "form_type": h.transaction_form_type,
        "footnotes": _footnote_refs(h.footnotes),
        "unreadable": [name for name, _ in h.unreadable] or None,
        **_derivative_props(h),
    }


def _rank(as_of: date | None, f: Filing, seq: int) -> str:
    """Orders reports of a position: later date, then amendment over original, then row."""
    day = as_of.isoformat() if as_of else "0000-00-00"
    return f"{day}|{1 if f.is_amendment else 0}|{f.fingerprint}|{seq:05d}"


def _position_row(
    f: Filing,
    row: Transaction | Holding,
    sid: str,
    as_of: date | None,
    shares: float | None,
    value: float | None,
) -> Row:
    return {
        "owners": [o.cik for o in f.owners],  # one row per owner after fold_positions
        "security": sid,
        "direct_indirect": row.direct_indirect or "",
        "nature_key": _nature_key(row.nature_of_ownership),
        "nature": row.nature_of_ownership or "",  # the latest report's own words
        "shares": shares,
        "value": value,
        "as_of": as_of,
        "accession": f.accession,
        "seq": row.seq,
        "rank": _rank(as_of, f, row.seq),
    }


def _filing_row(f: Filing) -> Row:
    return {
        "accession": f.accession,
        "issuer": f.issuer.cik,
        "owners": [o.cik for o in f.owners],
        "props": {
            "fingerprint": f.fingerprint,
            "form": f.document_type,
            "schema": f.schema_version,
            "period": f.period_of_report,
            "filed": f.filed,
            "date_of_original_submission": f.date_of_original_submission,
            "issuer_cik": f.issuer.cik,
            "owner_ciks": [o.cik for o in f.owners],
            "joint": f.is_joint,
            "remarks": f.remarks,
            "footnote_ids": [n.footnote_id for n in f.footnotes],
            "footnote_texts": [n.text for n in f.footnotes],
            "document_footnotes": _footnote_refs(f.document_footnotes),
            "signature_names": [s.name or "" for s in f.signatures],
            "signature_dates": [
                s.signature_date.isoformat() if s.signature_date else "" for s in f.signatures
            ],
            "not_subject_to_section16": f.not_subject_to_section16,
            "no_securities_owned": f.no_securities_owned,
            "form3_holdings_reported": f.form3_holdings_reported,
            "form4_transactions_reported": f.form4_transactions_reported,
            "aff10b5one": f.aff10b5one,
            "extra": [f"{path}={text}" for path, text in f.extra],
            "source": f.source,
            "url": edgar_url(f.accession, f.issuer.cik),
            **filing_totals(f),
        },
    }
