"""The scale corpus generator (bench/scale): deterministic by seed, written in the SEC's data set
format that ingest/ reads with zero rejections, and the same filings whether read from the data
sets or from the XML. Expected headers are the SEC's, as listed in ../shared/SOURCES.md.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import fields, replace
from pathlib import Path

import pytest

from bench.scale.__main__ import main
from bench.scale.generate import Corpus, generate
from ingest import read_filings
from ingest.records import Address, Filing, Holding, Rejected, ReportingOwner, Transaction
from tests.sec_tables import SEC_HEADERS

DATE_COLUMNS = ("FILING_DATE", "PERIOD_OF_REPORT", "TRANS_DATE", "OWNERSIGNATUREDATE")
SEC_DATE = re.compile(r"\d\d-(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)-\d{4}")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """2,000 filings over the last 4 quarters (2025 Q3 to 2026 Q2), data sets and XML, seed 7."""
    out = tmp_path_factory.mktemp("scale")
    assert (
        main(["--filings", "2000", "--seed", "7", "--quarters", "4", "--xml", "--out", str(out)])
        == 0
    )
    return out


def manifest(out: Path) -> dict:
    return json.loads((out / "manifest.json").read_text())


def parsed(paths: list[Path]) -> tuple[dict[str, Filing], list[Rejected]]:
    """Filings by accession as ingest reads them, less how they were wrapped."""
    filings: dict[str, Filing] = {}
    rejected: list[Rejected] = []
    for item in read_filings(paths):
        if isinstance(item, Rejected):
            rejected.append(item)
        else:
            filings[item.accession] = replace(
                item, fingerprint="", schema_version=None, source=None
            )
    return filings, rejected


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(tmp_path: Path) -> None:
    runs = {}
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        generate(Corpus(filings=400, seed=seed, quarters=2, xml=True), tmp_path / name)
        runs[name] = {p.name: p.read_bytes() for p in sorted((tmp_path / name).iterdir())}
    assert sorted(runs["a"]) == [
        "2026q1_form345.zip",
        "2026q1_xml.zip",
        "2026q2_form345.zip",
        "2026q2_xml.zip",
        "manifest.json",
    ]
    assert runs["a"] == runs["b"]
    assert runs["a"]["2026q1_form345.zip"] != runs["c"]["2026q1_form345.zip"]


def test_each_quarter_is_an_sec_data_set_zip_with_the_eight_tables_and_their_headers(
    corpus: Path,
) -> None:
    with zipfile.ZipFile(corpus / "2025q3_form345.zip") as archive:
        assert sorted(archive.namelist()) == sorted(f"{t}.tsv" for t in SEC_HEADERS)
        for table, header in SEC_HEADERS.items():
            text = archive.read(f"{table}.tsv").decode("utf-8")
            rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
            expected = header.split() + (["AFF10B5ONE"] if table == "SUBMISSION" else [])
            assert rows[0] == expected, table  # 2025: AFF10B5ONE is there (from 2023 Q1)
            assert len(rows) > 1, table
            assert all(len(row) == len(expected) for row in rows), table
            for column in DATE_COLUMNS:
                if column in expected:
                    where = expected.index(column)
                    assert all(SEC_DATE.fullmatch(row[where]) for row in rows[1:]), column


def test_before_2023_the_submission_table_has_no_aff10b5one_column(tmp_path: Path) -> None:
    generate(Corpus(filings=100, seed=1, quarters=82), tmp_path)
    with zipfile.ZipFile(tmp_path / "2006q1_form345.zip") as archive:
        header = archive.read("SUBMISSION.tsv").decode().splitlines()[0].split("\t")
    assert header == SEC_HEADERS["SUBMISSION"].split()


def test_data_sets_and_xml_read_back_as_the_same_filings_with_no_rejection(corpus: Path) -> None:
    datasets, rejected_datasets = parsed(sorted(corpus.glob("*_form345.zip")))
    xml, rejected_xml = parsed(sorted(corpus.glob("*_xml.zip")))
    assert (rejected_datasets, rejected_xml) == ([], [])
    assert len(datasets) == len(xml) == 2000
    assert datasets == xml


def test_the_manifest_counts_what_ingest_reads(corpus: Path) -> None:
    filings, _ = parsed(sorted(corpus.glob("*_form345.zip")))
    counts = manifest(corpus)
    assert counts["filings"] == len(filings) == 2000
    assert counts["transactions"] == sum(len(f.transactions) for f in filings.values())
    assert counts["holdings"] == sum(len(f.holdings) for f in filings.values())
    assert counts["owners"] == len({o.cik for f in filings.values() for o in f.owners})
    assert counts["issuers"] == len({f.issuer.cik for f in filings.values()})


def test_synthetic_entities_are_marked_and_in_reserved_cik_ranges(corpus: Path) -> None:
    filings, _ = parsed(sorted(corpus.glob("*_form345.zip")))
    for f in filings.values():
        assert f.issuer.cik.startswith("000900") and "Synthetic Issuer" in (f.issuer.name or "")
        for o in f.owners:
            assert "0009100001" <= o.cik <= "0009449999" and (o.name or "").startswith("Synthetic")


def test_amendments_point_at_a_real_original_of_the_same_issuer_owners_and_period(
    corpus: Path,
) -> None:
    filings, _ = parsed(sorted(corpus.glob("*_form345.zip")))
    originals = {
        (f.issuer.cik, f.owners, f.period_of_report, f.document_type, f.filed)
        for f in filings.values()
        if not f.is_amendment
    }
    amendments = [f for f in filings.values() if f.is_amendment]
    assert 30 <= len(amendments) <= 90  # ~3 % of 2,000
    for f in amendments:
        original = f.document_type.removesuffix("/A")
        key = (f.issuer.cik, f.owners, f.period_of_report, original, f.date_of_original_submission)
        assert key in originals, f.accession
        assert f.filed is not None and f.date_of_original_submission is not None
        assert f.filed >= f.date_of_original_submission


def test_weekly_rule_10b5_1_sales_say_so_and_joint_filings_name_several_owners(
    corpus: Path,
) -> None:
    filings, _ = parsed(sorted(corpus.glob("*_form345.zip")))
    plan = [f for f in filings.values() if f.aff10b5one]
    assert plan and all(t.transaction_code == "S" for f in plan for t in f.transactions)
    assert all(
        any("Rule 10b5-1" in n.text for n in f.footnotes) for f in plan
    )  # and a footnote on each row's coding says so
    joint = [f for f in filings.values() if f.is_joint]
    assert joint and max(len(f.owners) for f in joint) <= 10


def fields_of(record: type) -> list[str]:
    return [f.name for f in fields(record)]


def filled(records: list, names: tuple[str, ...]) -> set[str]:
    """The fields that hold a value (not None, not an empty tuple) in at least one record."""
    return {n for n in names if any(getattr(r, n) not in (None, ()) for r in records)}


def test_the_corpus_fills_every_field_the_parser_reads_but_the_value_alternatives(
    corpus: Path,
) -> None:
    filings = list(parsed(sorted(corpus.glob("*_form345.zip")))[0].values())
    rows = [t for f in filings for t in f.transactions]
    holdings = [h for f in filings for h in f.holdings]
    owners = [o for f in filings for o in f.owners]
    transaction_fields = tuple(fields_of(Transaction))
    assert set(transaction_fields) - filled(rows, transaction_fields) == {
        "total_value",  # the schema takes shares or a total value, shares or a value owned
        "value_after",
        "underlying_value",
        "unreadable",  # every generated value reads cleanly
    }
    holding_fields = tuple(fields_of(Holding))
    assert set(holding_fields) - filled(holdings, holding_fields) == {
        "value_owned",
        "transaction_form_type",
        "exercise_date",  # Form 3 options say when they vest in a footnote
        "underlying_value",
        "unreadable",
    }
    address_fields = tuple(fields_of(Address))
    assert filled([o.address for o in owners], address_fields) == set(address_fields)
    owner_fields = tuple(fields_of(ReportingOwner))
    assert filled(owners, owner_fields) == set(owner_fields)
    filing_fields = tuple(fields_of(Filing))
    assert set(filing_fields) - filled(filings, filing_fields) == {
        "schema_version",  # the data sets do not carry it (the XML does)
        "document_footnotes",  # nor footnotes outside the tables
        "extra",
        "source",
        "unreadable",  # every generated value reads cleanly
    }
