"""XML in UTF-16 or UTF-32 re-encoded as UTF-8 before parsing, so it parses, and fingerprints,
like the same document in UTF-8; EBCDIC is recognised so its rejection can say what it is.

The encoding is told the XML specification's way (appendix F): by a byte order mark, or
without one by the bytes of the opening ``<`` of the document.
"""

from __future__ import annotations

import re

from ingest.errors import ParseError

__all__ = ["is_ebcdic", "utf8_xml", "wide_encoding"]

_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\xfe\xff", "utf-16-be"),
    (b"\xff\xfe", "utf-16-le"),
)
_OPENINGS = (  # "<" and the next character, without a byte order mark
    (re.compile(rb"\x00\x00\x00<\x00\x00\x00[^\x00]"), "utf-32-be"),
    (re.compile(rb"<\x00\x00\x00[^\x00]\x00\x00\x00"), "utf-32-le"),
    (re.compile(rb"\x00<\x00[^\x00]"), "utf-16-be"),
    (re.compile(rb"<\x00[^\x00]\x00"), "utf-16-le"),
)
# "<?x" or "<" and three letters, in EBCDIC code pages 037 and 500 (after EBCDIC blanks)
_EBCDIC_LETTER = rb"[\x81-\x89\x91-\x99\xa2-\xa9\xc1-\xc9\xd1-\xd9\xe2-\xe9]"
_EBCDIC_OPENING = re.compile(
    rb"[\x40\x25\x15\x0d\x05]*\x4c(?:\x6f\xa7|" + _EBCDIC_LETTER * 3 + rb")"
)
_DECLARED = re.compile(r"""\A(<\?xml[^>]*?\sencoding\s*=\s*)(["'])[^"']*\2""")


def wide_encoding(head: bytes) -> str | None:
    """The Python codec of a UTF-16/UTF-32 document by its first bytes, else None."""
    for mark, codec in _BOMS:
        if head.startswith(mark):
            return codec
    for opening, codec in _OPENINGS:
        if opening.match(head):
            return codec
    return None


def is_ebcdic(head: bytes) -> bool:
    """Whether the bytes open like XML written in EBCDIC."""
    return _EBCDIC_OPENING.match(head) is not None


def utf8_xml(data: bytes) -> bytes:
    """``data`` as UTF-8 XML: UTF-16/32 decoded (declared encoding rewritten to UTF-8), any
    other bytes unchanged. Raises ParseError if the wide text does not decode."""
    codec = wide_encoding(data[:8])
    if codec is None:
        return data
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as e:
        raise ParseError(
            f"not valid {codec.upper()} text (byte {e.start} cannot be decoded)"
        ) from e
    text = _DECLARED.sub(r"\1\2UTF-8\2", text.lstrip("\ufeff"), count=1)
    return text.encode("utf-8")
