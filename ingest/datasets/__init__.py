"""Find the SEC's quarterly Insider Transactions Data Sets (a folder or ``YYYYqN_form345.zip``) and
read them as Filing records; dataset_tables.py assembles filings, dataset_rows.py maps rows.
Missing tables are reported by ``DatasetWarning`` (``warnings``) and by ``missing_tables()``.
"""

from __future__ import annotations

import zipfile
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from typing import IO

from ingest.datasets.tables import TABLES, Dataset, DatasetWarning, iter_filings
from ingest.errors import SourceError
from ingest.records import Filing

__all__ = [
    "TABLES",
    "Dataset",
    "DatasetWarning",
    "count_filings",
    "dataset_in_folder",
    "datasets_in_zip",
    "iter_dataset",
    "iter_filings",
    "missing_tables",
]


def dataset_in_folder(path: Path) -> Dataset | None:
    """The data set whose tables (``SUBMISSION.tsv`` at least) sit directly in ``path``."""
    files = {p.stem.upper(): p for p in path.iterdir() if p.suffix.lower() == ".tsv"}
    if "SUBMISSION" not in files:
        return None
    return Dataset(str(path), frozenset(files) & set(TABLES), lambda t: files[t].open("rb"))


def datasets_in_zip(archive: zipfile.ZipFile, source: str) -> dict[str, Dataset]:
    """Data sets in a zip, keyed by the folder ("" for the root) holding each SUBMISSION.tsv."""
    folders: dict[str, dict[str, zipfile.ZipInfo]] = defaultdict(dict)
    for info in archive.infolist():
        name = PurePosixPath(info.filename)
        if name.suffix.lower() == ".tsv":
            folders[str(name.parent).removeprefix(".")][name.stem.upper()] = info
    found: dict[str, Dataset] = {}
    for folder, members in sorted(folders.items()):
        if "SUBMISSION" in members:
            where = f"{source}!{folder}" if folder else source
            opener = _zip_opener(archive, members)
            found[folder] = Dataset(where, frozenset(members) & set(TABLES), opener)
    return found


def _zip_opener(
    archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo]
) -> Callable[[str], IO[bytes]]:
    return lambda table: archive.open(members[table])


def iter_dataset(path: str | Path) -> Iterator[Filing]:
    """Every filing of the data set(s) in a folder or zip; ``SourceError`` if there are none."""
    path = Path(path)
    if path.is_dir():
        dataset = dataset_in_folder(path)
        if dataset is None:
            raise SourceError(f"{path}: no SUBMISSION.tsv, so not an SEC insider data set")
        yield from iter_filings(dataset)
        return
    with zipfile.ZipFile(path) as archive:
        found = datasets_in_zip(archive, str(path))
        if not found:
            raise SourceError(f"{path}: no SUBMISSION.tsv, so not an SEC insider data set")
        for dataset in found.values():
            yield from iter_filings(dataset)


def missing_tables(path: str | Path) -> tuple[str, ...]:
    """Names of the eight tables the data set in folder or zip ``path`` lacks."""
    path = Path(path)
    if path.is_dir():
        dataset = dataset_in_folder(path)
        return dataset.missing if dataset else TABLES
    with zipfile.ZipFile(path) as archive:
        found = list(datasets_in_zip(archive, str(path)).values())
        return found[0].missing if found else TABLES


def count_filings(dataset: Dataset) -> int:
    """How many filings SUBMISSION lists (its lines less the header), reading only that table."""
    with dataset.open_table("SUBMISSION") as stream:
        lines = sum(chunk.count(b"\n") for chunk in iter(lambda: stream.read(1 << 20), b""))
    return max(lines - 1, 0)
