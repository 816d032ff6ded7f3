"""parse_filing: real SEC ownership XML in, whole records out (expected values read off the XML).

Fixtures in tests/data/ are copies of ../shared/corpus/ files (same names); fingerprints below
were computed with ``tr -d ' \\t\\r\\n' < FILE | sha256sum``.
"""

from __future__ import annotations

import csv
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from ingest.errors import ParseError
from ingest.parse import fingerprint, parse_filing
from ingest.records import (
    Address,
    FieldFootnote,
    Filing,
    Footnote,
    Holding,
    Issuer,
    ReportingOwner,
    Signature,
    Transaction,
)
from ingest.xml import parse_bool, parse_date, parse_number, zero_pad_cik

DATA = Path(__file__).parent / "data"
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"


def parse(name: str) -> Filing:
    return parse_filing((DATA / name).read_bytes())


def test_form3_with_no_securities_owned_and_remarks() -> None:
    fp = "5d0d5def3ff8b8a0fa5db6cd17b6c83b3a1968fb7e0d6958eee60eeca22bbb0d"
    assert parse("brds_3_2021-11-04_b5cf5e7e.xml") == Filing(
        accession=f"sha256:{fp}",
        fingerprint=fp,
        document_type="3",
        schema_version="X0206",
        period_of_report=date(2021, 11, 4),
        issuer=Issuer(cik="0001861449", name="Bird Global, Inc.", ticker="BRDS"),
        owners=(
            ReportingOwner(
                cik="0001891801",
                name="Sacks David O",
                address=Address(
                    street1="C/O BIRD GLOBAL, INC.",
                    street2="406 BROADWAY, SUITE 369",
                    city="SANTA MONICA",
                    state="CA",
                    zip_code="90401",
                ),
                is_director=True,
            ),
        ),
        signatures=(Signature("/s/ Kevin Lee, attorney-in-fact", date(2021, 11, 12)),),
        no_securities_owned=True,
        remarks="Exhibit 24 - Power of Attorney.",
    )


def test_form4_x0508_with_10b5_1_plan_flag() -> None:
    fp = "c4bf1df5b2e5c83376df1cbb987074e467a74fc2d1361e39ce067d13de1e112e"
    filing = parse_filing(
        (DATA / "jpm_4_2025-09-02_eee1f740.xml").read_bytes(),
        accession="0001195342-25-000009",  # made up: what a container would pass in
        filed=date(2025, 9, 4),
        source="tests/data/jpm_4_2025-09-02_eee1f740.xml",
    )
    assert filing == Filing(
        accession="0001195342-25-000009",
        fingerprint=fp,
        document_type="4",
        schema_version="X0508",
        period_of_report=date(2025, 9, 2),
        issuer=Issuer(cik="0000019617", name="JPMORGAN CHASE & CO", ticker="JPM"),
        owners=(
            ReportingOwner(
                cik="0001195342",
                name="BAMMANN LINDA",
                address=Address(
                    street1="383 MADISON AVENUE",
                    city="NEW YORK",
                    state="NY",
                    zip_code="10179-0001",
                ),
                is_director=True,
            ),
        ),
        transactions=(
            Transaction(
                seq=1,
                derivative=False,
                security_title="Common Stock",
                transaction_date=date(2025, 9, 2),
                transaction_code="S",
                transaction_form_type="4",
                equity_swap_involved=False,
                shares=9500.0,
                price_per_share=297.9444,
                acquired_disposed="D",
                shares_after=82207.3407,
                direct_indirect="D",
            ),
        ),
        signatures=(Signature("/s/ Holly Youngwood under POA", date(2025, 9, 2)),),
        filed=date(2025, 9, 4),
        aff10b5one=True,
        source="tests/data/jpm_4_2025-09-02_eee1f740.xml",
    )


MHI_F1 = (
    "The 500 Variable Rate MuniFund Term Preferred Shares, Series 2021, (VMTP Shares) reported as"
    " disposed of in Table I represent shares that were beneficially owned by Banc of America"
    " Preferred Funding Corporation (BAPFC). The 500 VMTP Shares held by BAPFC were redeemed by"
    " the Issuer on August 18, 2025, as described in the Notice of Intention to Redeem"
    " Securities, N-23C-2, filed by Pioneer Municipal High Income Fund with the SEC on July 17,"
    " 2025, for a redemption price of the liquidation preference and accumulated but unpaid"
    " dividends. BAPFC is a wholly owned subsidiary of Bank of America Corporation."
)
MHI_F2 = (
    "This statement is jointly filed by Bank of America Corporation and PFC. Bank of America"
    " Corporation held an indirect interest in the securities listed in Table I by virtue of its"
    " indirect ownership of PFC."
)
MHI_F3 = (
    "Each reporting person declares that neither the filing of this statement nor anything herein"
    " shall be construed as an admission that such person is, for the purposes of Section13(d) of"
    " the US Securities Exchange Act of 1934 or any other purpose, (i) acting (or has agreed or is"
    " agreeing to act together with any other person) as a partnership, limited partnership,"
    " syndicate or other group for the purpose of acquiring, holding or disposing of securities"
    " of the Issuer or otherwise with respect to the Issuer or any securities of the Issuer or"
    " (ii) a member of any group with respect to the Issuer or any securities of the Issuer."
)


def test_joint_filing_keeps_every_owner_and_a_footnote_only_price() -> None:
    fp = "b33f72406563caa0f95b8fb245b1ae413b638976d0b918c25b6f56781c59e5d7"
    assert parse("mhi_4_2025-08-18_b9ce4dd7.xml") == Filing(
        accession=f"sha256:{fp}",
        fingerprint=fp,
        document_type="4",
        schema_version="X0508",
        period_of_report=date(2025, 8, 18),
        issuer=Issuer(
            cik="0001223026", name="PIONEER MUNICIPAL HIGH INCOME FUND, INC.", ticker="MHI"
        ),
        owners=(
            ReportingOwner(
                cik="0000070858",
                name="BANK OF AMERICA CORP /DE/",
                address=Address(
                    street1="BANK OF AMERICA CORPORATE CENTER",
                    street2="100 N TRYON ST",
                    city="CHARLOTTE",
                    state="NC",
                    zip_code="28255",
                ),
                is_ten_percent_owner=True,
            ),
            ReportingOwner(
                cik="0001565450",
                name="Banc of America Preferred Funding Corp",
                address=Address(
                    street1="214 NORTH TRYON STREET", city="CHARLOTTE", state="NC", zip_code="28255"
                ),
                is_ten_percent_owner=True,
            ),
        ),
        transactions=(
            Transaction(
                seq=1,
                derivative=False,
                security_title="Variable Rate MuniFund Term Preferred Shares",
                transaction_date=date(2025, 8, 18),
                transaction_code="J",
                transaction_form_type="4",
                equity_swap_involved=False,
                transaction_timeliness=None,  # <value></value>
                shares=500.0,
                price_per_share=None,  # only <footnoteId id="F1"/>
                acquired_disposed="D",
                shares_after=0.0,
                direct_indirect="I",
                nature_of_ownership="See Footnotes",
                footnotes=(
                    FieldFootnote("security_title", "F1"),
                    FieldFootnote("security_title", "F2"),
                    FieldFootnote("security_title", "F3"),
                    FieldFootnote("transaction_code", "F1"),  # placed in <transactionCoding>
                    FieldFootnote("price_per_share", "F1"),
                    FieldFootnote("nature_of_ownership", "F1"),
                    FieldFootnote("nature_of_ownership", "F2"),
                    FieldFootnote("nature_of_ownership", "F3"),
                ),
            ),
        ),
        footnotes=(Footnote("F1", MHI_F1), Footnote("F2", MHI_F2), Footnote("F3", MHI_F3)),
        signatures=(
            Signature(
                "BANK OF AMERICA CORP /DE/ By: Its: Authorized Signatory Andres Ortiz",
                date(2025, 8, 20),
            ),
            Signature(
                "BANC OF AMERICA PREFERRED FUNDING CORPORATION. By: Its: Authorized Signatory"
                " Andres Ortiz",
                date(2025, 8, 20),
            ),
        ),
        not_subject_to_section16=True,
        aff10b5one=False,
    )


def test_derivative_only_form4() -> None:
    fp = "b4db531e03613436b1fa25717b07ab21ec86b3b15140b50ba44e20d051db9611"
    assert parse("yhoo_4_2012-12-31_c1099aa1.xml") == Filing(
        accession=f"sha256:{fp}",
        fingerprint=fp,
        document_type="4",
        schema_version="X0306",
        period_of_report=date(2012, 12, 31),
        issuer=Issuer(cik="0001011006", name="YAHOO INC", ticker="YHOO"),
        owners=(
            ReportingOwner(
                cik="0001539853",
                name="Levchin Max R",
                address=Address(
                    street1="C/O YAHOO! INC.",
                    street2="701 FIRST AVENUE",
                    city="SUNNYVALE",
                    state="CA",
                    zip_code="94089",
                ),
                is_director=True,
            ),
        ),
        transactions=(
            Transaction(
                seq=1,
                derivative=True,
                security_title="Director Stock Option (right to buy)",
                transaction_date=date(2012, 12, 31),
                transaction_code="A",
                transaction_form_type="4",
                equity_swap_involved=False,
                shares=774.0,
                price_per_share=None,
                acquired_disposed="A",
                shares_after=774.0,
                direct_indirect="D",
                conversion_or_exercise_price=19.90,
                exercise_date=date(2012, 12, 31),
                expiration_date=date(2019, 12, 31),
                underlying_title="Common Stock",
                underlying_shares=774.0,
                footnotes=(
                    FieldFootnote("security_title", "F1"),
                    FieldFootnote("price_per_share", "F3"),
                    FieldFootnote("exercise_date", "F2"),
                ),
            ),
        ),
        footnotes=(
            Footnote(
                "F1",
                "These options were granted under the Yahoo! Inc. 1996 Directors' Stock Plan, which"
                " permits directors to elect to receive payment of quarterly directors' fees in the"
                " form of an automatic grant of stock options or award of restricted stock units.",
            ),
            Footnote("F2", "The options vest 100% on the date of grant."),
            Footnote("F3", "Not applicable."),
        ),
        signatures=(Signature("/s/ Max R. Levchin", date(2013, 1, 3)),),
        not_subject_to_section16=False,
    )


YELP_F1 = (
    "Each share of Class B Common Stock is convertible at any time at the option of the Reporting"
    " Person into one share of Class A Common Stock and has no expiration date.  Class B Common"
    " Stock will convert automatically into Class A Common Stock on the earlier of (i) the date on"
    " which the number of outstanding shares of Class B Common Stock represents less than 10% of"
    " the aggregate combined number of outstanding shares of Class A Common Stock and Class B"
    " Common Stock and (ii) seven years following the effective date of the issuer's initial"
    " public offering."
)
YELP_F2 = (
    "In addition, each share of Class B Common Stock will convert automatically into one share of"
    " Class A Common Stock (i) upon any transfer, whether or not for value (subject to certain"
    " exceptions), or (ii) in the event of the death or disability (as defined in the amended and"
    " restated certificate of incorporation of the issuer) of the reporting person."
)
YELP_F4 = (
    "The Series D Convertible Preferred Stock shall automatically convert into Class B Common"
    " Stock on a one-for-four basis in connection with the completion of the Issuer's initial"
    " public offering of Class A Common Stock."
)


def test_old_schema_form3_with_derivative_holdings_only() -> None:
    fp = "87b3bcf5d0c56aedcfa6c841cceaa383676a39553c0b32ea0150918b4906680b"
    assert parse("yelp_3_2012-03-01_64f89fa3.xml") == Filing(
        accession=f"sha256:{fp}",
        fingerprint=fp,
        document_type="3",
        schema_version="X0204",
        period_of_report=date(2012, 3, 1),
        issuer=Issuer(cik="0001345016", name="YELP INC", ticker="YELP"),
        owners=(
            ReportingOwner(
                cik="0001539865",
                name="Rabois Keith",
                address=Address(
                    street1="C/O YELP INC.",
                    street2="706 MISSION ST., 7TH FLOOR",
                    city="SAN FRANCISCO",
                    state="CA",
                    zip_code="94103",
                ),
                is_director=True,
            ),
        ),
        holdings=(
            Holding(
                seq=1,
                derivative=True,
                security_title="Class B Common Stock",
                direct_indirect="D",
                underlying_title="Class A Common Stock",
                underlying_shares=87500.0,
                footnotes=(
                    FieldFootnote("conversion_or_exercise_price", "F1"),
                    FieldFootnote("conversion_or_exercise_price", "F2"),
                    FieldFootnote("exercise_date", "F1"),
                    FieldFootnote("exercise_date", "F2"),
                    FieldFootnote("expiration_date", "F3"),
                ),
            ),
            Holding(
                seq=2,
                derivative=True,
                security_title="Series D Convertible Preferred Stock",
                direct_indirect="D",
                underlying_title="Class B Common Stock",
                underlying_shares=72660.0,
                footnotes=(
                    FieldFootnote("conversion_or_exercise_price", "F4"),
                    FieldFootnote("exercise_date", "F4"),
                    FieldFootnote("expiration_date", "F3"),
                    FieldFootnote("underlying_title", "F1"),
                    FieldFootnote("underlying_title", "F2"),
                ),
            ),
        ),
        footnotes=(
            Footnote("F1", YELP_F1),
            Footnote("F2", YELP_F2),
            Footnote("F3", "Not applicable."),
            Footnote("F4", YELP_F4),
        ),
        signatures=(Signature("/s/ Donna Hammer, Attorney-in-fact", date(2012, 3, 1)),),
        no_securities_owned=False,
        remarks=None,  # <remarks></remarks>
    )


def test_form5_with_late_gift_transactions() -> None:
    fp = "ac13cfdb56ce8e83473ac4fd05533f96ad1769aee8f65a17e4ac103bcdc39a92"
    to_estate_vehicles = Transaction(
        seq=1,
        derivative=False,
        security_title="Class A Common Stock",
        transaction_date=date(2020, 3, 4),
        transaction_code="G",
        transaction_form_type="5",
        equity_swap_involved=False,
        shares=3936.0,
        price_per_share=0.0,
        acquired_disposed="D",
        shares_after=1057.0,
        direct_indirect="D",
        footnotes=(FieldFootnote("shares", "F1"),),
    )
    assert parse("mdb_5_2020-01-31_699126cd.xml") == Filing(
        accession=f"sha256:{fp}",
        fingerprint=fp,
        document_type="5",
        schema_version="X0306",
        period_of_report=date(2020, 1, 31),
        issuer=Issuer(cik="0001441816", name="MongoDB, Inc.", ticker="MDB"),
        owners=(
            ReportingOwner(
                cik="0001222287",
                name="BOTHA ROELOF",
                address=Address(
                    street1="C/O SEQUOIA CAPITAL",
                    street2="2800 SAND HILL ROAD, SUITE 101",
                    city="MENLO PARK",
                    state="CA",
                    zip_code="94025",
                ),
                is_director=True,
            ),
        ),
        transactions=(
            to_estate_vehicles,
            replace(
                to_estate_vehicles,
                seq=2,
                acquired_disposed="A",
                shares_after=181077.0,
                direct_indirect="I",
                nature_of_ownership="By Estate Planning Vehicles",
            ),
        ),
        footnotes=(
            Footnote("F1", "The reporting person transferred shares to estate planning vehicles."),
        ),
        signatures=(Signature("/s/Sophie Hubscher, Attorney-in-Fact", date(2020, 3, 13)),),
        not_subject_to_section16=False,
        form3_holdings_reported=False,
        form4_transactions_reported=False,
        remarks="Exhibit 24 - Power of Attorney",
    )


def test_amendment_keeps_date_of_original_submission() -> None:
    fp = "c3f4b5e843c547d60588ea4b1f5da320492e2c97a8933aad7267ecd070ebec43"
    to_trust = Transaction(
        seq=1,
        derivative=False,
        security_title="Common Stock",
        transaction_date=date(2024, 11, 4),
        transaction_code="G",
        transaction_form_type="4",
        equity_swap_involved=False,
        shares=3690.0,
        price_per_share=0.0,
        acquired_disposed="D",
        shares_after=0.0,
        direct_indirect="D",
        footnotes=(FieldFootnote("direct_indirect", "F1"),),
    )
    filing = parse("lrcx_4a_2024-11-04_90eac724.xml")
    assert filing == Filing(
        accession=f"sha256:{fp}",
        fingerprint=fp,
        document_type="4/A",
        schema_version="X0508",
        period_of_report=date(2024, 11, 4),
        issuer=Issuer(cik="0000707549", name="LAM RESEARCH CORP", ticker="LRCX"),
        owners=(
            ReportingOwner(
                cik="0001779037",
                name="Ahmed Sohail U",
                address=Address(
                    street1="C/O LAM RESEARCH CORPORATION",
                    street2="4650 CUSHING PARKWAY",
                    city="FREMONT",
                    state="CA",
                    zip_code="94538",
                ),
                is_director=True,
            ),
        ),
        transactions=(
            to_trust,
            replace(
                to_trust,
                seq=2,
                acquired_disposed="A",
                shares_after=30630.0,
                direct_indirect="I",
                nature_of_ownership="by trust",
            ),
        ),
        footnotes=(
            Footnote(
                "F1",
                "On November 04, 2024, the reporting person transferred 3,690 shares of LRCX common"
                " stock to the Sohail Family Trust for no consideration. The reporting person is"
                " trustee\nof the trust, and the reporting person and members of her immediate"
                " family are the sole beneficiaries of the trust. The reporting person remains the"
                " beneficial owner of the\nsecurities held by the trust.",
            ),
        ),
        signatures=(Signature("Marta Woods by Power of Attorney", date(2024, 12, 10)),),
        date_of_original_submission=date(2024, 11, 4),
        not_subject_to_section16=False,
        aff10b5one=False,
        remarks="Adjusted to reflect a ten-for-one forward split of the Issuer's common stock"
        " effective after market close on October 2, 2024.",
    )
    assert filing.is_amendment and not filing.is_joint


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


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not present")
def test_every_corpus_document_parses_with_manifest_counts() -> None:
    with (CORPUS / "MANIFEST.tsv").open(newline="") as manifest:
        rows = [r for r in csv.DictReader(manifest, delimiter="\t") if r["path"].startswith("xml/")]
    assert len(rows) == 503
    for row in rows:
        filing = parse_filing((CORPUS / row["path"]).read_bytes(), source=row["path"])
        counts = {column: count(filing) for column, count in MANIFEST_COUNTS.items()}
        assert counts == {column: int(row[column]) for column in MANIFEST_COUNTS}, row["path"]
        assert (filing.issuer.cik, filing.document_type) == (
            row["issuerCik"],
            row["documentType"],
        ), row["path"]
        assert filing.extra == (), row["path"]
