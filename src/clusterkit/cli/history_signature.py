"""Signature of `clusterkit history` (app.py registers it; the body lives in history_command)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clusterkit.cli.common import run_command
from clusterkit.cli.formats import format_option
from clusterkit.cli.help import CleanCommand
from clusterkit.cli.options import DEFAULT_FILE, Criteria, EvidenceFile, Level, Output, Today

HistoryTrend = Annotated[
    bool,
    typer.Option(
        "--history",
        help="Add the trend: the score at each commit that changed the evidence file (md, html, pdf).",
    ),
]


def history(
    file: EvidenceFile = DEFAULT_FILE,
    rev: Annotated[
        str | None,
        typer.Option("--rev", metavar="A..B", help="Only the commits in this range."),
    ] = None,
    tags: Annotated[
        bool, typer.Option("--tags", help="The tagged commits instead of every commit.")
    ] = False,
    every: Annotated[
        int, typer.Option("--every", metavar="N", help="Every Nth commit (and the newest).")
    ] = 1,
    snapshot: Annotated[
        list[Path] | None,
        typer.Option(
            "--snapshot",
            metavar="FILE",
            help="An assessment saved with `assess --format json -o FILE`; repeat for several.",
        ),
    ] = None,
    criteria: Criteria = None,
    level: Level = None,
    today: Today = None,
    output_format: Annotated[str, format_option("history", "md")] = "md",
    output: Output = None,
) -> None:
    """Assess the evidence file at each commit that changed it (or each tag), oldest first: verdicts and
    scores per point, and the indicators won and lost from one to the next. Each point is assessed as of
    --today, else the file's assessment_date at that commit, else the commit's date.
    """
    from clusterkit.cli import history_command

    run_command(
        lambda: history_command.history(
            file,
            history_command.Selection(rev, tags, every, tuple(snapshot or ())),
            criteria or [],
            level or [],
            today,
            output_format,
            output,
        )
    )


def register(app: typer.Typer) -> None:
    """Add history to the app, with its one-line help and example."""
    app.command(
        cls=CleanCommand,
        short_help="The assessment over time: one point per revision.",
        epilog="Example: clusterkit history cluster.yaml --tags --format html -o history.html",
    )(history)
