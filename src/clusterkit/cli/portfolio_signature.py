"""The signature of `clusterkit portfolio`: its options and help (app.py registers it; body imported on use).

Its own module because the portfolio has more options than any other command and app.py stays short.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clusterkit.cli.common import run_command
from clusterkit.cli.formats import format_option
from clusterkit.cli.help import CleanCommand
from clusterkit.cli.options import Criteria, Level, Output, Today

# The option of `report` that reads what `portfolio --benchmark-out` writes.
BenchmarkFile = Annotated[
    Path | None,
    typer.Option(
        "--benchmark",
        metavar="PATH",
        help="A benchmark file of `portfolio --benchmark-out`: add the cluster against its peers (md, html, pdf).",
    ),
]


def portfolio(
    paths: Annotated[
        list[Path],
        typer.Argument(
            help="Evidence files, folders (searched for cluster.yaml) or text files listing them.",
            metavar="PATH...",
        ),
    ],
    criteria: Criteria = None,
    level: Level = None,
    today: Today = None,
    output_format: Annotated[str, format_option("portfolio", "table")] = "table",
    output: Output = None,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", help="Worker processes; default: every core."),
    ] = None,
    group_by: Annotated[
        str,
        typer.Option(
            "--group-by",
            metavar="FIELD",
            help="The evidence field whose value is a cluster's peer group.",
        ),
    ] = "cluster.field",
    anonymise: Annotated[
        bool,
        typer.Option(
            "--anonymise",
            help="Codes instead of names, no free text, no statistics of groups under 5 clusters.",
        ),
    ] = False,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 2 when any file could not be assessed.")
    ] = False,
    benchmark_out: Annotated[
        Path | None,
        typer.Option(
            "--benchmark-out",
            metavar="PATH",
            help="Also write the peer distributions (no cluster data) for report --benchmark.",
        ),
    ] = None,
) -> None:
    """Assess many evidence files against the same packs and compare each cluster with its peers.

    Every file is assessed against --criteria (default esca-gold). A file that cannot be assessed is a row
    with its error; the run goes on (exit 2 at the end with --strict).
    """
    from clusterkit.cli import portfolio_command

    args = portfolio_command.PortfolioArgs(
        paths=paths,
        criteria=criteria or [],
        levels=level or [],
        today=today,
        output_format=output_format,
        output=output,
        jobs=jobs,
        group_by=group_by,
        anonymise=anonymise,
        strict=strict,
        benchmark_out=benchmark_out,
    )
    run_command(lambda: portfolio_command.portfolio(args))


def register(app: typer.Typer) -> None:
    """Add the portfolio command to the app."""
    app.command(
        cls=CleanCommand,
        short_help="Many clusters at once: tiers, peer percentiles, CSV/Excel/HTML.",
        epilog="Example: clusterkit portfolio clusters/ --format csv -o portfolio.csv --jobs 2",
    )(portfolio)
