"""Body of `clusterkit report`: the full gap report (or its board summary) as Markdown, HTML, PDF or JSON."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer

from clusterkit.cli.common import assess_file_in
from clusterkit.cli.formats import choices, is_machine, produce_any
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode
from clusterkit.render import RenderOptions


@dataclass(frozen=True)
class Presentation:
    """How the report is shown: the whole of it or the summary, and in which language."""

    summary: bool = False
    language: str | None = None


def default_output(file: Path, output_format: str) -> Path | None:
    """Where a report goes without -o: the format's default file beside the evidence file, or stdout."""
    name = choices("report")[output_format].default_file
    return file.parent / name if name else None


def report(
    file: Path,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    output_format: str,
    output: Path | None,
    presentation: Presentation | None = None,
) -> ExitCode:
    """Assess one evidence file and write its report; a report is not a gate, so exit 0 either way."""
    shown = presentation or Presentation()
    # JSON is read by programs: one shape and one wording, whatever the cluster's language (--lang still
    # chooses when given).
    wanted = shown.language or ("en" if is_machine("report", output_format) else None)
    assessment, language = assess_file_in(file, criteria, levels, today, wanted)
    options = RenderOptions(summary=shown.summary, language=language)
    target = output or default_output(file, output_format)
    text = produce_any("report", output_format, assessment, options)
    write_output(text, target, protected=(file,))
    if target is not None:
        typer.echo(f"wrote {output_format} report to {target}", err=True)
    return ExitCode.OK
