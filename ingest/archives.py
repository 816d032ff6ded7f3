"""Read archives member by member (.zip, .tar, .tar.gz/.tgz/.bz2/.xz, a lone .gz); sources.py
sniffs each member. Members are named ``archive.zip!folder/member.xml``.
"""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import IO

from ingest.errors import SourceError
from ingest.limits import Limits, Readable, TooLarge, read_capped
from ingest.records import Rejected

__all__ = [
    "Budget",
    "Member",
    "is_skipped_name",
    "iter_compressed",
    "iter_tar",
    "iter_zip",
    "open_zip",
]

_MEMBER_ERRORS = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError)
_STREAM_ERRORS = (tarfile.TarError, zlib.error, EOFError, OSError, lzma.LZMAError)


@dataclass(frozen=True, slots=True)
class Member:
    """The bytes of one archive member, named ``archive!member``."""

    source: str
    data: bytes


class Budget:
    """Decompressed bytes an input (an archive with everything nested in it) may still take."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.left = limits.archive_bytes

    def read(self, stream: Readable) -> bytes:
        """One member's bytes, within both the per-member and the remaining archive cap."""
        cap = min(self.limits.file_bytes, self.left)
        reason = (
            self.limits.file_reason()
            if cap == self.limits.file_bytes
            else self.limits.archive_reason()
        )
        try:
            data = read_capped(stream, cap, reason)
        except TooLarge:
            if cap < self.limits.file_bytes:
                self.left = 0  # the archive is spent: its remaining members are not read
            raise
        self.left -= len(data)
        return data


def is_skipped_name(name: str) -> bool:
    """True for names nobody means as input: hidden files and macOS ``__MACOSX`` forks."""
    parts = name.replace("\\", "/").strip("/").split("/")
    return "__MACOSX" in parts or parts[-1].startswith(".")


def open_zip(file: IO[bytes], source: str) -> zipfile.ZipFile:
    """Open a zip's directory, or raise ``SourceError("corrupt zip: …")``."""
    try:
        return zipfile.ZipFile(file)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as e:
        raise SourceError(f"corrupt zip: {e}") from e


def iter_zip(
    archive: zipfile.ZipFile,
    source: str,
    budget: Budget,
    skip: Callable[[str], bool] = is_skipped_name,
) -> Iterator[Member | Rejected]:
    """Yield the zip's file members in name order, reading one at a time within ``budget``."""
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        if info.is_dir() or skip(info.filename):
            continue
        name = f"{source}!{info.filename}"
        try:
            with archive.open(info) as member:
                data = budget.read(member)
        except TooLarge as e:
            yield Rejected(name, str(e))
            if budget.left <= 0:
                return
            continue
        except _MEMBER_ERRORS as e:
            yield Rejected(name, _zip_member_reason(e))
            continue
        yield Member(name, data)


def _zip_member_reason(error: Exception) -> str:
    if isinstance(error, RuntimeError) and "encrypted" in str(error):
        return "encrypted zip member: a password is required"
    return f"corrupt zip member: {error}"


def iter_tar(file: IO[bytes], source: str, budget: Budget) -> Iterator[Member | Rejected]:
    """Yield a (possibly compressed) tar's file members in archive order, as a stream."""
    try:
        with tarfile.open(fileobj=file, mode="r|*") as archive:
            for info in archive:
                if not info.isfile() or is_skipped_name(info.name):
                    continue
                extracted = archive.extractfile(info)
                if extracted is None:
                    continue
                name = f"{source}!{info.name}"
                try:
                    yield Member(name, budget.read(extracted))
                except TooLarge as e:
                    yield Rejected(name, str(e))
                    if budget.left <= 0:
                        return
    except _STREAM_ERRORS as e:
        yield Rejected(source, f"corrupt tar archive: {e}")


def iter_compressed(file: IO[bytes], source: str, budget: Budget) -> Iterator[Member | Rejected]:
    """A gzip/bzip2/xz stream: a compressed tar, or one compressed file named ``source``."""
    head = file.read(6)
    file.seek(0)
    opener = _decompressor(head)
    try:
        with opener(file) as stream:
            peek = stream.read(512)
            is_tar = peek[257:262] == b"ustar" or (len(peek) == 512 and not peek.strip(b"\0"))
            data = b"" if is_tar else peek + budget.read(stream)
    except TooLarge as e:
        yield Rejected(source, str(e))
        return
    except _STREAM_ERRORS as e:
        yield Rejected(source, f"corrupt compressed file: {e}")
        return
    if is_tar:
        file.seek(0)
        yield from iter_tar(file, source, budget)
    else:
        yield Member(source, data)


def _decompressor(head: bytes) -> Callable[[IO[bytes]], io.BufferedIOBase]:
    if head.startswith(b"\x1f\x8b"):
        return lambda f: gzip.GzipFile(fileobj=f, mode="rb")
    if head.startswith(b"BZh"):
        return lambda f: bz2.BZ2File(f, mode="rb")
    return lambda f: lzma.LZMAFile(f, mode="rb")
