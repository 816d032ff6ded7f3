"""Pure parsing of SEC ownership filings: bytes in, frozen records out (no database, no UI).

records.py (the records), xml.py (safe lxml), parse.py, sections.py and tables.py (the
parser), sources.py, sniff.py, submission.py and archives.py (where documents come from),
datasets.py (SEC Insider Transactions Data Sets).
"""

__all__: list[str] = []
