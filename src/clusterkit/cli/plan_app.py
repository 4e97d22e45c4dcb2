"""Signatures of `clusterkit plan add`, `plan list` and `plan export`: options and help text only."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from clusterkit.cli.common import run_command
from clusterkit.cli.formats import format_option
from clusterkit.cli.help import CleanCommand
from clusterkit.cli.options import DEFAULT_FILE, EvidenceFile, Output, Today

plan_app = typer.Typer(
    help="The improvement plan: who fixes which gap by when; overdue items, a board checklist, a CSV.",
    epilog="Example: clusterkit plan add --fixes 4.1.5 --owner 'Anna Berg' --due 2027-03-31",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class Status(StrEnum):
    """The spellings of models.vocab.PlanStatus (typer needs its own enum to list them in --help)."""

    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DROPPED = "dropped"


@plan_app.command(
    "add",
    cls=CleanCommand,
    short_help="Add an item to the plan in cluster.yaml, or update one.",
    epilog="Example: clusterkit plan add cluster.yaml --fixes strategy-reviewed --owner Board --due 2027-03-31",
)
def plan_add(
    fixes: Annotated[
        str,
        typer.Option(
            "--fixes",
            metavar="ID",
            help="What it fixes: an indicator (4.1.5), a check (strategy-reviewed) or a level condition of the file's packs.",
        ),
    ],
    owner: Annotated[
        str | None, typer.Option("--owner", metavar="NAME", help="Who is responsible.")
    ] = None,
    due: Annotated[
        str | None, typer.Option("--due", metavar="YYYY-MM-DD", help="When it is due.")
    ] = None,
    status: Annotated[
        Status | None,
        typer.Option("--status", help="planned (for a new item), in_progress, done or dropped."),
    ] = None,
    note: Annotated[
        str | None, typer.Option("--note", metavar="TEXT", help="A note for the board.")
    ] = None,
    file: EvidenceFile = DEFAULT_FILE,
) -> None:
    """Write a plan item into the evidence file (its comments and other lines kept). An item that fixes
    the same id is updated: the options given replace its fields. A new item needs --owner and --due.
    An id no pack of the file has, or a bad date: exit 2, the file untouched."""
    from clusterkit.cli import plan_command
    from clusterkit.cli.plan_into import PlanEntry

    entry = PlanEntry(fixes, owner, None, status.value if status else None, note)
    run_command(lambda: plan_command.add(file, entry, due))


@plan_app.command(
    "list",
    cls=CleanCommand,
    short_help="The plan's items with their state: overdue, open, met.",
    epilog="Example: clusterkit plan list cluster.yaml --today today",
)
def plan_list(file: EvidenceFile = DEFAULT_FILE, today: Today = None) -> None:
    """Assess the evidence and list each plan item with its state: overdue (past due, its check still
    not met), open, met, dropped. Exit 0; `clusterkit check --fail-on overdue` is the gate."""
    from clusterkit.cli import plan_command

    run_command(lambda: plan_command.list_items(file, today))


@plan_app.command(
    "export",
    cls=CleanCommand,
    short_help="The plan as a board checklist (md) or issue-tracker rows (csv).",
    epilog="Example: clusterkit plan export cluster.yaml --format csv -o plan.csv",
)
def plan_export(
    file: EvidenceFile = DEFAULT_FILE,
    today: Today = None,
    output_format: Annotated[str, format_option("plan export", "md")] = "md",
    output: Output = None,
) -> None:
    """Write the plan with each item's state as of the assessment date: a Markdown checklist for a
    board paper, or CSV rows for an issue tracker's import."""
    from clusterkit.cli import plan_command

    run_command(lambda: plan_command.export(file, today, output_format, output))
