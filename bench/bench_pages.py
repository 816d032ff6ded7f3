"""Benchmark of every explorer page in a real headless Chromium (not a test).

Usage: python -m bench.bench_pages --url http://127.0.0.1:8501 [--cik 0001318605] [--rounds 3]
Drives Debian's chromium (/usr/bin/chromium) with Playwright against a running explorer (e.g.
``ownergraph demo --app-port 8501``). Each page opens in a fresh browser context; a page counts
as rendered when its own element is visible (metric, chart, table, title) and Streamlit's
"running" indicator is gone. The first round is cold (caches empty), later rounds are warm;
it prints per-page times and the worst warm time against the 1.5 s target.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from playwright.sync_api import Browser, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeout

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
TARGET = 1.5  # seconds after navigation, warm
TESLA = "0001318605"
RUNNING = '[data-testid="stStatusWidget"]'


def pages(cik: str) -> dict[str, tuple[str, str]]:
    """name: (path and query, the element that shows the page is there)."""
    nodes = ".st-key-graph g.layer_2_marks path"  # the entity graph's nodes, drawn
    table = '[data-testid="stDataFrame"]'
    return {
        "home": ("/", '[data-testid="stMetric"]'),
        "search": ("/search?q=tesla", '[data-testid="stPageLink"]'),
        "entity": (f"/entity?cik={cik}", nodes),
        "holdings": (f"/holdings?cik={cik}", table),
        "transactions": (f"/transactions?cik={cik}", table),
        "connections": (f"/connections?cik={cik}", '[data-testid="stTabs"]'),
        "screens": ("/screens?screen=sales", '[data-testid="stMain"] h1'),
        "console": ("/console", '[data-testid="stMain"] h1'),
    }


def time_page(browser: Browser, url: str, selector: str, timeout: float) -> float:
    """Seconds from navigation until the page's element is visible and the run has ended."""
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    page = context.new_page()
    try:
        started = time.perf_counter()
        page.goto(url, wait_until="commit", timeout=timeout * 1000)
        page.wait_for_selector(selector, state="visible", timeout=timeout * 1000)
        page.wait_for_selector(RUNNING, state="detached", timeout=timeout * 1000)
        return time.perf_counter() - started
    finally:
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--url", required=True, help="the running explorer, e.g. http://127.0.0.1:8501"
    )
    parser.add_argument("--cik", default=TESLA, help="the entity of the entity pages (Tesla)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the first is cold")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds a page may take")
    args = parser.parse_args(argv)
    base = args.url.rstrip("/")
    times: dict[str, list[float]] = {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for _ in range(max(1, args.rounds)):
                for name, (path, selector) in pages(args.cik).items():
                    try:
                        seconds = time_page(browser, base + path, selector, args.timeout)
                    except PlaywrightTimeout:
                        print(f"{name}: no {selector} within {args.timeout:g} s", file=sys.stderr)
                        seconds = float("inf")
                    times.setdefault(name, []).append(seconds)
        finally:
            browser.close()
    print(f"{'page':<14}{'cold s':>8}{'warm s (median)':>18}{'warm max':>10}")
    worst = 0.0
    for name, found in times.items():
        warm = found[1:] or found
        worst = max(worst, max(warm))
        print(f"{name:<14}{found[0]:>8.2f}{statistics.median(warm):>18.2f}{max(warm):>10.2f}")
    verdict = "meets" if worst <= TARGET else "misses"
    print(f"worst warm page {worst:.2f} s: {verdict} the {TARGET} s target")
    return 0 if worst <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
