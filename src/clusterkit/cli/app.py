"""Command signatures: options and help text only; each body lives in a module imported on use."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clusterkit import __version__
from clusterkit.cli import browse_options, history_signature, portfolio_signature, start_options
from clusterkit.cli.common import STATE, run_command
from clusterkit.cli.formats import format_option
from clusterkit.cli.help import HELP_OPTIONS, CleanCommand
from clusterkit.cli.history_signature import HistoryTrend
from clusterkit.cli.options import (
    DEFAULT_FILE,
    Baseline,
    Criteria,
    EvidenceFile,
    Language,
    Level,
    Output,
    ReportOutput,
    SummaryOnly,
    Today,
)
from clusterkit.cli.plan_app import plan_app
from clusterkit.cli.portfolio_signature import BenchmarkFile
from clusterkit.cli.survey_app import survey_app

app = typer.Typer(
    name="clusterkit",
    help="Assess a cluster organisation against cluster-management excellence criteria (ESCA Bronze, Silver, Gold).",
    no_args_is_help=True,
    epilog="Example: clusterkit init && clusterkit assess --level silver",
    # --install-completion and --show-completion for bash, zsh, fish and PowerShell
    add_completion=True,
    context_settings={"help_option_names": HELP_OPTIONS},
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class FailOn(StrEnum):
    MINIMUM = "minimum"
    LEVEL = "level"
    UNKNOWN = "unknown"
    OVERDUE = "overdue"


def _version(value: bool) -> None:
    if value:
        typer.echo(f"clusterkit {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Assess a cluster organisation against cluster-management excellence criteria."""
    STATE["debug"] = debug


start_options.register(app)  # init and interview, first in the list of commands


def _files_to_validate(files: list[Path] | None, criteria: list[str] | None) -> list[Path]:
    """The files given; else ./cluster.yaml, unless only packs were asked for."""
    if files:
        return files
    return [] if criteria else [DEFAULT_FILE]


@app.command(
    cls=CleanCommand,
    short_help="Check evidence files and criteria packs.",
    epilog="Example: clusterkit validate cluster.yaml",
)
def validate(
    files: Annotated[
        list[Path] | None,
        typer.Argument(help="Evidence files; default ./cluster.yaml.", metavar="FILE"),
    ] = None,
    criteria: Criteria = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict", help="A named document that does not exist is an error, not a warning."
        ),
    ] = False,
) -> None:
    """Check evidence files (and packs given with --criteria) and report every error; a document that
    does not exist is a warning at its line (an error with --strict)."""
    from clusterkit.cli import assess_commands

    run_command(
        lambda: assess_commands.validate(
            _files_to_validate(files, criteria), criteria or [], strict
        )
    )


@app.command(
    cls=CleanCommand,
    short_help="Score evidence: verdicts, scores, next steps.",
    epilog="Example: clusterkit assess cluster.yaml --level silver",
)
def assess(
    file: EvidenceFile = DEFAULT_FILE,
    criteria: Criteria = None,
    level: Level = None,
    today: Today = None,
    output_format: Annotated[str, format_option("assess", "table")] = "table",
    output: Output = None,
    baseline: Baseline = None,
) -> None:
    """Score the evidence and print the verdict, scores, minimum requirements and next steps."""
    from clusterkit.cli import assess_commands

    run_command(
        lambda: assess_commands.assess(
            file, criteria or [], level or [], today, output_format, output, baseline
        )
    )


@app.command(
    cls=CleanCommand,
    short_help="Full gap report: Markdown, HTML for the board, or JSON.",
    epilog="Example: clusterkit report cluster.yaml --format html -o report.html",
)
def report(
    file: EvidenceFile = DEFAULT_FILE,
    criteria: Criteria = None,
    level: Level = None,
    today: Today = None,
    output_format: Annotated[str, format_option("report", "md")] = "md",
    output: ReportOutput = None,
    benchmark: BenchmarkFile = None,
    history: HistoryTrend = False,
    summary: SummaryOnly = False,
    lang: Language = None,
    baseline: Baseline = None,
) -> None:
    """Write the full gap report: verdicts, next steps, every indicator with its evidence, gap, fix and the
    basis of its threshold, the service portfolio. Exit 0 even when a level is not reached; 2 on bad input.
    """
    from clusterkit.cli import report_command

    shown = report_command.Presentation(summary=summary, language=lang, history=history)
    run_command(
        lambda: report_command.report(
            file,
            criteria or [],
            level or [],
            today,
            output_format,
            output,
            benchmark,
            shown,
            baseline,
        )
    )


@app.command(
    cls=CleanCommand,
    short_help="CI gate: annotations, JUnit or Markdown; exit 1 on failure.",
    epilog="Example: clusterkit check cluster.yaml --fail-on minimum --format junit -o junit.xml",
)
def check(
    file: EvidenceFile = DEFAULT_FILE,
    criteria: Criteria = None,
    level: Level = None,
    today: Today = None,
    fail_on: Annotated[
        FailOn,
        typer.Option(
            "--fail-on",
            help="minimum: a minimum requirement of the target level is not met; level: a target level is not reached; unknown: level, or any check without evidence; overdue: an item of the plan is past its due date and its check still not met.",
        ),
    ] = FailOn.LEVEL,
    output_format: Annotated[
        str | None,
        format_option("check", None, "Default: github in GitHub Actions, else md."),
    ] = None,
    output: Output = None,
    baseline: Baseline = None,
) -> None:
    """Assess the evidence for CI: report in a CI format and exit 1 when the --fail-on rule fails."""
    from clusterkit.cli import check_command

    run_command(
        lambda: check_command.check(
            file,
            criteria or [],
            level or [],
            today,
            fail_on.value,
            output_format,
            output,
            baseline,
        )
    )


@app.command(
    cls=CleanCommand,
    short_help="Compare two assessments: indicators won and lost.",
    epilog="Example: clusterkit diff --rev main..HEAD cluster.yaml",
)
def diff(
    files: Annotated[
        list[Path] | None,
        typer.Argument(
            help="OLD NEW evidence files; with --rev one FILE (default ./cluster.yaml).",
            metavar="FILE",
        ),
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev",
            metavar="A..B",
            help="Git revisions A..B (A.. means A..HEAD; A alone: A against the working tree).",
        ),
    ] = None,
    criteria: Criteria = None,
    level: Level = None,
    today: Today = None,
    output_format: Annotated[str, format_option("diff", "md")] = "md",
    output: Output = None,
    fail_on_regression: Annotated[
        bool,
        typer.Option("--fail-on-regression", help="Exit 1 when a verdict or a score drops."),
    ] = False,
) -> None:
    """Compare the assessments of two evidence files, or of one file at two git revisions."""
    from clusterkit.cli import diff_command

    run_command(
        lambda: diff_command.diff(
            files or [],
            rev,
            criteria or [],
            level or [],
            today,
            output_format,
            output,
            fail_on_regression,
        )
    )


history_signature.register(app)
portfolio_signature.register(app)


app.add_typer(survey_app, name="survey")
app.add_typer(plan_app, name="plan")
browse_options.register(app)  # schema and criteria list/show, last in the list
