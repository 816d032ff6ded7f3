"""Where Neo4j is, how to log in, and the one read handle every read query goes through.

Settings come from arguments, the environment or the local server (server/); nothing is read
from the environment until `resolve_settings` is called. `Graph(driver, database).read(...)`
runs a named query as a routed read and returns typed rows.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import LiteralString

import neo4j
from neo4j import RoutingControl
from neo4j.exceptions import AuthError, DriverError, Neo4jError

from graph.values import Row, to_plain
from ingest.errors import Neo4jUnavailable, QueryError
from server import DEFAULT_BOLT_PORT, DEFAULT_DATA_DIR, read_password, status

__all__ = [
    "DEFAULT_DATABASE",
    "Graph",
    "Neo4jUnavailable",
    "Row",
    "Settings",
    "collected_rows",
    "connect",
    "resolve_settings",
]

DEFAULT_DATABASE = "neo4j"
DEFAULT_USER = "neo4j"
HINT = "start the local server with `ownergraph db start` or set NEO4J_URI"


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


@dataclass(frozen=True, slots=True)
class Graph:
    """One Neo4j database to read from: the driver and the database name, passed around as one."""

    driver: neo4j.Driver
    database: str = DEFAULT_DATABASE
    # What reads learn once and keep for this connection's life (graph/read/model.py).
    memo: dict[str, object] = field(default_factory=dict, compare=False, repr=False)

    def read(self, query: LiteralString, /, **params: object) -> list[Row]:
        """Run a named read query as a routed read (a cluster may send it to a secondary).
        Each call has its own session, so threads may read at once."""
        try:
            records, _, _ = self.driver.execute_query(
                query, params, database_=self.database, routing_=RoutingControl.READ
            )
        except Neo4jError as err:
            raise QueryError(err.message or str(err)) from err
        except DriverError as err:
            raise QueryError(f"Neo4j is not reachable: {err}") from err
        return [Row((key, to_plain(value)) for key, value in record.items()) for record in records]

    def read_rows(self, query: LiteralString, /, **params: object) -> list[Row]:
        """Run a named read query that returns its rows collected as one list of maps, in a
        column named ``rows``. For hundreds of rows this is several times faster: the driver
        spends more on each record it receives than on decoding the values in it."""
        found = self.read(query, **params)
        return collected_rows(found[0]) if found else []


def collected_rows(record: Row, column: str = "rows") -> list[Row]:
    """The rows a query returned collected as one list of maps in ``column`` of ``record``."""
    items = record.get(column)
    return (
        [Row(item) for item in items if isinstance(item, dict)] if isinstance(items, list) else []
    )
