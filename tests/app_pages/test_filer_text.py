"""Filer text is shown as text: an owner named like a Markdown link, a footnote holding a
remote image and a name with TeX in it stay literal on the entity and transactions pages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
import streamlit as st

from graph.db import Settings
from graph.load.pipeline import ingest_paths
from tests.app_pages.test_pages import ok, page
from tests.paths import DATA

EVIL_NAME = "[Click to verify](https://evil.example/phish) **BOLD** $x^2$"
EVIL_NOTE = "![pixel](http://127.0.0.1:9/pixel.png) [phish](https://evil.example/)"
OWNER = "0001565450"


@pytest.fixture
def evil_graph(app_env: Settings, neo4j_driver: neo4j.Driver, tmp_path: Path) -> Iterator[Settings]:
    """Only the MHI Form 4 with its second owner renamed and a footnote rewritten."""
    text = (DATA / "mhi_4_2025-08-18_b9ce4dd7.xml").read_text()
    text = text.replace("Banc of America Preferred Funding Corp", EVIL_NAME.replace("&", "&amp;"))
    text = text.replace('<footnote id="F2">', f'<footnote id="F2">{EVIL_NOTE} ')
    (tmp_path / "evil.xml").write_text(text)
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=app_env.database)
    ingest_paths(neo4j_driver, [tmp_path / "evil.xml"], database=app_env.database)
    st.cache_data.clear()
    yield app_env
    neo4j_driver.execute_query("MATCH (n) DETACH DELETE n", database_=app_env.database)
    st.cache_data.clear()


def shown(at: object) -> list[str]:
    """Every Markdown source on the page (titles, text, captions, messages, link labels)."""
    kinds = ("title", "markdown", "caption", "info", "warning", "text", "page_link")
    out: list[str] = []
    for kind in kinds:
        for element in at.get(kind):  # type: ignore[attr-defined]
            out.append(str(getattr(element, "value", None) or element.proto.label))
    return out


@pytest.mark.parametrize("name", ["entity", "transactions"])
def test_markdown_in_filer_text_is_not_rendered(evil_graph: Settings, name: str) -> None:
    at = ok(page(name, cik=OWNER))
    texts = shown(at)
    assert any("Click to verify" in t for t in texts)
    for t in texts:
        if t.startswith("• "):  # st.text: plain text whatever it holds
            continue
        assert "](" not in t.replace("\\]", "").replace("\\!", ""), t
        assert "$x" not in t.replace("\\$", ""), t
        assert "**BOLD" not in t, t
