"""One token bucket shared by every download thread of a process, so the whole process stays
within EDGAR's fair-access budget (10 requests per second); client.py takes a token per request.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

__all__ = ["HEADROOM", "MAX_RATE", "TokenBucket"]

MAX_RATE = 10.0  # EDGAR's published limit, requests per second for the whole process
HEADROOM = 0.95  # grant slightly under the rate so network jitter never pushes a second over it


class TokenBucket:
    """Grants at most ``rate`` tokens per second; holds one token, so grants never burst.

    EDGAR clients get one of at most ``MAX_RATE`` (client.py checks); tests may go faster.

    ``hold(seconds)`` makes every thread wait (a server asked us to back off, e.g. Retry-After).
    """

    def __init__(
        self,
        rate: float = MAX_RATE,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        if not rate > 0:
            raise ValueError("rate must be above 0 requests per second")
        self.rate = rate
        self._interval = 1.0 / (rate * HEADROOM)
        self._clock, self._sleep = clock, sleep
        self._lock = threading.Lock()
        self._next = clock()  # when the next token may be granted

    def acquire(self) -> None:
        """Block until this thread may send one request."""
        with self._lock:
            now = self._clock()
            grant = max(now, self._next)
            self._next = grant + self._interval
        if grant > now:
            self._sleep(grant - now)

    def hold(self, seconds: float) -> None:
        """Grant nothing for ``seconds`` from now, to every thread."""
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)
