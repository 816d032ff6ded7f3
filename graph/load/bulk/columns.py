"""The typed columns of every CSV file the bulk import reads (``neo4j-admin database import``).

Keys and types follow the rows of batch.py and the merges of state.py, so a property has the
same name and Neo4j type through either path. csv.py writes rows under these headers.
"""

from __future__ import annotations

__all__ = ["ARRAY_DELIMITER", "FILES", "Columns"]

Columns = tuple[tuple[str, str], ...]  # (property, Neo4j import type)

ARRAY_DELIMITER = "\x1f"  # ASCII unit separator: never in SEC text, so arrays split cleanly

_DERIVATIVE: Columns = (
    ("conversion_price", "double"),
    ("exercise_date", "date"),
    ("expiration_date", "date"),
    ("underlying_title", "string"),
    ("underlying_shares", "double"),
    ("underlying_value", "double"),
)
_PROVENANCE: Columns = (("accession", "string"), ("joint", "boolean"))

ENTITY: Columns = (
    ("name", "string"),
    ("ticker", "string"),
    ("names", "string[]"),
    ("first_filing", "date"),
    ("last_filing", "date"),
    ("issuer_name_as_of", "date"),
    ("name_as_of", "date"),
    ("street1", "string"),
    ("street2", "string"),
    ("city", "string"),
    ("state", "string"),
    ("zip_code", "string"),
    ("state_description", "string"),
)
SECURITY: Columns = (
    ("title", "string"),
    ("derivative", "boolean"),
    ("issuer_cik", "string"),
    ("underlying_title", "string"),
)
FILING: Columns = (
    ("fingerprint", "string"),
    ("form", "string"),
    ("schema", "string"),
    ("period", "date"),
    ("filed", "date"),
    ("date_of_original_submission", "date"),
    ("issuer_cik", "string"),
    ("owner_ciks", "string[]"),
    ("joint", "boolean"),
    ("remarks", "string"),
    ("footnote_ids", "string[]"),
    ("footnote_texts", "string[]"),
    ("document_footnotes", "string[]"),
    ("signature_names", "string[]"),
    ("signature_dates", "string[]"),
    ("not_subject_to_section16", "boolean"),
    ("no_securities_owned", "boolean"),
    ("form3_holdings_reported", "boolean"),
    ("form4_transactions_reported", "boolean"),
    ("aff10b5one", "boolean"),
    ("extra", "string[]"),
    ("source", "string"),
    ("url", "string"),
    ("trade_rows", "long"),
    ("buy_cents", "long"),
    ("sell_cents", "long"),
)
TRANSACTED: Columns = (
    ("seq", "long"),
    ("row", "string"),
    ("group_size", "long"),
    ("derivative", "boolean"),
    ("date", "date"),
    ("code", "string"),
    ("form_type", "string"),
    ("deemed_execution_date", "date"),
    ("equity_swap", "boolean"),
    ("timeliness", "string"),
    ("shares", "double"),
    ("total_value", "double"),
    ("price", "double"),
    ("value", "double"),
    ("acquired_disposed", "string"),
    ("shares_after", "double"),
    ("value_after", "double"),
    ("direct_indirect", "string"),
    ("nature", "string"),
    ("footnotes", "string[]"),
    ("unreadable", "string[]"),  # never empty: absent when every value could be read
    *_DERIVATIVE,
    *_PROVENANCE,
)
HELD: Columns = (
    ("seq", "long"),
    ("row", "string"),
    ("group_size", "long"),
    ("derivative", "boolean"),
    ("as_of", "date"),
    ("shares", "double"),
    ("value", "double"),
    ("direct_indirect", "string"),
    ("nature", "string"),
    ("form_type", "string"),
    ("footnotes", "string[]"),
    ("unreadable", "string[]"),  # never empty: absent when every value could be read
    *_DERIVATIVE,
    *_PROVENANCE,
)
INSIDER_OF: Columns = (
    ("first_filing", "date"),
    ("last_filing", "date"),
    ("director", "boolean"),
    ("officer", "boolean"),
    ("officer_title", "string"),
    ("ten_percent_owner", "boolean"),
    ("other", "boolean"),
    ("other_text", "string"),
    ("rank", "string"),
    ("accession", "string"),
)
HOLDS: Columns = (
    ("direct_indirect", "string"),
    ("nature_key", "string"),
    ("nature", "string"),
    ("shares", "double"),
    ("value", "double"),
    ("as_of", "date"),
    ("accession", "string"),
    ("seq", "long"),
    ("rank", "string"),
)
ACCESSION: Columns = (("accession", "string"),)

# file stem → (ID column or (start, end) ID spaces, property columns)
FILES: dict[str, tuple[tuple[str, ...], Columns]] = {
    "entities": (("cik:ID(Entity)", ":LABEL"), ENTITY),
    "securities": (("id:ID(Security)", ":LABEL"), SECURITY),
    "filings": (("accession:ID(Filing)", ":LABEL"), FILING),
    "transacted": ((":START_ID(Entity)", ":END_ID(Security)", ":TYPE"), TRANSACTED),
    "held": ((":START_ID(Entity)", ":END_ID(Security)", ":TYPE"), HELD),
    "holds": ((":START_ID(Entity)", ":END_ID(Security)", ":TYPE"), HOLDS),
    "insider_of": ((":START_ID(Entity)", ":END_ID(Entity)", ":TYPE"), INSIDER_OF),
    "issued_by": ((":START_ID(Security)", ":END_ID(Entity)", ":TYPE"), ACCESSION),
    "about": ((":START_ID(Filing)", ":END_ID(Entity)", ":TYPE"), ACCESSION),
    "filed": ((":START_ID(Entity)", ":END_ID(Filing)", ":TYPE"), ACCESSION),
}
NODE_FILES = ("entities", "securities", "filings")
