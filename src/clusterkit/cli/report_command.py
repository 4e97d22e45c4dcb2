"""Body of `clusterkit report`: the full gap report as Markdown, self-contained HTML or JSON."""

from __future__ import annotations

from pathlib import Path

import typer

from clusterkit.cli.common import assess_file, write_output
from clusterkit.errors import ExitCode
from clusterkit.render import render

HTML_NAME = "report.html"


def default_output(file: Path, output_format: str) -> Path | None:
    """Where a report goes without -o: HTML beside the evidence file (a browser opens a file, not a
    stream); Markdown and JSON to stdout, for a pipe or a redirect."""
    return file.parent / HTML_NAME if output_format == "html" else None


def report(
    file: Path,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    output_format: str,
    output: Path | None,
) -> ExitCode:
    """Assess one evidence file and write its report; a report is not a gate, so exit 0 either way."""
    assessment = assess_file(file, criteria, levels, today)
    target = output or default_output(file, output_format)
    write_output(render(assessment, output_format), target, protected=(file,))
    if target is not None:
        typer.echo(f"wrote {output_format} report to {target}", err=True)
    return ExitCode.OK
