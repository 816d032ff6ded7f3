"""From parsed filings to the rows load.py writes: natural keys and per-batch folding.
Expected values are read off the three MSFT Form 4s of Reid Hoffman in tests/data/graph/."""

from __future__ import annotations

from datetime import date

from graph.load.batch import batch_rows, edgar_url, is_company_name
from graph.load.keys import security_id
from ingest.form345.parse import parse_filing
from tests.paths import DATA

FILINGS = DATA / "graph"
HOFFMAN = [parse_filing(p.read_bytes()) for p in sorted(FILINGS.glob("msft_4_*.xml"))]


def test_security_key_is_issuer_normalised_title_and_derivative_flag() -> None:
    assert security_id("0000789019", "Common Stock", False) == "0000789019|common stock|N"
    assert security_id("0000789019", " COMMON  stock. ", False) == "0000789019|common stock|N"
    assert security_id("0000789019", "Restricted Stock Units", True) == (
        "0000789019|restricted stock units|D"
    )


def test_owner_kind_is_read_from_the_name() -> None:
    assert is_company_name("FARNAM STREET PARTNERS LP /MN")
    assert is_company_name("Founders Fund IV, LP")
    assert not is_company_name("Hoffman Reid")
    assert not is_company_name("CABILLOT RAYMOND E")


def test_edgar_link_needs_a_real_accession() -> None:
    assert edgar_url("0001079973-25-000129", "0000788920") == (
        "https://www.sec.gov/Archives/edgar/data/788920/000107997325000129/"
    )
    assert edgar_url("sha256:ab12", "0000788920") is None


def test_a_batch_folds_each_owner_insider_and_position_to_one_row() -> None:
    rows = batch_rows(HOFFMAN)
    assert len(rows.filings) == 3 and len(rows.transactions) == 3 and len(rows.holdings) == 3

    (owner,) = rows.owners
    assert (owner["cik"], owner["names"]) == ("0001519339", ["Hoffman Reid"])
    assert (owner["first"], owner["last"]) == (date(2019, 12, 3), date(2020, 1, 31))

    (insider,) = rows.insiders
    roles = insider["roles"]
    assert isinstance(roles, dict), roles
    assert roles["director"] is True
    assert (insider["first"], insider["last"]) == (date(2019, 12, 3), date(2020, 1, 31))

    positions = sorted((p["security"], p["shares"], p["as_of"]) for p in rows.positions)
    assert positions == [
        ("0000789019|common stock|N", 15805, date(2020, 1, 31)),
        ("0000789019|restricted stock units|D", 9240, date(2020, 1, 31)),
    ]
