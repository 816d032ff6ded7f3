"""The project's exception hierarchy; graph/ adds its own subclasses of ``OwnergraphError``."""

from __future__ import annotations

__all__ = [
    "BulkRefused",
    "EdgarUnreachable",
    "FetchError",
    "Neo4jUnavailable",
    "OwnergraphError",
    "ParameterError",
    "ParseError",
    "PortInUse",
    "QueryError",
    "QueryRefused",
    "QueryTimeout",
    "ServerError",
    "SourceError",
]


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


class Neo4jUnavailable(OwnergraphError, ConnectionError):
    """Neo4j cannot be reached, or it refused the credentials."""


class ServerError(OwnergraphError):
    """The local Neo4j server cannot be installed, started or stopped."""


class BulkRefused(OwnergraphError):
    """A bulk load was asked of a server it cannot replace: not local, or not empty."""


class PortInUse(ServerError):
    """A port the local server (or the app) should listen on is taken; ``role`` says which."""

    def __init__(self, role: str, port: int) -> None:
        super().__init__(f"{role} port {port} is already in use")
        self.role = role
        self.port = port


class QueryRefused(OwnergraphError):
    """A statement that is not a plain read (write, LOAD CSV, admin, procedure not allowed)."""


class QueryError(OwnergraphError):
    """The server rejected or could not run a read query (syntax error, unreachable, ...)."""


class QueryTimeout(QueryError):
    """A read query ran longer than its timeout and was stopped by the server."""


class EdgarUnreachable(FetchError):
    """EDGAR (or the configured mirror) cannot be connected to at all: the whole run stops."""
