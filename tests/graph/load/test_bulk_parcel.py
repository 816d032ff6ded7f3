"""A filing's parcel (graph/load/bulk/parcel.py), built in the bulk load's parser processes,
holds the CSV lines and merge rows the parent made of the filing itself before parcels: the
rows of batch.py written through ``CsvFiles.edge``/``node``, and batch.py's folds."""

from __future__ import annotations

from pathlib import Path

from graph.load.batch import BatchRows, batch_rows
from graph.load.bulk.csv import CsvFiles
from graph.load.bulk.parcel import LINE_FILES, Parcel, parcel
from graph.load.fold import fold_batch
from ingest import read_filings
from ingest.records import Filing
from tests.paths import DATA, SAMPLE

INPUTS = [*sorted((DATA / "graph").glob("*.xml")), *sorted(DATA.glob("*.xml")), SAMPLE]


def _filings() -> list[Filing]:
    return [f for f in read_filings(INPUTS) if isinstance(f, Filing)]


def _reference_lines(f: Filing, folder: Path) -> dict[str, tuple[str, int]]:
    """The filing's lines as prepare.py wrote them from ``batch_rows`` of its batch."""
    csv = CsvFiles(folder)
    rows = batch_rows([f])
    for stem, kind, edges in (
        ("transacted", "TRANSACTED", rows.transactions),
        ("held", "HELD", rows.holdings),
    ):
        for row in edges:
            for owner in row["owners"]:  # type: ignore[attr-defined]
                csv.edge(stem, owner, str(row["security"]), kind, row["props"])  # type: ignore[arg-type]
    for row in rows.filings:
        accession = str(row["accession"])
        csv.node("filings", accession, ("Filing",), row["props"])  # type: ignore[arg-type]
        csv.edge("about", accession, str(row["issuer"]), "ABOUT", {"accession": accession})
        for owner in row["owners"]:  # type: ignore[attr-defined]
            csv.edge("filed", owner, accession, "FILED", {"accession": accession})
    csv.close()
    texts = {stem: path.read_text(encoding="utf-8") for stem, path in csv.paths().items()}
    return {
        stem: (texts[stem].split("\n", 1)[1], csv.rows[stem])
        for stem in LINE_FILES
        if csv.rows[stem]
    }


def _by_file(p: Parcel) -> dict[str, tuple[str, int]]:
    """The parcel's lines and their count per file that gets any."""
    return {
        stem: (text, n) for stem, text, n in zip(LINE_FILES, p.lines, p.counts, strict=True) if n
    }


def test_a_parcel_holds_the_lines_the_parent_wrote(tmp_path: Path) -> None:
    filings = _filings()
    assert len(filings) > 500
    for n, f in enumerate(filings):
        expected = _reference_lines(f, tmp_path / str(n))
        assert _by_file(parcel(f)) == expected, f.source


def test_a_joint_filing_gives_each_owner_its_transaction_line() -> None:
    # Read off tests/data/mhi_4_2025-08-18_b9ce4dd7.xml: owners 0000070858 and 0001565450,
    # one row: 500 "Variable Rate MuniFund Term Preferred Shares" disposed (J) of 0001223026.
    (f,) = [f for f in read_filings([DATA / "mhi_4_2025-08-18_b9ce4dd7.xml"])]
    assert isinstance(f, Filing)
    lines = _by_file(parcel(f))
    text, count = lines["transacted"]
    security = '"0001223026|variable rate munifund term preferred shares|N",TRANSACTED,'
    assert count == 2 and text.count("\n") == 2
    assert text.startswith(f'"0000070858",{security}')
    assert f'\n"0001565450",{security}' in text
    assert ',"J",' in text and ",500.0," in text
    assert lines["filed"][1] == 2 and "held" not in lines


def _without_owners(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    return [{k: v for k, v in row.items() if k != "owners"} for row in rows]


def test_parcels_folded_in_a_batch_give_the_batchs_merge_rows() -> None:
    filings = _filings()
    for start in range(0, len(filings), 50):
        batch = filings[start : start + 50]
        parcels = [parcel(f) for f in batch]
        got = fold_batch(
            BatchRows(
                [r for p in parcels for r in p.issuer_rows],
                [r for p in parcels for r in p.owner_rows],
                [r for p in parcels for r in p.security_rows],
                [r for p in parcels for r in p.insider_rows],
                [],
                [],
                [r for p in parcels for r in p.position_rows],
                [],
            )
        )
        expected = batch_rows(batch)
        assert got.issuers == expected.issuers
        assert got.owners == expected.owners
        assert got.securities == expected.securities
        assert got.insiders == expected.insiders
        # a position's row keeps the filing's owners: the merge reads ``owner`` alone
        assert _without_owners(got.positions) == _without_owners(expected.positions)
