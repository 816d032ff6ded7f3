"""graph/read/provenance.py: every row gets a readable reference and an EDGAR link."""

from __future__ import annotations

from graph.read.provenance import provenance

PDEX_URL = "https://www.sec.gov/Archives/edgar/data/788920/000107997325000129/"


def test_a_filing_with_an_accession_links_to_its_folder() -> None:
    p = provenance(
        accession="0001079973-25-000129",
        url=PDEX_URL,
        form="4",
        period="2025-01-23",
        owner_cik="0001058465",
        owner_names=("FARNAM STREET PARTNERS LP /MN", "CABILLOT RAYMOND E"),
        issuer_cik="0000788920",
    )
    assert p.reference == "Form 4 · 2025-01-23 · FARNAM STREET PARTNERS LP /MN +1"
    assert (p.url, p.exact) == (PDEX_URL, True)


def test_a_bare_document_links_to_the_owners_filing_list_and_says_why() -> None:
    p = provenance(
        accession="sha256:6ad1",
        url=None,
        form="4/A",
        period="2025-10-22",
        owner_cik="0001644491",
        owner_names=("Fraser Jane Nind",),
        issuer_cik="0000831001",
    )
    assert p.reference == "Form 4/A · 2025-10-22 · Fraser Jane Nind"
    assert p.url == (
        "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001644491"
        "&type=4&dateb=20251221&owner=include"
    )
    assert not p.exact
    assert p.why == (
        "no accession number (loaded from a bare document): "
        "the owner's Form 4 filings up to 2025-12-21 on EDGAR"
    )
