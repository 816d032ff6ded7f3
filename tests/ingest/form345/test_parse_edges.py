"""Parser edge cases: fingerprints, elements outside the schema map, unreadable values,
malformed and unsafe XML, the leaf converters, and every corpus document against its manifest."""

from __future__ import annotations

import csv
import tarfile
import time
from datetime import date

import pytest

from ingest.errors import ParseError
from ingest.form345.parse import fingerprint, parse_filing
from ingest.form345.xml import parse_bool, parse_date, parse_number, zero_pad_cik
from ingest.records import (
    Filing,
)
from tests.paths import DATA, SAMPLE, SAMPLE_MANIFEST


def parse(name: str) -> Filing:
    return parse_filing((DATA / name).read_bytes())


def test_same_document_bare_or_wrapped_has_one_fingerprint() -> None:
    submission = (DATA / "lrcx_4a_0000707549-25-000004_d438aa8a.txt").read_bytes()
    start = submission.index(b"<XML>") + len(b"<XML>")
    embedded = submission[start : submission.index(b"</XML>")]  # starts with a newline
    wrapped = parse_filing(embedded, accession="0000707549-25-000004", filed=date(2025, 1, 21))
    bare = parse("lrcx_4a_2024-11-04_90eac724.xml")
    assert wrapped.fingerprint == bare.fingerprint == fingerprint(b"\xef\xbb\xbf" + embedded)
    assert wrapped.accession == "0000707549-25-000004"
    assert wrapped.filed == date(2025, 1, 21)
    assert (wrapped.transactions, wrapped.owners) == (bare.transactions, bare.owners)


def test_elements_outside_the_schema_map_are_kept_in_extra() -> None:
    data = (DATA / "jpm_4_2025-09-02_eee1f740.xml").read_bytes()
    data = data.replace(
        b"</issuer>", b"<issuerForeignTradingSymbol>JPM.L</issuerForeignTradingSymbol></issuer>"
    ).replace(b"</rptOwnerName>", b'</rptOwnerName><rptOwnerCcc note="x">a#b</rptOwnerCcc>')
    assert parse_filing(data).extra == (
        ("/ownershipDocument/issuer/issuerForeignTradingSymbol", "JPM.L"),
        ("/ownershipDocument/reportingOwner/reportingOwnerId/rptOwnerCcc/@note", "x"),
        ("/ownershipDocument/reportingOwner/reportingOwnerId/rptOwnerCcc", "a#b"),
    )


def test_unreadable_value_is_none_and_kept_in_extra() -> None:
    data = (DATA / "jpm_4_2025-09-02_eee1f740.xml").read_bytes()
    data = data.replace(b"<value>297.9444</value>", b"<value>about 298</value>")
    filing = parse_filing(data)
    assert filing.transactions[0].price_per_share is None
    assert filing.extra == (
        (
            "/ownershipDocument/nonDerivativeTable/nonDerivativeTransaction"
            "//transactionPricePerShare",
            "about 298",
        ),
    )


def test_bom_leading_whitespace_and_namespace_are_tolerated() -> None:
    data = (DATA / "brds_3_2021-11-04_b5cf5e7e.xml").read_bytes()
    plain = parse_filing(data)
    assert parse_filing(b"\xef\xbb\xbf \r\n" + data) == plain
    namespaced = data.replace(b"<ownershipDocument>", b'<ownershipDocument xmlns="urn:x">')
    assert parse_filing(namespaced).owners == plain.owners


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.xml", "empty document"),
        ("truncated.xml", "not XML: "),
        ("garbage.bin", "not XML: "),
        ("wrong_root.xml", "root element is <edgarSubmission>, expected <ownershipDocument>"),
        ("missing_issuer_cik.xml", "missing issuerCik"),
        ("xxe.xml", "DOCTYPE/ENTITY declarations are not allowed"),
        ("xxe_utf16.xml", "DOCTYPE/ENTITY declarations are not allowed"),
        ("billion_laughs.xml", "DOCTYPE/ENTITY declarations are not allowed"),
    ],
)
def test_malformed_input_raises_parse_error_with_reason(name: str, reason: str) -> None:
    started = time.perf_counter()
    with pytest.raises(ParseError) as raised:
        parse_filing((DATA / "malformed" / name).read_bytes())
    assert str(raised.value).startswith(reason)
    assert time.perf_counter() - started < 1.0


def test_not_xml_reason_names_the_line() -> None:
    with pytest.raises(ParseError, match=r"^not XML: .*line \d+"):
        parse_filing((DATA / "malformed" / "truncated.xml").read_bytes())


@pytest.mark.parametrize(
    ("text", "expected"), [("1", True), (" TRUE ", True), ("0", False), ("false\n", False)]
)
def test_parse_bool(text: str, expected: bool) -> None:
    assert parse_bool(text) is expected


def test_leaf_conversions() -> None:
    assert parse_date("2024-01-15-05:00") == date(2024, 1, 15)
    assert parse_number("1,234,567.50") == 1234567.5
    assert parse_number(" ") is None
    assert zero_pad_cik(" 19617 ") == "0000019617"
    with pytest.raises(ValueError):
        parse_bool("yes")


MANIFEST_COUNTS = {
    "n_reportingOwners": lambda f: len(f.owners),
    "n_nonDerivativeTransaction": lambda f: sum(not t.derivative for t in f.transactions),
    "n_nonDerivativeHolding": lambda f: sum(not h.derivative for h in f.holdings),
    "n_derivativeTransaction": lambda f: sum(t.derivative for t in f.transactions),
    "n_derivativeHolding": lambda f: sum(h.derivative for h in f.holdings),
}


def test_every_sample_document_parses_with_manifest_counts() -> None:
    """The 503 bundled real filings (samples/, the same documents as the shared corpus)."""
    with SAMPLE_MANIFEST.open(newline="") as manifest:
        rows = [r for r in csv.DictReader(manifest, delimiter="\t") if r["path"].startswith("xml/")]
    assert len(rows) == 503
    with tarfile.open(SAMPLE) as archive:
        documents = {
            m.name: archive.extractfile(m).read()  # type: ignore[union-attr]
            for m in archive.getmembers()
            if m.isfile()
        }
    for row in rows:
        filing = parse_filing(documents[row["path"]], source=row["path"])
        counts = {column: count(filing) for column, count in MANIFEST_COUNTS.items()}
        assert counts == {column: int(row[column]) for column in MANIFEST_COUNTS}, row["path"]
        assert (filing.issuer.cik, filing.document_type) == (
            row["issuerCik"],
            row["documentType"],
        ), row["path"]
        assert filing.extra == (), row["path"]
