"""A dictionary kept in SQLite, so the bulk load's merge state does not grow in memory.

The bulk load merges what the online path MERGEs (state.py) and remembers every filing's
keys (prepare.py): at full history that is millions of entries, gigabytes as Python objects.
``SpilledDict`` keeps them in a SQLite file beside the CSV files. Entries read or written
stay in memory (``hot``), where the merge rules change them in place; ``flush``, called
between batches, writes them back and forgets them once there are ``HOT_LIMIT`` of them, so
memory holds at most that many entries per dictionary (plus one batch's), and entries used
by batch after batch (a hub issuer) are read and written once per ``HOT_LIMIT`` entries.
Keys are pickled, equal keys alike (their order is the order of ``items``); values as the
table's ``Codec`` says: pickled, unless the caller gives a cheaper one (packing.py).
"""

from __future__ import annotations

import marshal
import pickle
import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

__all__ = ["MARSHALLED", "PICKLED", "Codec", "SpilledDict", "open_spill"]

K = TypeVar("K")
V = TypeVar("V")

PROTOCOL = 5
HOT_LIMIT = 20_000  # entries kept in memory per dictionary between batches
PREFETCH = 500  # keys per query of ``prefetch``
_NAME = re.compile(r"[a-z_]+")
_MISSING = object()


@dataclass(frozen=True, slots=True)
class Codec(Generic[V]):
    """How a table stores its values: ``dump`` to bytes, ``load`` back."""

    dump: Callable[[V], bytes]
    load: Callable[[bytes], V]


def _pickled(value: object) -> bytes:
    return pickle.dumps(value, PROTOCOL)


def _key_blob(key: object) -> bytes:
    """The key pickled alike however its strings came to be: pickle writes a string met twice
    in one tuple as a reference to the first only when both are one object, so equal parts are
    made one object first (an owner filing about itself: the same CIK twice)."""
    if type(key) is tuple:
        one: dict[object, object] = {}
        key = tuple(one.setdefault(part, part) for part in key)
    return pickle.dumps(key, PROTOCOL)


PICKLED: Codec[Any] = Codec(_pickled, pickle.loads)
# str, int, float, bool, None and lists, tuples, sets and dicts of them: several times faster
MARSHALLED: Codec[Any] = Codec(marshal.dumps, marshal.loads)


def open_spill(path: Path) -> sqlite3.Connection:
    """A SQLite file for throwaway state: no journal, no fsync, a 64 MB page cache, and an
    exclusive lock held throughout (no lock and cache check per statement: it is ours alone)."""
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA locking_mode = EXCLUSIVE")
    db.execute("PRAGMA journal_mode = OFF")
    db.execute("PRAGMA synchronous = OFF")
    db.execute("PRAGMA cache_size = -65536")
    return db


class SpilledDict(Generic[K, V]):
    """``get``, ``[]``, ``in``, ``setdefault`` and ``items`` of a dict whose entries live in
    table ``name`` of ``db``; keys are pickled, values stored as ``codec`` says."""

    def __init__(self, db: sqlite3.Connection, name: str, codec: Codec[V] = PICKLED) -> None:
        if not _NAME.fullmatch(name):
            raise ValueError(f"not a table name: {name!r}")
        self._db, self._codec = db, codec
        self.hot: dict[K, V] = {}
        self._absent: set[K] = set()  # keys looked up and not on disk, until the next write
        self._pickled: dict[K, bytes] = {}  # keys prefetched, pickled once: for the next write
        db.execute(f"CREATE TABLE {name} (key BLOB PRIMARY KEY, value BLOB) WITHOUT ROWID")
        self._select = f"SELECT value FROM {name} WHERE key = ?"
        self._select_many = f"SELECT key, value FROM {name} WHERE key IN ({{}})"  # {} = ?, ?…
        self._upsert = f"INSERT OR REPLACE INTO {name} (key, value) VALUES (?, ?)"
        self._delete = f"DELETE FROM {name} WHERE key = ?"
        self._all = f"SELECT key, value FROM {name} ORDER BY key"
        self._count = f"SELECT count(*) FROM {name}"

    def prefetch(self, keys: Iterable[K]) -> None:
        """Read the entries of ``keys`` not in memory with one query per ``PREFETCH`` keys, so
        the look-ups that follow need none."""
        wanted: dict[bytes, K] = {}
        for key in keys:
            if key not in self.hot and key not in self._absent:
                wanted[blob := _key_blob(key)] = key
                self._pickled[key] = blob
        blobs = list(wanted)
        for start in range(0, len(blobs), PREFETCH):
            chunk = blobs[start : start + PREFETCH]
            query = self._select_many.format(", ".join("?" * len(chunk)))
            for blob, value in self._db.execute(query, chunk):
                self.hot[wanted.pop(blob)] = self._codec.load(value)
        self._absent.update(wanted.values())

    def _load(self, key: K) -> object:
        if key in self.hot:
            return self.hot[key]
        if key in self._absent:
            return _MISSING
        row = self._db.execute(self._select, (_key_blob(key),)).fetchone()
        if row is None:
            return _MISSING
        value: V = self._codec.load(row[0])
        self.hot[key] = value
        return value

    def get(self, key: K, default: V | None = None) -> V | None:
        found = self._load(key)
        return default if found is _MISSING else found  # type: ignore[return-value]

    def __getitem__(self, key: K) -> V:
        found = self._load(key)
        if found is _MISSING:
            raise KeyError(key)
        return found  # type: ignore[return-value]

    def __contains__(self, key: K) -> bool:
        return self._load(key) is not _MISSING

    def __setitem__(self, key: K, value: V) -> None:
        self.hot[key] = value

    def setdefault(self, key: K, default: V) -> V:
        found = self._load(key)
        if found is _MISSING:
            self.hot[key] = default
            return default
        return found  # type: ignore[return-value]

    def discard(self, key: K) -> None:
        """Remove ``key`` if present."""
        self.hot.pop(key, None)
        self._db.execute(self._delete, (_key_blob(key),))
        self._absent.add(key)

    def flush(self, *, limit: int | None = None) -> None:
        """Write the entries in memory back and forget them, once there are ``limit``
        (default ``HOT_LIMIT``)."""
        if len(self.hot) < (HOT_LIMIT if limit is None else limit):
            return
        dump, pickled = self._codec.dump, self._pickled
        rows = [(pickled.get(k) or _key_blob(k), dump(v)) for k, v in self.hot.items()]
        with self._db:  # one transaction, not one per row
            self._db.execute("BEGIN")
            self._db.executemany(self._upsert, rows)
        self.hot.clear()
        self._absent.clear()
        self._pickled.clear()

    def items(self) -> Iterator[tuple[K, V]]:
        """Every entry, in key order."""
        self.flush(limit=0)
        for key, value in self._db.execute(self._all):
            yield pickle.loads(key), self._codec.load(value)

    def __len__(self) -> int:
        self.flush(limit=0)
        return int(self._db.execute(self._count).fetchone()[0])
