"""Body of `clusterkit report`: the full gap report as Markdown, self-contained HTML or JSON."""

from __future__ import annotations

from pathlib import Path

import typer

from clusterkit.cli.common import parse_date, write_output
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
    from clusterkit.pipeline import load_evidence, run

    date = parse_date(today)
    loaded = load_evidence(file, str(file))
    assessment = run(loaded, criteria=criteria, levels=levels, today=date)
    if assessment.date_source == "clock":
        typer.echo(
            f"note: assessed as of {assessment.assessment_date} (today); pass --today "
            f"{assessment.assessment_date} or set assessment_date in the file to repeat this run",
            err=True,
        )
    target = output or default_output(file, output_format)
    write_output(render(assessment, output_format), target, protected=(file,))
    if target is not None:
        typer.echo(f"wrote {output_format} report to {target}", err=True)
    return ExitCode.OK
