"""Body of `clusterkit check`, the CI entry point: assess, report in a CI format, pick the exit code."""

from __future__ import annotations

import os
from pathlib import Path

import typer

from clusterkit.cli.common import assess_file
from clusterkit.cli.formats import produce
from clusterkit.cli.output import append_text, checked_target, write_output
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
    baseline: str | None = None,
) -> ExitCode:
    """Assess, print the report, append the step summary in GitHub Actions, and exit 1 on failure."""
    assessment = assess_file(file, criteria, levels, today, baseline)
    name = output_format or default_format()
    summary = step_summary_path(file)  # refused before anything is written, like -o
    write_output(produce("check", name, assessment), output, protected=(file,))
    if summary is not None:
        append_step_summary(summary, render(assessment, SUMMARY_FORMAT), file)
    reasons = failures(assessment, fail_on_mode(fail_on))
    for reason in reasons:
        typer.echo(f"clusterkit check: {reason}", err=True)
    verdict = "FAILED" if reasons else "passed"
    typer.echo(
        f"clusterkit check: {verdict} (--fail-on {fail_on}, as of {assessment.assessment_date})",
        err=True,
    )
    return ExitCode.CHECK_FAILED if reasons else ExitCode.OK


def step_summary_path(file: Path) -> Path | None:
    """GITHUB_STEP_SUMMARY, once the output policy allows it (never an input such as the evidence file)."""
    target = os.environ.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    checked_target(Path(target), (file,))
    return Path(target)


def append_step_summary(target: Path, text: str, file: Path) -> None:
    """Append to the step summary GitHub Actions shows; a write error is only a warning there."""
    try:
        append_text(target, text + "\n", (file,))
    except OSError as error:
        typer.echo(f"clusterkit check: warning: cannot write the step summary: {error}", err=True)
