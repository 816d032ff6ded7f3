"""The project's exception hierarchy; graph/ adds its own subclasses of ``OwnergraphError``."""

from __future__ import annotations

__all__ = ["FetchError", "OwnergraphError", "ParameterError", "ParseError", "SourceError"]


class OwnergraphError(Exception):
    """Root of every error ownergraph raises on purpose."""


class ParseError(OwnergraphError):
    """A document is not a usable ownership filing (malformed, wrong root, unsafe XML, ...)."""


class SourceError(OwnergraphError):
    """An input path cannot be read (missing, unreadable, corrupt archive, ...)."""


class FetchError(OwnergraphError):
    """A download from EDGAR failed for good (after retries), or cannot even be attempted."""

    def __init__(self, url: str, reason: str) -> None:
        self.url, self.reason = url, reason
        super().__init__(f"{url}: {reason}")


class ParameterError(OwnergraphError, ValueError):
    """A query parameter typed by a person or carried by a link is malformed (``k=v``, JSON)."""
