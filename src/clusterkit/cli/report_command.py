"""Body of `clusterkit report`: the full gap report (or its board summary) as Markdown, HTML, PDF or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from clusterkit.cli.common import assess_file_in
from clusterkit.cli.formats import choices, is_machine, produce
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, UsageError
from clusterkit.render import RenderOptions

if TYPE_CHECKING:
    from clusterkit.render.extended import Extended
    from clusterkit.results.assessment import Assessment
    from clusterkit.results.history import History
    from clusterkit.results.portfolio_result import Benchmark


class Presentation(NamedTuple):
    """How the report is shown: the whole of it or the summary, in which language, with its trend."""

    summary: bool = False
    language: str | None = None
    history: bool = False  # add the trend through the file's git history (`--history`)


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
    presentation: Presentation | None = None,
    baseline: str | None = None,
) -> ExitCode:
    """Assess one evidence file and write its report; a report is not a gate, so exit 0 either way."""
    shown = presentation or Presentation()
    peers = load_benchmark(benchmark) if benchmark is not None else None
    # JSON is read by programs: one shape and one wording, whatever the cluster's language (--lang still
    # chooses when given).
    wanted = shown.language or ("en" if is_machine("report", output_format) else None)
    assessment, language = assess_file_in(file, criteria, levels, today, wanted, baseline)
    options = RenderOptions(summary=shown.summary, language=language)
    target = output or default_output(file, output_format)
    trend = _history(file, criteria, levels, today, assessment) if shown.history else None
    if peers is None and trend is None:
        text = produce("report", output_format, assessment, options)
    else:
        from clusterkit.render.extended import Extended

        text = _extended(Extended(assessment, peers, trend), output_format, options)
    protected = (file,) if benchmark is None else (file, benchmark)
    write_output(text, target, protected=protected)
    if target is not None:
        typer.echo(f"wrote {output_format} report to {target}", err=True)
    return ExitCode.OK


def _history(
    file: Path, criteria: list[str], levels: list[str], today: str | None, now: Assessment
) -> History:
    """The file's history for the trend: every commit that changed it, and this report's assessment."""
    from clusterkit.cli.common import parse_date
    from clusterkit.cli.history_command import Selection, gather

    return gather(file, Selection(), criteria, levels, parse_date(today), now=now)


def _extended(item: Extended, output_format: str, options: RenderOptions) -> str | bytes:
    """The report with its peers and trend, in a format that has them (md, html, pdf)."""
    from clusterkit.render import RENDERERS, load

    offered = RENDERERS["extended"]
    if output_format not in offered:
        known = ", ".join(offered)
        raise UsageError(
            f"--benchmark and --history work with the formats {known}, not {output_format}"
        )
    return load(offered[output_format])(item, options)  # text or bytes, as produce() gives them
