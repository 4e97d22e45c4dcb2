"""Signatures of `clusterkit survey import` and `survey template`: options and help text only."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from clusterkit.cli.common import run_command
from clusterkit.cli.help import CleanCommand
from clusterkit.cli.options import DEFAULT_FILE, Criteria, EvidenceFile, Output

survey_app = typer.Typer(
    help="Member surveys: import an export's figures, write the questionnaire.",
    epilog="Example: clusterkit survey template > survey.md",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class TemplateFormat(StrEnum):
    MD = "md"
    CSV = "csv"


@survey_app.command(
    "import",
    cls=CleanCommand,
    short_help="Summarise a survey export into satisfaction_surveys.",
    epilog="Example: clusterkit survey import answers.csv --invited 86 --into cluster.yaml",
)
def survey_import(
    results: Annotated[
        Path, typer.Argument(help="The survey export (CSV).", metavar="RESULTS.csv")
    ],
    mapping: Annotated[
        Path | None,
        typer.Option(
            "--map",
            metavar="MAPPING.yaml",
            help="Which column answers which question; default: the column names `survey template` writes.",
        ),
    ] = None,
    into: Annotated[
        Path | None,
        typer.Option(
            "--into",
            metavar="FILE",
            help="Write the summary into this evidence file (its other lines kept); default: print it.",
        ),
    ] = None,
    date: Annotated[
        str | None,
        typer.Option(
            "--date",
            metavar="YYYY-MM-DD",
            help="When the survey closed; default: the latest date in the submitted column.",
        ),
    ] = None,
    invited: Annotated[
        int | None,
        typer.Option("--invited", metavar="N", help="Members invited to answer (response rate)."),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today", metavar="YYYY-MM-DD", help="The import date recorded; default: today."
        ),
    ] = None,
    criteria: Criteria = None,
    output: Output = None,
) -> None:
    """Read a member-survey export (CSV, `,` or `;`, UTF-8 with or without BOM) and write its summary:
    respondents, response rate, share satisfied, willingness to pay, per-service ratings. Free-text
    answers are never read or copied."""
    from clusterkit.cli import survey_command

    run_command(
        lambda: survey_command.import_results(
            results, mapping, into, date, invited, today, criteria or [], output
        )
    )


@survey_app.command(
    "template",
    cls=CleanCommand,
    short_help="Write the survey questionnaire or its CSV header.",
    epilog="Example: clusterkit survey template cluster.yaml --format csv -o answers.csv",
)
def survey_template(
    file: EvidenceFile = DEFAULT_FILE,
    output_format: Annotated[
        TemplateFormat,
        typer.Option("--format", "-f", help="md: the questionnaire; csv: the header row."),
    ] = TemplateFormat.MD,
    output: Output = None,
) -> None:
    """Write a member-survey questionnaire for the services of an evidence file, with the column names
    `survey import` reads without a mapping file."""
    from clusterkit.cli import survey_command

    run_command(lambda: survey_command.template(file, output_format.value, output))
