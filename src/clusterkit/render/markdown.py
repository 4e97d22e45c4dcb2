"""The report as GitHub-flavoured Markdown: for a git repository, a pull request or an issue."""

from __future__ import annotations

from clusterkit.render import RenderOptions
from clusterkit.render.templating import environment
from clusterkit.render.view import report_view
from clusterkit.results.assessment import Assessment


def render(assessment: Assessment, options: RenderOptions) -> str:
    """The full gap report in Markdown; every user text escaped, so it shows as written."""
    template = environment("md", options.language).get_template("report.md.j2")
    return template.render(a=assessment, v=report_view(assessment), summary_only=options.summary)
