"""The parts of an ``<ownershipDocument>`` outside the tables: issuer, owners, notes, signatures.

``read_sections`` makes the one pass over the root's children; parse.py builds the Filing.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.errors import ParseError
from ingest.records import Address, Footnote, Issuer, ReportingOwner, Signature, fast_constructor
from ingest.xml import (
    Element,
    Extra,
    Leaves,
    collect_leaves,
    field_footnote,
    keep_unknown,
    read_leaf,
    zero_pad_cik,
)

__all__ = ["Sections", "read_sections"]

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
# the records' constructors without the frozen per-field __setattr__: every field, by keyword
_new_issuer, _new_address = fast_constructor(Issuer), fast_constructor(Address)
_new_owner, _new_footnote = fast_constructor(ReportingOwner), fast_constructor(Footnote)
_new_signature = fast_constructor(Signature)


class Sections:
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


def _read_issuer(doc: Sections, element: Element) -> None:
    issuer = doc.leaves(element, _ISSUER_FIELDS, _NO_GROUPS)
    cik = issuer.text("cik")
    if cik is None:
        raise ParseError("missing issuerCik")
    doc.issuer = _new_issuer(
        cik=_cik(cik, "issuerCik"), name=issuer.text("name"), ticker=issuer.text("ticker")
    )


def _read_owner(doc: Sections, element: Element) -> None:
    owner = doc.leaves(element, _OWNER_FIELDS, _OWNER_PARTS)
    text = owner.text
    cik = text("cik")
    if cik is None:
        raise ParseError(f"missing rptOwnerCik in reportingOwner {len(doc.owners) + 1}")
    address = _new_address(
        street1=text("street1"),
        street2=text("street2"),
        city=text("city"),
        state=text("state"),
        zip_code=text("zip_code"),
        state_description=text("state_description"),
    )
    doc.owners.append(
        _new_owner(
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


def _read_footnotes(doc: Sections, element: Element) -> None:
    for child in element:
        footnote_id = child.get("id") if child.tag == "footnote" else None
        if footnote_id:
            text = ("".join(child.itertext()) if len(child) else child.text or "").strip()
            doc.footnotes.append(_new_footnote(footnote_id=footnote_id.strip(), text=text))
        else:
            keep_unknown(child, doc.extra)


def _read_signature(doc: Sections, element: Element) -> None:
    signature = doc.leaves(element, _SIGNATURE_FIELDS, _NO_GROUPS)
    doc.signatures.append(
        _new_signature(name=signature.text("name"), signature_date=signature.day("signature_date"))
    )


def _keep_table(doc: Sections, element: Element) -> None:
    if element.tag in doc.tables:  # a second table of the same kind is outside the schema
        keep_unknown(element, doc.extra)
    else:
        doc.tables[element.tag] = element


_SECTIONS: dict[str, Callable[[Sections, Element], None]] = {
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


def read_sections(root: Element) -> Sections:
    """One pass over the root's children, dispatching on tag."""
    doc = Sections(root)
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
