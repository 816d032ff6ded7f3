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
from stat import S_ISBLK, S_ISCHR, S_ISDIR, S_ISFIFO, S_ISREG
from typing import IO

from ingest.archives import (
    Budget,
    Member,
    is_skipped_name,
    iter_compressed,
    iter_tar,
    iter_zip,
    open_zip,
)
from ingest.datasets import count_filings, dataset_in_folder, datasets_in_zip, iter_filings
from ingest.errors import SourceError
from ingest.limits import Limits, read_capped
from ingest.records import Document, Filing, Rejected
from ingest.sniff import HEAD_SIZE, Kind, describe, sniff
from ingest.submission import read_submission

__all__ = ["Input", "count_inputs", "iter_inputs"]

Input = Document | Filing | Rejected
_ARCHIVE_KINDS = frozenset({Kind.ZIP, Kind.TAR, Kind.COMPRESSED})


def iter_inputs(paths: Iterable[str | Path], limits: Limits | None = None) -> Iterator[Input]:
    """Yield what each path holds, lazily: one file (or archive member) is read at a time.

    Whatever goes wrong with one file (even an error nobody foresaw) is that file's
    ``Rejected``; the walk goes on with the next.
    """
    walk = _Walk(limits or Limits())
    for path in paths:
        yield from walk.path(Path(path))


class _Walk:
    """A walk over input paths: folders iteratively (any depth), each file within the caps."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.seen: set[tuple[int, int]] = set()

    def path(self, top: Path) -> Iterator[Input]:
        stack = [top]
        while stack:
            path = stack.pop()
            try:
                stat = path.stat()
            except FileNotFoundError:
                yield Rejected(str(path), "file not found")
                continue
            except OSError as e:
                yield Rejected(str(path), f"cannot read: {e.strerror or e}")
                continue
            if S_ISDIR(stat.st_mode):
                if (stat.st_dev, stat.st_ino) not in self.seen:  # a symlink loop: walked once
                    self.seen.add((stat.st_dev, stat.st_ino))
                    yield from self._folder(path, stack)
            elif not S_ISREG(stat.st_mode):
                yield Rejected(str(path), f"skipped: not a regular file ({_kind(stat.st_mode)})")
            else:
                yield from self._guarded(path)

    def _folder(self, path: Path, stack: list[Path]) -> Iterator[Input]:
        """A data set's filings, or the folder's entries pushed to be walked in name order."""
        try:
            dataset = dataset_in_folder(path)
            names = sorted(entry.name for entry in os.scandir(path))
        except OSError as e:
            yield Rejected(str(path), f"cannot read folder: {e.strerror or e}")
            return
        if dataset is not None:
            yield from _guard(iter_filings(dataset), dataset.source)
            return
        stack.extend(path / name for name in reversed(names) if not is_skipped_name(name))

    def _guarded(self, path: Path) -> Iterator[Input]:
        source = str(path)
        try:
            yield from self._file(path, source)
        except Exception as e:
            yield Rejected(source, f"could not be read ({type(e).__name__}: {e})"[:300])

    def _file(self, path: Path, source: str) -> Iterator[Input]:
        budget = Budget(self.limits)
        try:
            with path.open("rb") as file:
                head = file.read(HEAD_SIZE)
                kind = sniff(head)
                if kind in _ARCHIVE_KINDS:
                    yield from self._archive(file, kind, source, budget, 1)
                    return
                data = head + read_capped(
                    file, self.limits.file_bytes - len(head), self.limits.file_reason()
                )
        except SourceError as e:
            yield Rejected(source, str(e))
            return
        except OSError as e:
            yield Rejected(source, f"cannot read: {e.strerror or e}")
            return
        yield from self._bytes(data, source, budget, 0)

    def _bytes(self, data: bytes, source: str, budget: Budget, depth: int) -> Iterator[Input]:
        """Dispatch bytes in memory (a small file or an archive member) on their content."""
        kind = sniff(data)
        if kind in _ARCHIVE_KINDS:
            yield from self._archive(io.BytesIO(data), kind, source, budget, depth + 1)
        elif kind is Kind.XML:
            yield Document(source, data)
        elif kind is Kind.SUBMISSION:
            yield from _iter_submission(data, source)
        else:
            yield Rejected(source, describe(kind, data))

    def _archive(
        self, file: IO[bytes], kind: Kind, source: str, budget: Budget, depth: int
    ) -> Iterator[Input]:
        if depth > self.limits.nesting:
            yield Rejected(source, f"archives nested more than {self.limits.nesting} deep")
            return
        file.seek(0)
        members: Iterator[Member | Input]
        if kind is Kind.ZIP:
            members = _iter_zip(file, source, budget)
        elif kind is Kind.TAR:
            members = iter_tar(file, source, budget)
        else:
            members = iter_compressed(file, source, budget)
        files = filings = 0
        own = False  # a lone .gz (or a corrupt archive) is named by the archive itself
        for member in members:
            files += 1
            own = member.source == source
            inner = (
                self._bytes(member.data, member.source, budget, depth)
                if isinstance(member, Member)
                else (member,)
            )
            for item in inner:
                filings += not isinstance(item, Rejected)
                yield item
        if not files:
            yield Rejected(source, "empty archive: it holds no files")
        elif not filings and depth == 1 and not (files == 1 and own):  # said once, at the top
            yield Rejected(source, f"no ownership filing among the archive's {files} file(s)")


def _kind(mode: int) -> str:
    kinds = {S_ISFIFO: "a named pipe", S_ISCHR: "a character device", S_ISBLK: "a block device"}
    return next((name for test, name in kinds.items() if test(mode)), "a socket or device")


def _iter_submission(data: bytes, source: str) -> Iterator[Input]:
    submission = read_submission(data)
    if not submission.ownership_xml:
        yield Rejected(source, submission.describe_missing())
        return
    several = len(submission.ownership_xml) > 1
    for number, xml in enumerate(submission.ownership_xml, 1):
        name = f"{source}#{number}" if several else source
        yield Document(name, xml, submission.accession, submission.filed)


def _iter_zip(file: IO[bytes], source: str, budget: Budget) -> Iterator[Member | Input]:
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
        yield from iter_zip(archive, source, budget, lambda name: _skip_member(name, datasets))


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
