"""The local copy of what was downloaded, laid out like EDGAR's own paths under one root
(``OWNERGRAPH_CACHE``, default ``~/.cache/ownergraph/edgar``).

Filings and data sets sit at their EDGAR paths (``Archives/edgar/data/<cik>/<accession>.txt``,
``files/structureddata/…/2024q1_form345.zip``), so the root is a valid input to
``ownergraph ingest``. Index files and JSON, which ingest cannot read, sit under the hidden
``.meta/`` folder (ingest skips hidden names). Writes are atomic: a hidden temporary file in the
same folder, then a rename, so a killed run never leaves a partial file under a real name.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

__all__ = ["DEFAULT_CACHE", "META", "Cache", "default_cache_root", "write_atomic"]

DEFAULT_CACHE = Path("~/.cache/ownergraph/edgar")
META = ".meta"


def default_cache_root(environ: dict[str, str] | None = None) -> Path:
    """``OWNERGRAPH_CACHE`` if set, else ``~/.cache/ownergraph/edgar``."""
    environ = dict(os.environ) if environ is None else environ
    return Path(environ.get("OWNERGRAPH_CACHE") or DEFAULT_CACHE).expanduser()


@dataclass(frozen=True, slots=True)
class Cache:
    """A cache root; paths are EDGAR URL paths such as ``Archives/edgar/data/1750/x.txt``."""

    root: Path

    def document(self, url_path: str) -> Path:
        """Where a filing or data set at ``url_path`` is kept."""
        return self.root / _relative(url_path)

    def meta(self, url_path: str) -> Path:
        """Where an index file or JSON at ``url_path`` is kept (hidden from ingest)."""
        return self.root / META / _relative(url_path)

    def absent_marker(self, url_path: str) -> Path:
        """Marks a URL that answered 404 for good (a past day without a daily index)."""
        path = self.meta(url_path)
        return path.with_name(path.name + ".absent")


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that ``path`` is either absent or complete."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _relative(url_path: str) -> Path:
    parts = PurePosixPath(url_path.lstrip("/")).parts
    if not parts or any(p in ("..", ".") or p.startswith(".") for p in parts):
        raise ValueError(f"not a cacheable EDGAR path: {url_path!r}")
    return Path(*parts)
