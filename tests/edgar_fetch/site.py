"""A small EDGAR in a folder: the real full submissions of tests/data/edgar/ at their
``Archives/edgar/data/<cik>/<accession>.txt`` paths (under every filer's CIK), quarterly and
daily ``master.idx`` files, submissions JSON (one filer's Form 4 on an older page), the ticker
map, and the data sets page with one quarter's data set. Facts below are read off each
submission's header.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.ingest.datasets.quarter import write_quarter
from tests.paths import DATA

SUBMISSIONS = DATA / "edgar"
DATA_HOST = "data.sec.gov"  # the data host's files live under this folder of the site


@dataclass(frozen=True)
class Served:
    file: str
    accession: str
    form: str
    filed: date
    ticker: str
    issuer: str  # CIK
    owners: tuple[str, ...]  # CIKs

    @property
    def ciks(self) -> tuple[str, ...]:
        return (*self.owners, self.issuer)


FILINGS = (
    Served(
        "nvda_4_0001045810-23-000128_ee6a2b60.txt",
        "0001045810-23-000128",
        "4",
        date(2023, 6, 23),
        "NVDA",
        "0001045810",
        ("0001283854",),
    ),
    Served(
        "tsla_4_0001790565-23-000009_1503be45.txt",
        "0001790565-23-000009",
        "4",
        date(2023, 7, 31),
        "TSLA",
        "0001318605",
        ("0001790565",),
    ),
    Served(
        "amd_4_0000002488-24-000005_7827c636.txt",
        "0000002488-24-000005",
        "4",
        date(2024, 1, 17),
        "AMD",
        "0000002488",
        ("0001674334",),
    ),
    Served(
        "isba_4_0000842517-24-000086_87a6dcf5.txt",
        "0000842517-24-000086",
        "4",
        date(2024, 5, 1),
        "ISBA",
        "0000842517",
        ("0001849440",),
    ),
    Served(
        "tsvt_4_0001562180-25-000280_57b245a7.txt",
        "0001562180-25-000280",
        "4",
        date(2025, 1, 8),
        "TSVT",
        "0001860782",
        ("0002009134",),
    ),
    Served(
        "air_4_0001127602-25-001055_06c615e6.txt",
        "0001127602-25-001055",
        "4",
        date(2025, 1, 10),
        "AIR",
        "0000001750",
        ("0001806647",),
    ),
    Served(
        "lrcx_4a_0000707549-25-000004_d438aa8a.txt",
        "0000707549-25-000004",
        "4/A",
        date(2025, 1, 21),
        "LRCX",
        "0000707549",
        ("0001779037",),
    ),
    Served(
        "pdex_4_0001079973-25-000129_e7c4fd92.txt",
        "0001079973-25-000129",
        "4",
        date(2025, 1, 24),
        "PDEX",
        "0000788920",
        ("0001058465", "0001361476"),
    ),
    Served(
        "arw_4_0001127602-25-004598_d4731edd.txt",
        "0001127602-25-004598",
        "4",
        date(2025, 2, 13),
        "ARW",
        "0000007536",
        ("0001870985",),
    ),
    Served(
        "wday_4_0001327811-25-000050_29d4b5d7.txt",
        "0001327811-25-000050",
        "4",
        date(2025, 3, 7),
        "WDAY",
        "0001327811",
        ("0001409324",),
    ),
    Served(
        "jblu_4_0001158463-25-000044_fa72b96a.txt",
        "0001158463-25-000044",
        "4",
        date(2025, 3, 12),
        "JBLU",
        "0001158463",
        ("0001858380",),
    ),
)
BY_TICKER = {f.ticker: f for f in FILINGS}
PAGED = "0001045810"  # NVDA: its Form 4 sits on an older submissions page
# Rows for other forms that share the index files: a fetch must never ask for them.
OTHER_FORMS = (("0000002488", "10-K", date(2024, 1, 17)), ("0001750000", "144", date(2025, 1, 10)))

HEADER = """Description:           Master Index of EDGAR Dissemination Feed
Last Data Received:    {last}
Comments:              webmaster@sec.gov
Anonymous FTP:         ftp://ftp.sec.gov/edgar/
Cloud HTTP:            https://www.sec.gov/Archives/




CIK|Company Name|Form Type|Date Filed|Filename
--------------------------------------------------------------------------------
"""


def filing_path(cik: str, accession: str) -> str:
    return f"Archives/edgar/data/{int(cik)}/{accession}.txt"


def build_site(root: Path) -> Path:
    """Write the whole site under ``root``; return it."""
    for served in FILINGS:
        body = (SUBMISSIONS / served.file).read_bytes()
        for cik in served.ciks:
            _write(root / filing_path(cik, served.accession), body)
    rows = [
        (cik, f"Filer {cik}", f.form, f.filed, filing_path(cik, f.accession))
        for f in FILINGS
        for cik in f.ciks
    ]
    rows += [
        (c, f"Filer {c}", form, d, filing_path(c, f"{c}-{d:%y}-000001"))
        for c, form, d in OTHER_FORMS
    ]
    _write_indexes(root, rows)
    _write_submissions(root)
    tickers = {
        str(n): {"cik_str": int(f.issuer), "ticker": f.ticker, "title": f"{f.ticker} Inc."}
        for n, f in enumerate(FILINGS)
    }
    _write(root / "files/company_tickers.json", json.dumps(tickers).encode())
    _write_datasets(root)
    return root


DATASETS_PAGE = "data-research/sec-markets-data/insider-transactions-data-sets"
MOVED_ZIP = "files/structureddata/data/form345/2025q1_form345.zip"  # linked from the page


def _write_datasets(root: Path) -> None:
    """The 2025 Q1 data set (made of the served filings, tests/ingest/datasets/quarter.py) at
    the path the data sets page links, not at the usual one."""
    zip_path = root / MOVED_ZIP
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    write_quarter(((SUBMISSIONS / f.file).read_bytes() for f in FILINGS), zip_path)
    page = f'<html><body><a href="/{MOVED_ZIP}">2025 Q1</a></body></html>'
    _write(root / DATASETS_PAGE, page.encode())


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_indexes(root: Path, rows: list[tuple[str, str, str, date, str]]) -> None:
    for year in (2023, 2024, 2025):
        for quarter in (1, 2, 3, 4):
            mine = [r for r in rows if (r[3].year, (r[3].month - 1) // 3 + 1) == (year, quarter)]
            lines = "".join(f"{int(c)}|{n}|{f}|{d.isoformat()}|{p[9:]}\n" for c, n, f, d, p in mine)
            text = HEADER.format(last=f"{year} Q{quarter}") + lines
            _write(
                root / f"Archives/edgar/full-index/{year}/QTR{quarter}/master.idx", text.encode()
            )
            for day in sorted({r[3] for r in mine}):
                daily = "".join(
                    f"{int(c)}|{n}|{f}|{d:%Y%m%d}|{p[9:]}\n" for c, n, f, d, p in mine if d == day
                )
                name = f"Archives/edgar/daily-index/{year}/QTR{quarter}/master.{day:%Y%m%d}.idx"
                _write(root / name, (HEADER.format(last=day.isoformat()) + daily).encode())


def _columns(filings: list[tuple[str, str, date]]) -> dict[str, list[str]]:
    return {
        "accessionNumber": [a for a, _, _ in filings],
        "filingDate": [d.isoformat() for _, _, d in filings],
        "form": [f for _, f, _ in filings],
        "primaryDocument": ["form4.xml" if f.startswith("4") else "doc.htm" for _, f, _ in filings],
    }


def _write_submissions(root: Path) -> None:
    ciks = sorted({c for f in FILINGS for c in f.ciks})
    for cik in ciks:
        mine = [(f.accession, f.form, f.filed) for f in FILINGS if cik in f.ciks]
        recent = [(f"{cik}-25-000900", "8-K", date(2025, 6, 2))]
        pages = []
        if cik == PAGED:
            page = f"CIK{cik}-submissions-001.json"
            _write(root / DATA_HOST / "submissions" / page, json.dumps(_columns(mine)).encode())
            pages = [
                {
                    "name": page,
                    "filingCount": len(mine),
                    "filingFrom": "2023-01-01",
                    "filingTo": "2023-12-31",
                }
            ]
        else:
            recent += mine
        document = {
            "cik": str(int(cik)),
            "name": f"Filer {cik}",
            "tickers": [],
            "filings": {"recent": _columns(recent), "files": pages},
        }
        _write(root / DATA_HOST / "submissions" / f"CIK{cik}.json", json.dumps(document).encode())
