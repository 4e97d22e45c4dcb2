"""The report as one self-contained HTML file: inline CSS and SVG charts, no script, no outside request."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clusterkit.render import RenderOptions
from clusterkit.render.charts import area_bars, class_colours, portfolio_matrix, score_bars
from clusterkit.render.extended import Extended, TrendView
from clusterkit.render.templating import environment
from clusterkit.render.view import report_view
from clusterkit.results.assessment import Assessment

if TYPE_CHECKING:
    from clusterkit.render.benchmark_view import PeerView


def render(assessment: Assessment, options: RenderOptions) -> str:
    """The full gap report as HTML, autoescaped, for a browser, a board pack or print to PDF."""
    return _render(Extended(assessment), options)


def render_extended(item: Extended, options: RenderOptions) -> str:
    """The report with its peers (radar charts) and its trend (a small chart of the score over
    time), as far as the item has them."""
    return _render(item, options)


def _render(item: Extended, options: RenderOptions) -> str:
    template = environment("html", options.language).get_template("report.html.j2")
    peers: list[PeerView] | None = item.peers()
    trend: list[TrendView] | None = item.trend()
    return template.render(
        a=item.assessment,
        peers=peers,
        trend=trend,
        v=report_view(item.assessment),
        summary_only=options.summary,
        area_bars=area_bars,
        score_bars=score_bars,
        portfolio_matrix=portfolio_matrix,
        class_colours=class_colours,
    )
