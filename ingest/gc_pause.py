"""Pause Python's cyclic garbage collector around work that makes millions of acyclic objects.

Reading a quarter's tables, or merging a bulk load's batches, allocates so many small records,
rows and dicts that the collector keeps re-scanning the live ones (a quarter to a third of the
CPU time) and frees nothing: none of them form cycles, so reference counting frees them all.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["cyclic_gc_paused"]


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Run the block with the cyclic GC off, then restore it as it was."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
