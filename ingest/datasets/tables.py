"""Turn the tables of one SEC insider data set into Filing records: index child tables by
accession, then stream SUBMISSION. datasets.py finds data sets; dataset_rows.py maps rows.
"""

from __future__ import annotations

import csv
import io
import warnings
import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Generic, NamedTuple, TypeVar

from ingest.datasets.plan import Layout, Parsed, Plan, Values
from ingest.datasets.rows import (
    footnote_record,
    owner_record,
    plans,
    row_record,
    signature_record,
)
from ingest.errors import SourceError
from ingest.gc_pause import cyclic_gc_paused
from ingest.records import (
    Filing,
    Footnote,
    Holding,
    Issuer,
    ReportingOwner,
    Signature,
    Transaction,
    fast_constructor,
)

__all__ = ["TABLES", "Dataset", "DatasetWarning", "iter_filings"]

TABLES = (
    "SUBMISSION",
    "REPORTINGOWNER",
    "NONDERIV_TRANS",
    "NONDERIV_HOLDING",
    "DERIV_TRANS",
    "DERIV_HOLDING",
    "FOOTNOTES",
    "OWNER_SIGNATURE",
)
_R = TypeVar("_R")
Extra = tuple[tuple[str, str], ...]
_ROW_TABLES = ("NONDERIV_TRANS", "NONDERIV_HOLDING", "DERIV_TRANS", "DERIV_HOLDING")


class DatasetWarning(UserWarning):
    """A data set lacks tables, or has rows whose accession SUBMISSION does not list."""

    def __init__(self, source: str, missing: tuple[str, ...], orphan_accessions: int = 0) -> None:
        self.source, self.missing, self.orphan_accessions = source, missing, orphan_accessions
        if missing:
            text = f"{source}: data set has no {', '.join(missing)} table(s); filings lack them"
        else:
            text = f"{source}: rows of {orphan_accessions} accession(s) absent from SUBMISSION"
        super().__init__(text)

    def __reduce__(self) -> tuple[type[DatasetWarning], tuple[str, tuple[str, ...], int]]:
        """Rebuilt from its fields: the bulk load's parser processes send it to the parent."""
        return (DatasetWarning, (self.source, self.missing, self.orphan_accessions))


@dataclass(frozen=True, slots=True)
class Dataset:
    """One data set: where it is, which tables it has, how to open one as bytes."""

    source: str
    tables: frozenset[str]
    open_table: Callable[[str], IO[bytes]]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(t for t in TABLES if t not in self.tables)


class _Mapped(NamedTuple, Generic[_R]):
    """One row of a child table: its sort key, its record, its leftovers (a tuple: cheap)."""

    order: int  # surrogate key, else line number
    record: _R
    extra: Extra


_Groups = dict[str, list[_Mapped[_R]]]
_filing_record = fast_constructor(Filing)
_issuer = fast_constructor(Issuer)


@dataclass(slots=True)
class _Tables:
    """The child tables of one data set, indexed by accession."""

    owners: _Groups[ReportingOwner] = field(default_factory=dict)
    rows: tuple[tuple[str, _Groups[Parsed]], ...] = ()  # records built once numbered
    footnotes: _Groups[Footnote] = field(default_factory=dict)
    signatures: _Groups[Signature] = field(default_factory=dict)

    def orphans(self) -> int:
        """How many accessions have rows left once every SUBMISSION row took its own."""
        left = {*self.owners, *self.footnotes, *self.signatures}
        for _, groups in self.rows:
            left.update(groups)
        return len(left)


def iter_filings(dataset: Dataset) -> Iterator[Filing]:
    """Yield one Filing per SUBMISSION row, with the rows of every other table it has.

    Missing tables raise a ``DatasetWarning`` when reading starts; a filing without
    REPORTINGOWNER rows gets ``owners=()``. ``fingerprint`` is ``"dataset:" + accession`` (rows
    carry no document bytes to hash); ``source`` is ``<data set>#<accession>``. Rows are
    numbered across NONDERIV_TRANS, NONDERIV_HOLDING, DERIV_TRANS, DERIV_HOLDING, each in
    surrogate-key order (the data sets do not say how transactions and holdings interleaved in
    the XML). Columns no mapping reads go to ``Filing.extra`` as ``("TABLE[...]/COLUMN", text)``.
    """
    if dataset.missing:
        warnings.warn(DatasetWarning(dataset.source, dataset.missing), stacklevel=2)
    with cyclic_gc_paused():  # a quarter's index: millions of objects, no cycles
        tables = _Tables(
            owners=_group(dataset, "REPORTINGOWNER", owner_record),
            rows=tuple((t, _group(dataset, t, _parsed)) for t in _ROW_TABLES),
            footnotes=_group(dataset, "FOOTNOTES", footnote_record),
            signatures=_group(dataset, "OWNER_SIGNATURE", signature_record),
        )
    plan: Plan | None = None
    for layout, values in _read_table(dataset, "SUBMISSION"):
        plan = plan or plans("SUBMISSION", layout)  # one layout per table
        yield _filing(plan.read(values), tables, dataset.source)
    if orphans := tables.orphans():
        warnings.warn(DatasetWarning(dataset.source, (), orphans), stacklevel=2)


def _parsed(row: Parsed) -> Parsed:
    return row


def _group(dataset: Dataset, table: str, build: Callable[[Parsed], _R]) -> _Groups[_R]:
    groups: _Groups[_R] = defaultdict(list)
    layout: Layout | None = None
    for line, (header, values) in enumerate(_read_table(dataset, table)):
        if header is not layout:
            layout, plan = header, plans(table, header)
            sk, accession = header.index.get(f"{table}_SK"), header.index.get("ACCESSION_NUMBER")
        row = plan.read(values)
        record = build(row)
        key = values[sk] if sk is not None else None
        order = int(key) if key is not None and key.strip().isdigit() else line
        number = values[accession] if accession is not None else None
        if number is None:
            raise KeyError("ACCESSION_NUMBER")
        groups[number.strip()].append(_Mapped(order, record, row.leftovers))
    return groups


def _read_table(dataset: Dataset, table: str) -> Iterator[tuple[Layout, Values]]:
    """Rows of one TSV with its header; a value holding quotes is CSV-quoted, quotes doubled."""
    if table not in dataset.tables:
        return
    try:
        with dataset.open_table(table) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
            rows = csv.reader(text, delimiter="\t", quotechar='"', doublequote=True)
            layout = Layout([name.strip() for name in next(rows, [])])
            for values in rows:
                if any(values):
                    yield layout, layout.align(values)
    except (OSError, csv.Error, zipfile.BadZipFile, EOFError) as e:
        raise SourceError(f"{dataset.source}: cannot read {table}.tsv: {e}") from e


def _sorted(mapped: list[_Mapped[_R]]) -> list[_Mapped[_R]]:
    return sorted(mapped, key=lambda m: m.order) if len(mapped) > 1 else mapped


def _filing(row: Parsed, tables: _Tables, source: str) -> Filing:
    (accession, form, period, cik, name, ticker, filed, original, *flags, remarks) = row.values
    accession = str(accession or "")
    owners = _sorted(tables.owners.pop(accession, []))
    footnotes = _sorted(tables.footnotes.pop(accession, []))
    signatures = _sorted(tables.signatures.pop(accession, []))
    transactions, holdings, extra = _number_rows(accession, tables)
    extra += [(f"REPORTINGOWNER[cik={m.record.cik}]/{c}", v) for m in owners for c, v in m.extra]
    extra += [(f"FOOTNOTES[{m.record.footnote_id}]/{c}", v) for m in footnotes for c, v in m.extra]
    extra += [
        (f"OWNER_SIGNATURE[{i}]/{c}", v) for i, m in enumerate(signatures, 1) for c, v in m.extra
    ]
    submission_extra = [(f"SUBMISSION/{c}", v) for c, v in row.leftovers]
    subject, no_securities, form3, form4, aff10b5one = flags
    return _filing_record(  # type: ignore[no-any-return]
        accession=accession,
        fingerprint=f"dataset:{accession}",
        document_type=form or "",
        schema_version=None,
        period_of_report=period,
        issuer=_issuer(str(cik or "").zfill(10), name, ticker),
        owners=tuple(m.record for m in owners),
        transactions=transactions,
        holdings=holdings,
        footnotes=tuple(m.record for m in footnotes),
        signatures=tuple(m.record for m in signatures),
        filed=filed,
        date_of_original_submission=original,
        not_subject_to_section16=subject,
        no_securities_owned=no_securities,
        form3_holdings_reported=form3,
        form4_transactions_reported=form4,
        aff10b5one=aff10b5one,
        remarks=remarks,
        document_footnotes=(),
        extra=tuple(submission_extra + extra),
        unreadable=row.unreadable,
        source=f"{source}#{accession}",
    )


def _number_rows(
    accession: str, tables: _Tables
) -> tuple[tuple[Transaction, ...], tuple[Holding, ...], list[tuple[str, str]]]:
    """Give the filing's table rows ``seq`` 1, 2, … in TABLES order, each table by surrogate key."""
    transactions: list[Transaction] = []
    holdings: list[Holding] = []
    extra: list[tuple[str, str]] = []
    seq = 0
    for table, groups in tables.rows:
        mapped = groups.pop(accession, None)
        if not mapped:
            continue
        record = _RECORDS[table]
        for m in _sorted(mapped):
            seq += 1
            made = record(seq, m.record)
            (transactions if isinstance(made, Transaction) else holdings).append(made)  # type: ignore[arg-type]
            if m.extra:
                extra += [(f"{table}[seq={seq}]/{column}", value) for column, value in m.extra]
    return tuple(transactions), tuple(holdings), extra


_RECORDS = {table: row_record(table) for table in _ROW_TABLES}
