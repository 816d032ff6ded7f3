"""Where Neo4j is and how to log in: settings from arguments, the environment or the local server.

Every command and the app connect through here; the local server itself is graph/server.py.
Nothing is read from the environment until `resolve_settings` is called.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import neo4j
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from ingest.errors import OwnergraphError
from server import DEFAULT_BOLT_PORT, DEFAULT_DATA_DIR, read_password, status

__all__ = ["DEFAULT_DATABASE", "Neo4jUnavailable", "Settings", "connect", "resolve_settings"]

DEFAULT_DATABASE = "neo4j"
DEFAULT_USER = "neo4j"
HINT = "start the local server with `ownergraph db start` or set NEO4J_URI"


class Neo4jUnavailable(OwnergraphError, ConnectionError):
    """Neo4j cannot be reached, or it refused the credentials."""


@dataclass(frozen=True, slots=True)
class Settings:
    """How to reach one Neo4j database; `password` None means no authentication."""

    uri: str
    user: str = DEFAULT_USER
    password: str | None = None
    database: str = DEFAULT_DATABASE

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.user, self.password) if self.password is not None else None


def resolve_settings(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    data_dir: Path = DEFAULT_DATA_DIR,
    env: Mapping[str, str] | None = None,
) -> Settings:
    """Explicit arguments, then NEO4J_URI/_USER/_PASSWORD/_DATABASE, then the local server.

    The local server (found from `data_dir`) supplies the URI when none is given, and its kept
    password when the URI is its own.
    """
    env = os.environ if env is None else env
    local = status(data_dir)
    local_uri = local.uri if local else f"bolt://127.0.0.1:{DEFAULT_BOLT_PORT}"
    uri = uri or env.get("NEO4J_URI") or local_uri
    if password is None:
        password = env.get("NEO4J_PASSWORD")
    if password is None and uri == local_uri:
        password = local.password if local else read_password(data_dir)
    return Settings(
        uri=uri,
        user=user or env.get("NEO4J_USER") or DEFAULT_USER,
        password=password,
        database=database or env.get("NEO4J_DATABASE") or DEFAULT_DATABASE,
    )


def connect(settings: Settings) -> neo4j.Driver:
    """A driver for `settings`, checked to answer; the caller closes it."""
    try:
        driver = neo4j.GraphDatabase.driver(settings.uri, auth=settings.auth)
    except (DriverError, ValueError) as e:
        raise Neo4jUnavailable(f"bad Neo4j URI {settings.uri!r}: {e} — {HINT}") from e
    try:
        driver.verify_connectivity()
    except AuthError as e:
        driver.close()
        raise Neo4jUnavailable(
            f"Neo4j at {settings.uri} refused user {settings.user!r}: {e.message} — set"
            " NEO4J_USER/NEO4J_PASSWORD (the local server keeps its own in <data-dir>/password)"
        ) from e
    except (DriverError, Neo4jError, OSError) as e:
        driver.close()
        raise Neo4jUnavailable(f"cannot reach Neo4j at {settings.uri}: {e} — {HINT}") from e
    return driver
