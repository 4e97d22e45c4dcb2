"""Bodies of the commands that read an evidence file: validate and assess."""

from __future__ import annotations

import datetime as dt
import re
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
        if file.name in EDITOR_NAMES and not has_schema_modeline(file):
            unnamed = Problem(str(file), 1, 1, NO_MODELINE, "no-schema-line", hint=MODELINE_HINT)
            typer.echo(unnamed.format("warning"), err=True)
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


NO_MODELINE = (
    "no `# yaml-language-server: $schema=...` line, so an editor may check this file against another "
    "tool's schema (the public schema catalogue maps cluster.yaml to Rancher's RKE configuration)"
)
MODELINE_HINT = "add one as the first line, as `clusterkit init` does (docs/ci.md, section 7)"
EDITOR_NAMES = frozenset({"cluster.yaml", "cluster.yml"})
"""The file names the public schema catalogue gives another tool's schema."""
_MODELINE = re.compile(r"^#\s*yaml-language-server:\s*\$schema=\S", re.MULTILINE)


def has_schema_modeline(file: Path) -> bool:
    """Whether the file names its schema for yaml-language-server (VS Code, JetBrains, Neovim...)."""
    from clusterkit.load.files import read_regular
    from clusterkit.load.yamlfile import MAX_FILE_BYTES

    text = read_regular(file, MAX_FILE_BYTES, str(file)).decode("utf-8", "replace")
    return _MODELINE.search(text) is not None


def assess(
    file: Path,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    output_format: str,
    output: Path | None,
    baseline: str | None = None,
) -> ExitCode:
    """Assess one evidence file and print or write the result; exit 0 when every target level is reached."""
    assessment = assess_file(file, criteria, levels, today, baseline)
    color = use_color() and output is None and not is_machine("assess", output_format)
    text = produce("assess", output_format, assessment, RenderOptions(color=color, width=_width()))
    write_output(text, output, protected=(file,))
    return ExitCode.OK if assessment.passed else ExitCode.CHECK_FAILED


def _width() -> int:
    import shutil

    return max(60, min(120, shutil.get_terminal_size((100, 24)).columns))


def today_date() -> dt.date:
    return dt.date.today()
