"""The bulk load's parallel parse (graph/load/bulk/parse.py): the filings of ``read_filings``,
in its order, streamed from worker processes in chunks as parcels; a worker that dies costs
only the input it was reading."""

from __future__ import annotations

import os
import signal
import warnings
from collections.abc import Iterator

import pytest

import graph.load.bulk.parse as parse
from graph.load.bulk.parcel import Parcel
from ingest import read_filings
from ingest.datasets import DatasetWarning
from ingest.limits import Limits
from ingest.records import Filing, Rejected
from tests.paths import DATA

INPUTS = [
    *sorted((DATA / "graph").glob("*.xml")),
    DATA / "malformed",  # a folder of broken documents: rejections keep their place too
    *sorted(DATA.glob("*.xml")),
]


def keys(items: list[Filing | Parcel | Rejected]) -> list[tuple[str, str]]:
    return [
        ("rejected", i.source) if isinstance(i, Rejected) else ("filing", i.fingerprint)
        for i in items
    ]


def test_two_workers_yield_what_read_filings_does_in_its_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(parse, "CHUNK", 2)  # several chunks per folder (the workers fork)
    expected = keys(list(read_filings(INPUTS)))
    assert len(expected) > 2 * len(INPUTS) // 2
    assert keys(list(parse.parse_in_parallel(INPUTS, workers=2))) == expected


def test_a_worker_killed_on_one_input_loses_only_that_input(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    doomed = INPUTS[2]

    def read_or_die(paths: list[str], limits: Limits | None) -> Iterator[Filing | Rejected]:
        if paths == [str(doomed)]:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel's OOM killer would
        yield from read_filings(paths, limits)

    monkeypatch.setattr(parse, "read_filings", read_or_die)
    got = list(parse.parse_in_parallel(INPUTS, workers=2))
    expected = keys(list(read_filings([p for p in INPUTS if p != doomed])))
    dead = [i for i in got if isinstance(i, Rejected) and i.source == str(doomed)]
    assert [d.reason for d in dead] == [
        f"the parser process died (exit code {-signal.SIGKILL}) on this input"
    ]
    assert keys([i for i in got if i not in dead]) == expected


def test_a_data_sets_warning_crosses_from_its_worker() -> None:
    """The data set fixture lacks three tables (tests/data/datasets/README.md): the parent
    warns, naming it, as ``read_filings`` does, and its filings still come."""
    inputs = [DATA / "datasets" / "2024q3_form345_sample", *sorted((DATA / "graph").glob("*.xml"))]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        expected = keys(list(read_filings(inputs)))
    with pytest.warns(DatasetWarning, match="2024q3_form345_sample: data set has no") as caught:
        got = keys(list(parse.parse_in_parallel(inputs, workers=2)))
    assert got == expected
    assert [w.message.missing for w in caught] == [  # type: ignore[union-attr]
        ("REPORTINGOWNER", "NONDERIV_TRANS", "FOOTNOTES")
    ]
