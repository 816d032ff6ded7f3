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
from dataclasses import dataclass, field, replace
from typing import IO, Generic, TypeVar

from ingest.datasets.rows import (
    Row,
    footnote_from_row,
    holding_from_row,
    owner_from_row,
    signature_from_row,
    transaction_from_row,
)
from ingest.errors import SourceError
from ingest.records import Filing, Footnote, Holding, Issuer, ReportingOwner, Signature, Transaction

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


class DatasetWarning(UserWarning):
    """A data set lacks tables, or has rows whose accession SUBMISSION does not list."""

    def __init__(self, source: str, missing: tuple[str, ...], orphan_accessions: int = 0) -> None:
        self.source, self.missing, self.orphan_accessions = source, missing, orphan_accessions
        if missing:
            text = f"{source}: data set has no {', '.join(missing)} table(s); filings lack them"
        else:
            text = f"{source}: rows of {orphan_accessions} accession(s) absent from SUBMISSION"
        super().__init__(text)


@dataclass(frozen=True, slots=True)
class Dataset:
    """One data set: where it is, which tables it has, how to open one as bytes."""

    source: str
    tables: frozenset[str]
    open_table: Callable[[str], IO[bytes]]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(t for t in TABLES if t not in self.tables)


@dataclass(frozen=True, slots=True)
class _Mapped(Generic[_R]):
    order: int  # surrogate key, else line number
    record: _R
    extra: Extra


_Groups = dict[str, list[_Mapped[_R]]]


@dataclass(slots=True)
class _Tables:
    """The child tables of one data set, indexed by accession."""

    owners: _Groups[ReportingOwner] = field(default_factory=dict)
    rows: tuple[tuple[str, _Groups[Transaction | Holding]], ...] = ()
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
    tables = _Tables(
        owners=_group(dataset, "REPORTINGOWNER", owner_from_row),
        rows=(
            ("NONDERIV_TRANS", _group(dataset, "NONDERIV_TRANS", _nonderivative_transaction)),
            ("NONDERIV_HOLDING", _group(dataset, "NONDERIV_HOLDING", _nonderivative_holding)),
            ("DERIV_TRANS", _group(dataset, "DERIV_TRANS", _derivative_transaction)),
            ("DERIV_HOLDING", _group(dataset, "DERIV_HOLDING", _derivative_holding)),
        ),
        footnotes=_group(dataset, "FOOTNOTES", footnote_from_row),
        signatures=_group(dataset, "OWNER_SIGNATURE", signature_from_row),
    )
    for values in _read_table(dataset, "SUBMISSION"):
        yield _filing(Row(values), tables, dataset.source)
    if orphans := tables.orphans():
        warnings.warn(DatasetWarning(dataset.source, (), orphans), stacklevel=2)


def _nonderivative_transaction(row: Row) -> Transaction | Holding:
    return transaction_from_row(row, derivative=False)


def _derivative_transaction(row: Row) -> Transaction | Holding:
    return transaction_from_row(row, derivative=True)


def _nonderivative_holding(row: Row) -> Transaction | Holding:
    return holding_from_row(row, derivative=False)


def _derivative_holding(row: Row) -> Transaction | Holding:
    return holding_from_row(row, derivative=True)


def _group(dataset: Dataset, table: str, build: Callable[[Row], _R]) -> _Groups[_R]:
    groups: _Groups[_R] = defaultdict(list)
    sk = f"{table}_SK"
    for line, values in enumerate(_read_table(dataset, table)):
        row = Row(values)
        record = build(row)
        order = int(values[sk]) if values.get(sk, "").strip().isdigit() else line
        groups[values["ACCESSION_NUMBER"].strip()].append(_Mapped(order, record, row.leftovers()))
    return groups


def _read_table(dataset: Dataset, table: str) -> Iterator[dict[str, str]]:
    """Rows of one TSV as dicts; a value holding quotes is CSV-quoted, with quotes doubled."""
    if table not in dataset.tables:
        return
    try:
        with dataset.open_table(table) as raw:
            text = io.TextIOWrapper(raw, encoding="utf-8", errors="replace", newline="")
            rows = csv.reader(text, delimiter="\t", quotechar='"', doublequote=True)
            header = [name.strip() for name in next(rows, [])]
            for values in rows:
                if any(values):
                    yield dict(zip(header, values, strict=False))
    except (OSError, csv.Error, zipfile.BadZipFile, EOFError) as e:
        raise SourceError(f"{dataset.source}: cannot read {table}.tsv: {e}") from e


def _filing(row: Row, tables: _Tables, source: str) -> Filing:
    accession = row.text("ACCESSION_NUMBER") or ""
    owners = sorted(tables.owners.pop(accession, []), key=lambda m: m.order)
    footnotes = sorted(tables.footnotes.pop(accession, []), key=lambda m: m.order)
    signatures = sorted(tables.signatures.pop(accession, []), key=lambda m: m.order)
    transactions, holdings, extra = _number_rows(accession, tables)
    extra += [(f"REPORTINGOWNER[cik={m.record.cik}]/{c}", v) for m in owners for c, v in m.extra]
    extra += [(f"FOOTNOTES[{m.record.footnote_id}]/{c}", v) for m in footnotes for c, v in m.extra]
    extra += [
        (f"OWNER_SIGNATURE[{i}]/{c}", v) for i, m in enumerate(signatures, 1) for c, v in m.extra
    ]
    filing = Filing(
        accession=accession,
        fingerprint=f"dataset:{accession}",
        document_type=row.text("DOCUMENT_TYPE") or "",
        schema_version=None,
        period_of_report=row.day("PERIOD_OF_REPORT"),
        issuer=Issuer(
            cik=(row.text("ISSUERCIK") or "").zfill(10),
            name=row.text("ISSUERNAME"),
            ticker=row.text("ISSUERTRADINGSYMBOL"),
        ),
        owners=tuple(m.record for m in owners),
        transactions=transactions,
        holdings=holdings,
        footnotes=tuple(m.record for m in footnotes),
        signatures=tuple(m.record for m in signatures),
        filed=row.day("FILING_DATE"),
        date_of_original_submission=row.day("DATE_OF_ORIG_SUB"),
        not_subject_to_section16=row.flag("NOT_SUBJECT_SEC16"),
        no_securities_owned=row.flag("NO_SECURITIES_OWNED"),
        form3_holdings_reported=row.flag("FORM3_HOLDINGS_REPORTED"),
        form4_transactions_reported=row.flag("FORM4_TRANS_REPORTED"),
        aff10b5one=row.flag("AFF10B5ONE"),
        remarks=row.text("REMARKS"),
        unreadable=row.unreadable(),  # after every conversion above
        source=f"{source}#{accession}",
    )
    submission_extra = [(f"SUBMISSION/{c}", v) for c, v in row.leftovers()]
    return replace(filing, extra=tuple(submission_extra + extra))


def _number_rows(
    accession: str, tables: _Tables
) -> tuple[tuple[Transaction, ...], tuple[Holding, ...], list[tuple[str, str]]]:
    """Give the filing's table rows ``seq`` 1, 2, … in TABLES order, each table by surrogate key."""
    transactions: list[Transaction] = []
    holdings: list[Holding] = []
    extra: list[tuple[str, str]] = []
    seq = 0
    for table, groups in tables.rows:
        for mapped in sorted(groups.pop(accession, []), key=lambda m: m.order):
            seq += 1
            record = replace(mapped.record, seq=seq)
            if isinstance(record, Transaction):
                transactions.append(record)
            else:
                holdings.append(record)
            extra += [(f"{table}[seq={seq}]/{column}", value) for column, value in mapped.extra]
    return tuple(transactions), tuple(holdings), extra
