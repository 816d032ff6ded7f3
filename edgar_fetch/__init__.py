"""The online side: download Forms 3/4/5 and the SEC's data sets from EDGAR into a local cache
that ``ingest/`` reads. client (HTTP, rate limit, retries), cache, indexes, plan, fetch.
"""

from edgar_fetch.cache import Cache, default_cache_root
from edgar_fetch.client import ClientSettings, EdgarClient
from edgar_fetch.fetch import FetchSummary, run_fetch
from edgar_fetch.plan import FORMS, Failure, FetchRequest

__all__ = [
    "FORMS",
    "Cache",
    "ClientSettings",
    "EdgarClient",
    "Failure",
    "FetchRequest",
    "FetchSummary",
    "default_cache_root",
    "run_fetch",
]
