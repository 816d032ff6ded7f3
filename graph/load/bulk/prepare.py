"""Turn input paths into the bulk import's CSV files, deciding what the online path would.

Filings arrive in ``ingest.read_filings`` order, as parcels (parcel.py: parse.py builds them
on every core) and are cut into the online path's batches; each batch is de-duplicated and
its conflicts reported as write.py does, its merge rows folded (fold.py) and merged by
state.py, and the ready CSV lines of its fresh filings written in order. What only Cypher can
do on the finished graph (renames, amendment links) is returned for run.py.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graph.load.batch import BatchRows
from graph.load.bulk.csv import CsvFiles
from graph.load.bulk.parcel import LINE_FILES, Parcel, parcel
from graph.load.bulk.spill import MARSHALLED, SpilledDict, open_spill
from graph.load.bulk.state import POSITION_FIELDS, MergedGraph
from graph.load.conflicts import Action, Conflict, decide, split_batch
from graph.load.fold import fold_batch
from graph.load.pipeline import IngestSummary
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


Row = dict[str, object]
Split = tuple[list[Parcel], list[Parcel], list[Row], list[Conflict]]


class _Seen:
    """The keys the online path would find in the graph (write.py's FIND_EXISTING), on disk:
    each accession's fingerprint, and each fingerprint's accession."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.accessions: SpilledDict[str, str] = SpilledDict(db, "accessions", MARSHALLED)
        self.fingerprints: SpilledDict[str, str] = SpilledDict(db, "fingerprints", MARSHALLED)

    def flush(self) -> None:
        self.accessions.flush()
        self.fingerprints.flush()

    def split(self, filings: list[Parcel]) -> Split:
        """Fresh filings, skipped ones, the renames of bare documents met again, and the
        conflicts (write.py's ``decide``, as the online path without ``--replace``)."""
        fresh: list[Parcel] = []
        skipped: list[Parcel] = []
        renames: list[Row] = []
        conflicts: list[Conflict] = []
        self.accessions.prefetch(f.accession for f in filings)
        self.fingerprints.prefetch(f.fingerprint for f in filings)
        for f in filings:
            holder = self.fingerprints.get(f.fingerprint)
            decision = decide(f, self.accessions.get(f.accession), holder, replace=False)
            if decision.action is Action.CONFLICT:
                conflicts.append(Conflict(f.source or f.accession, f.accession, decision.reason))
                continue
            if decision.action is Action.WRITE:
                fresh.append(f)
            else:
                skipped.append(f)
            if decision.action is Action.RENAME:
                renames.append(_rename_row(str(holder), f))
                self.accessions.discard(str(holder))
            if decision.action in (Action.WRITE, Action.RENAME):
                self.accessions[f.accession] = f.fingerprint
                self.fingerprints[f.fingerprint] = f.accession
        return fresh, skipped, renames, conflicts


def _rename_row(old: str, p: Parcel) -> Row:
    """write.py's ``rename_row`` of the parcel's filing."""
    return {"old": old, "new": p.accession, "filed": p.filed, "source": p.source, "url": p.url}


def write_csv_files(
    items: Iterable[Parcel | Filing | Rejected],
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
    items: Iterable[Parcel | Filing | Rejected],
    summary: IngestSummary,
    size: int,
    progress: Progress | None,
) -> Iterator[list[Parcel]]:
    batch: list[Parcel] = []
    for item in items:
        if isinstance(item, Rejected):
            summary.rejected.append(item)
        else:
            summary.filings_read += 1
            batch.append(parcel(item) if isinstance(item, Filing) else item)
        if len(batch) >= size:
            yield batch
            batch = []
        if progress:
            progress(1)
    if batch:
        yield batch


def _add_batch(
    batch: list[Parcel], seen: _Seen, merged: MergedGraph, csv: CsvFiles, prepared: Prepared
) -> None:
    unique, repeated, conflicts = split_batch(batch)
    fresh, skipped, renames, clashes = seen.split(unique)
    prepared.renames.extend(renames)
    prepared.summary.conflicts.extend([*conflicts, *clashes])
    _count(prepared.summary, fresh, len(skipped) + len(repeated))
    if not fresh:
        return
    _merge(_merge_rows(fresh), merged)
    for at, stem in enumerate(LINE_FILES):
        csv.lines(stem, "".join([p.lines[at] for p in fresh]), sum([p.counts[at] for p in fresh]))
    prepared.amendments.extend(p.accession for p in fresh if p.amends)


def _count(summary: IngestSummary, fresh: list[Parcel], skipped: int) -> None:
    """IngestSummary.add of the batch's result: the fresh filings loaded, the rest skipped."""
    summary.filings_loaded += len(fresh)
    summary.filings_skipped += skipped
    for p in fresh:
        summary.issuers.add(p.issuer)
        summary.owners.update(p.owners)
        summary.securities.update(str(row["id"]) for row in p.security_rows)
        summary.transactions += p.transactions
        summary.holdings += p.holdings
        path = p.source or p.accession
        summary.warnings.extend({"path": path, "field": k, "value": v} for k, v in p.warnings)


def _merge_rows(fresh: list[Parcel]) -> BatchRows:
    """The batch's merge rows as batch.py folds them (the row edges are in the parcels)."""
    rows = BatchRows([], [], [], [], [], [], [], [])
    for p in fresh:
        rows.issuers.extend(p.issuer_rows)
        rows.owners.extend(p.owner_rows)
        rows.securities.extend(p.security_rows)
        rows.insiders.extend(p.insider_rows)
        rows.positions.extend(p.position_rows)
    return fold_batch(rows)


def _merge(rows: BatchRows, merged: MergedGraph) -> None:
    """The online path's MERGEs, in its order (statements.py's WRITES)."""
    merged.prefetch(rows.issuers, rows.owners, rows.securities)
    merged.prefetch_roles(rows.insiders, rows.positions)
    merged.merge_issuers(rows.issuers)
    merged.merge_owners(rows.owners)
    merged.merge_securities(rows.securities)
    merged.merge_insiders(rows.insiders)
    merged.merge_positions(rows.positions)


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
