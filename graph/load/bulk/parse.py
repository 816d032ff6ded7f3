"""Parse the bulk load's inputs on every core, yielding filings in ``read_filings`` order.

One input path (a quarterly data set, an archive, a file) is one task; a few tasks run ahead
of the one being consumed, never more, so memory stays bounded by the largest inputs.
"""

from __future__ import annotations

import multiprocessing
import os
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from pathlib import Path

from ingest import read_filings
from ingest.limits import Limits
from ingest.records import Filing, Rejected

__all__ = ["parse_in_parallel"]

Item = Filing | Rejected


Parsed = tuple[list[Item], list[warnings.WarningMessage]]


def _parse_path(task: tuple[str, Limits | None]) -> Parsed:
    """One input's filings, and the warnings its reader gave (re-issued in the caller)."""
    path, limits = task
    with warnings.catch_warnings(record=True) as notes:
        warnings.simplefilter("always")
        items = list(read_filings([path], limits))
    return items, [n for n in notes if isinstance(n.message, Warning)]


def parse_in_parallel(
    paths: Iterable[str | Path], limits: Limits | None = None, *, workers: int | None = None
) -> Iterator[Item]:
    """Every filing or rejection under ``paths``, parsed by ``workers`` processes."""
    tasks = [(str(p), limits) for p in paths]
    count = min(workers or os.cpu_count() or 1, len(tasks))
    if count <= 1:
        yield from read_filings([path for path, _ in tasks], limits)
        return
    # fork: the workers start at once and never re-import the caller's __main__ module
    context = multiprocessing.get_context("fork")
    with context.Pool(count) as pool:
        pending: deque[AsyncResult[Parsed]] = deque()
        queue = iter(tasks)
        for task in queue:
            pending.append(pool.apply_async(_parse_path, (task,)))
            if len(pending) > count:
                break
        while pending:
            items, notes = pending.popleft().get()
            for note in notes:
                warnings.warn(note.message, stacklevel=1)
            following = next(queue, None)
            if following is not None:
                pending.append(pool.apply_async(_parse_path, (following,)))
            yield from items
