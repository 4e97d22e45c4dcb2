"""Body of `clusterkit report`: the full gap report as Markdown, self-contained HTML or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from clusterkit.cli.common import assess_file
from clusterkit.cli.formats import choices, produce
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, UsageError

if TYPE_CHECKING:
    from clusterkit.results.assessment import Assessment
    from clusterkit.results.portfolio_result import Benchmark


def default_output(file: Path, output_format: str) -> Path | None:
    """Where a report goes without -o: the format's default file beside the evidence file, or stdout."""
    name = choices("report")[output_format].default_file
    return file.parent / name if name else None


def load_benchmark(path: Path) -> Benchmark:
    """A benchmark file (JSON, read by the strict YAML loader, a superset): problems at their lines."""
    from clusterkit.load.validation import validate
    from clusterkit.load.yamlfile import load_file
    from clusterkit.results.portfolio_result import Benchmark

    hint = "write one with clusterkit portfolio ... --benchmark-out FILE"
    return validate(Benchmark, load_file(path, str(path), missing=hint))


def report(
    file: Path,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    output_format: str,
    output: Path | None,
    benchmark: Path | None = None,
) -> ExitCode:
    """Assess one evidence file and write its report; a report is not a gate, so exit 0 either way."""
    peers = load_benchmark(benchmark) if benchmark is not None else None
    assessment = assess_file(file, criteria, levels, today)
    target = output or default_output(file, output_format)
    if peers is None:
        text = produce("report", output_format, assessment)
    else:
        text = _benchmarked(assessment, peers, output_format)
    protected = (file,) if benchmark is None else (file, benchmark)
    write_output(text, target, protected=protected)
    if target is not None:
        typer.echo(f"wrote {output_format} report to {target}", err=True)
    return ExitCode.OK


def _benchmarked(assessment: Assessment, benchmark: Benchmark, output_format: str) -> str:
    """The report with the peers section, in a format that has one (md, html)."""
    from clusterkit.render import RENDERERS, RenderOptions, render
    from clusterkit.render.benchmark_view import Benchmarked

    if output_format not in RENDERERS["benchmarked"]:
        known = ", ".join(RENDERERS["benchmarked"])
        raise UsageError(f"--benchmark works with the formats {known}, not {output_format}")
    return render(
        Benchmarked(assessment, benchmark), output_format, RenderOptions(), kind="benchmarked"
    )
