"""The environment that points the command line at the session's Neo4j."""

from __future__ import annotations

import os

import pytest

from graph.db import Settings


@pytest.fixture
def env(neo4j_server: Settings) -> dict[str, str]:
    """The environment that points the command line at the test server."""
    variables = {**os.environ, "NEO4J_URI": neo4j_server.uri, "NEO4J_DATABASE": "neo4j"}
    if neo4j_server.password:
        variables["NEO4J_PASSWORD"] = neo4j_server.password
    return variables
