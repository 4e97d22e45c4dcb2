"""The portfolio overview and the benchmarked report in a real headless Chromium: no errors, no network,
charts drawn and non-empty, fits a phone. Skips without a browser, fails under CI=true (see chromium.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from test_portfolio import run_cli
from test_report_browser import SVG_SIZES, browser, open_report, requested_urls

sys.path.insert(0, str(ROOT / "scripts"))
from portfolio_corpus import generate

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, shared with the report's browser tests


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("portfolio-pages")
    generate(folder / "corpus", 30)
    overview, bench = folder / "portfolio.html", folder / "bench.json"
    done = run_cli(
        "portfolio", folder / "corpus", "-f", "html", "-o", overview, "--benchmark-out", bench
    )
    assert done.code == 0, done
    report = folder / "report.html"
    evidence = EXAMPLES / "agrifood-midlands" / "cluster.yaml"
    done = run_cli("report", evidence, "-f", "html", "-o", report, "--benchmark", bench)
    assert done.code == 0, done
    return {"overview": overview, "report": report}


def charts(driver: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = driver.execute_script(SVG_SIZES)
    return found


@pytest.mark.parametrize("page", ["overview", "report"])
def test_page_loads_without_errors_or_network(
    browser: Any, pages: dict[str, Path], page: str
) -> None:
    open_report(browser, pages[page], 1280, 900)
    assert browser.execute_script("return document.readyState") == "complete"
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert requested_urls(browser) == [pages[page].as_uri()]
    assert browser.execute_script("return document.scripts.length") == 0


def test_overview_charts_are_drawn_and_not_empty(browser: Any, pages: dict[str, Path]) -> None:
    open_report(browser, pages["overview"], 1280, 900)
    drawn = charts(browser)
    assert [c["title"].split(",")[0] for c in drawn] == [
        "Clusters per highest level reached",
        "Distribution of scores per area",
        "Status of every indicator per cluster",
    ]
    for chart in drawn:
        assert chart["width"] > 100 and chart["height"] > 50, chart
        assert chart["role"] == "img" and chart["title"], chart
    marks = browser.execute_script(
        "return ['#tiers-esca-gold .bar', '#boxes-esca-gold .box', '#heat-esca-gold rect.hm-met']"
        ".map(s => document.querySelectorAll(s.replace(/^#(\\S+)/, 'svg[aria-labelledby=\"$1-title\"]')).length)"
    )
    assert marks[0] >= 2 and marks[1] >= 6 and marks[2] > 30, marks


def test_report_radar_is_drawn_with_three_shapes(browser: Any, pages: dict[str, Path]) -> None:
    open_report(browser, pages["report"], 1280, 900)
    radar = [
        c for c in charts(browser) if c["title"].startswith("Area scores against the peer median")
    ]
    assert len(radar) == 1 and radar[0]["width"] > 300 and radar[0]["height"] > 200, radar
    shapes = browser.execute_script(
        "const svg = document.querySelector('#peers svg');"
        "return ['radar-cluster', 'radar-peers', 'radar-line'].map(c => {"
        "  const box = svg.querySelector('.' + c).getBoundingClientRect(); return box.width * box.height; });"
    )
    assert all(area > 100 for area in shapes), shapes


@pytest.mark.parametrize("page", ["overview", "report"])
def test_page_fits_a_375_px_phone(browser: Any, pages: dict[str, Path], page: str) -> None:
    open_report(browser, pages[page], 375, 812, mobile=True)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth, document.body.scrollWidth]"
    )
    assert widths[1] == 375 and widths[0] <= 375 and widths[2] <= 375, widths
    assert all(0 < chart["width"] <= 375 for chart in charts(browser))
