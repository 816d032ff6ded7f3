"""The parts of an ``<ownershipDocument>`` outside the tables: issuer, owners, notes, signatures.

``read_sections`` makes the one pass over the root's children; parse.py builds the Filing.
"""

from __future__ import annotations

from collections.abc import Callable

from ingest.errors import ParseError
from ingest.form345.xml import (
    BOOLEANS,
    Element,
    Extra,
    Leaves,
    field_footnote,
    keep_unknown,
    reread,
    walk_leaves,
    zero_pad_cik,
)
from ingest.records import Address, Footnote, Issuer, ReportingOwner, Signature, fast_constructor
from ingest.values import strict_day

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
_SIGNATURE_FIELDS = {"signatureName": "name", "signatureDate": "signature_date"}


class _Layout:
    """A section's leaf tags mapped to positions in the list of texts its record is built from.

    Positions follow the field map's order; a footnote placed directly in a group goes to extra.
    """

    def __init__(self, fields: dict[str, str], groups: dict[str, str | None]) -> None:
        assert not any(groups.values()), groups
        self.fields, self.names = fields, list(fields.values())
        self.positions = {tag: index for index, tag in enumerate(fields)}
        self.groups: dict[str, int | None] = dict.fromkeys(groups)


_ISSUER, _SIGNATURE = _Layout(_ISSUER_FIELDS, {}), _Layout(_SIGNATURE_FIELDS, {})
_OWNER = _Layout(_OWNER_FIELDS, _OWNER_PARTS)
# the records' constructors without the frozen per-field __setattr__: every field given
_new_issuer, _new_address = fast_constructor(Issuer), fast_constructor(Address)
_new_owner, _new_footnote = fast_constructor(ReportingOwner), fast_constructor(Footnote)
_new_signature = fast_constructor(Signature)


class Sections:
    """What one pass over the root's children found, before it becomes a Filing."""

    def __init__(self, root: Element) -> None:
        self.extra: Extra = []
        self.unreadable: list[tuple[str, str]] = []  # (field, text) of values read as None
        self.values = Leaves(root, _DOCUMENT_FIELDS, self.extra, self.unreadable)  # top level
        self.issuer: Issuer | None = None
        self.owners: list[ReportingOwner] = []
        self.footnotes: list[Footnote] = []
        self.signatures: list[Signature] = []
        self.tables: dict[str, Element] = {}

    def read(self, element: Element, layout: _Layout) -> list[str | None]:
        """``element``'s leaf texts in ``layout`` order; footnotes it cites are the document's."""
        texts: list[str | None] = [None] * len(layout.names)
        cited: list[tuple[int, str]] = []
        walk_leaves(element, layout.positions, layout.groups, self.extra, texts, cited)
        if cited:
            names = layout.names
            self.values.notes.extend(field_footnote(names[i], note) for i, note in cited)
        return texts

    def flag(self, element: Element, layout: _Layout, field: str, text: str | None) -> bool:
        """A relationship flag: absent, blank or unreadable is False."""
        if not text:
            return False
        flag = BOOLEANS.get(text)
        if flag is None:
            flag = reread(element, layout.fields, self.extra, "flag", field, text)
            if flag is None:
                self.unreadable.append((f"{field} (owner {len(self.owners) + 1})", text))
        return bool(flag)


def _read_issuer(doc: Sections, element: Element) -> None:
    cik, name, ticker = doc.read(element, _ISSUER)
    if not cik:
        raise ParseError("missing issuerCik")
    doc.issuer = _new_issuer(_cik(cik, "issuerCik"), name or None, ticker or None)


def _read_owner(doc: Sections, element: Element) -> None:
    texts = doc.read(element, _OWNER)  # in _OWNER_FIELDS order
    cik, name, street1, street2, city, state, zip_code, state_description = texts[:8]
    is_director, is_officer, officer_title, is_ten_percent_owner, is_other, other = texts[8:]
    if not cik:
        raise ParseError(f"missing rptOwnerCik in reportingOwner {len(doc.owners) + 1}")
    address = _new_address(
        street1 or None,
        street2 or None,
        city or None,
        state or None,
        zip_code or None,
        state_description or None,
    )
    flag = doc.flag
    doc.owners.append(
        _new_owner(
            cik=_cik(cik, "rptOwnerCik"),
            name=name or None,
            address=address,
            is_director=flag(element, _OWNER, "is_director", is_director),
            is_officer=flag(element, _OWNER, "is_officer", is_officer),
            officer_title=officer_title or None,
            is_ten_percent_owner=flag(
                element, _OWNER, "is_ten_percent_owner", is_ten_percent_owner
            ),
            is_other=flag(element, _OWNER, "is_other", is_other),
            other_text=other or None,
        )
    )


def _read_footnotes(doc: Sections, element: Element) -> None:
    for child in element:
        footnote_id = child.get("id") if child.tag == "footnote" else None
        if footnote_id:
            text = ("".join(child.itertext()) if len(child) else child.text or "").strip()
            doc.footnotes.append(_new_footnote(footnote_id.strip(), text))
        else:
            keep_unknown(child, doc.extra)


def _read_signature(doc: Sections, element: Element) -> None:
    name, text = doc.read(element, _SIGNATURE)
    day = None
    if text:
        try:
            day = strict_day(text)
        except ValueError:
            day = reread(element, _SIGNATURE_FIELDS, doc.extra, "day", "signature_date", text)
            if day is None:
                field = f"signature_date (signature {len(doc.signatures) + 1})"
                doc.unreadable.append((field, text))
    doc.signatures.append(_new_signature(name or None, day))


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


def _read_leaf(element: Element, extra: Extra) -> tuple[str | None, tuple[str, ...]]:
    """Text and footnote ids of ``<x><value>t</value><footnoteId id="F1"/></x>`` or ``<x>t</x>``.

    Children other than value/footnoteId are kept in ``extra``.
    """
    text = element.text
    value = (text.strip() or None) if text else None
    if not len(element):
        return value, ()
    ids: list[str] = []
    for child in element:
        tag = child.tag
        if tag == "value" and value is None:
            text = child.text
            value = (text.strip() or None) if text else None
        elif tag == "footnoteId" and child.get("id"):
            ids.append(child.get("id", "").strip())
        else:
            keep_unknown(child, extra)
    return value, tuple(ids)


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
        text, ids = _read_leaf(child, doc.extra)
        if text is not None:
            values.texts[field] = text
        if ids:
            values.notes.extend(field_footnote(field, footnote_id) for footnote_id in ids)
    return doc
