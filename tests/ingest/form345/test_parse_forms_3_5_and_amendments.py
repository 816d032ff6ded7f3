"""Forms 3, 5 and a 4/A parsed into whole records: no securities owned, an old-schema
holdings-only Form 3, a Form 5 with late gifts, an amendment with its original's date.
Expected values are typed off the XML in tests/data/ (copies of ../shared/corpus files).

Fingerprints below were computed with ``tr -d ' \\t\\r\\n' < FILE | sha256sum``.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from ingest.form345.parse import parse_filing
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
from tests.paths import DATA


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
