"""Signatures of the commands that start and fill an evidence file: init and interview (app.py
registers them; each body lives in a module imported on use)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from clusterkit.cli.common import run_command
from clusterkit.cli.help import CleanCommand
from clusterkit.cli.options import DEFAULT_FILE, EvidenceFile, Today


def init(
    folder: Annotated[
        Path, typer.Argument(help="Folder to write into; default the current one.", metavar="DIR")
    ] = Path(),
    yes: Annotated[
        bool, typer.Option("--yes", "-y", help="Ask nothing: use the flags, leave the rest out.")
    ] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    from_example: Annotated[
        str | None,
        typer.Option(
            "--from-example",
            metavar="NAME",
            help="Copy a bundled example instead: nordic-maritime, agrifood-midlands, hydrogen-start.",
        ),
    ] = None,
    name: Annotated[
        str | None, typer.Option(help="Name of the cluster organisation.", metavar="TEXT")
    ] = None,
    country: Annotated[
        str | None, typer.Option(help="ISO country code, e.g. AT.", metavar="CC")
    ] = None,
    region: Annotated[
        str | None, typer.Option(help="NUTS code or region name.", metavar="TEXT")
    ] = None,
    field: Annotated[
        str | None, typer.Option(help="Industry or technology field.", metavar="TEXT")
    ] = None,
    founded: Annotated[int | None, typer.Option(help="Year founded.", metavar="YYYY")] = None,
    members: Annotated[
        int | None, typer.Option(help="Committed members in total.", metavar="N")
    ] = None,
    companies: Annotated[
        int | None, typer.Option(help="Members that are companies.", metavar="N")
    ] = None,
    smes: Annotated[int | None, typer.Option(help="Members that are SMEs.", metavar="N")] = None,
    research: Annotated[
        int | None, typer.Option(help="Research organisations.", metavar="N")
    ] = None,
    education: Annotated[
        int | None, typer.Option(help="Education organisations.", metavar="N")
    ] = None,
    public: Annotated[int | None, typer.Option(help="Public bodies.", metavar="N")] = None,
    fte: Annotated[
        float | None, typer.Option(help="Full-time equivalents of the team.", metavar="FTE")
    ] = None,
    website: Annotated[str | None, typer.Option(help="Website, https://...", metavar="URL")] = None,
    website_languages: Annotated[
        str | None, typer.Option(help="Website languages, e.g. de,en.", metavar="CODES")
    ] = None,
    strategy: Annotated[
        str | None, typer.Option(help="Path of the strategy document.", metavar="PATH")
    ] = None,
    action_plan: Annotated[
        str | None, typer.Option(help="Path of the action plan.", metavar="PATH")
    ] = None,
    budget: Annotated[
        str | None, typer.Option(help="Path of the annual budget.", metavar="PATH")
    ] = None,
    statutes: Annotated[
        str | None, typer.Option(help="Path of the statutes.", metavar="PATH")
    ] = None,
    language: Annotated[
        str | None,
        typer.Option(help="Language of the documents (skeletons), e.g. de.", metavar="CODE"),
    ] = None,
    ci: Annotated[
        bool | None, typer.Option("--ci/--no-ci", help="Write .github/workflows/clusterkit.yml.")
    ] = None,
    pre_commit: Annotated[
        bool | None,
        typer.Option("--pre-commit/--no-pre-commit", help="Write .pre-commit-config.yaml."),
    ] = None,
) -> None:
    """Ask the questions that decide most of an assessment and write cluster.yaml (valid, commented,
    with its JSON Schema), a skeleton of each document that does not exist yet, and on request CI files.
    Never overwrites a file unless you say so or pass --force."""
    from clusterkit.cli import init_command

    flags = {
        "name": name,
        "country": country,
        "region": region,
        "field": field,
        "founded": founded,
        "members": members,
        "companies": companies,
        "smes": smes,
        "research": research,
        "education": education,
        "public": public,
        "fte": fte,
        "website": website,
        "website_languages": website_languages,
        "language": language,
        "strategy": strategy,
        "action_plan": action_plan,
        "budget": budget,
        "statutes": statutes,
    }
    run_command(
        lambda: init_command.init(
            folder,
            init_command.parse_flags(flags),
            yes=yes,
            force=force,
            ci=ci,
            pre_commit=pre_commit,
            from_example=from_example,
        )
    )


def interview(
    file: EvidenceFile = DEFAULT_FILE,
    indicator: Annotated[
        str | None,
        typer.Option("--indicator", "-i", metavar="ID", help="Only this indicator, e.g. 4.1.5."),
    ] = None,
    unknown_only: Annotated[
        bool, typer.Option("--unknown-only", help="Only the indicators that are unknown.")
    ] = False,
    today: Today = None,
) -> None:
    """Walk the indicators (the unknown first), show what the assessor looks for, ask for the facts its
    checks read, write each answer into the file (comments and order kept) and show the new score.
    An empty answer skips a question; Ctrl-C stops and keeps what was answered."""
    from clusterkit.cli import interview_command, prompts

    run_command(
        lambda: interview_command.interview(file, indicator, unknown_only, today, prompts.ask_text)
    )


def register(app: typer.Typer) -> None:
    """Add init and interview to the app, with their one-line help and example."""
    app.command(
        cls=CleanCommand,
        short_help="Start: a dozen questions, then a valid cluster.yaml.",
        epilog='Example: clusterkit init --yes --name "MedTech Cluster Austria" --country AT --members 40',
    )(init)
    app.command(
        cls=CleanCommand,
        short_help="Ask for the missing facts, one indicator at a time.",
        epilog="Example: clusterkit interview cluster.yaml --unknown-only",
    )(interview)
