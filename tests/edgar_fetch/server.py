"""A real local HTTP server (``http.server.ThreadingHTTPServer`` in a thread) that serves an
EDGAR site folder (site.py) and misbehaves on purpose on chosen paths: ``429`` with
``Retry-After``, ``503``, an answer slower than the client's timeout, a body cut short, a
byte flipped. It
records every request (arrival time, path, User-Agent) and refuses anonymous agents as EDGAR
does. Index files and JSON are sent gzip-compressed to clients that accept gzip.
"""

from __future__ import annotations

import gzip
import threading
import time
from collections import defaultdict, deque
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FAULTS = ("429", "503", "slow", "truncate", "corrupt")


@dataclass(frozen=True)
class Hit:
    at: float  # time.monotonic() on arrival
    path: str
    user_agent: str | None
    status: int


@dataclass
class Edgar:
    """The running server: its URL, the request log, and faults queued per path."""

    root: Path
    url: str = ""
    hits: list[Hit] = field(default_factory=list)
    faults: dict[str, deque[str]] = field(default_factory=lambda: defaultdict(deque))
    slow_seconds: float = 1.5
    latency: float = 0.0  # seconds added to every answer (an internet round trip, for bench/)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def data_url(self) -> str:
        return f"{self.url}/data.sec.gov"

    def misbehave(self, path: str, *faults: str) -> None:
        """Answer the next requests for ``path`` (a URL path) with ``faults``, in order."""
        assert all(f in FAULTS for f in faults)
        self.faults[path].extend(faults)

    def paths(self, status: int | None = 200) -> list[str]:
        """Paths requested (answered with ``status``; None for all), in arrival order."""
        return [h.path for h in self.hits if status is None or h.status == status]


def _handler(edgar: Edgar) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # quiet
            pass

        def do_GET(self) -> None:
            arrived = time.monotonic()
            path = self.path.split("?")[0]
            agent = self.headers.get("User-Agent")
            with edgar.lock:
                queued = edgar.faults.get(path)
                fault = queued.popleft() if queued else None
            if edgar.latency:
                time.sleep(edgar.latency)
            status = self._answer(path, agent, fault)
            with edgar.lock:
                edgar.hits.append(Hit(arrived, path, agent, status))

        def _answer(self, path: str, agent: str | None, fault: str | None) -> int:
            if not agent or "@" not in agent:
                return self._send(403, b"Undeclared Automated Tool")
            if fault == "429":
                return self._send(429, b"slow down", {"Retry-After": "1"})
            if fault == "503":
                return self._send(503, b"busy")
            file = edgar.root / path.lstrip("/")
            if ".." in path or not file.is_file():
                return self._send(404, b"not found")
            body, headers = file.read_bytes(), {}
            if file.suffix in (".idx", ".json") and "gzip" in self.headers.get(
                "Accept-Encoding", ""
            ):
                body, headers = gzip.compress(body), {"Content-Encoding": "gzip"}
            if fault == "corrupt":  # one byte flipped mid-body: the length is right, the data not
                middle = len(body) // 2
                body = body[:middle] + bytes([body[middle] ^ 0xFF]) + body[middle + 1 :]
            if fault == "slow":
                time.sleep(edgar.slow_seconds)
            if fault == "truncate":
                self._head(200, len(body), headers)
                self.wfile.write(body[: len(body) // 2])
                self.wfile.flush()
                self.close_connection = True
                return 200
            return self._send(200, body, headers)

        def _head(self, status: int, length: int, headers: dict[str, str]) -> None:
            self.send_response(status)
            self.send_header("Content-Length", str(length))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()

        def _send(self, status: int, body: bytes, headers: dict[str, str] | None = None) -> int:
            self._head(status, len(body), headers or {})
            with suppress(BrokenPipeError, ConnectionResetError):  # the client gave up
                self.wfile.write(body)
            return status

    return Handler


@contextmanager
def serve(root: Path) -> Iterator[Edgar]:
    """Serve ``root`` on a free loopback port until the block ends."""
    edgar = Edgar(root)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(edgar))
    server.daemon_threads = True
    edgar.url = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield edgar
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def busiest_second(hits: list[Hit]) -> int:
    """The most requests that arrived within any one-second window."""
    times = sorted(h.at for h in hits)
    most, first = 0, 0
    for last, at in enumerate(times):
        while at - times[first] >= 1.0:
            first += 1
        most = max(most, last - first + 1)
    return most
