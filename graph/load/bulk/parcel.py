"""One filing as the bulk load's parent needs it, built in the parser process (parse.py).

What depends on the filing alone is done here, on every core: its row edges and its Filing
node as finished CSV lines (csv.py), and its merge rows (batch.py) folded within the filing.
The parent (prepare.py) keeps the sequential part: which filings are fresh, the batch's folds
and the merges, and the lines of fresh filings written in order. A ``Parcel`` is a tuple of
strings, numbers and row dicts: cheap to send between processes, unlike a ``Filing``.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from graph.load.batch import BatchRows, collected_rows, edgar_url
from graph.load.bulk.csv import edge_line, node_line
from graph.load.fold import fold_positions, fold_securities
from ingest.records import Filing, Holding, Transaction

__all__ = ["LINE_FILES", "Parcel", "parcel"]

Row = dict[str, object]
LINE_FILES = ("transacted", "held", "filings", "about", "filed")  # the CSV files of row edges


class Parcel(NamedTuple):
    """A filing's keys, counts, merge rows and ready CSV lines."""

    accession: str
    fingerprint: str
    source: str | None
    filed: date | None
    url: str | None  # its folder on EDGAR (batch.py's edgar_url), for a rename
    amends: bool  # an amendment with a period: linked to its original after the import
    issuer: str
    owners: tuple[str, ...]
    transactions: int
    holdings: int
    warnings: tuple[tuple[str, str], ...]  # (field, text) of values read as None
    issuer_rows: list[Row]
    owner_rows: list[Row]
    insider_rows: list[Row]
    security_rows: list[Row]  # one per security of the filing
    position_rows: list[Row]  # one per owner and position of the filing
    lines: tuple[str, ...]  # per file of LINE_FILES, the filing's lines ("" for none)
    counts: tuple[int, ...]  # and how many


def parcel(f: Filing) -> Parcel:
    """The parcel of one filing: what ``batch_rows`` and prepare.py would make of it."""
    rows = collected_rows([f])
    positions = fold_positions(rows.positions)  # the batch's fold keeps the same winners
    for row in positions:
        row["owners"] = (row["owner"],)  # folded again in the batch: once, for this owner
    return Parcel(
        f.accession,
        f.fingerprint,
        f.source,
        f.filed,
        edgar_url(f.accession, f.issuer.cik),
        bool(f.period_of_report and f.document_type.endswith("/A")),
        f.issuer.cik,
        tuple(o.cik for o in f.owners),
        len(f.transactions),
        len(f.holdings),
        _warnings(f),
        rows.issuers,
        rows.owners,
        rows.insiders,
        fold_securities(rows.securities),
        positions,
        *_lines(rows),
    )


def _warnings(f: Filing) -> tuple[tuple[str, str], ...]:
    """As IngestSummary.add reports them: the filing's fields, then its rows'."""
    rows: tuple[Transaction | Holding, ...] = (*f.transactions, *f.holdings)
    return (
        *f.unreadable,
        *((f"{name} (row {r.seq})", text) for r in rows for name, text in r.unreadable),
    )


def _lines(rows: BatchRows) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The filing's CSV lines per file of LINE_FILES, as prepare.py wrote them from rows."""
    transacted = _edge_lines("transacted", "TRANSACTED", rows.transactions)
    held = _edge_lines("held", "HELD", rows.holdings)
    (row,) = rows.filings
    accession = str(row["accession"])
    node = node_line("filings", accession, ("Filing",), row["props"])  # type: ignore[arg-type]
    about = edge_line("about", accession, str(row["issuer"]), "ABOUT", {"accession": accession})
    filed = [
        edge_line("filed", owner, accession, "FILED", {"accession": accession})
        for owner in row["owners"]  # type: ignore[attr-defined]
    ]
    lines = ("".join(transacted), "".join(held), node, about, "".join(filed))
    return lines, (len(transacted), len(held), 1, 1, len(filed))


def _edge_lines(stem: str, kind: str, edges: list[Row]) -> list[str]:
    """A line per row and owner (joint filings: every owner gets every row)."""
    return [
        edge_line(stem, owner, str(row["security"]), kind, row["props"])  # type: ignore[arg-type]
        for row in edges
        for owner in row["owners"]  # type: ignore[attr-defined]
    ]
