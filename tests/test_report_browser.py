"""The HTML reports in a real headless Chromium: no errors, no network, charts drawn, fits a phone.

Needs Debian's chromium and chromium-driver and selenium; skips without them, fails under CI=true.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from clusterkit.render import render
from conftest import EXAMPLE_NAMES, ROOT
from scoring_support import assess_example

sys.path.insert(0, str(ROOT / "scripts"))
import chromium

pytestmark = pytest.mark.browser

SVG_SIZES = """return Array.from(document.querySelectorAll('svg')).map(svg => {
  const box = svg.getBoundingClientRect();
  return {width: box.width, height: box.height, role: svg.getAttribute('role'),
          title: svg.querySelector('title') ? svg.querySelector('title').textContent : ''};
});"""


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    reason = chromium.missing()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"the browser tests must run in CI: {reason}")
        pytest.skip(f"no headless Chromium here: {reason}")
    with chromium.chromium(tmp_path_factory.mktemp("chromium-profile")) as driver:
        yield driver


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("reports")
    written = {}
    for name in EXAMPLE_NAMES:
        written[name] = folder / f"{name}.html"
        written[name].write_text(render(assess_example(name), "html"), encoding="utf-8")
    return written


def open_report(driver: Any, path: Path, width: int, height: int, *, mobile: bool = False) -> None:
    driver.get_log("browser")
    driver.get_log("performance")
    chromium.set_viewport(driver, width, height, mobile=mobile)
    driver.get(path.as_uri())


def requested_urls(driver: Any) -> list[str]:
    """Every URL the page asked the network stack for, from the DevTools performance log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            url = message["params"]["request"]["url"]
            # Chromium's own chrome:// resources and data: URLs of its internal pages (loaded at times
            # on a busy machine) never leave the browser; anything else would be the page's doing.
            if not url.startswith(("chrome://", "data:")):
                urls.append(url)
    return urls


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_report_loads_without_errors_or_network(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    open_report(browser, reports[name], 1280, 900)
    assert browser.execute_script("return document.readyState") == "complete"
    severe = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert requested_urls(browser) == [reports[name].as_uri()]
    assert browser.execute_script("return document.scripts.length") == 0


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_charts_render_with_a_size_and_a_title(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    open_report(browser, reports[name], 1280, 900)
    charts = browser.execute_script(SVG_SIZES)
    assessment = assess_example(name)
    portfolio = assessment.portfolio
    placed = portfolio is not None and any(s.assessed for s in portfolio.services)
    assert len(charts) == sum(1 for p in assessment.packs if p.areas) + placed
    for chart in charts:
        assert chart["width"] > 100 and chart["height"] > 50, chart
        assert chart["role"] == "img" and chart["title"], chart


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_report_fits_a_375_px_phone(browser: Any, reports: dict[str, Path], name: str) -> None:
    open_report(browser, reports[name], 375, 812, mobile=True)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
    )
    assert widths[1] == 375
    assert widths[0] <= widths[1] and widths[2] <= widths[1], widths
    charts = browser.execute_script(SVG_SIZES)
    assert all(0 < chart["width"] <= 375 for chart in charts), charts


# The size each chart text is drawn at on screen: its font size scaled by the SVG's viewBox.
CHART_TEXT_PX = """return Array.from(document.querySelectorAll('svg text')).map(text => {
  const scale = text.ownerSVGElement.getScreenCTM().a;
  return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale};
});"""
SMALLEST_TEXT_PX = 11


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_chart_text_is_readable_at_375_px(
    browser: Any, reports: dict[str, Path], name: str
) -> None:
    open_report(browser, reports[name], 375, 812, mobile=True)
    texts = browser.execute_script(CHART_TEXT_PX)
    assert texts, "the report has charts with text"
    small = [t for t in texts if t["px"] < SMALLEST_TEXT_PX]
    assert not small, small


def test_print_layout_is_a4_on_white(browser: Any, reports: dict[str, Path]) -> None:
    open_report(browser, reports[EXAMPLE_NAMES[0]], 1280, 900)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        background = browser.execute_script(
            "return getComputedStyle(document.body).backgroundColor"
        )
        breaks = browser.execute_script(
            "return getComputedStyle(document.querySelector('.area')).breakBefore"
        )
        pdf = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert background in ("rgb(255, 255, 255)", "rgba(0, 0, 0, 0)")
    assert breaks == "page"
    assert len(pdf["data"]) > 1000


@pytest.mark.parametrize("name", EXAMPLE_NAMES)
def test_the_summary_prints_on_at_most_two_a4_pages(
    browser: Any, tmp_path: Path, name: str
) -> None:
    """Printed from Chromium too, not only laid out by WeasyPrint (test_report_pdf.py)."""
    import base64
    import io

    pypdf = pytest.importorskip("pypdf")
    from clusterkit.render import RenderOptions

    page = tmp_path / f"{name}-summary.html"
    page.write_text(
        render(assess_example(name), "html", RenderOptions(summary=True)), encoding="utf-8"
    )
    open_report(browser, page, 1280, 900)
    printed = browser.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})
    pages = len(pypdf.PdfReader(io.BytesIO(base64.b64decode(printed["data"]))).pages)
    assert 1 <= pages <= 2, pages
