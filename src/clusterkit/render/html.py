"""The report as one self-contained HTML file: inline CSS and SVG charts, no script, no outside request."""

from __future__ import annotations

from clusterkit.render import RenderOptions
from clusterkit.render.benchmark_view import Benchmarked, PeerView, peer_views
from clusterkit.render.charts import area_bars, class_colours, portfolio_matrix, score_bars
from clusterkit.render.templating import environment
from clusterkit.render.view import report_view
from clusterkit.results.assessment import Assessment


def render(assessment: Assessment, options: RenderOptions) -> str:
    """The full gap report as HTML, autoescaped, for a browser, a board pack or print to PDF."""
    return _render(assessment, None, options)


def render_benchmarked(item: Benchmarked, options: RenderOptions) -> str:
    """The report with a section of radar charts: the cluster against its peers."""
    return _render(item.assessment, peer_views(item), options)


def _render(assessment: Assessment, peers: list[PeerView] | None, options: RenderOptions) -> str:
    template = environment("html", options.language).get_template("report.html.j2")
    return template.render(
        a=assessment,
        peers=peers,
        v=report_view(assessment),
        summary_only=options.summary,
        area_bars=area_bars,
        score_bars=score_bars,
        portfolio_matrix=portfolio_matrix,
        class_colours=class_colours,
    )
