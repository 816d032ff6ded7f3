"""Bytes in, frozen records out: SEC ownership filings parsed with no database and no UI.

- ``read_filings(paths)`` (filings.py): every file, folder, archive, full submission or data set
  under the paths → ``Filing`` records, or ``Rejected`` naming the input and the reason.
- records.py: the records every later stage uses; errors.py: the project's one exception
  hierarchy.
- Where documents come from: sources.py (walks paths), sniff.py (what a file is), archives.py,
  submission.py (EDGAR full submissions).
- form345/: the ``<ownershipDocument>`` parser; datasets/: the SEC's quarterly data sets (TSV).
"""

from ingest.filings import read_filings
from ingest.form345 import fingerprint, parse_filing
from ingest.records import Filing, Rejected

__all__ = ["Filing", "Rejected", "fingerprint", "parse_filing", "read_filings"]
