"""What the benchmarks share: the bundled sample's documents, and a free port for a server."""

from __future__ import annotations

import socket
import tarfile
from pathlib import Path

__all__ = ["SAMPLE", "free_port", "sample_documents"]

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "sec-ownership-filings.tar.gz"


def sample_documents() -> list[tuple[str, bytes]]:
    """(member name, bytes) of every bare .xml filing in the bundled sample archive."""
    documents = []
    with tarfile.open(SAMPLE) as archive:
        for member in archive:
            if member.isfile() and member.name.endswith(".xml"):
                handle = archive.extractfile(member)
                assert handle is not None
                documents.append((member.name, handle.read()))
    return documents


def free_port() -> int:
    """A TCP port on 127.0.0.1 nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
