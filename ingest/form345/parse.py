"""Parse one ``<ownershipDocument>`` (Forms 3, 4, 5 and amendments) into a Filing record.

Pure: bytes in, records out. Issuer/owners/footnotes are in sections.py, table rows in
tables.py, safe lxml helpers in xml.py.
"""

from __future__ import annotations

import hashlib
from datetime import date

from lxml import etree

from ingest.encoding import utf8_xml
from ingest.errors import ParseError
from ingest.form345.sections import Sections, read_sections
from ingest.form345.tables import parse_table
from ingest.form345.xml import Element, parse_xml
from ingest.records import Filing, Holding, Transaction, fast_constructor

__all__ = ["fingerprint", "parse_filing"]

_new_filing = fast_constructor(Filing)  # every field, by keyword; Filing(...) but faster


def fingerprint(data: bytes) -> str:
    """sha256 hex of the document with a leading BOM and all ASCII whitespace removed."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    return hashlib.sha256(data.translate(None, b" \t\r\n")).hexdigest()


def _strip_namespaces(root: Element) -> None:
    """Let a namespaced ``<ownershipDocument xmlns=...>`` parse like the usual bare one."""
    for element in root.iter():
        element.tag = etree.QName(element).localname


def _rows(doc: Sections) -> tuple[tuple[Transaction, ...], tuple[Holding, ...]]:
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
    """Parse ownership XML bytes into a Filing; raise ParseError saying why it is unusable.

    UTF-16/32 bytes are read as their UTF-8 equivalent (encoding.py), fingerprint included.
    """
    data = utf8_xml(data)
    doc = read_sections(_root(data))
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
    return _new_filing(
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
        unreadable=tuple(doc.unreadable),  # after every conversion above
        source=source,
    )
