"""Which repeats are the same filing (silent) and which are conflicts (reported), decided
without Neo4j on the real AIR Form 4, bare and with its accession (0001127602-25-001055)."""

from __future__ import annotations

from dataclasses import replace

from graph.load.conflicts import Action, decide, split_batch
from ingest.form345.parse import parse_filing
from tests.paths import DATA

AIR = "0001127602-25-001055"
BARE = parse_filing((DATA / "sources" / "air_4_2025-01-10_39ff7e5c.xml").read_bytes())
REAL = replace(BARE, accession=AIR, source="air.txt")
DATASET = replace(REAL, fingerprint=f"dataset:{AIR}", source="2025q1#" + AIR)
OTHER = "0001790565-23-000009"


def test_the_same_filing_in_another_wrapping_is_never_a_conflict() -> None:
    assert decide(REAL, REAL.fingerprint, AIR, False).action is Action.SKIP
    assert decide(REAL, None, BARE.accession, False).action is Action.RENAME
    assert decide(BARE, None, AIR, False).action is Action.SKIP
    assert decide(DATASET, REAL.fingerprint, AIR, False).action is Action.SKIP
    assert decide(REAL, DATASET.fingerprint, None, True).action is Action.SKIP


def test_taken_keys_are_conflicts_and_replace_only_takes_its_own_accession() -> None:
    other_content = decide(REAL, "f" * 64, None, False)
    assert other_content.action is Action.CONFLICT
    assert decide(REAL, "f" * 64, None, True).action is Action.REPLACE
    assert decide(REAL, "f" * 64, BARE.accession, True).rename_from == BARE.accession
    elsewhere = decide(REAL, None, OTHER, True)
    assert (elsewhere.action, elsewhere.reason) == (
        Action.CONFLICT,
        f"the same document is already stored under {OTHER}",
    )


def test_conflicts_within_one_batch() -> None:
    damaged = replace(REAL, fingerprint="f" * 64, source="damaged.txt")
    stolen = replace(REAL, accession=OTHER, source="stolen.txt")
    unique, skipped, conflicts = split_batch([BARE, REAL, DATASET, damaged, stolen])
    assert unique == [REAL]
    assert skipped == [BARE, DATASET]  # the same filing: no conflict
    assert [(c.source, c.reason) for c in conflicts] == [
        (
            "damaged.txt",
            f"accession {AIR} comes twice in this run with different content; air.txt was kept",
        ),
        ("stolen.txt", f"the same document comes in this run under {AIR} (air.txt)"),
    ]
