"""Parse the bulk load's inputs on every core, yielding filings in ``read_filings`` order.

One input path (a quarterly data set, an archive, a file) is read by one worker process;
worker ``k`` of ``n`` takes inputs ``k``, ``k + n``, … in order and sends its filings back in
chunks through its own pipe, each as its parcel (parcel.py: its CSV lines and merge rows, built
in the worker). Sends are synchronous and the caller drains the inputs in order,
so about one chunk per worker is in flight: memory stays bounded by the chunk size and by what
one input needs to be read, not by the size of an input's output. Whatever a worker sent
before dying arrives; the input it was reading is rejected and a new worker reads the rest.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection
from multiprocessing.context import ForkProcess
from pathlib import Path

from graph.load.bulk.parcel import Parcel, parcel
from ingest import read_filings
from ingest.limits import Limits
from ingest.records import Filing, Rejected

__all__ = ["parse_in_parallel"]

Item = Parcel | Rejected
CHUNK = 500  # filings per message
# A message: ("items", [Item…]), ("warning", Warning), ("end", None) after each input.
Message = tuple[str, object]


def _worker(paths: list[str], limits: Limits | None, out: Connection) -> None:
    """Read ``paths`` one after the other, sending filings, warnings and an end per input."""
    for path in paths:
        try:
            with warnings.catch_warnings(record=True) as notes:
                warnings.simplefilter("always")
                chunk: list[Item] = []
                for item in read_filings([path], limits):
                    chunk.append(parcel(item) if isinstance(item, Filing) else item)
                    if len(chunk) >= CHUNK:
                        out.send(("items", chunk))
                        chunk = []
                    for note in notes:
                        out.send(("warning", note.message))
                    notes.clear()
                out.send(("items", chunk))
                for note in notes:
                    out.send(("warning", note.message))
        except Exception as e:  # any failure is this input's rejection, never the run's
            out.send(("items", [Rejected(path, f"the parser stopped on this input: {e}")]))
        out.send(("end", None))


def parse_in_parallel(
    paths: Iterable[str | Path], limits: Limits | None = None, *, workers: int | None = None
) -> Iterator[Item]:
    """Every filing's parcel or rejection under ``paths``, by ``workers`` processes."""
    tasks = [str(p) for p in paths]
    count = min(workers or os.cpu_count() or 1, len(tasks))
    if count <= 1:
        for item in read_filings(tasks, limits):
            yield parcel(item) if isinstance(item, Filing) else item
        return
    slots = [_Slot(tasks[k::count], limits) for k in range(count)]
    try:
        for index, path in enumerate(tasks):
            yield from _drain(path, slots[index % count])
    finally:
        for slot in slots:
            slot.stop()


class _Slot:
    """One worker process, its queue, and its inputs not read yet (the first is in hand)."""

    def __init__(self, paths: list[str], limits: Limits | None) -> None:
        self.remaining, self.limits = deque(paths), limits
        self.start()

    def start(self) -> None:
        """A worker for the remaining inputs (again, after a worker died)."""
        context = multiprocessing.get_context("fork")  # workers never re-import __main__
        self.inbox, outbox = context.Pipe(duplex=False)
        self.process: ForkProcess = context.Process(
            target=_worker, args=(list(self.remaining), self.limits, outbox), daemon=True
        )
        self.process.start()
        outbox.close()  # the worker's end only: its death is then the end of the pipe

    def receive(self) -> Message | None:
        """The worker's next message; None once it died."""
        try:
            message: Message = self.inbox.recv()
        except (EOFError, OSError):
            self.process.join()
            return None
        return message

    def stop(self) -> None:
        self.process.kill()
        self.process.join()
        self.inbox.close()


def _drain(path: str, slot: _Slot) -> Iterator[Item]:
    """One input's filings from its worker, up to its end or the worker's death."""
    while True:
        message = slot.receive()
        if message is None:
            code = slot.process.exitcode
            yield Rejected(path, f"the parser process died (exit code {code}) on this input")
            slot.remaining.popleft()  # skip it, and read the rest with a new worker
            slot.start()
            return
        kind, payload = message
        if kind == "end":
            slot.remaining.popleft()
            return
        if isinstance(payload, Warning):
            warnings.warn(payload, stacklevel=1)
        elif isinstance(payload, list):
            yield from payload
