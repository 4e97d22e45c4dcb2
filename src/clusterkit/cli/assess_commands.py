"""Bodies of the commands that read an evidence file: validate and assess."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import typer

from clusterkit.cli.common import assess_file, use_color
from clusterkit.cli.formats import is_machine, produce
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, InputError, Problem
from clusterkit.render import RenderOptions
from clusterkit.results.numbers import counted


def validate(files: list[Path], criteria: list[str], strict: bool = False) -> ExitCode:
    """Validate every file and pack; report all problems of all files, then exit 2 if any.

    A document that does not exist is a warning at its line, or under ``strict`` an error.
    """
    from clusterkit.pipeline import check_named_packs, load_evidence, missing_documents

    problems: list[Problem] = []
    for reference in criteria:
        from clusterkit.packs.loader import load_with_prerequisites  # only when packs are asked for

        try:
            # with its prerequisite packs, so a level naming an unknown pack or level is reported too
            loaded_pack = load_with_prerequisites([reference])[0]
            count = sum(1 for _ in loaded_pack.pack.indicators())
            typer.echo(
                f"{reference}: valid criteria pack {loaded_pack.pack.id} ({counted(count, 'indicator')})"
            )
        except InputError as error:
            problems.extend(error.problems)
    for file in files:
        try:
            loaded = load_evidence(file, str(file))
            check_named_packs(loaded)
        except InputError as error:
            problems.extend(error.problems)
            continue
        missing = missing_documents(loaded)
        if strict:
            problems.extend(missing)
            if missing:
                continue
        for problem in missing:
            typer.echo(problem.format("warning"), err=True)
        for warning in loaded.facts.document_warnings:
            typer.echo(f"warning: {warning}", err=True)
        named = counted(len(loaded.facts.documents), "document")
        typer.echo(f"{file}: valid evidence file ({named} named)")
    if problems:
        raise InputError(problems)
    return ExitCode.OK


def assess(
    file: Path,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    output_format: str,
    output: Path | None,
) -> ExitCode:
    """Assess one evidence file and print or write the result; exit 0 when every target level is reached."""
    assessment = assess_file(file, criteria, levels, today)
    color = use_color() and output is None and not is_machine("assess", output_format)
    text = produce("assess", output_format, assessment, RenderOptions(color=color, width=_width()))
    write_output(text, output, protected=(file,))
    return ExitCode.OK if assessment.passed else ExitCode.CHECK_FAILED


def _width() -> int:
    import shutil

    return max(60, min(120, shutil.get_terminal_size((100, 24)).columns))


def today_date() -> dt.date:
    return dt.date.today()
