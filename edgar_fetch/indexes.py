"""EDGAR's finding aids, parsed: ``master.idx`` (full-index quarters, daily-index days), the
submissions JSON of one filer (``filings.recent`` and its older ``filings.files[]`` pages), and
``company_tickers.json``. Which of them to fetch for a request is decided in plan.py.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date

__all__ = [
    "IndexEntry",
    "Page",
    "Submissions",
    "filing_path",
    "normalise_cik",
    "parse_master_index",
    "parse_submissions",
    "parse_tickers",
]


@dataclass(frozen=True, slots=True)
class IndexEntry:
    """One filing as an index lists it, under one of its filers' CIKs."""

    cik: str  # 10 digits
    form: str
    filed: date
    accession: str  # 0000000000-00-000000
    path: str  # Archives/edgar/data/<cik>/<accession>.txt


@dataclass(frozen=True, slots=True)
class Submissions:
    """One page of a filer's submissions JSON: its filings and the names of older pages."""

    cik: str
    name: str
    filings: tuple[IndexEntry, ...]
    pages: tuple[Page, ...]  # older filings: CIK##########-submissions-NNN.json


@dataclass(frozen=True, slots=True)
class Page:
    """An older submissions page and the filing dates it covers."""

    name: str
    first: date | None
    last: date | None


def normalise_cik(value: str | int) -> str:
    """A CIK as 10 zero-padded digits; ``ValueError`` if it is not a number of ≤ 10 digits."""
    text = str(value).strip()
    if not (text.isascii() and text.isdigit()) or len(text.lstrip("0")) > 10:
        raise ValueError(f"not a CIK: {value!r}")
    return text.zfill(10)


def filing_path(cik: str, accession: str) -> str:
    """The full submission's EDGAR path, under any one of the filing's filers."""
    return f"Archives/edgar/data/{int(cik)}/{accession}.txt"


def parse_master_index(data: bytes) -> tuple[IndexEntry, ...]:
    """Rows of a ``master.idx`` (``CIK|Company Name|Form Type|Date Filed|Filename``).

    ``ValueError`` when the header's dashed line is missing or a row is malformed: a cut or
    corrupt index must be fetched again, not half used.
    """
    text = data.decode("latin-1")
    head, dashes, body = text.partition("\n-----")
    if not dashes or "CIK|Company Name|Form Type|Date Filed|Filename" not in head:
        raise ValueError("not an EDGAR master index (no CIK|Company Name|… header)")
    entries = []
    for line in body.split("\n")[1:]:
        line = line.strip()
        if not line:
            continue
        fields = line.split("|")
        if len(fields) != 5:
            raise ValueError(f"malformed index row {line[:80]!r}")
        cik, _name, form, filed, filename = fields
        accession = filename.rsplit("/", 1)[-1].removesuffix(".txt")
        entries.append(
            IndexEntry(
                normalise_cik(cik), form, _iso_date(filed), accession, "Archives/" + filename
            )
        )
    return tuple(entries)


def parse_submissions(data: bytes, cik: str | None = None) -> Submissions:
    """A submissions JSON: the main ``CIK##########.json``, or an older page of ``cik``."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"submissions JSON does not parse: {e}") from e
    if not isinstance(document, dict):
        raise ValueError("submissions JSON is not an object")
    filings = document.get("filings")
    main = isinstance(filings, dict)
    columns = filings.get("recent") if isinstance(filings, dict) else document
    owner = normalise_cik(document["cik"]) if main and "cik" in document else cik
    if not owner:
        raise ValueError("submissions JSON names no CIK")
    pages = filings.get("files", []) if isinstance(filings, dict) else []
    return Submissions(
        owner, str(document.get("name", "")), _columnar(columns, owner), _pages(pages)
    )


def _pages(pages: object) -> tuple[Page, ...]:
    if not isinstance(pages, list):
        raise ValueError("submissions JSON filings.files is not a list")
    return tuple(
        Page(str(p["name"]), _optional_date(p.get("filingFrom")), _optional_date(p.get("filingTo")))
        for p in pages
    )


def _optional_date(value: object) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) and value else None


def _columnar(columns: object, cik: str) -> tuple[IndexEntry, ...]:
    if not isinstance(columns, dict):
        raise ValueError("submissions JSON has no filings columns")
    try:
        rows = zip(columns["accessionNumber"], columns["form"], columns["filingDate"], strict=True)
        return tuple(
            IndexEntry(cik, form, date.fromisoformat(filed), acc, filing_path(cik, acc))
            for acc, form, filed in rows
        )
    except (KeyError, TypeError, ValueError) as e:
        raise ValueError(f"submissions JSON filings columns unusable: {e}") from e


def parse_tickers(data: bytes) -> dict[str, str]:
    """``company_tickers.json`` as ticker (upper case) → 10-digit CIK."""
    try:
        rows = json.loads(data).values()
        return {str(r["ticker"]).upper(): normalise_cik(r["cik_str"]) for r in rows}
    except (AttributeError, KeyError, TypeError, ValueError) as e:
        raise ValueError(f"company_tickers.json unusable: {e}") from e


def _iso_date(text: str) -> date:
    text = text.strip()
    if len(text) == 8 and text.isdigit():  # some daily indexes write 20240117
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    return date.fromisoformat(text)
