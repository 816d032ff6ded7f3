"""Benchmark input: the ownership XML documents of the bundled sample (samples/), in memory."""

from __future__ import annotations

import tarfile
from pathlib import Path

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
