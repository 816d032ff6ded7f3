"""Fixtures of the EDGAR tests: the site folder (built once) and a fresh server per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from edgar_fetch import Cache, ClientSettings, EdgarClient
from edgar_fetch.ratelimit import TokenBucket
from tests.edgar_fetch.server import Edgar, serve
from tests.edgar_fetch.site import build_site

AGENT = "ownergraph tests tests@example.com"


@pytest.fixture(scope="session")
def edgar_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("edgar-site"))


@pytest.fixture
def edgar(edgar_site: Path) -> Iterator[Edgar]:
    with serve(edgar_site) as running:
        yield running


@pytest.fixture
def cache(tmp_path: Path) -> Cache:
    return Cache(tmp_path / "cache")


def client_for(edgar: Edgar, fast: float | None = 50.0, **options: float) -> EdgarClient:
    """A client of the test server: its bucket grants ``fast`` requests/s (the rate is tested
    apart with ``fast=None``, where the settings' rate, at most 10, holds)."""
    settings = {"timeout": 1.0, "retries": 3, "backoff": 0.05} | options
    client_settings = ClientSettings(AGENT, edgar.url, edgar.data_url, **settings)  # type: ignore[arg-type]
    return EdgarClient(client_settings, TokenBucket(fast) if fast else None)
