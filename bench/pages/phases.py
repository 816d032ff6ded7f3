"""Where a page's time goes in the browser, read off its websocket (bench/bench_pages.py).

boot: navigation until the websocket opens (the HTML, Streamlit's front end, its health and
host-config requests); wait: until the first message (the server starts the run); run: first
to last message (the script streaming the page's elements); draw: last message until the page's
element is drawn and the run indicator gone (rendering, and front-end code fetched late).
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass, field

from playwright.sync_api import Page, WebSocket

__all__ = ["PHASES", "Phases", "Watch", "median_phases"]

PHASES = ("boot", "wait", "run", "draw")


@dataclass(frozen=True, slots=True)
class Phases:
    """Seconds of each phase, and the kilobytes the websocket delivered."""

    boot: float
    wait: float
    run: float
    draw: float
    kilobytes: float


@dataclass
class Watch:
    """Notes when a page's websocket opens and delivers its first and last message."""

    started: float = field(default_factory=time.perf_counter)
    opened: float | None = None
    first: float | None = None
    last: float | None = None
    received: int = 0

    def attach(self, page: Page) -> None:
        """Listen on ``page`` (before it navigates)."""
        page.on("websocket", self._socket)

    def _socket(self, socket: WebSocket) -> None:
        self.opened = self.opened or time.perf_counter()
        socket.on("framereceived", self._frame)

    def _frame(self, payload: bytes | str) -> None:
        now = time.perf_counter()
        self.first = self.first or now
        self.last = now
        self.received += len(payload)

    def phases(self, ended: float) -> Phases | None:
        """The phases of a page drawn at ``ended``; None if its websocket said nothing."""
        if self.opened is None or self.first is None or self.last is None:
            return None
        return Phases(
            self.opened - self.started,
            self.first - self.opened,
            self.last - self.first,
            ended - self.last,
            self.received / 1024,
        )


def median_phases(found: list[Phases]) -> Phases:
    """Each phase's median over rounds."""
    return Phases(
        statistics.median(p.boot for p in found),
        statistics.median(p.wait for p in found),
        statistics.median(p.run for p in found),
        statistics.median(p.draw for p in found),
        statistics.median(p.kilobytes for p in found),
    )
