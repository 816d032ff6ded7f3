"""Fixtures of the page tests: the app pointed at the session's loaded test graph
(``app_graph``, tests/conftest.py) through NEO4J_* variables."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
import streamlit as st

from graph.db import Settings


def point_app_at(server: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    """Set the NEO4J_* variables the app connects with to ``server``'s."""
    monkeypatch.setenv("NEO4J_URI", server.uri)
    monkeypatch.setenv("NEO4J_DATABASE", server.database)
    monkeypatch.setenv("NEO4J_USER", server.user)
    if server.password:
        monkeypatch.setenv("NEO4J_PASSWORD", server.password)
    else:
        monkeypatch.delenv("NEO4J_PASSWORD", raising=False)


@pytest.fixture
def app_env(
    app_graph: neo4j.Driver, neo4j_server: Settings, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Settings]:
    """NEO4J_* variables of the test server for the app; caches start empty."""
    point_app_at(neo4j_server, monkeypatch)
    st.cache_resource.clear()
    yield neo4j_server
    st.cache_resource.clear()
