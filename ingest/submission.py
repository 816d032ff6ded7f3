"""Read an EDGAR full submission (SGML ``<SEC-DOCUMENT>`` or ``<SUBMISSION>``): header facts and
the ownership XML of its Form 3/4/5 documents. sources.py decides which bytes are a submission.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

__all__ = ["OWNERSHIP_TYPES", "Submission", "read_submission"]

OWNERSHIP_TYPES = frozenset({"3", "4", "5", "3/A", "4/A", "5/A"})

_ACCESSION = re.compile(rb"(?:ACCESSION NUMBER:|<ACCESSION-NUMBER>)[ \t]*(\d{10}-?\d{2}-?\d{6})")
_FILED = re.compile(rb"(?:FILED AS OF DATE:|<FILING-DATE>)[ \t]*(\d{8})")
_DOCUMENT = re.compile(rb"<DOCUMENT>(.*?)(?:</DOCUMENT>|\Z)", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(rb"<TYPE>[ \t]*([^\s<]+)", re.IGNORECASE)
_XML_OPEN = re.compile(rb"<XML>", re.IGNORECASE)
_XML_CLOSE = re.compile(rb"</XML>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Submission:
    """What a full submission holds: header facts and its ownership XML documents."""

    accession: str | None  # "0000000000-00-000000"
    filed: date | None  # FILED AS OF DATE / FILING-DATE
    document_types: tuple[str, ...]  # TYPE of every <DOCUMENT>, in order
    ownership_xml: tuple[bytes, ...]  # <XML> body of each Form 3/4/5 document, stripped

    def describe_missing(self) -> str:
        """A reason to show a person when the submission holds no ownership XML."""
        types = ", ".join(self.document_types) or "none"
        hint = ""
        if any(t.upper() in OWNERSHIP_TYPES for t in self.document_types):
            hint = "; the Form 3/4/5 document has no <XML> block (a pre-2003 text filing?)"
        return f"no <ownershipDocument> found in full submission (document types: {types}){hint}"


def read_submission(data: bytes) -> Submission:
    """Split full-submission bytes into header facts and Form 3/4/5 XML bodies."""
    first = _DOCUMENT.search(data)
    header = data[: first.start()] if first else data
    types: list[str] = []
    xmls: list[bytes] = []
    for match in _DOCUMENT.finditer(data):
        body = match.group(1)
        kind = _TYPE.search(body)
        doc_type = kind.group(1).decode("ascii", "replace").upper() if kind else "?"
        types.append(doc_type)
        xml = _xml_block(body) if doc_type in OWNERSHIP_TYPES else None
        if xml is not None:
            xmls.append(xml)
    return Submission(_accession(header), _filed(header), tuple(types), tuple(xmls))


def _xml_block(body: bytes) -> bytes | None:
    """The text between the first ``<XML>`` and the ``</XML>`` after it, stripped.

    Two searches, each through the body once: a body of many ``<XML>`` openings and no
    closing takes linear time (a lazy ``<XML>(.*?)</XML>`` rescans to the end from each).
    """
    opening = _XML_OPEN.search(body)
    if opening is None:
        return None
    closing = _XML_CLOSE.search(body, opening.end())
    return None if closing is None else body[opening.end() : closing.start()].strip()


def _accession(header: bytes) -> str | None:
    match = _ACCESSION.search(header)
    if not match:
        return None
    digits = match.group(1).replace(b"-", b"").decode("ascii")
    return f"{digits[:10]}-{digits[10:12]}-{digits[12:]}"


def _filed(header: bytes) -> date | None:
    match = _FILED.search(header)
    if not match:
        return None
    text = match.group(1).decode("ascii")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:  # an impossible date in the header: the filing is still usable
        return None
