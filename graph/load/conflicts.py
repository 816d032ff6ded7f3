"""Is a filing met again the same filing, another one under a taken key, or one to replace?

Pure: write.py asks with what the graph holds (FIND_EXISTING) or what came earlier in the
batch. The same filing is silent: the same document again, a bare XML (``sha256:`` key) met
inside its full submission (re-keyed), or an XML document and the SEC data set row of its
accession (``dataset:`` fingerprint). Anything else is a ``Conflict`` the run reports: an
accession stored with other content, or a document stored under another real accession.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Protocol, TypeVar

__all__ = ["Action", "Conflict", "Decision", "Keyed", "decide", "has_accession", "split_batch"]


class Keyed(Protocol):
    """What the batch's de-duplication reads of a filing (a ``Filing``, or the bulk load's
    per-filing parcel)."""

    @property
    def accession(self) -> str: ...
    @property
    def fingerprint(self) -> str: ...
    @property
    def source(self) -> str | None: ...


K = TypeVar("K", bound=Keyed)


@dataclass(frozen=True, slots=True)
class Conflict:
    """A filing not stored because its key is taken by different content."""

    source: str
    accession: str
    reason: str


class Action(Enum):
    """What the write path does with one filing."""

    WRITE = "write"
    SKIP = "skip"  # the same filing is there
    RENAME = "rename"  # its bare document is there: adopt the real accession
    REPLACE = "replace"  # --replace: remove the stored filing of its accession, write this one
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class Decision:
    action: Action
    reason: str = ""
    rename_from: str | None = None  # the sha256: key the same document is stored under


def has_accession(f: Keyed) -> bool:
    """Whether the filing carries its EDGAR accession number (not a content or data-set key)."""
    return not f.accession.startswith(("sha256:", "dataset:"))


def _same_filing(fingerprint: str, other: str) -> bool:
    """Same document, or the same accession read once from XML and once from a data set."""
    return fingerprint == other or fingerprint.startswith("dataset:") != other.startswith(
        "dataset:"
    )


def decide(f: Keyed, stored: str | None, holder: str | None, replace: bool) -> Decision:
    """``stored``: fingerprint of the filing under f's accession; ``holder``: the accession
    of the filing with f's fingerprint (each None when there is none)."""
    held_elsewhere = holder is not None and holder != f.accession
    bare_holder = held_elsewhere and str(holder).startswith("sha256:")
    if stored is not None and _same_filing(f.fingerprint, stored):
        return Decision(Action.SKIP)
    if held_elsewhere and not bare_holder and has_accession(f):
        return Decision(Action.CONFLICT, f"the same document is already stored under {holder}")
    if stored is None:
        if holder is None:
            return Decision(Action.WRITE)
        if bare_holder and has_accession(f):
            return Decision(Action.RENAME, rename_from=holder)
        return Decision(Action.SKIP)  # a bare document stored under its real accession
    if not replace:
        return Decision(
            Action.CONFLICT,
            f"accession {f.accession} is already stored with different content "
            "(ingest --replace PATH stores this version instead)",
        )
    return Decision(Action.REPLACE, rename_from=holder if bare_holder else None)


def split_batch(filings: list[K]) -> tuple[list[K], list[K], list[Conflict]]:
    """The batch's filings to write (one per fingerprint, preferring a real accession, and
    one per accession), the repeats to skip, and the conflicts among them."""
    best: dict[str, K] = {}
    for f in filings:
        kept = best.get(f.fingerprint)
        if kept is None or (not has_accession(kept) and has_accession(f)):
            best[f.fingerprint] = f
    by_accession: dict[str, K] = {}
    for f in best.values():
        by_accession.setdefault(f.accession, f)
    chosen = {id(f) for f in by_accession.values()}
    unique = [f for f in filings if id(f) in chosen]
    skipped: list[K] = []
    conflicts: list[Conflict] = []
    for f in filings:
        if id(f) in chosen:
            continue
        same_key = by_accession.get(f.accession)
        same_document = best[f.fingerprint]
        if same_key is not None and not _same_filing(f.fingerprint, same_key.fingerprint):
            reason = f"accession {f.accession} comes twice in this run with different content"
            conflicts.append(_conflict(f, f"{reason}; {same_key.source or 'the first'} was kept"))
        elif has_accession(f) and has_accession(same_document) and same_document is not f:
            other = same_document.accession
            if other != f.accession:
                reason = (
                    f"the same document comes in this run under {other} ({same_document.source})"
                )
                conflicts.append(_conflict(f, reason))
            else:
                skipped.append(f)
        else:
            skipped.append(f)
    return unique, skipped, conflicts


def _conflict(f: Keyed, reason: str) -> Conflict:
    return Conflict(f.source or f.accession, f.accession, reason)
