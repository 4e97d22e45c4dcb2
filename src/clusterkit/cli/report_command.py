"""Body of `clusterkit report`: the full gap report as Markdown, self-contained HTML or JSON."""

from __future__ import annotations

from pathlib import Path

import typer

from clusterkit.cli.common import assess_file
from clusterkit.cli.formats import choices, produce
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode


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
) -> ExitCode:
    """Assess one evidence file and write its report; a report is not a gate, so exit 0 either way."""
    assessment = assess_file(file, criteria, levels, today)
    target = output or default_output(file, output_format)
    write_output(produce("report", output_format, assessment), target, protected=(file,))
    if target is not None:
        typer.echo(f"wrote {output_format} report to {target}", err=True)
    return ExitCode.OK
