"""Form 4 filings parsed into whole records: the 10b5-1 flag, a joint filing with a
footnote-only price, a derivative-only filing. Expected values are typed off the
XML in tests/data/ (copies of ../shared/corpus files).

Fingerprints below were computed with ``tr -d ' \\t\\r\\n' < FILE | sha256sum``.
"""

from __future__ import annotations

from datetime import date

from ingest.form345.parse import parse_filing
from ingest.records import (
    Address,
    FieldFootnote,
    Filing,
    Footnote,
    Issuer,
    ReportingOwner,
    Signature,
    Transaction,
)
from tests.paths import DATA


def parse(name: str) -> Filing:
    return parse_filing((DATA / name).read_bytes())


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
