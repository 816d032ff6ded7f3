"""Run a fetch: plan it (plan.py), download every target not yet in the cache with a few
threads sharing the client's rate limit, and sum it up in a frozen ``FetchSummary``.

A downloaded body has passed its check before it is written (atomically) to the cache, so a
file under a real name in the cache is always complete; a failed download is only reported.
"""

from __future__ import annotations

import io
import threading
import time
import zipfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from edgar_fetch.cache import Cache, write_atomic
from edgar_fetch.client import EdgarClient
from edgar_fetch.plan import Failure, FetchRequest, Target, make_plan
from ingest.errors import EdgarUnreachable, FetchError

__all__ = ["FetchSummary", "check_dataset", "check_submission", "run_fetch"]

Progress = Callable[[int], None]
_SUBMISSION_ENDS = (b"</SEC-DOCUMENT>", b"</SUBMISSION>")


@dataclass(frozen=True, slots=True)
class FetchSummary:
    """What a fetch did; ``paths`` are the cached files it covers, ready for ingest."""

    requests: int
    downloaded: int
    cached: int
    failed: tuple[Failure, ...]
    seconds: float
    paths: tuple[Path, ...]

    def as_json(self) -> dict[str, object]:
        """The summary as the JSON object of the command-line contract."""
        return {
            "requests": self.requests,
            "downloaded": self.downloaded,
            "cached": self.cached,
            "failed": [{"url": f.url, "reason": f.reason} for f in self.failed],
            "seconds": round(self.seconds, 3),
        }


def check_submission(body: bytes) -> None:
    """``ValueError`` unless ``body`` is a whole EDGAR full submission."""
    head, tail = body[:2048].lstrip(), body[-256:].rstrip()
    if not head.startswith((b"<SEC-DOCUMENT>", b"<SUBMISSION>")):
        raise ValueError("not an EDGAR full submission")
    if not tail.endswith(_SUBMISSION_ENDS):
        raise ValueError("full submission cut short (no closing </SEC-DOCUMENT>)")


def check_dataset(body: bytes) -> None:
    """``ValueError`` unless ``body`` is a zip whose every member passes its CRC check."""
    try:
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            bad = archive.testzip()
    except (zipfile.BadZipFile, EOFError, OSError) as e:
        raise ValueError(f"data set zip unreadable: {e}") from e
    if bad is not None:
        raise ValueError(f"data set zip member {bad} fails its CRC check")


_CHECKS = {"filing": check_submission, "dataset": check_dataset}


def run_fetch(
    client: EdgarClient,
    cache: Cache,
    request: FetchRequest,
    *,
    workers: int = 4,
    progress: Progress | None = None,
    on_plan: Callable[[int], None] | None = None,
) -> FetchSummary:
    """Plan ``request`` and bring every target into ``cache``; failures are counted, not fatal."""
    started = time.perf_counter()
    requests_before = client.requests
    plan = make_plan(client, cache, request, max(1, workers))
    if on_plan:
        on_plan(len(plan.targets))
    run = _Run(client, cache, progress)
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        list(pool.map(run.bring, plan.targets))
    return FetchSummary(
        requests=client.requests - requests_before,
        downloaded=run.downloaded,
        cached=run.cached,
        failed=plan.failed + tuple(run.failed),
        seconds=time.perf_counter() - started,
        paths=tuple(sorted(run.paths)),
    )


class _Run:
    """The download half of one fetch; thread-safe counters."""

    def __init__(self, client: EdgarClient, cache: Cache, progress: Progress | None) -> None:
        self.client, self.cache, self.progress = client, cache, progress
        self.downloaded = self.cached = 0
        self.failed: list[Failure] = []
        self.paths: list[Path] = []
        self._lock = threading.Lock()

    def bring(self, target: Target) -> None:
        """Have ``target`` in the cache: found there, or downloaded and written."""
        found = next((p for p in map(self.cache.document, target.paths) if p.is_file()), None)
        outcome = found if found is not None else self._download(target)
        with self._lock:
            if isinstance(outcome, Failure):
                self.failed.append(outcome)
            else:
                self.paths.append(outcome)
                if found is None:
                    self.downloaded += 1
                else:
                    self.cached += 1
        if self.progress:
            self.progress(1)

    def _download(self, target: Target) -> Path | Failure:
        url = f"{self.client.settings.base_url}/{target.paths[0]}"
        try:
            body = self.client.get(url, _CHECKS[target.kind])
        except EdgarUnreachable:
            raise
        except FetchError as e:
            return Failure(e.url, e.reason)
        if body is None:
            return Failure(url, "HTTP 404 Not Found")
        path = self.cache.document(target.paths[0])
        write_atomic(path, body)
        return path
