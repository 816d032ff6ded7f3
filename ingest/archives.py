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
from ingest.records import Rejected

__all__ = ["Member", "is_skipped_name", "iter_compressed", "iter_tar", "iter_zip", "open_zip"]

_MEMBER_ERRORS = (zipfile.BadZipFile, RuntimeError, NotImplementedError, zlib.error, EOFError)
_STREAM_ERRORS = (tarfile.TarError, zlib.error, EOFError, OSError, lzma.LZMAError)


@dataclass(frozen=True, slots=True)
class Member:
    """The bytes of one archive member, named ``archive!member``."""

    source: str
    data: bytes


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
    archive: zipfile.ZipFile, source: str, skip: Callable[[str], bool] = is_skipped_name
) -> Iterator[Member | Rejected]:
    """Yield the zip's file members in name order, reading one at a time."""
    for info in sorted(archive.infolist(), key=lambda i: i.filename):
        if info.is_dir() or skip(info.filename):
            continue
        name = f"{source}!{info.filename}"
        try:
            data = archive.read(info)
        except _MEMBER_ERRORS as e:
            yield Rejected(name, _zip_member_reason(e))
            continue
        yield Member(name, data)


def _zip_member_reason(error: Exception) -> str:
    if isinstance(error, RuntimeError) and "encrypted" in str(error):
        return "encrypted zip member: a password is required"
    return f"corrupt zip member: {error}"


def iter_tar(file: IO[bytes], source: str) -> Iterator[Member | Rejected]:
    """Yield a (possibly compressed) tar's file members in archive order, as a stream."""
    try:
        with tarfile.open(fileobj=file, mode="r|*") as archive:
            for info in archive:
                if not info.isfile() or is_skipped_name(info.name):
                    continue
                extracted = archive.extractfile(info)
                if extracted is not None:
                    yield Member(f"{source}!{info.name}", extracted.read())
    except _STREAM_ERRORS as e:
        yield Rejected(source, f"corrupt tar archive: {e}")


def iter_compressed(file: IO[bytes], source: str) -> Iterator[Member | Rejected]:
    """A gzip/bzip2/xz stream: a compressed tar, or one compressed file named ``source``."""
    head = file.read(6)
    file.seek(0)
    opener = _decompressor(head)
    try:
        with opener(file) as stream:
            peek = stream.read(512)
            is_tar = peek[257:262] == b"ustar"
            data = b"" if is_tar else peek + stream.read()
    except _STREAM_ERRORS as e:
        yield Rejected(source, f"corrupt compressed file: {e}")
        return
    if is_tar:
        file.seek(0)
        yield from iter_tar(file, source)
    else:
        yield Member(source, data)


def _decompressor(head: bytes) -> Callable[[IO[bytes]], io.BufferedIOBase]:
    if head.startswith(b"\x1f\x8b"):
        return lambda f: gzip.GzipFile(fileobj=f, mode="rb")
    if head.startswith(b"BZh"):
        return lambda f: bz2.BZ2File(f, mode="rb")
    return lambda f: lzma.LZMAFile(f, mode="rb")
