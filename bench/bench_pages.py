"""Benchmark of every explorer page in a real headless Chromium (not a test).

Usage: python -m bench.bench_pages --url http://127.0.0.1:8501 [--cik 0001318605] [--query tesla]
[--rounds 3] [--pages transactions,entity]
Drives Debian's chromium (/usr/bin/chromium) with Playwright against a running explorer (e.g.
``ownergraph demo --app-port 8501``). Each page opens in a fresh browser context; a page counts
as rendered when its own element is visible (metric, chart, table, title) and Streamlit's
"running" indicator is gone. The first round is cold (caches empty), later rounds are warm;
it prints per-page times and the worst warm time against the 1.5 s target. With
``--one-context`` every page opens in one context, so the browser's cache is warm too; with
``--in-app`` the app loads once and each page is reached by its sidebar link (the entity
kept), timed until its title is drawn and the run has ended. ``--floor`` also serves an empty
Streamlit page (bench/pages/floor_page.py) on a free port and times it alongside ("floor"). Each
fresh-tab row also counts the late chunks: front-end code fetched that the page's HTML did not
name, after the websocket delivered the page's elements, and the median phases of the warm
rounds (bench/pages/phases.py): boot, wait, run, draw, and the kilobytes the websocket carried.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bench.pages.phases import PHASES, Phases, Watch, median_phases
from bench.support import free_port

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
TARGET = 1.5  # seconds after navigation, warm
TESLA = "0001318605"
RUNNING = '[data-testid="stStatusWidget"]'
NAMED = re.compile(r"static/js/([^\"']+\.js)")  # a chunk the served HTML names
FLOOR = Path(__file__).with_name("pages") / "floor_page.py"


def pages(cik: str, query: str = "tesla") -> dict[str, tuple[str, str]]:
    """name: (path and query, the element that shows the page is there)."""
    nodes = ".st-key-graph g.layer_2_marks path"  # the entity graph's nodes, drawn
    table = '[data-testid="stDataFrame"]'
    return {
        "home": ("/", '[data-testid="stMetric"]'),
        "search": (f"/search?q={quote(query)}", '[data-testid="stPageLink"]'),
        "entity": (f"/entity?cik={cik}", nodes),
        "holdings": (f"/holdings?cik={cik}", table),
        "transactions": (f"/transactions?cik={cik}", table),
        "connections": (f"/connections?cik={cik}", '[data-testid="stTabs"]'),
        "screens": ("/screens?screen=sales", '[data-testid="stMain"] h1'),
        "console": ("/console", '[data-testid="stMain"] h1'),
    }


def time_page(
    browser: Browser, url: str, selector: str, timeout: float, context: BrowserContext | None
) -> tuple[float, int, Phases | None]:
    """Seconds from navigation until the page's element is visible and the run has ended, the
    number of late chunks and the phases: in a fresh browser context, or in ``context`` (its
    cache warm, as a person's browser is)."""
    own = context is None
    used = browser.new_context(viewport={"width": 1440, "height": 900}) if own else context
    assert used is not None
    page = used.new_page()
    fetched: set[str] = set()
    page.on("request", lambda r: fetched.add(r.url.split("?")[0].rsplit("/", 1)[1]))
    watch = Watch()
    watch.attach(page)
    try:
        started = watch.started = time.perf_counter()
        served = page.goto(url, wait_until="commit", timeout=timeout * 1000)
        page.wait_for_selector(selector, state="visible", timeout=timeout * 1000)
        page.wait_for_selector(RUNNING, state="detached", timeout=timeout * 1000)
        ended = time.perf_counter()
        named = set(NAMED.findall(served.text())) if served else set()
        late = len({f for f in fetched if f.endswith(".js")} - named)
        return ended - started, late, watch.phases(ended)
    finally:
        page.close()
        if own:
            used.close()


@contextmanager
def floor_app(timeout: float) -> Iterator[str]:
    """An empty Streamlit page (bench/pages/floor_page.py) on a free port, run as the explorer."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(FLOOR), "--server.port", str(port)]
    command += ["--server.address", "127.0.0.1", "--server.headless", "true"]
    command += ["--browser.gatherUsageStats", "false", "--client.toolbarMode", "minimal"]
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    raise SystemExit("the floor page did not start") from None
                time.sleep(0.3)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


# In-app navigation: the sidebar link of each page and how its title starts (the entity's
# own title is whatever the others' are not).
NAV = {
    "home": ("Home", "ownergraph"),
    "search": ("Search", "Search"),
    "holdings": ("Who holds what", "Who holds what"),
    "transactions": ("Transactions", "Transactions"),
    "connections": ("Connections", "Connections"),
    "screens": ("Screens", "Screens"),
    "console": ("Cypher console", "Cypher console"),
    "entity": ("Entity view", ""),
}
DRAWN = ("home", "entity", "holdings", "transactions")  # pages whose element needs no query
_TITLE_IS = """([wanted, others]) => {
  const h = document.querySelector('[data-testid="stMain"] h1');
  const text = h ? h.textContent : '';
  return wanted ? text.startsWith(wanted) : text && !others.some(o => text.startsWith(o));
}"""


def time_click(page: Page, name: str, timeout: float) -> float:
    """Seconds from a click on the page's sidebar link until its title is drawn, the run has
    ended and its element (DRAWN) is visible (the app stays loaded, as when a person moves
    between pages)."""
    label, title = NAV[name]
    others = [t for _, t in NAV.values() if t]
    started = time.perf_counter()
    page.locator('[data-testid="stSidebarNav"] a', has_text=label).first.click()
    page.wait_for_function(_TITLE_IS, arg=[title, others], timeout=timeout * 1000)
    page.wait_for_selector(RUNNING, state="detached", timeout=timeout * 1000)
    if name in DRAWN:  # and its chart, grid or figures drawn
        page.wait_for_selector(pages("")[name][1], state="visible", timeout=timeout * 1000)
    return time.perf_counter() - started


def in_app(
    browser: Browser, base: str, cik: str, rounds: int, timeout: float, only: list[str]
) -> dict:
    """Per page, the seconds of each in-app visit (the entity opened once by its link); with
    one page only, each visit comes from the entity view (reached untimed in between)."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    page.goto(f"{base}/entity?cik={cik}", timeout=timeout * 1000)
    page.wait_for_selector(pages(cik)["entity"][1], state="visible", timeout=timeout * 1000)
    times: dict[str, list[float]] = {}
    for _ in range(max(1, rounds)):
        for name in only or NAV:
            times.setdefault(name, []).append(time_click(page, name, timeout))
            if len(only) == 1 and name != "entity":
                time_click(page, "entity", timeout)
    context.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", required=True, help="the running explorer, e.g. http://127.0.0.1:8501"
    )
    parser.add_argument("--cik", default=TESLA, help="the entity of the entity pages (Tesla)")
    parser.add_argument("--query", default="tesla", help="what the search page looks for")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the first is cold")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a page may take")
    parser.add_argument(
        "--one-context",
        action="store_true",
        help="every page in one browser context (its cache warm) instead of a fresh one each",
    )
    parser.add_argument(
        "--in-app",
        action="store_true",
        help="move between pages with the sidebar links, the app loaded once",
    )
    parser.add_argument(
        "--floor",
        action="store_true",
        help="also time an empty Streamlit page (bench/pages/floor_page.py) the same way",
    )
    parser.add_argument(
        "--pages", default="", help="time only these pages, e.g. transactions,entity"
    )
    args = parser.parse_args(argv)
    only = [p for p in args.pages.split(",") if p]
    if any(p not in NAV for p in only):
        parser.error(f"--pages: choose among {', '.join(NAV)}")
    base = args.url.rstrip("/")
    times: dict[str, list[float]] = {}
    late: dict[str, list[int]] = {}
    phases: dict[str, list[Phases]] = {}
    with sync_playwright() as pw, _maybe_floor(args.floor, args.timeout) as floor:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        shared = browser.new_context(viewport={"width": 1440, "height": 900})
        context = shared if args.one_context else None
        named = pages(args.cik, args.query)
        targets = {
            name: (base + path, sel)
            for name, (path, sel) in named.items()
            if not only or name in only
        }
        if floor:
            targets["floor"] = (floor + "/", '[data-testid="stMain"] h1')
        try:
            if args.in_app:
                times = in_app(browser, base, args.cik, args.rounds, args.timeout, only)
            for _ in range(0 if args.in_app else max(1, args.rounds)):
                for name, (url, selector) in targets.items():
                    try:
                        seconds, chunks, phase = time_page(
                            browser, url, selector, args.timeout, context
                        )
                    except PlaywrightTimeout:
                        print(f"{name}: no {selector} within {args.timeout:g} s", file=sys.stderr)
                        seconds, chunks, phase = float("inf"), -1, None
                    times.setdefault(name, []).append(seconds)
                    late.setdefault(name, []).append(chunks)
                    if phase:
                        phases.setdefault(name, []).append(phase)
        finally:
            browser.close()
    return _report(times, late, phases)


@contextmanager
def _maybe_floor(wanted: bool, timeout: float) -> Iterator[str | None]:
    if not wanted:
        yield None
        return
    with floor_app(timeout) as url:
        yield url


def _report(
    times: dict[str, list[float]], late: dict[str, list[int]], phases: dict[str, list[Phases]]
) -> int:
    """Print the table (late chunks: the most of any round; phases: warm medians) and the
    verdict; 0 if met."""
    head = f"{'page':<14}{'cold s':>8}{'warm s (median)':>18}{'warm max':>10}{'late chunks':>13}"
    print(head + ("".join(f"{p:>7}" for p in (*PHASES, "kB")) if phases else ""))
    worst = 0.0
    for name, found in times.items():
        warm = found[1:] or found
        if name != "floor":
            worst = max(worst, max(warm))
        chunks = str(max(late[name])) if name in late else "-"
        line = (
            f"{name:<14}{found[0]:>8.2f}{statistics.median(warm):>18.2f}{max(warm):>10.2f}"
            f"{chunks:>13}"
        )
        seen = phases.get(name, [])
        if seen:
            m = median_phases(seen[1:] or seen)
            line += f"{m.boot:>7.2f}{m.wait:>7.2f}{m.run:>7.2f}{m.draw:>7.2f}{m.kilobytes:>7.0f}"
        print(line)
    verdict = "meets" if worst <= TARGET else "misses"
    print(f"worst warm page {worst:.2f} s: {verdict} the {TARGET} s target")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
