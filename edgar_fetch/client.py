"""The HTTP client for EDGAR: a declared User-Agent, gzip, timeouts, the shared rate limit
(ratelimit.py), back-off on 429/5xx honouring ``Retry-After``, and bodies checked before use.

A body that is truncated (connection closed early, ``Content-Length`` mismatch), badly gzipped
or fails its content check (``check`` raises ``ValueError``) is retried, then reported as a
``FetchError`` — never returned. When not one request of the run could even connect,
``EdgarUnreachable`` stops the run instead. fetch.py decides what to download; cache.py keeps it.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import parsedate_to_datetime

import httpx

from edgar_fetch.ratelimit import MAX_RATE, TokenBucket
from ingest.errors import EdgarUnreachable, FetchError

__all__ = ["DEFAULT_DATA_URL", "DEFAULT_URL", "ClientSettings", "EdgarClient", "check_user_agent"]

DEFAULT_URL = "https://www.sec.gov"
DEFAULT_DATA_URL = "https://data.sec.gov"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_WAIT = 120.0  # never sleep longer than this on one Retry-After or back-off step
_CONTACT = re.compile(r"\S+@\S+\.\S+")

Check = Callable[[bytes], object]


def check_user_agent(user_agent: str | None) -> str:
    """The User-Agent if it names a contact address, else ``FetchError`` explaining the rule."""
    if not user_agent or not _CONTACT.search(user_agent):
        raise FetchError(
            "User-Agent",
            "EDGAR requires a User-Agent with a contact e-mail, e.g. "
            "'Example Research admin@example.com': pass --user-agent or set OWNERGRAPH_USER_AGENT",
        )
    return user_agent.strip()


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """How to reach EDGAR and how patiently: base URLs, identity, rate, timeout, retries."""

    user_agent: str
    base_url: str = DEFAULT_URL
    data_url: str = DEFAULT_DATA_URL
    rate: float = MAX_RATE
    timeout: float = 30.0
    retries: int = 5
    backoff: float = 1.0  # first back-off step in seconds; doubles per attempt

    def __post_init__(self) -> None:
        if not 0 < self.rate <= MAX_RATE:
            raise FetchError("--rate", f"must be above 0 and at most {MAX_RATE:g} per second")

    @classmethod
    def from_environment(cls, user_agent: str | None = None, **options: float) -> ClientSettings:
        """Settings from arguments, then OWNERGRAPH_USER_AGENT / _EDGAR_URL / _EDGAR_DATA_URL."""
        agent = check_user_agent(user_agent or os.environ.get("OWNERGRAPH_USER_AGENT"))
        base = os.environ.get("OWNERGRAPH_EDGAR_URL") or DEFAULT_URL
        data = os.environ.get("OWNERGRAPH_EDGAR_DATA_URL") or DEFAULT_DATA_URL
        return cls(agent, base.rstrip("/"), data.rstrip("/"), **options)  # type: ignore[arg-type]


class EdgarClient:
    """GETs EDGAR URLs within the rate limit; thread-safe; counts every request it sends."""

    def __init__(self, settings: ClientSettings, bucket: TokenBucket | None = None) -> None:
        check_user_agent(settings.user_agent)
        self.settings = settings
        self.bucket = bucket or TokenBucket(settings.rate)
        self.requests = 0
        self.answered = 0  # HTTP answers of any status: once one came, EDGAR is reachable
        self._count_lock = threading.Lock()
        self._http = httpx.Client(
            headers={"User-Agent": settings.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=settings.timeout,
            follow_redirects=True,
        )

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> EdgarClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def get(self, url: str, check: Check | None = None) -> bytes | None:
        """The checked body of ``url``; None on 404; ``FetchError`` once retries are spent."""
        last: _Retry | None = None
        for attempt in range(self.settings.retries + 1):
            if last is not None and last.retry_after is None:  # Retry-After already held us
                time.sleep(min(self.settings.backoff * 2 ** (attempt - 1), MAX_WAIT))
            outcome = self._attempt(url, check)
            if not isinstance(outcome, _Retry):
                return outcome
            last = outcome
            if outcome.retry_after is not None:
                self.bucket.hold(min(outcome.retry_after, MAX_WAIT))
        reason = last.reason if last else "no attempt made"
        if last is not None and last.unreachable and not self.answered:
            raise EdgarUnreachable(url, f"cannot connect: {reason}")
        raise FetchError(url, f"{reason} (gave up after {self.settings.retries + 1} attempts)")

    def _attempt(self, url: str, check: Check | None) -> bytes | _Retry | None:
        self.bucket.acquire()
        with self._count_lock:
            self.requests += 1
        try:
            response = self._http.get(url)
        except httpx.TimeoutException:
            return _Retry(f"no answer within {self.settings.timeout:g} s")
        except httpx.ConnectError as e:
            return _Retry(str(e) or type(e).__name__, unreachable=True)
        except httpx.DecodingError as e:
            return _Retry(f"corrupt compressed body: {e}")
        except httpx.TransportError as e:
            return _Retry(f"connection failed or body cut short: {e}")
        status = response.status_code
        with self._count_lock:
            self.answered += 1
        if status == 404:
            return None
        if status in RETRY_STATUSES:
            return _Retry(f"HTTP {status}", _retry_after(response.headers.get("Retry-After")))
        if status != 200:
            raise FetchError(url, f"HTTP {status} {response.reason_phrase}".strip())
        return _checked(response, check)


@dataclass(frozen=True, slots=True)
class _Retry:
    reason: str
    retry_after: float | None = None
    unreachable: bool = False  # could not even connect


def _checked(response: httpx.Response, check: Check | None) -> bytes | _Retry:
    body = response.content
    declared = response.headers.get("Content-Length")
    got = response.num_bytes_downloaded
    if declared is not None and declared.isdigit() and int(declared) != got:
        return _Retry(f"body cut short: {got} of {declared} bytes")
    if check is not None:
        try:
            check(body)
        except ValueError as e:
            return _Retry(f"corrupt body: {e}")
    return body


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
