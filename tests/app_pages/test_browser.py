"""End to end: the explorer as `ownergraph app` serves it (``app_url``) against the test Neo4j,
a share link to an issuer view opened in Debian's headless Chromium (Playwright, no browser
download); graph and tables render. With OWNERGRAPH_SCREENSHOT=path it also saves the view's
graph as a PNG (docs/entity-view.png in the README was made so)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse, urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Locator, Page, Request, sync_playwright

from explorer.link import ViewState, share_url
from graph.read.filters import GraphFilters

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
pytestmark = pytest.mark.browser
NewPage = Callable[[int, int], Page]  # a page of that width and height, in a context of its own


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless, launched once for the module's tests."""
    assert Path(CHROMIUM).exists(), "Debian chromium is required: apt-get install chromium"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def new_page(chromium: Browser) -> Iterator[NewPage]:
    """Pages for one test, each in a fresh context (no cookies or storage from another test)."""
    contexts: list[BrowserContext] = []

    def make(width: int, height: int) -> Page:
        contexts.append(chromium.new_context(viewport={"width": width, "height": height}))
        return contexts[-1].new_page()

    yield make
    for context in contexts:
        context.close()


def _click_centre(page: Page, mark: Locator) -> None:
    """Move to the middle of a drawn mark and click it, as a user would."""
    mark.scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    box = mark.bounding_box()
    assert box
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.click(x, y)


def test_share_link_to_an_issuer_view_renders_graph_and_tables(
    app_url: str, new_page: NewPage
) -> None:
    state = ViewState(
        page="entity", cik="0000789019", filters=GraphFilters(depth=2), layout="spring", seed=7
    )
    link = share_url(app_url, state)
    page = new_page(1400, 1300)
    hosts: set[str | None] = set()  # offline: no request leaves this machine
    page.on("request", lambda r: hosts.add(urlparse(r.url).hostname))
    page.goto(link, wait_until="domcontentloaded")
    page.get_by_role("heading", name="MICROSOFT CORP (MSFT)").wait_for(timeout=60_000)
    page.locator(".st-key-graph g.layer_2_marks path").first.wait_for(timeout=60_000)
    # MSFT, its four insiders, MSFT common and the restricted stock units
    assert page.locator(".st-key-graph g.layer_2_marks path").count() == 7
    page.locator("[data-testid='stDataFrame']").first.wait_for(timeout=30_000)
    drawn = page.locator(".st-key-graph g.role-mark.mark-text text").all_text_contents()
    assert "Nadella Satya" in drawn, drawn
    assert "depth=2" in page.url and "cik=0000789019" in page.url
    page.wait_for_timeout(1000)
    assert hosts - {None} == {"127.0.0.1"}, hosts
    if screenshot := os.environ.get("OWNERGRAPH_SCREENSHOT"):
        page.set_viewport_size({"width": 1400, "height": 820})  # a graph 730 px tall
        graph = page.locator(".st-key-graph")
        graph.scroll_into_view_if_needed()
        page.wait_for_timeout(2000)
        graph.screenshot(path=screenshot)


def test_sidebar_type_ahead_in_natural_name_order_and_enter_opens_the_entity(
    app_url: str, new_page: NewPage
) -> None:
    page = new_page(1400, 1000)
    page.goto(app_url, wait_until="domcontentloaded")
    box = page.locator("[data-testid='stSidebar'] input[role='combobox']")
    box.first.wait_for(timeout=60_000)
    box.first.click()
    box.first.press_sequentially("satya nadel", delay=50)  # SEC order is "Nadella Satya"
    label = "Nadella Satya · owner · 0001513142 · Satya Nadella"
    page.get_by_role("option", name=label).wait_for(timeout=30_000)
    texts = page.get_by_role("option").all_inner_texts()
    assert [t for t in texts if "·" in t] == [label], texts
    assert not any(t.startswith("Add") for t in texts)
    box.first.press("Enter")  # the first suggestion, not a full-text search
    page.get_by_role("heading", name="Nadella Satya").wait_for(timeout=60_000)
    assert "/entity" in page.url and "cik=0001513142" in page.url


def test_connections_text_entered_picks_its_best_match_in_the_whole_graph(
    app_url: str, new_page: NewPage
) -> None:
    """ "CIK1211060" is in no suggestion's label: Enter sends the text, which the page looks up
    (Thiel, 0001211060); text that matches nothing says so."""
    page = new_page(1400, 1000)
    page.goto(f"{app_url}/connections?cik=0001572616", wait_until="domcontentloaded")
    to = page.locator(".st-key-c_b input[role='combobox']")
    to.wait_for(timeout=60_000)
    to.click()
    to.press_sequentially("CIK1211060", delay=30)
    to.press("Enter")
    page.wait_for_url("**other=0001211060**", timeout=60_000)
    page.get_by_text("has 10% owner").wait_for(timeout=60_000)  # the path is drawn
    assert to.input_value().startswith("THIEL PETER · owner · 0001211060")
    to.click()
    to.press_sequentially("zzqx nobody", delay=30)
    to.press("Enter")
    page.get_by_text("No entity matches “zzqx nobody”").wait_for(timeout=60_000)


def _graph_fits_the_window(page: Page, height: int) -> None:
    """The entity graph is as tall as the window less the app's header, never taller."""
    graph = page.locator(".st-key-graph svg.marks").first
    graph.wait_for(timeout=60_000)
    deadline = time.monotonic() + 10
    while True:  # the chart redraws after a resize
        box = graph.bounding_box()
        if (box and height - 150 <= box["height"] <= height) or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert box and height - 150 <= box["height"] <= height, (height, box)


def test_filtered_link_shows_chips_legend_and_asks_no_outside_host(
    app_url: str, new_page: NewPage
) -> None:
    """The chips and the edge legend are drawn; every request stays on the app's own host."""
    link = share_url(
        app_url, ViewState(page="entity", cik="0000789019", filters=GraphFilters(codes=("S",)))
    )
    outside: list[str] = []

    def note(request: Request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith("http") and host not in ("127.0.0.1", "localhost"):
            outside.append(request.url)

    page = new_page(1400, 1100)
    page.on("request", note)
    page.goto(link, wait_until="domcontentloaded")
    page.get_by_role("heading", name="MICROSOFT CORP (MSFT)").wait_for(timeout=60_000)
    _graph_fits_the_window(page, 1100)
    page.set_viewport_size({"width": 1400, "height": 700})
    _graph_fits_the_window(page, 700)
    chip = page.get_by_text("S · open-market sale").filter(visible=True)  # not the widget
    chip.first.wait_for(timeout=60_000)
    legend = page.locator(".st-key-graph g.role-legend-label text")
    legend.first.wait_for(timeout=60_000)
    names = legend.all_text_contents()
    assert {"insider of", "S · open-market sale", "$1,000,000"} <= set(names), names
    for path in ("/", "/connections", "/console"):
        page.goto(app_url + path, wait_until="networkidle")
    assert outside == []


def test_a_console_graph_node_opens_its_entity(app_url: str, new_page: NewPage) -> None:
    """Clicking an issuer node drawn by a console query opens that issuer's entity view."""
    state = ViewState(
        page="console",
        cypher="MATCH (i:Issuer {cik: $cik}) RETURN i",
        params=('cik="0000789019"',),
    )
    page = new_page(1400, 1000)
    page.goto(share_url(app_url, state), wait_until="domcontentloaded")
    page.get_by_role("button", name="▶ Run").click(timeout=60_000)
    node = page.locator(".st-key-console_graph path[aria-label*='Node: MICROSOFT CORP;']")
    node.first.wait_for(timeout=60_000)
    _click_centre(page, node.first)
    page.get_by_role("heading", name="MICROSOFT CORP (MSFT)").wait_for(timeout=60_000)
    assert "/entity" in page.url and "cik=0000789019" in page.url


def test_a_cold_first_page_says_it_is_opening_never_blank(app_url: str, new_page: NewPage) -> None:
    """The first page of a fresh app process: the first thing drawn is the opening notice."""
    page = new_page(1400, 900)
    page.goto(app_url, wait_until="domcontentloaded")
    main = page.locator("[data-testid='stMain']")
    shown: list[str] = []
    deadline = time.monotonic() + 90
    while not page.locator("[data-testid='stMetric']").count():
        text = main.inner_text().strip() if main.count() else ""
        if text and (not shown or shown[-1] != text):
            shown.append(text)
        assert time.monotonic() < deadline, shown
        page.wait_for_timeout(30)
    assert shown and "Opening ownergraph…" in shown[0], shown
    assert page.get_by_text("Opening ownergraph…").count() == 0  # gone once drawn


def test_a_click_on_a_node_expands_it(app_url: str, new_page: NewPage) -> None:
    """Clicking Thiel in Fractyl's graph adds him to the link's expanded nodes."""
    page = new_page(1400, 1000)
    page.goto(f"{app_url}/entity?cik=0001572616", wait_until="domcontentloaded")
    # the node's mark, named by its hover text (Vega's aria-label)
    node = page.locator(".st-key-graph path[aria-label*='Node: THIEL PETER;']")
    node.first.wait_for(timeout=60_000)
    _click_centre(page, node.first)
    page.wait_for_url("**expanded=0001211060**", timeout=60_000)


def test_a_click_on_an_edge_middle_shows_its_trades(app_url: str, new_page: NewPage) -> None:
    """Smith's grant (msft_4_2025-09-15_4620c2e9: A, 26,151 shares): its edge's middle opens
    the trades by code and the link to every trade of his."""
    page = new_page(1400, 1000)
    page.goto(f"{app_url}/entity?cik=0000789019", wait_until="domcontentloaded")
    middle = page.locator(".st-key-graph path[aria-label*='Edge: SMITH BRADFORD L → MSFT common;']")
    middle.first.wait_for(state="attached", timeout=60_000)
    _click_centre(page, middle.first)
    page.get_by_text("Every trade of SMITH BRADFORD L").wait_for(timeout=60_000)
    assert page.get_by_text("A · grant or award").count() >= 1
