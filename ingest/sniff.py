"""Tell what a file is from its first bytes, never from its name; sources.py acts on the answer.

Sniffing is cheap on purpose: it looks at a few KiB and leaves judging XML to parse.py.
"""

from __future__ import annotations

from enum import Enum

from ingest.encoding import is_ebcdic, wide_encoding

__all__ = ["HEAD_SIZE", "Kind", "describe", "sniff"]

HEAD_SIZE = 8192  # bytes read to decide; a submission's header markers sit well inside it


class Kind(Enum):
    """What a run of bytes holds."""

    EMPTY = "empty"
    ZIP = "zip"
    TAR = "tar"
    COMPRESSED = "compressed"  # gzip/bzip2/xz: a .tar.gz or a single compressed file
    SUBMISSION = "submission"  # EDGAR full submission (SGML)
    XML = "xml"
    DATASET_TABLE = "dataset_table"  # one .tsv of an SEC Insider Transactions Data Set
    PDF = "pdf"
    HTML = "html"
    EBCDIC = "ebcdic"  # XML in an EBCDIC code page
    ZEROS = "zeros"  # only zero bytes: what an empty tar archive is
    UNKNOWN = "unknown"


_COMPRESSED_MAGIC = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00")
_SUBMISSION_START = (
    b"<SEC-DOCUMENT>",
    b"<SEC-HEADER>",
    b"<SUBMISSION>",
    b"<IMS-DOCUMENT>",
    b"-----BEGIN PRIVACY-ENHANCED MESSAGE-----",
)
_BOM = b"\xef\xbb\xbf"


def sniff(head: bytes) -> Kind:
    """Classify bytes by their first ``HEAD_SIZE`` bytes (more are ignored)."""
    head = head[:HEAD_SIZE]
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return Kind.ZIP
    if head.startswith(_COMPRESSED_MAGIC):
        return Kind.COMPRESSED
    if head[257:262] == b"ustar":
        return Kind.TAR
    if head.startswith(b"%PDF"):
        return Kind.PDF
    if wide_encoding(head[:8]):
        return Kind.XML
    if is_ebcdic(head):
        return Kind.EBCDIC
    if head and not head.strip(b"\x00"):
        return Kind.ZEROS
    text = head.removeprefix(_BOM).lstrip()
    if not text:
        return Kind.EMPTY
    return _sniff_text(text)


def _sniff_text(text: bytes) -> Kind:
    upper = text[:64].upper()
    if upper.startswith(_SUBMISSION_START):
        return Kind.SUBMISSION
    if upper.startswith((b"<!DOCTYPE HTML", b"<HTML")):
        return Kind.HTML
    if text.startswith(b"<"):
        return Kind.XML
    if text.startswith(b"ACCESSION_NUMBER\t"):
        return Kind.DATASET_TABLE
    return Kind.UNKNOWN


def describe(kind: Kind, head: bytes) -> str:
    """A reason for rejecting bytes of ``kind`` that a person can act on."""
    if kind is Kind.EMPTY:
        return "empty file"
    if kind is Kind.PDF:
        return "not an ownership filing: a PDF document"
    if kind is Kind.HTML:
        return "not an ownership filing: an HTML page (use the filing's .xml or full .txt)"
    if kind is Kind.DATASET_TABLE:
        return (
            "SEC data set table outside its data set: read the folder or zip "
            "that holds SUBMISSION.tsv"
        )
    if kind is Kind.EBCDIC:
        return "not an ownership filing: XML in EBCDIC, which is not read (convert it to UTF-8)"
    if kind is Kind.ZEROS:
        return "empty tar archive, or only zero bytes: nothing to read"
    # the bytes themselves are never quoted: a followed symlink may point at a private file
    if _looks_binary(head[:512]):
        return "not an ownership filing: binary content, not XML, a submission or an archive"
    return "not an ownership filing: text that is neither XML nor an EDGAR submission"


def _looks_binary(head: bytes) -> bool:
    controls = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return controls * 20 > len(head)  # more than 5 % control bytes
