"""Where a row comes from, for people: a readable filing reference and the best EDGAR link.

A filing loaded from a full submission knows its accession number, so its row links to the
filing's folder. A bare ownership document carries no accession number (it is keyed by
``sha256:``), so its row links to the reporting owner's EDGAR filing list, filtered to the
form and to filings up to shortly after the period, and says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

__all__ = ["Provenance", "browse_url", "provenance"]

BROWSE = "https://www.sec.gov/cgi-bin/browse-edgar"
# Forms 3/4 are due within days of the period, Form 5 within 45 days of the fiscal year end.
FILING_WINDOW_DAYS = 60


@dataclass(frozen=True, slots=True)
class Provenance:
    """A row's filing as a person reads it, its link and why the link is (not) exact."""

    reference: str
    url: str | None
    exact: bool
    why: str


def browse_url(cik: str, form: str | None, before: date | None) -> str:
    """The EDGAR filing list of a CIK, filtered to a form (4 also lists 4/A) and a date."""
    params = {"action": "getcompany", "CIK": cik, "type": (form or "").removesuffix("/A")}
    if before is not None:
        params["dateb"] = before.strftime("%Y%m%d")
    params["owner"] = "include"
    return f"{BROWSE}?{urlencode(params)}"


def provenance(
    *,
    accession: str,
    url: str | None,
    form: str | None,
    period: str | None,
    owner_cik: str | None,
    owner_names: tuple[str, ...],
    issuer_cik: str | None,
) -> Provenance:
    """The reference 'Form 4 · 2025-01-23 · ALICE +1' and the best link for a filing's row."""
    who = owner_names[0] if owner_names else "?"
    if len(owner_names) > 1:
        who += f" +{len(owner_names) - 1}"
    reference = f"Form {form or '?'} · {period or 'no period'} · {who}"
    if url:
        return Provenance(reference, url, True, f"the filing on EDGAR ({accession})")
    day = date.fromisoformat(period[:10]) if period else None
    before = day + timedelta(days=FILING_WINDOW_DAYS) if day else None
    cik = owner_cik or issuer_cik
    if cik is None:
        return Provenance(reference, None, False, "no accession number and no CIK to look up")
    whose = "owner" if owner_cik else "issuer"
    until = f" up to {before.isoformat()}" if before else ""
    why = (
        f"no accession number (loaded from a bare document): the {whose}'s Form "
        f"{(form or '?').removesuffix('/A')} filings{until} on EDGAR"
    )
    return Provenance(reference, browse_url(cik, form, before), False, why)
