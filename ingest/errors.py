"""The project's exception hierarchy; graph/ adds its own subclasses of ``OwnergraphError``."""

from __future__ import annotations

__all__ = ["OwnergraphError", "ParseError", "SourceError"]


class OwnergraphError(Exception):
    """Root of every error ownergraph raises on purpose."""


class ParseError(OwnergraphError):
    """A document is not a usable ownership filing (malformed, wrong root, unsafe XML, ...)."""


class SourceError(OwnergraphError):
    """An input path cannot be read (missing, unreadable, corrupt archive, ...)."""
