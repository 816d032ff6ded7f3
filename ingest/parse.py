"""Parse one ``<ownershipDocument>`` (Forms 3, 4, 5 and amendments) into a Filing record.

Pure: bytes in, records out. Table rows are in tables.py, safe lxml helpers in xml.py.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from lxml import etree

from ingest.errors import ParseError
from ingest.records import (
    Address,
    Filing,
    Footnote,
    Holding,
    Issuer,
    ReportingOwner,
    Signature,
    Transaction,
)
from ingest.tables import parse_table
from ingest.xml import (
    Element,
    Extra,
    Leaves,
    collect_leaves,
    field_footnote,
    keep_unknown,
    parse_xml,
    read_leaf,
    zero_pad_cik,
)

__all__ = ["fingerprint", "parse_filing"]

_DOCUMENT_FIELDS = {  # top-level leaves -> Filing field names (also used for their footnotes)
    "schemaVersion": "schema_version",
    "documentType": "document_type",
    "periodOfReport": "period_of_report",
    "dateOfOriginalSubmission": "date_of_original_submission",
    "notSubjectToSection16": "not_subject_to_section16",
    "noSecuritiesOwned": "no_securities_owned",
    "form3HoldingsReported": "form3_holdings_reported",
    "form4TransactionsReported": "form4_transactions_reported",
    "aff10b5One": "aff10b5one",
    "remarks": "remarks",
}
_ISSUER_FIELDS = {"issuerCik": "cik", "issuerName": "name", "issuerTradingSymbol": "ticker"}
_OWNER_FIELDS = {
    "rptOwnerCik": "cik",
    "rptOwnerName": "name",
    "rptOwnerStreet1": "street1",
    "rptOwnerStreet2": "street2",
    "rptOwnerCity": "city",
    "rptOwnerState": "state",
    "rptOwnerZipCode": "zip_code",
    "rptOwnerStateDescription": "state_description",
    "isDirector": "is_director",
    "isOfficer": "is_officer",
    "officerTitle": "officer_title",
    "isTenPercentOwner": "is_ten_percent_owner",
    "isOther": "is_other",
    "otherText": "other_text",
}
_OWNER_PARTS: dict[str, str | None] = dict.fromkeys(
    ("reportingOwnerId", "reportingOwnerAddress", "reportingOwnerRelationship")
)
_NO_GROUPS: dict[str, str | None] = {}
_SIGNATURE_FIELDS = {"signatureName": "name", "signatureDate": "signature_date"}


def fingerprint(data: bytes) -> str:
    """sha256 hex of the document with a leading BOM and all ASCII whitespace removed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return hashlib.sha256(data.translate(None, b" \t\r\n")).hexdigest()


class _Document:
    """What one pass over the root's children found, before it becomes a Filing."""

    def __init__(self, root: Element) -> None:
        self.extra: Extra = []
        self.values = Leaves(root, _DOCUMENT_FIELDS, self.extra)  # top-level leaves
        self.issuer: Issuer | None = None
        self.owners: list[ReportingOwner] = []
        self.footnotes: list[Footnote] = []
        self.signatures: list[Signature] = []
        self.tables: dict[str, Element] = {}

    def leaves(
        self, element: Element, fields: dict[str, str], groups: dict[str, str | None]
    ) -> Leaves:
        """``collect_leaves`` whose footnote references count as the document's."""
        found = collect_leaves(element, fields, groups, self.extra)
        if found.notes:
            self.values.notes.extend(found.notes)
        return found


def _read_issuer(doc: _Document, element: Element) -> None:
    issuer = doc.leaves(element, _ISSUER_FIELDS, _NO_GROUPS)
    cik = issuer.text("cik")
    if cik is None:
        raise ParseError("missing issuerCik")
    doc.issuer = Issuer(
        cik=_cik(cik, "issuerCik"), name=issuer.text("name"), ticker=issuer.text("ticker")
    )


def _read_owner(doc: _Document, element: Element) -> None:
    owner = doc.leaves(element, _OWNER_FIELDS, _OWNER_PARTS)
    text = owner.text
    cik = text("cik")
    if cik is None:
        raise ParseError(f"missing rptOwnerCik in reportingOwner {len(doc.owners) + 1}")
    address = Address(
        street1=text("street1"),
        street2=text("street2"),
        city=text("city"),
        state=text("state"),
        zip_code=text("zip_code"),
        state_description=text("state_description"),
    )
    doc.owners.append(
        ReportingOwner(
            cik=_cik(cik, "rptOwnerCik"),
            name=text("name"),
            address=address,
            is_director=bool(owner.flag("is_director")),
            is_officer=bool(owner.flag("is_officer")),
            officer_title=text("officer_title"),
            is_ten_percent_owner=bool(owner.flag("is_ten_percent_owner")),
            is_other=bool(owner.flag("is_other")),
            other_text=text("other_text"),
        )
    )


def _read_footnotes(doc: _Document, element: Element) -> None:
    for child in element:
        footnote_id = child.get("id") if child.tag == "footnote" else None
        if footnote_id:
            text = ("".join(child.itertext()) if len(child) else child.text or "").strip()
            doc.footnotes.append(Footnote(footnote_id=footnote_id.strip(), text=text))
        else:
            keep_unknown(child, doc.extra)


def _read_signature(doc: _Document, element: Element) -> None:
    signature = doc.leaves(element, _SIGNATURE_FIELDS, _NO_GROUPS)
    doc.signatures.append(
        Signature(name=signature.text("name"), signature_date=signature.day("signature_date"))
    )


def _keep_table(doc: _Document, element: Element) -> None:
    if element.tag in doc.tables:  # a second table of the same kind is outside the schema
        keep_unknown(element, doc.extra)
    else:
        doc.tables[element.tag] = element


_SECTIONS: dict[str, Callable[[_Document, Element], None]] = {
    "issuer": _read_issuer,
    "reportingOwner": _read_owner,
    "nonDerivativeTable": _keep_table,
    "derivativeTable": _keep_table,
    "footnotes": _read_footnotes,
    "ownerSignature": _read_signature,
}


def _cik(text: str, tag: str) -> str:
    try:
        return zero_pad_cik(text)
    except ValueError as e:
        raise ParseError(f"{tag} {text!r} is not a CIK of up to 10 digits") from e


def _strip_namespaces(root: Element) -> None:
    """Let a namespaced ``<ownershipDocument xmlns=...>`` parse like the usual bare one."""
    for element in root.iter():
        element.tag = etree.QName(element).localname


def _read_document(root: Element) -> _Document:
    """One pass over the root's children, dispatching on tag."""
    doc = _Document(root)
    values = doc.values
    for child in root:
        tag = child.tag
        section = _SECTIONS.get(tag)
        if section is not None:
            section(doc, child)
            continue
        field = _DOCUMENT_FIELDS.get(tag)
        if field is None:
            keep_unknown(child, doc.extra)
            continue
        text, ids = read_leaf(child, doc.extra)
        if text is not None:
            values.texts[field] = text
        if ids:
            values.notes.extend(field_footnote(field, footnote_id) for footnote_id in ids)
    return doc


def _rows(doc: _Document) -> tuple[tuple[Transaction, ...], tuple[Holding, ...]]:
    """Non-derivative rows first, then derivative rows, numbered from 1."""
    transactions: list[Transaction] = []
    holdings: list[Holding] = []
    seq = 1
    for tag in ("nonDerivativeTable", "derivativeTable"):
        table = doc.tables.get(tag)
        if table is not None:
            seq = parse_table(table, seq, transactions, holdings, doc.extra)
    return tuple(transactions), tuple(holdings)


def _root(data: bytes) -> Element:
    root = parse_xml(data)
    if root.tag.startswith("{"):
        _strip_namespaces(root)
    if root.tag != "ownershipDocument":
        raise ParseError(f"root element is <{root.tag}>, expected <ownershipDocument>")
    return root


def parse_filing(
    data: bytes,
    *,
    accession: str | None = None,
    filed: date | None = None,
    source: str | None = None,
) -> Filing:
    """Parse ownership XML bytes into a Filing; raise ParseError saying why it is unusable."""
    doc = _read_document(_root(data))
    values = doc.values
    if doc.issuer is None:
        raise ParseError("missing issuer (issuerCik)")
    if not doc.owners:
        raise ParseError("missing reportingOwner")
    document_type = values.text("document_type")
    if document_type is None:
        raise ParseError("missing documentType")
    transactions, holdings = _rows(doc)
    digest = fingerprint(data)
    return Filing(
        accession=accession or f"sha256:{digest}",
        fingerprint=digest,
        document_type=document_type,
        schema_version=values.text("schema_version"),
        period_of_report=values.day("period_of_report"),
        issuer=doc.issuer,
        owners=tuple(doc.owners),
        transactions=transactions,
        holdings=holdings,
        footnotes=tuple(doc.footnotes),
        signatures=tuple(doc.signatures),
        filed=filed,
        date_of_original_submission=values.day("date_of_original_submission"),
        not_subject_to_section16=values.flag("not_subject_to_section16"),
        no_securities_owned=values.flag("no_securities_owned"),
        form3_holdings_reported=values.flag("form3_holdings_reported"),
        form4_transactions_reported=values.flag("form4_transactions_reported"),
        aff10b5one=values.flag("aff10b5one"),
        remarks=values.text("remarks"),
        document_footnotes=tuple(values.notes),
        extra=tuple(doc.extra),
        source=source,
    )
