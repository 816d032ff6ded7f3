"""A batch extends the summaries of the pairs its new rows come after (graph/load/readmodel/
running.py), and leaves the others to the end-of-run recompute; either way the summaries are,
to the last bit, what a recompute from scratch gives. Expected values are read off the XML in
tests/data/graph/ and the sample's MANIFEST."""

from __future__ import annotations

import csv
import tarfile
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from neo4j import Driver, ManagedTransaction

from graph.load import write
from graph.load.pipeline import ingest_paths
from graph.load.readmodel import running
from graph.load.readmodel.summaries import refresh_all_summaries
from ingest import read_filings
from ingest.records import Filing
from tests.paths import DATA, SAMPLE, SAMPLE_MANIFEST

GRAPH = DATA / "graph"
# Reid Hoffman's Forms 4 for Microsoft: awards (A) of 544, 29 and 477 shares.
MSFT_DEC_3 = GRAPH / "msft_4_2019-12-03_600b82f8.xml"
MSFT_DEC_12 = GRAPH / "msft_4_2019-12-12_b44c8c35.xml"
MSFT_JAN_31 = GRAPH / "msft_4_2020-01-31_402e899a.xml"
HOFFMAN_MSFT = ("0001519339", "0000789019")
# The joint PDEX Form 4: sales of 835 sh at $42.00 (2025-01-23) and 1,436 sh at $41.44
# (2025-01-24), 333,210 shares owned after the second.
PDEX = GRAPH / "pdex_4_2025-01-23_c4e5a309.xml"

SUMMARIES = """
MATCH (o:Entity)-[t:TRADES_IN|TRADES]->(x)
RETURN o.cik + ' ' + coalesce(x.cik, x.id) + ' ' + type(t) AS key, properties(t) AS props
ORDER BY key
"""
Pair = tuple[str, str]


def _summaries(driver: Driver) -> dict[str, dict[str, Any]]:
    records, _, _ = driver.execute_query(SUMMARIES, database_="neo4j")
    return {r["key"]: r["props"] for r in records}


def _as_recomputed(driver: Driver) -> dict[str, dict[str, Any]]:
    """The summaries now, after checking they equal a recompute from scratch."""
    kept = _summaries(driver)
    refresh_all_summaries(driver)
    assert _summaries(driver) == kept
    return kept


@pytest.fixture
def paths_taken(monkeypatch: pytest.MonkeyPatch) -> list[tuple[set[Pair], set[Pair]]]:
    """Per batch: the pairs extended, and those left to the recompute."""
    taken: list[tuple[set[Pair], set[Pair]]] = []
    extend = running.extend_pairs_tx

    def spy(tx: ManagedTransaction, filings: list[Filing], skip: set[Pair]) -> list[Pair]:
        recomputed = extend(tx, filings, skip)
        asked = set(running.new_rows(filings)) - skip
        taken.append((asked - set(recomputed), set(recomputed)))
        return recomputed

    monkeypatch.setattr(write, "extend_pairs_tx", spy)
    return taken


def _parsed(path: Path) -> Filing:
    (filing,) = [f for f in read_filings([path]) if isinstance(f, Filing)]
    return filing


def test_a_later_filing_extends_the_pair_and_an_earlier_one_has_it_recomputed(
    clean_graph: Driver, paths_taken: list[tuple[set[Pair], set[Pair]]]
) -> None:
    for path in (MSFT_DEC_3, MSFT_JAN_31, MSFT_DEC_12):  # one run each
        ingest_paths(clean_graph, [path])
    assert paths_taken == [
        ({HOFFMAN_MSFT}, set()),  # a new pair
        ({HOFFMAN_MSFT}, set()),  # January 31 comes after December 3
        (set(), {HOFFMAN_MSFT}),  # December 12 does not
    ]
    summaries = _as_recomputed(clean_graph)
    (pair,) = [p for k, p in summaries.items() if k.endswith("TRADES_IN")]
    assert (pair["trades"], pair["first"], pair["last"]) == (
        3,
        date(2019, 12, 3),
        date(2020, 1, 31),
    )
    (security,) = [p for k, p in summaries.items() if k.endswith(" TRADES")]
    assert (security["codes"], security["counts"], security["shares"]) == (["A"], [3], [1050.0])


def test_every_batch_of_the_sample_in_date_order_keeps_summaries_equal_to_a_recompute(
    clean_graph: Driver,
    paths_taken: list[tuple[set[Pair], set[Pair]]],
    tmp_path: Path,
) -> None:
    with SAMPLE_MANIFEST.open(newline="") as manifest:
        period = {r["path"]: r["periodOfReport"] for r in csv.DictReader(manifest, delimiter="\t")}
    with tarfile.open(SAMPLE) as archive:
        members = sorted(
            (m for m in archive.getmembers() if m.isfile()), key=lambda m: period[m.name]
        )
        runs = [members[k * len(members) // 4 : (k + 1) * len(members) // 4] for k in range(4)]
        for k, run in enumerate(runs):  # four runs, the earliest filings first
            folder = tmp_path / f"run{k}"
            archive.extractall(folder, run, filter="data")
            ingest_paths(clean_graph, [folder])
            _as_recomputed(clean_graph)
    extended = sum(len(e) for e, _ in paths_taken)
    recomputed = sum(len(r) for _, r in paths_taken)
    assert extended > 10 * recomputed > 0  # most pairs extended; amendments and stragglers not


def test_extending_a_new_pair_adds_its_rows_in_date_order() -> None:
    rows = running.new_rows([_parsed(PDEX)])
    assert len(rows) == 2  # a joint filing: one pair per owner
    for pair_rows in rows.values():
        update: Any = running.extended(None, {}, pair_rows)  # the write row: nested maps
        assert update is not None
        pair = update["pair"]
        assert (pair["trades"], pair["sold_shares"], pair["shares_after"]) == (2, 2271.0, 333210.0)
        assert pair["sold_value"] == 0.0 + 835 * 42.00 + 1436 * 41.44
        assert (pair["first"], pair["last"]) == (date(2025, 1, 23), date(2025, 1, 24))
        (security,) = update["securities"]
        assert security["summary"]["joint_values"] == [pair["sold_value"]]  # every row joint


@pytest.mark.parametrize(
    ("stored", "reason"),
    [
        ({"last": date(2025, 1, 25), "last_row": "0000000000-25-000001#1"}, "a later row stored"),
        ({"last": date(2025, 1, 22)}, "no last_row: summarised by an older model"),
        ({"last_row": "x"}, "its last row undated"),
    ],
)
def test_a_pair_the_rows_do_not_come_after_is_left_to_the_recompute(
    stored: dict[str, object], reason: str
) -> None:
    (pair_rows, _) = running.new_rows([_parsed(PDEX)]).values()
    assert running.extended(stored, {}, pair_rows) is None, reason
