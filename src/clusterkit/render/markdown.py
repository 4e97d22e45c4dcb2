"""The report as GitHub-flavoured Markdown: for a git repository, a pull request or an issue."""

from __future__ import annotations

from clusterkit.render import RenderOptions
from clusterkit.render.benchmark_view import Benchmarked, PeerView, peer_views
from clusterkit.render.templating import environment
from clusterkit.render.view import report_view
from clusterkit.results.assessment import Assessment


def render(assessment: Assessment, options: RenderOptions) -> str:
    """The full gap report in Markdown; every user text escaped, so it shows as written."""
    return _render(assessment, None, options)


def render_benchmarked(item: Benchmarked, options: RenderOptions) -> str:
    """The report with the cluster's area scores beside its peers' distributions, as a table."""
    return _render(item.assessment, peer_views(item), options)


def _render(assessment: Assessment, peers: list[PeerView] | None, options: RenderOptions) -> str:
    template = environment("md", options.language).get_template("report.md.j2")
    return template.render(
        a=assessment, v=report_view(assessment), peers=peers, summary_only=options.summary
    )
