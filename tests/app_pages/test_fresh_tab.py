"""A fresh tab of each page, as `ownergraph app` serves it (``app_url``), in Debian's headless
Chromium: the page's HTML already names every front-end chunk its first paint needs, so none
is fetched late, after the websocket has delivered the elements (explorer/preload.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.app_pages.test_browser import ARGS, CHROMIUM
from tests.app_pages.test_pages import MSFT, PDEX

pytestmark = pytest.mark.browser
NAMED = re.compile(r"static/js/([^\"']+\.js)")  # a chunk the served HTML names
PAGES = {  # path: the element that shows the page drawn
    "/": '[data-testid="stMetric"]',
    f"/entity?cik={MSFT}": ".st-key-graph g.layer_2_marks path",
    f"/holdings?cik={MSFT}": '[data-testid="stDataFrame"]',
    f"/transactions?cik={PDEX}": '[data-testid="stDataFrame"]',
    "/screens?screen=sales": '[data-testid="stDataFrame"]',
    "/search?q=micro": '[data-testid="stPageLink"]',
    f"/connections?cik={MSFT}": '[data-testid="stTabs"]',
    "/console": '[data-testid="stTextArea"]',
}


def test_a_fresh_tab_fetches_no_chunk_its_html_did_not_name(app_url: str) -> None:
    assert Path(CHROMIUM).exists(), "Debian chromium is required: apt-get install chromium"
    from playwright.sync_api import sync_playwright

    late: dict[str, set[str]] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            for path, drawn in PAGES.items():
                context = browser.new_context(viewport={"width": 1440, "height": 900})
                page = context.new_page()
                fetched: set[str] = set()
                page.on("request", lambda r, seen=fetched: seen.add(r.url.split("?")[0]))
                served = page.goto(app_url + path, wait_until="domcontentloaded")
                assert served is not None
                # The HTML as served: the front end adds preload links of its own later.
                named = set(NAMED.findall(served.text()))
                page.locator(drawn).first.wait_for(timeout=60_000)
                page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached")
                page.wait_for_timeout(500)
                late[path] = {u.rsplit("/", 1)[1] for u in fetched if "/static/js/" in u} - named
                context.close()
        finally:
            browser.close()
    assert late == {path: set() for path in PAGES}, late
