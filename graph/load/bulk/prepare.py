"""Turn input paths into the bulk import's CSV files, deciding what the online path would.

Filings arrive in ``ingest.read_filings`` order (parse.py spreads the parsing over the cores)
and are cut into the online path's batches; each batch is de-duplicated as write.py does,
turned into rows by batch.py, merged by state.py, and its row edges streamed by csv.py. What
only Cypher can do on the finished graph (renames, amendment links) is returned for run.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.load.batch import BatchRows, batch_rows
from graph.load.bulk.csv import CsvFiles
from graph.load.bulk.spill import SpilledDict, open_spill
from graph.load.bulk.state import POSITION_FIELDS, MergedGraph
from graph.load.pipeline import IngestSummary
from graph.load.write import BatchResult, has_accession, rename_row, unique_filings
from ingest.gc_pause import cyclic_gc_paused
from ingest.records import Filing, Rejected

__all__ = ["Prepared", "write_csv_files"]

Progress = Callable[[int], None]
SPILL = "merge-state.sqlite"  # the merge state, beside the CSV files (spill.py)


@dataclass(slots=True)
class Prepared:
    """The CSV files written, the run's counts, and the Cypher steps left for after import."""

    files: dict[str, Path]
    rows: dict[str, int]
    summary: IngestSummary
    renames: list[dict[str, object]] = field(default_factory=list)
    amendments: list[str] = field(default_factory=list)  # accessions, in load order


class _Seen:
    """The keys the online path would find in the graph (write.py's FIND_EXISTING), on disk."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.accessions: SpilledDict[str, bool] = SpilledDict(db, "accessions")
        self.fingerprints: SpilledDict[str, str] = SpilledDict(db, "fingerprints")  # → acc.

    def flush(self) -> None:
        self.accessions.flush()
        self.fingerprints.flush()

    def split(self, filings: list[Filing]) -> tuple[list[Filing], list[Filing], list[Row]]:
        """Fresh filings, skipped ones, and the renames of bare documents met again."""
        fresh: list[Filing] = []
        skipped: list[Filing] = []
        renames: list[Row] = []
        self.accessions.prefetch(f.accession for f in filings)
        self.fingerprints.prefetch(f.fingerprint for f in filings)
        for f in filings:
            had = f.accession in self.accessions
            previous = self.fingerprints.get(f.fingerprint)
            if not had and previous is None:
                fresh.append(f)
                self.accessions[f.accession] = True
                self.fingerprints[f.fingerprint] = f.accession
                continue
            skipped.append(f)
            if previous and previous.startswith("sha256:") and has_accession(f) and not had:
                renames.append(rename_row(previous, f))
                self.accessions.discard(previous)
                self.accessions[f.accession] = True
                self.fingerprints[f.fingerprint] = f.accession
        return fresh, skipped, renames


Row = dict[str, object]


def write_csv_files(
    items: Iterable[Filing | Rejected],
    folder: Path,
    *,
    batch_size: int = 500,
    progress: Progress | None = None,
) -> Prepared:
    """Write every CSV file of the import under ``folder``; the graph equals an online load."""
    csv = CsvFiles(folder)
    spill = open_spill(folder / SPILL)
    merged, seen = MergedGraph(spill), _Seen(spill)
    prepared = Prepared(csv.paths(), csv.rows, IngestSummary())
    try:
        with cyclic_gc_paused():  # rows, records and merge state: millions, no cycles
            for batch in _batches(items, prepared.summary, batch_size, progress):
                _add_batch(batch, seen, merged, csv, prepared)
                merged.flush()
                seen.flush()
            _write_merged(merged, csv)
    finally:
        csv.close()
        spill.close()
        (folder / SPILL).unlink(missing_ok=True)
    return prepared


def _batches(
    items: Iterable[Filing | Rejected],
    summary: IngestSummary,
    size: int,
    progress: Progress | None,
) -> Iterator[list[Filing]]:
    batch: list[Filing] = []
    for item in items:
        if isinstance(item, Rejected):
            summary.rejected.append(item)
        else:
            summary.filings_read += 1
            batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
        if progress:
            progress(1)
    if batch:
        yield batch


def _add_batch(
    batch: list[Filing], seen: _Seen, merged: MergedGraph, csv: CsvFiles, prepared: Prepared
) -> None:
    unique = unique_filings(batch)
    kept = {id(f) for f in unique}
    repeated = tuple(f for f in batch if id(f) not in kept)
    fresh, skipped, renames = seen.split(unique)
    prepared.renames.extend(renames)
    prepared.summary.add(BatchResult(tuple(fresh), (*skipped, *repeated)))
    if not fresh:
        return
    _write_rows(batch_rows(fresh), merged, csv)
    prepared.amendments.extend(
        f.accession for f in fresh if f.period_of_report and f.document_type.endswith("/A")
    )


def _write_rows(rows: BatchRows, merged: MergedGraph, csv: CsvFiles) -> None:
    """The online path's WRITES, in its order: merges kept in memory, row edges streamed."""
    merged.prefetch(rows.issuers, rows.owners, rows.securities)
    merged.prefetch_roles(rows.insiders, rows.positions)
    merged.merge_issuers(rows.issuers)
    merged.merge_owners(rows.owners)
    merged.merge_securities(rows.securities)
    merged.merge_insiders(rows.insiders)
    for stem, kind, edges in (
        ("transacted", "TRANSACTED", rows.transactions),
        ("held", "HELD", rows.holdings),
    ):
        for row in edges:
            props: Row = row["props"]  # type: ignore[assignment]
            for owner in row["owners"]:  # type: ignore[attr-defined]
                csv.edge(stem, owner, str(row["security"]), kind, props)
    merged.merge_positions(rows.positions)
    for row in rows.filings:
        accession = str(row["accession"])
        csv.node("filings", accession, ("Filing",), row["props"])  # type: ignore[arg-type]
        csv.edge("about", accession, str(row["issuer"]), "ABOUT", {"accession": accession})
        for owner in row["owners"]:  # type: ignore[attr-defined]
            csv.edge("filed", owner, accession, "FILED", {"accession": accession})


def _write_merged(merged: MergedGraph, csv: CsvFiles) -> None:
    for cik, entity in merged.entities.items():
        csv.node("entities", cik, entity.labels, entity.props)
    for sid, props in merged.securities.items():
        csv.node("securities", sid, ("Security",), props)
    for sid, (issuer, accession) in merged.issued_by.items():
        csv.edge("issued_by", sid, issuer, "ISSUED_BY", {"accession": accession})
    for (owner, issuer), props in merged.insiders.items():
        csv.edge("insider_of", owner, issuer, "INSIDER_OF", props)
    for (owner, sid, direct_indirect, nature_key), values in merged.positions.items():
        props = dict(zip(POSITION_FIELDS, values, strict=True))
        props |= {"direct_indirect": direct_indirect, "nature_key": nature_key}
        csv.edge("holds", owner, sid, "HOLDS", props)
