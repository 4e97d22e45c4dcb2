"""The report as GitHub-flavoured Markdown: for a git repository, a pull request or an issue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from clusterkit.render import RenderOptions
from clusterkit.render.extended import Extended, TrendView
from clusterkit.render.templating import environment
from clusterkit.render.view import report_view
from clusterkit.results.assessment import Assessment

if TYPE_CHECKING:
    from clusterkit.render.benchmark_view import PeerView


def render(assessment: Assessment, options: RenderOptions) -> str:
    """The full gap report in Markdown; every user text escaped, so it shows as written."""
    return _render(Extended(assessment), options)


def render_extended(item: Extended, options: RenderOptions) -> str:
    """The report with its peers (a table of area scores beside the peers' distributions) and its
    trend (a table of the score at each point), as far as the item has them."""
    return _render(item, options)


def _render(item: Extended, options: RenderOptions) -> str:
    template = environment("md", options.language).get_template("report.md.j2")
    peers: list[PeerView] | None = item.peers()
    trend: list[TrendView] | None = item.trend()
    return template.render(
        a=item.assessment,
        v=report_view(item.assessment),
        peers=peers,
        trend=trend,
        summary_only=options.summary,
    )
