"""Decide what a fetch downloads: read EDGAR's finding aids (index files, submissions JSON, the
ticker map, the data sets page) through the cache's ``.meta/`` folder and turn them into
``Target``s. indexes.py parses the aids; fetch.py downloads the targets.

Aids that can no longer change (a past quarter's full index, a past day's daily index, and a
past day's 404) are read from the cache; the others are fetched again on every run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from urllib.parse import urlsplit

from edgar_fetch.cache import Cache, write_atomic
from edgar_fetch.client import EdgarClient
from edgar_fetch.indexes import IndexEntry, parse_master_index, parse_submissions, parse_tickers
from ingest.errors import EdgarUnreachable, FetchError

__all__ = [
    "DATASETS_DIR",
    "DATASETS_PAGE",
    "FORMS",
    "Failure",
    "FetchRequest",
    "Plan",
    "Target",
    "make_plan",
]

FORMS = frozenset({"3", "4", "5", "3/A", "4/A", "5/A"})
DATASETS_PAGE = "data-research/sec-markets-data/insider-transactions-data-sets"
DATASETS_DIR = "files/structureddata/data/insider-transactions-data-sets"
TICKERS = "files/company_tickers.json"


def utc_today() -> date:
    return datetime.now(UTC).date()


@dataclass(frozen=True, slots=True)
class FetchRequest:
    """What to fetch: a date range, filers (CIKs, tickers), form types, data set quarters."""

    since: date | None = None
    until: date | None = None
    ciks: tuple[str, ...] = ()
    tickers: tuple[str, ...] = ()
    forms: frozenset[str] = FORMS
    datasets: tuple[str, ...] = ()  # "2024q1"
    today: date = field(default_factory=utc_today)


@dataclass(frozen=True, slots=True)
class Failure:
    """A URL that could not be fetched, and why."""

    url: str
    reason: str


@dataclass(frozen=True, slots=True)
class Target:
    """One file to have in the cache: EDGAR paths it may be found at (the first is fetched)."""

    paths: tuple[str, ...]
    kind: str  # "filing" or "dataset"


@dataclass(frozen=True, slots=True)
class Plan:
    targets: tuple[Target, ...]
    failed: tuple[Failure, ...]


def make_plan(client: EdgarClient, cache: Cache, request: FetchRequest, workers: int = 4) -> Plan:
    """Every filing and data set the request names, found through EDGAR's finding aids."""
    aids = _Aids(client, cache, request.today)
    entries: list[IndexEntry] = []
    if request.ciks or request.tickers:
        for cik in (*request.ciks, *aids.ciks_of(request.tickers)):
            entries += aids.filer_filings(cik, request.since, request.until)
    elif request.since is not None:
        until = min(request.until or request.today, request.today)
        paths = list(index_paths(request.since, until, request.today))
        with ThreadPoolExecutor(max_workers=workers) as pool:  # within the client's rate
            bodies = pool.map(lambda p: aids.get(p[0], p[1], parse_master_index), paths)
            for data in bodies:
                entries += parse_master_index(data) if data else ()
    wanted = [
        e
        for e in entries
        if e.form in request.forms and _within(e.filed, request.since, request.until)
    ]
    targets = _filing_targets(wanted) + [aids.dataset(q) for q in request.datasets]
    return Plan(tuple(targets), tuple(aids.failed))


def index_paths(since: date, until: date, today: date) -> Iterator[tuple[str, bool]]:
    """Index files covering [since, until]: a quarter's full index when the whole quarter is in
    the range and over, else one daily index per weekday. Each with "can no longer change"."""
    start = date(since.year, 3 * ((since.month - 1) // 3) + 1, 1)
    while start <= until:
        end = _quarter_end(start)
        quarter = f"{start.year}/QTR{(start.month - 1) // 3 + 1}"
        if since <= start and end <= until and end < today:
            yield f"Archives/edgar/full-index/{quarter}/master.idx", True
        else:
            day = max(since, start)
            while day <= min(end, until):
                if day.weekday() < 5:
                    name = f"master.{day:%Y%m%d}.idx"
                    yield f"Archives/edgar/daily-index/{quarter}/{name}", day < today
                day += timedelta(days=1)
        start = end + timedelta(days=1)


def _quarter_end(start: date) -> date:
    following = date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1)
    return following - timedelta(days=1)


def _within(day: date, since: date | None, until: date | None) -> bool:
    return (since is None or day >= since) and (until is None or day <= until)


def _filing_targets(entries: list[IndexEntry]) -> list[Target]:
    """One target per accession, with every filer path that an index gave it."""
    paths: dict[str, list[str]] = {}
    for entry in entries:
        known = paths.setdefault(entry.accession, [])
        if entry.path not in known:
            known.append(entry.path)
    return [Target(tuple(p), "filing") for p in paths.values()]


_ZIP_LINK = re.compile(r'href="([^"]*?(\d{4}q[1-4])_form345\.zip)"', re.IGNORECASE)


@dataclass(slots=True)
class _Aids:
    """Fetches finding aids through the cache and collects what failed."""

    client: EdgarClient
    cache: Cache
    today: date
    failed: list[Failure] = field(default_factory=list)
    _links: dict[str, str] | None = None

    def get(
        self, url_path: str, immutable: bool, check: Callable[[bytes], object], data: bool = False
    ) -> bytes | None:
        """The aid's bytes (None: absent, or failed and recorded)."""
        stored, absent = self.cache.meta(url_path), self.cache.absent_marker(url_path)
        if immutable and stored.exists():
            return stored.read_bytes()
        if immutable and absent.exists():
            return None
        base = self.client.settings.data_url if data else self.client.settings.base_url
        try:
            body = self.client.get(f"{base}/{url_path}", check)
        except EdgarUnreachable:
            raise
        except FetchError as e:
            self.failed.append(Failure(e.url, e.reason))
            return None
        if body is None:
            if immutable:
                write_atomic(absent, b"")
            return None
        write_atomic(stored, body)
        return body

    def ciks_of(self, tickers: tuple[str, ...]) -> list[str]:
        """The CIK of each ticker; ``FetchError`` names the first that is unknown."""
        if not tickers:
            return []
        data = self.get(TICKERS, False, parse_tickers)
        if data is None:
            raise FetchError(f"{self.client.settings.base_url}/{TICKERS}", "ticker map unavailable")
        known = parse_tickers(data)
        for ticker in tickers:
            if ticker.upper() not in known:
                raise FetchError(ticker, f"unknown ticker (not in {TICKERS})")
        return [known[t.upper()] for t in tickers]

    def filer_filings(self, cik: str, since: date | None, until: date | None) -> list[IndexEntry]:
        """A filer's filings from its submissions JSON and the older pages the range reaches."""
        main = self.get(f"submissions/CIK{cik}.json", False, parse_submissions, data=True)
        if main is None:
            return []
        submissions = parse_submissions(main)
        entries = list(submissions.filings)
        for page in submissions.pages:
            if (since and page.last and page.last < since) or (
                until and page.first and page.first > until
            ):
                continue
            check = lambda body: parse_submissions(body, cik)  # noqa: E731
            data = self.get(f"submissions/{page.name}", False, check, data=True)
            entries += check(data).filings if data else ()
        return entries

    def dataset(self, quarter: str) -> Target:
        """Where a quarter's data set is: as linked from the data sets page, else its usual path."""
        if self._links is None:
            page = self.get(DATASETS_PAGE, False, lambda b: b.decode("utf-8", "replace"))
            text = (page or b"").decode("utf-8", "replace")
            self._links = {q.lower(): href for href, q in _ZIP_LINK.findall(text)}
        href = self._links.get(quarter.lower(), f"/{DATASETS_DIR}/{quarter.lower()}_form345.zip")
        return Target((urlsplit(href).path.lstrip("/"),), "dataset")  # from our base URL
