"""Body of `clusterkit check`, the CI entry point: assess, report in a CI format, pick the exit code."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from clusterkit.cli.common import assess_file, write_output
from clusterkit.cli.formats import produce
from clusterkit.errors import ExitCode
from clusterkit.render import render
from clusterkit.scoring.verdict import fail_on_mode, failures

SUMMARY_FORMAT = "summary"


def default_format() -> str:
    """``github`` inside GitHub Actions, else ``md``."""
    return "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "md"


def check(
    file: Path,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    fail_on: str,
    output_format: str | None,
    output: Path | None,
) -> ExitCode:
    """Assess, print the report, append the step summary in GitHub Actions, and exit 1 on failure."""
    assessment = assess_file(file, criteria, levels, today)
    name = output_format or default_format()
    write_output(produce("check", name, assessment), output, protected=(file,))
    append_step_summary(render(assessment, SUMMARY_FORMAT))
    reasons = failures(assessment, fail_on_mode(fail_on))
    for reason in reasons:
        typer.echo(f"clusterkit check: {reason}", err=True)
    verdict = "FAILED" if reasons else "passed"
    typer.echo(
        f"clusterkit check: {verdict} (--fail-on {fail_on}, as of {assessment.assessment_date})",
        err=True,
    )
    return ExitCode.CHECK_FAILED if reasons else ExitCode.OK


def append_step_summary(text: str) -> None:
    """Append to the file GitHub Actions names in GITHUB_STEP_SUMMARY; a write error is only a warning."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return
    try:
        with Path(target).open("a", encoding="utf-8", newline="\n") as stream:
            stream.write(text + "\n")
    except OSError as error:
        typer.echo(f"clusterkit check: warning: cannot write the step summary: {error}", err=True)
