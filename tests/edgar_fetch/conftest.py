"""Fixtures of the EDGAR client tests: a fresh cache and a client of the local EDGAR (the site and
its server are tests/edgar_fetch/fixtures.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from edgar_fetch import Cache, ClientSettings, EdgarClient
from edgar_fetch.ratelimit import TokenBucket
from tests.edgar_fetch.fixtures import AGENT
from tests.edgar_fetch.server import Edgar


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache")


def client_for(edgar: Edgar, fast: float | None = 50.0, **options: float) -> EdgarClient:
    """A client of the test server: its bucket grants ``fast`` requests/s (the rate is tested
    apart with ``fast=None``, where the settings' rate, at most 10, holds)."""
    settings = {"timeout": 1.0, "retries": 3, "backoff": 0.05} | options
    client_settings = ClientSettings(AGENT, edgar.url, edgar.data_url, **settings)  # type: ignore[arg-type]
    return EdgarClient(client_settings, TokenBucket(fast) if fast else None)
