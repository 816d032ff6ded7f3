"""Filing records as ``<ownershipDocument>`` XML in EDGAR full submissions (``<accession>.txt``).

Elements follow the ownership schema's order (ownership4Document.xsd and friends); the full
submission header carries the accession number and filing date, as EDGAR's does, so the
parsed XML and the data set rows of one filing are the same record. Plain string building.
"""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

from ingest.records import FieldFootnote, Filing, Holding, ReportingOwner, Transaction

__all__ = ["XmlQuarter", "ownership_xml", "submission_text"]

_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})


def _esc(text: str) -> str:
    return text.translate(_ESCAPES)


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, date):
        return value.isoformat()
    return _esc(str(value))


def _leaf(tag: str, value: object, notes: dict[str, list[str]], field: str) -> str:
    """``<tag><value>v</value><footnoteId id="F1"/></tag>``; the value is left out when None."""
    ids = "".join(f'<footnoteId id="{i}"/>' for i in notes.get(field, ()))
    inner = f"<value>{_value(value)}</value>" if value is not None else ""
    return f"<{tag}>{inner}{ids}</{tag}>"


def _notes(footnotes: tuple[FieldFootnote, ...]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for note in footnotes:
        found.setdefault(note.field, []).append(note.footnote_id)
    return found


def _owner(o: ReportingOwner) -> str:
    a = o.address
    address = "".join(
        f"<{tag}>{_esc(text)}</{tag}>"
        for tag, text in (
            ("rptOwnerStreet1", a.street1),
            ("rptOwnerStreet2", a.street2),
            ("rptOwnerCity", a.city),
            ("rptOwnerState", a.state),
            ("rptOwnerZipCode", a.zip_code),
            ("rptOwnerStateDescription", a.state_description),
        )
        if text
    )
    relation = "".join(
        f"<{tag}>{_value(v)}</{tag}>"
        for tag, v in (
            ("isDirector", o.is_director or None),
            ("isOfficer", o.is_officer or None),
            ("isTenPercentOwner", o.is_ten_percent_owner or None),
            ("isOther", o.is_other or None),
            ("officerTitle", o.officer_title),
            ("otherText", o.other_text),
        )
        if v is not None
    )
    return (
        f"<reportingOwner><reportingOwnerId><rptOwnerCik>{o.cik}</rptOwnerCik>"
        f"<rptOwnerName>{_esc(o.name or '')}</rptOwnerName></reportingOwnerId>"
        f"<reportingOwnerAddress>{address}</reportingOwnerAddress>"
        f"<reportingOwnerRelationship>{relation}</reportingOwnerRelationship></reportingOwner>"
    )


def _derivative_terms(r: Transaction | Holding, n: dict[str, list[str]]) -> tuple[str, str]:
    """(conversion price, exercise + expiration + underlying) of a derivative row."""
    conversion = _leaf(
        "conversionOrExercisePrice",
        r.conversion_or_exercise_price,
        n,
        "conversion_or_exercise_price",
    )
    terms = (
        _leaf("exerciseDate", r.exercise_date, n, "exercise_date")
        + _leaf("expirationDate", r.expiration_date, n, "expiration_date")
        + "<underlyingSecurity>"
        + _leaf("underlyingSecurityTitle", r.underlying_title, n, "underlying_title")
        + _leaf("underlyingSecurityShares", r.underlying_shares, n, "underlying_shares")
        + "</underlyingSecurity>"
    )
    return conversion, terms


def _nature(r: Transaction | Holding, n: dict[str, list[str]]) -> str:
    nature = (
        _leaf("natureOfOwnership", r.nature_of_ownership, n, "nature_of_ownership")
        if r.nature_of_ownership
        else ""
    )
    direct = _leaf("directOrIndirectOwnership", r.direct_indirect, n, "direct_indirect")
    return f"<ownershipNature>{direct}{nature}</ownershipNature>"


def _transaction(t: Transaction) -> str:
    n = _notes(t.footnotes)
    conversion, terms = _derivative_terms(t, n) if t.derivative else ("", "")
    code_notes = "".join(f'<footnoteId id="{i}"/>' for i in n.get("transaction_code", ()))
    tag = "derivativeTransaction" if t.derivative else "nonDerivativeTransaction"
    deemed = timeliness = ""
    if t.deemed_execution_date is not None:
        deemed = _leaf("deemedExecutionDate", t.deemed_execution_date, n, "deemed_execution_date")
    if t.transaction_timeliness is not None:
        timeliness = _leaf("transactionTimeliness", t.transaction_timeliness, n, "timeliness")
    return (
        f"<{tag}>{_leaf('securityTitle', t.security_title, n, 'security_title')}{conversion}"
        f"{_leaf('transactionDate', t.transaction_date, n, 'transaction_date')}{deemed}"
        f"<transactionCoding><transactionFormType>{t.transaction_form_type}</transactionFormType>"
        f"<transactionCode>{t.transaction_code}</transactionCode>"
        f"<equitySwapInvolved>{_value(t.equity_swap_involved)}</equitySwapInvolved>{code_notes}"
        f"</transactionCoding>{timeliness}<transactionAmounts>"
        f"{_leaf('transactionShares', t.shares, n, 'shares')}"
        f"{_leaf('transactionPricePerShare', t.price_per_share, n, 'price_per_share')}"
        f"{_leaf('transactionAcquiredDisposedCode', t.acquired_disposed, n, 'acquired_disposed')}"
        f"</transactionAmounts>{terms}<postTransactionAmounts>"
        f"{_leaf('sharesOwnedFollowingTransaction', t.shares_after, n, 'shares_after')}"
        f"</postTransactionAmounts>{_nature(t, n)}</{tag}>"
    )


def _holding(h: Holding) -> str:
    n = _notes(h.footnotes)
    conversion, terms = _derivative_terms(h, n) if h.derivative else ("", "")
    tag = "derivativeHolding" if h.derivative else "nonDerivativeHolding"
    post = (
        ""
        if h.shares_owned is None  # a Form 3 derivative holding: the underlying shares say it
        else "<postTransactionAmounts>"
        f"{_leaf('sharesOwnedFollowingTransaction', h.shares_owned, n, 'shares_owned')}"
        "</postTransactionAmounts>"
    )
    return (
        f"<{tag}>{_leaf('securityTitle', h.security_title, n, 'security_title')}{conversion}"
        f"{terms}{post}{_nature(h, n)}</{tag}>"
    )


def ownership_xml(f: Filing) -> str:
    """The ``<ownershipDocument>`` of a filing, elements in schema order."""
    parts = ['<?xml version="1.0"?>\n<ownershipDocument>']
    parts.append(f"<schemaVersion>{f.schema_version}</schemaVersion>" if f.schema_version else "")
    parts.append(f"<documentType>{f.document_type}</documentType>")
    parts.append(f"<periodOfReport>{_value(f.period_of_report)}</periodOfReport>")
    for tag, value in (
        ("dateOfOriginalSubmission", f.date_of_original_submission),
        ("notSubjectToSection16", f.not_subject_to_section16),
        ("form3HoldingsReported", f.form3_holdings_reported),
        ("form4TransactionsReported", f.form4_transactions_reported),
        ("noSecuritiesOwned", f.no_securities_owned),
    ):
        if value is not None:
            parts.append(f"<{tag}>{_value(value)}</{tag}>")
    i = f.issuer
    parts.append(
        f"<issuer><issuerCik>{i.cik}</issuerCik><issuerName>{_esc(i.name or '')}</issuerName>"
        f"<issuerTradingSymbol>{_esc(i.ticker or '')}</issuerTradingSymbol></issuer>"
    )
    parts.extend(_owner(o) for o in f.owners)
    if f.aff10b5one is not None:
        parts.append(f"<aff10b5One>{_value(f.aff10b5one)}</aff10b5One>")
    for derivative, table in ((False, "nonDerivativeTable"), (True, "derivativeTable")):
        rows = [_transaction(t) for t in f.transactions if t.derivative is derivative]
        rows += [_holding(h) for h in f.holdings if h.derivative is derivative]
        if rows:
            parts.append(f"<{table}>{''.join(rows)}</{table}>")
    if f.footnotes:
        notes = "".join(
            f'<footnote id="{n.footnote_id}">{_esc(n.text)}</footnote>' for n in f.footnotes
        )
        parts.append(f"<footnotes>{notes}</footnotes>")
    if f.remarks:
        parts.append(f"<remarks>{_esc(f.remarks)}</remarks>")
    for s in f.signatures:
        parts.append(
            f"<ownerSignature><signatureName>{_esc(s.name or '')}</signatureName>"
            f"<signatureDate>{_value(s.signature_date)}</signatureDate></ownerSignature>"
        )
    parts.append("</ownershipDocument>\n")
    return "\n".join(p for p in parts if p)


def submission_text(f: Filing) -> str:
    """An EDGAR full submission of the filing's XML: accession and filing date in its header."""
    filed = f.filed.strftime("%Y%m%d") if f.filed else ""
    return (
        f"<SEC-DOCUMENT>{f.accession}.txt : {filed}\n<SEC-HEADER>{f.accession}.hdr.sgml : {filed}\n"
        f"ACCESSION NUMBER:\t\t{f.accession}\nCONFORMED SUBMISSION TYPE:\t{f.document_type}\n"
        f"PUBLIC DOCUMENT COUNT:\t\t1\nFILED AS OF DATE:\t\t{filed}\n</SEC-HEADER>\n"
        f"<DOCUMENT>\n<TYPE>{f.document_type}\n<SEQUENCE>1\n<FILENAME>form{f.document_type[0]}.xml\n"
        f"<TEXT>\n<XML>\n{ownership_xml(f)}</XML>\n</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"
    )


class XmlQuarter:
    """A quarter's filings as full submissions in ``<name>_xml.zip``: ``<cik>/<accession>.txt``."""

    def __init__(self, out: Path, name: str) -> None:
        self.path = out / f"{name}_xml.zip"
        self.partial = self.path.with_suffix(".zip.part")
        self.archive = zipfile.ZipFile(self.partial, "w", zipfile.ZIP_DEFLATED, compresslevel=1)

    def add(self, f: Filing) -> None:
        info = zipfile.ZipInfo(f"{f.issuer.cik}/{f.accession}.txt", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        self.archive.writestr(info, submission_text(f).encode("utf-8"), compresslevel=1)

    def close(self) -> Path:
        self.archive.close()
        self.partial.replace(self.path)
        return self.path
