"""Caps on what one input may cost: bytes per file or archive member, bytes per archive, and
archives inside archives. A compressed bomb or an endless device is refused with a reason
instead of filling memory; sources.py and archives.py read through ``read_capped``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ingest.errors import SourceError

__all__ = ["MIB", "Limits", "Readable", "TooLarge", "read_capped"]

MIB = 1024 * 1024
_CHUNK = MIB


class TooLarge(SourceError):
    """An input (or its decompressed content) is larger than a configured cap."""


@dataclass(frozen=True, slots=True)
class Limits:
    """Per-input caps (``ownergraph ingest --max-file-mb/--max-archive-mb``)."""

    file_bytes: int = 256 * MIB  # one file or archive member, after decompression
    archive_bytes: int = 4096 * MIB  # all members of one archive together, decompressed
    nesting: int = 16  # archives inside archives

    def file_reason(self) -> str:
        return f"larger than {self.file_bytes // MIB} MiB (raise --max-file-mb to read it)"

    def archive_reason(self) -> str:
        return (
            f"decompresses to more than {self.archive_bytes // MIB} MiB "
            "(raise --max-archive-mb to read it)"
        )


class Readable(Protocol):
    """Anything with ``read(n) -> bytes``: a file, an archive member, a decompressor."""

    def read(self, size: int = -1, /) -> bytes: ...


def read_capped(stream: Readable, cap: int, reason: str) -> bytes:
    """Read ``stream`` to its end in chunks, or raise TooLarge once more than ``cap`` bytes came."""
    parts: list[bytes] = []
    size = 0
    while chunk := stream.read(min(_CHUNK, cap + 1 - size)):
        parts.append(chunk)
        size += len(chunk)
        if size > cap:
            raise TooLarge(reason)
    return b"".join(parts)
