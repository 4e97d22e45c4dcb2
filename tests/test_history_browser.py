"""The history page in a real headless Chromium: no errors, no network, a drawn chart, fits a phone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from clusterkit.render import render
from clusterkit.render.extended import Extended
from clusterkit.results.history import History, build_history, point
from conftest import EXAMPLE_NAMES
from scoring_support import assess_example
from test_report_browser import SVG_SIZES, browser, open_report, requested_urls

pytestmark = pytest.mark.browser
__all__ = ["browser"]  # the fixture, shared with the report's browser tests


@pytest.fixture(scope="module")
def grown() -> History:
    """A history of the three examples as if one cluster had grown through them, a year apart."""
    order = ["hydrogen-start", "agrifood-midlands", "nordic-maritime"]
    assert sorted(order) == sorted(EXAMPLE_NAMES)
    assessed = []
    for year, name in enumerate(order):
        assessment = assess_example(name)
        day = dt.date(2024 + year, 10, 1)
        assessed.append(
            (
                point(assessment, kind="revision", label=f"v{2024 + year}", commit=None, date=day),
                assessment,
            )
        )
    return build_history("cluster.yaml", assessed)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory, grown: History) -> Path:
    target = tmp_path_factory.mktemp("history") / "history.html"
    target.write_text(render(grown, "html", kind="history"), encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def trend_report(tmp_path_factory: pytest.TempPathFactory, grown: History) -> Path:
    """The newest example's report with the trend of that history (`report --history`)."""
    item = Extended(assess_example("nordic-maritime"), history=grown)
    target = tmp_path_factory.mktemp("trend") / "report.html"
    target.write_text(render(item, "html", kind="extended"), encoding="utf-8")
    return target


def test_history_page_loads_without_errors_or_network(browser: Any, page: Path) -> None:
    open_report(browser, page, 1280, 900)
    assert browser.execute_script("return document.readyState") == "complete"
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert requested_urls(browser) == [page.as_uri()]
    assert browser.execute_script("return document.scripts.length") == 0
    charts = browser.execute_script(SVG_SIZES)
    assert charts and all(c["width"] > 100 and c["height"] > 50 and c["title"] for c in charts), (
        charts
    )
    lines = browser.execute_script("return document.querySelectorAll('svg polyline').length")
    assert lines >= 6  # five areas and the score, each through three points


def test_history_page_fits_a_375_px_phone(browser: Any, page: Path) -> None:
    open_report(browser, page, 375, 812, mobile=True)
    widths = browser.execute_script(
        "return [document.documentElement.scrollWidth, window.innerWidth]"
    )
    assert widths[0] <= widths[1] == 375, widths


def test_the_report_s_trend_chart_is_drawn_without_errors_or_network(
    browser: Any, trend_report: Path
) -> None:
    open_report(browser, trend_report, 1280, 900)
    assert [e for e in browser.get_log("browser") if e["level"] == "SEVERE"] == []
    assert requested_urls(browser) == [trend_report.as_uri()]
    box = browser.execute_script(
        "const svg = document.querySelector('#trend svg'); const r = svg.getBoundingClientRect();"
        "return [r.width, r.height, svg.querySelectorAll('polyline').length,"
        " svg.querySelectorAll('circle').length];"
    )
    assert box[0] > 200 and box[1] > 100 and box[2] == 1 and box[3] == 3, box
