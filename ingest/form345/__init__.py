"""The Form 3/4/5 ``<ownershipDocument>`` parser.

parse.py reads a whole document; sections.py the issuer, owners, footnotes and signatures;
tables.py the rows of Table I (non-derivative) and Table II (derivative); xml.py parses
safely with lxml and converts leaf values.
"""

from ingest.form345.parse import fingerprint, parse_filing

__all__ = ["fingerprint", "parse_filing"]
