"""Turn input paths (files, folders, archives, SEC data sets) into a stream of ownership XML
``Document``s, data set ``Filing``s and ``Rejected`` inputs; parse.py parses the Documents.

Content is sniffed (sniff.py), never trusted from a name; submission.py reads full submissions,
archives.py archive members, datasets.py data sets. Folders are walked in sorted name order,
one directory listing at a time; hidden files and ``__MACOSX`` are skipped.
"""

from __future__ import annotations

import io
import os
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from ingest.archives import Member, is_skipped_name, iter_compressed, iter_tar, iter_zip, open_zip
from ingest.datasets import count_filings, dataset_in_folder, datasets_in_zip, iter_filings
from ingest.errors import SourceError
from ingest.records import Document, Filing, Rejected
from ingest.sniff import HEAD_SIZE, Kind, describe, sniff
from ingest.submission import read_submission

__all__ = ["Input", "count_inputs", "iter_inputs"]

Input = Document | Filing | Rejected
_ARCHIVE_KINDS = frozenset({Kind.ZIP, Kind.TAR, Kind.COMPRESSED})


def iter_inputs(paths: Iterable[str | Path]) -> Iterator[Input]:
    """Yield what each path holds, lazily: one file (or archive member) is read at a time."""
    for path in paths:
        yield from _iter_path(Path(path), set())


def _iter_path(path: Path, seen: set[tuple[int, int]]) -> Iterator[Input]:
    try:
        stat = path.stat()
        is_dir = path.is_dir()
    except FileNotFoundError:
        yield Rejected(str(path), "file not found")
        return
    except OSError as e:
        yield Rejected(str(path), f"cannot read: {e.strerror or e}")
        return
    if not is_dir:
        yield from _iter_file(path)
    elif (stat.st_dev, stat.st_ino) not in seen:  # a symlink loop is walked once
        seen.add((stat.st_dev, stat.st_ino))
        yield from _iter_folder(path, seen)


def _iter_folder(path: Path, seen: set[tuple[int, int]]) -> Iterator[Input]:
    try:
        dataset = dataset_in_folder(path)
        names = sorted(entry.name for entry in os.scandir(path))
    except OSError as e:
        yield Rejected(str(path), f"cannot read folder: {e.strerror or e}")
        return
    if dataset is not None:
        yield from _guard(iter_filings(dataset), dataset.source)
        return
    for name in names:
        if not is_skipped_name(name):
            yield from _iter_path(path / name, seen)


def _iter_file(path: Path) -> Iterator[Input]:
    source = str(path)
    try:
        with path.open("rb") as file:
            head = file.read(HEAD_SIZE)
            kind = sniff(head)
            if kind in _ARCHIVE_KINDS:
                yield from _iter_archive(file, kind, source)
                return
            data = head + file.read()
    except OSError as e:
        yield Rejected(source, f"cannot read: {e.strerror or e}")
        return
    yield from _iter_bytes(data, source)


def _iter_bytes(data: bytes, source: str) -> Iterator[Input]:
    """Dispatch bytes already in memory (a small file or an archive member) on their content."""
    kind = sniff(data)
    if kind in _ARCHIVE_KINDS:
        yield from _iter_archive(io.BytesIO(data), kind, source)
    elif kind is Kind.XML:
        yield Document(source, data)
    elif kind is Kind.SUBMISSION:
        yield from _iter_submission(data, source)
    else:
        yield Rejected(source, describe(kind, data))


def _iter_submission(data: bytes, source: str) -> Iterator[Input]:
    submission = read_submission(data)
    if not submission.ownership_xml:
        yield Rejected(source, submission.describe_missing())
        return
    several = len(submission.ownership_xml) > 1
    for number, xml in enumerate(submission.ownership_xml, 1):
        name = f"{source}#{number}" if several else source
        yield Document(name, xml, submission.accession, submission.filed)


def _iter_archive(file: IO[bytes], kind: Kind, source: str) -> Iterator[Input]:
    file.seek(0)
    members: Iterator[Member | Input]
    if kind is Kind.ZIP:
        members = _iter_zip(file, source)
    elif kind is Kind.TAR:
        members = iter_tar(file, source)
    else:
        members = iter_compressed(file, source)
    for member in members:
        if isinstance(member, Member):
            yield from _iter_bytes(member.data, member.source)
        else:
            yield member


def _iter_zip(file: IO[bytes], source: str) -> Iterator[Member | Input]:
    """Members of a zip, except those of data sets inside it, which are read as data sets."""
    try:
        archive = open_zip(file, source)
    except SourceError as e:
        yield Rejected(source, str(e))
        return
    with archive:
        datasets = datasets_in_zip(archive, source)
        for dataset in datasets.values():
            yield from _guard(iter_filings(dataset), dataset.source)
        yield from iter_zip(archive, source, lambda name: _skip_member(name, datasets))


def _skip_member(name: str, dataset_folders: Iterable[str]) -> bool:
    folder = name.rpartition("/")[0]
    return is_skipped_name(name) or folder in dataset_folders


def _guard(filings: Iterator[Filing], source: str) -> Iterator[Input]:
    """Pass a data set's filings on; a table that breaks mid-way becomes a Rejected."""
    try:
        yield from filings
    except (SourceError, zipfile.BadZipFile, OSError, EOFError) as e:
        yield Rejected(source, f"corrupt data set: {e}")


_TAR_NAMES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz")
_COUNTED = (".zip", *_TAR_NAMES)  # archives whose members count, not the file itself


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """A cheap estimate of how many items ``iter_inputs`` yields, for a progress bar's total.

    Walks folders with ``os.scandir`` and reads no file contents except zip directories and a
    data set's SUBMISSION.tsv (its line count is the data set's filing count). A tar archive's
    members cannot be counted without reading it through, so with one the total is unknown
    (None). Names decide here: a zip not named ``.zip`` counts as one.
    """
    return _total(_count_path(Path(path)) for path in paths)


def _total(counts: Iterable[int | None]) -> int | None:
    total = 0
    for count in counts:
        if count is None:
            return None
        total += count
    return total


def _count_path(path: Path) -> int | None:
    name = path.name.lower()
    try:
        if path.is_dir():
            dataset = dataset_in_folder(path)
            return count_filings(dataset) if dataset else _count_folder(path)
        if name.endswith(".zip"):
            return _count_zip(path)
        if name.endswith(_TAR_NAMES):
            return None
    except (OSError, zipfile.BadZipFile, EOFError):
        pass
    return 1


def _count_folder(path: Path) -> int | None:
    with os.scandir(path) as entries:
        return _total(
            _count_path(Path(entry.path))
            if entry.is_dir(follow_symlinks=False) or entry.name.lower().endswith(_COUNTED)
            else 1
            for entry in entries
            if not is_skipped_name(entry.name)
        )


def _count_zip(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        datasets = datasets_in_zip(archive, str(path))
        members = sum(
            1
            for info in archive.infolist()
            if not info.is_dir() and not _skip_member(info.filename, datasets)
        )
        return members + sum(count_filings(dataset) for dataset in datasets.values())
