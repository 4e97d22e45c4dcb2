"""Signatures of the commands that browse packs and export schemas: criteria list/show and schema
(app.py registers them; each body lives in cli/inspect_commands, imported on use)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from clusterkit.cli.common import run_command
from clusterkit.cli.help import CleanCommand
from clusterkit.cli.options import Output

criteria_app = typer.Typer(
    help="Browse the bundled and your own criteria packs.",
    epilog="Example: clusterkit criteria show esca-gold 4.1.5",
    no_args_is_help=True,
    rich_markup_mode=None,
)


class SchemaKind(StrEnum):
    EVIDENCE = "evidence"
    CRITERIA = "criteria"


@criteria_app.command(
    "list",
    cls=CleanCommand,
    short_help="List packs with indicator counts.",
    epilog="Example: clusterkit criteria list my-pack.yaml",
)
def criteria_list(
    extra: Annotated[
        list[str] | None,
        typer.Argument(help="Paths of your own packs to list as well.", metavar="PACK"),
    ] = None,
) -> None:
    """List the bundled criteria packs with their indicator counts and levels."""
    from clusterkit.cli import inspect_commands

    run_command(lambda: inspect_commands.list_packs(extra or []))


@criteria_app.command(
    "show",
    cls=CleanCommand,
    short_help="Show a pack or one indicator in full.",
    epilog="Example: clusterkit criteria show esca-gold 4.1.5",
)
def criteria_show(
    pack: Annotated[str, typer.Argument(help="Pack id or path.", metavar="PACK")],
    indicator: Annotated[
        str | None, typer.Argument(help="An indicator id, e.g. 4.1.5.", metavar="INDICATOR")
    ] = None,
) -> None:
    """Show a pack's areas and indicators, or one indicator with its checks, points, basis and fixes."""
    from clusterkit.cli import inspect_commands

    run_command(lambda: inspect_commands.show(pack, indicator))


def schema(
    kind: Annotated[SchemaKind, typer.Argument(help="evidence or criteria.", metavar="KIND")],
    output: Output = None,
) -> None:
    """Print the JSON Schema of evidence files or criteria packs, for editor completion."""
    from clusterkit.cli import inspect_commands

    run_command(lambda: inspect_commands.schema(kind.value, output))


def register(app: typer.Typer) -> None:
    """Add schema and the criteria group to the app."""
    app.command(
        cls=CleanCommand,
        short_help="Print the JSON Schema of an input file.",
        epilog="Example: clusterkit schema evidence -o cluster.schema.json",
    )(schema)
    app.add_typer(criteria_app, name="criteria")
