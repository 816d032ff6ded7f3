"""The local EDGAR every fetch test talks to (a plugin of tests/conftest.py): the site folder,
built once per session from tests/edgar_fetch/site.py, and a real HTTP server on a free port
for each test (tests/edgar_fetch/server.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.edgar_fetch.server import Edgar, serve
from tests.edgar_fetch.site import build_site

AGENT = "ownergraph tests tests@example.com"  # the User-Agent the tests identify with


@pytest.fixture(scope="session")
def edgar_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_site(tmp_path_factory.mktemp("edgar-site"))


@pytest.fixture
def edgar(edgar_site: Path) -> Iterator[Edgar]:
    with serve(edgar_site) as running:
        yield running
