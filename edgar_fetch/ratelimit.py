"""One token bucket shared by every download thread of a process, so the whole process stays
within EDGAR's fair-access budget (10 requests per second); client.py takes a token per request.
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

__all__ = ["HEADROOM", "MAX_RATE", "WINDOW", "TokenBucket"]

MAX_RATE = 10.0  # EDGAR's published limit, requests per second for the whole process
HEADROOM = 0.95  # tokens refill slightly under the rate
WINDOW = 1.15  # and no `rate` grants fall within this many seconds: a late-waking thread or
# uneven network delay cannot push `rate + 1` requests into one second at the server


class TokenBucket:
    """Grants at most ``rate`` tokens per second, spaced evenly; holds one token (no bursts).

    Besides the spacing it keeps the times of the last ``rate`` grants and never grants more
    in any ``WINDOW`` seconds, however late a sleeping thread wakes. ``hold(seconds)`` makes
    every thread wait (the server asked us to back off, e.g. with ``Retry-After``). EDGAR
    clients get a rate of at most ``MAX_RATE`` (client.py checks); tests may go faster.
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
        self._next = clock()  # the earliest time of the next grant
        self._recent: deque[float] = deque(maxlen=max(1, math.floor(rate)))

    def acquire(self) -> None:
        """Block until this thread may send one request."""
        while True:
            with self._lock:
                now = self._clock()
                ready = self._next
                if len(self._recent) == self._recent.maxlen:
                    ready = max(ready, self._recent[0] + WINDOW)
                if ready <= now:
                    self._recent.append(now)
                    self._next = now + self._interval
                    return
            self._sleep(ready - now)

    def hold(self, seconds: float) -> None:
        """Grant nothing for ``seconds`` from now, to every thread."""
        with self._lock:
            self._next = max(self._next, self._clock() + seconds)
