"""The front door of ingest: every input path → parsed ``Filing``s, or ``Rejected`` and why."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ingest.errors import OwnergraphError
from ingest.form345.parse import parse_filing
from ingest.limits import Limits
from ingest.records import Document, Filing, Rejected
from ingest.sources import iter_inputs

__all__ = ["read_filings"]


def read_filings(
    paths: Iterable[str | Path], limits: Limits | None = None
) -> Iterator[Filing | Rejected]:
    """Parse every input into a ``Filing``, or a ``Rejected`` naming the source and reason."""
    for item in iter_inputs(paths, limits):
        if isinstance(item, Document):
            document = item
            try:
                item = parse_filing(
                    document.data,
                    accession=document.accession,
                    filed=document.filed,
                    source=document.source,
                )
            except OwnergraphError as e:
                yield Rejected(document.source, str(e))
                continue
            except (ValueError, RecursionError, MemoryError) as e:  # a parser bug, not the run's
                yield Rejected(document.source, f"could not be parsed ({type(e).__name__}: {e})")
                continue
        if isinstance(item, Filing) and not item.owners:
            yield Rejected(item.source or item.accession, _no_owner_reason(item))
            continue
        yield item


def _no_owner_reason(filing: Filing) -> str:
    if filing.fingerprint.startswith("dataset:"):
        return (
            "no reporting owner: the data set has no REPORTINGOWNER.tsv rows for this accession, "
            "so its rows cannot be attributed; use the complete quarterly data set"
        )
    return "no reporting owner: the document names no <reportingOwner>"
