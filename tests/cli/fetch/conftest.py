"""Fixtures of the fetch and update commands' tests: the environment that points them at the
local EDGAR (tests/edgar_fetch/fixtures.py), a fresh cache and the session's Neo4j."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from graph.db import Settings
from tests.edgar_fetch.fixtures import AGENT
from tests.edgar_fetch.server import Edgar


@pytest.fixture
def fetch_env(edgar: Edgar, tmp_path: Path) -> dict[str, str]:
    """The environment that points the command line at the local EDGAR and a fresh cache."""
    return {
        **os.environ,
        "OWNERGRAPH_EDGAR_URL": edgar.url,
        "OWNERGRAPH_EDGAR_DATA_URL": edgar.data_url,
        "OWNERGRAPH_USER_AGENT": AGENT,
        "OWNERGRAPH_CACHE": str(tmp_path / "cache"),
    }


@pytest.fixture
def env(fetch_env: dict[str, str], neo4j_server: Settings) -> dict[str, str]:
    """``fetch_env`` plus the session's Neo4j, for the tests that ingest."""
    variables = {**fetch_env, "NEO4J_URI": neo4j_server.uri, "NEO4J_DATABASE": "neo4j"}
    if neo4j_server.password:
        variables["NEO4J_PASSWORD"] = neo4j_server.password
    return variables
