"""Screenshots of the starter dashboard with Playwright driving Debian's Chromium.

Logs in, opens the dashboard, waits until every chart has drawn its data (fails on a chart
showing an error or "No results"), then writes docs/bi/dashboard.png and one PNG per chart
(docs/bi/chart-<n>.png, in dashboard order). Needs a running, provisioned Superset
(scripts/bi.sh screenshots sees to that).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from provision import CHARTS, DASHBOARD_SLUG  # noqa: E402

URL = os.environ.get("SUPERSET_URL", "http://127.0.0.1:8088").rstrip("/")
# docs/bi unless BI_SCREENSHOTS_DIR says otherwise (the test writes into its own folder)
OUT = Path(os.environ.get("BI_SCREENSHOTS_DIR") or Path(__file__).resolve().parent.parent / "docs" / "bi")
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
CHART = ".dashboard-component-chart-holder"
BAD_TEXT = ("No results", "Unexpected error", "error occurred", "Data error", "Error:")


def wait_for_charts(page) -> None:
    """Until every chart holder has stopped loading and shows a drawing or a message."""
    page.wait_for_function(
        """([sel, n, bad]) => { const hs = [...document.querySelectorAll(sel)];
            return hs.length === n && hs.every(h => !h.querySelector('[aria-label="Loading"], .loading')
                && (h.querySelector('canvas, .header-line') || bad.some(b => h.innerText.includes(b)))); }""",
        arg=[CHART, len(CHARTS), list(BAD_TEXT)], timeout=90_000)
    page.wait_for_timeout(1500)  # ECharts' entry animation


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        page = browser.new_page(viewport={"width": 1600, "height": 1200}, locale="zh-CN")
        # nothing but this Superset: no fonts, pixels or map tiles from elsewhere
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(URL)
                   else route.abort())
        page.goto(f"{URL}/login/")
        page.fill("input#username, input[name=username]", os.environ.get("SUPERSET_ADMIN_USER", "admin"))
        page.fill("input#password, input[name=password]", os.environ.get("SUPERSET_ADMIN_PASSWORD", "admin"))
        page.keyboard.press("Enter")
        page.wait_for_url(lambda url: "/login" not in url, timeout=30_000)

        page.goto(f"{URL}/superset/dashboard/{DASHBOARD_SLUG}/?standalone=1")
        wait_for_charts(page)
        page.screenshot(path=OUT / "dashboard.png", full_page=True)  # first: element shots scroll
        # the full-page shot resizes the page and Superset may draw its charts again
        wait_for_charts(page)
        holders = page.locator(CHART)
        if holders.count() != len(CHARTS):
            sys.exit(f"screenshots: {holders.count()} charts on the page, {len(CHARTS)} expected")
        problems = []
        for n in range(holders.count()):
            text = holders.nth(n).inner_text()
            if any(bad in text for bad in BAD_TEXT):
                problems.append(f"chart {n + 1}: {text.strip()[:200]!r}")
            holders.nth(n).screenshot(path=OUT / f"chart-{n + 1}.png")
        browser.close()
    if problems:
        sys.exit("screenshots: charts without data:\n  " + "\n  ".join(problems))
    print(f"screenshots: {OUT / 'dashboard.png'} and {len(CHARTS)} charts")


if __name__ == "__main__":
    main()
