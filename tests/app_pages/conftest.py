"""Fixtures of the page tests: the app pointed at the session's loaded test graph
(``app_graph``, tests/conftest.py) through NEO4J_* variables, and the app served by
`streamlit run app.py` as `ownergraph app` serves it (``app_url``)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator

import neo4j
import pytest
import streamlit as st

from graph.db import Settings
from tests.paths import ROOT


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


def _wait_healthy(url: str, proc: subprocess.Popen[bytes], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(
                f"streamlit exited: {proc.stdout.read().decode() if proc.stdout else ''}"
            )
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise AssertionError("streamlit did not answer in time")


@pytest.fixture
def app_url(app_env: Settings, free_port: Callable[[], int]) -> Iterator[str]:
    """The explorer served as `ownergraph app` serves it (app.py) on a free port."""
    port = free_port()
    env = {**os.environ, "NEO4J_URI": app_env.uri, "NEO4J_DATABASE": app_env.database}
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
    ]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, proc)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)
