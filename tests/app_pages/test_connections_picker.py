"""The Connections page's From and To reach every entity, not only the type-ahead's
suggestions (capped at search.OPTIONS_CAP, here one): a link's CIKs beyond them are shown and
used. (Text typed and entered is looked up the same way: test_browser.py, as AppTest cannot
enter text that is no suggestion.)"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
import streamlit as st

from graph.db import Settings
from graph.read import search
from tests.app_pages.test_pages import ADGI, GUTS, ok, page


@pytest.fixture
def one_suggestion(app_env: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(search, "OPTIONS_CAP", 1)
    st.cache_data.clear()
    yield
    st.cache_data.clear()


def test_a_links_entities_beyond_the_suggestions_are_picked(one_suggestion: None) -> None:
    at = ok(page("connections", cik=GUTS, other=ADGI))
    assert (at.selectbox(key="c_a").value, at.selectbox(key="c_b").value) == (GUTS, ADGI)
    paths = [re.sub(r"\\(.)", r"\1", m.value) for m in at.markdown]
    assert any("Fractyl Health, Inc." in p and "Adagio" in p for p in paths)
    assert at.toggle(key="c_scope").label == "Only rows involving Fractyl Health, Inc. (GUTS)"
