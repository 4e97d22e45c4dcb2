"""Body of `clusterkit portfolio`: assess many evidence files against the same packs, with peer statistics.

Every file is assessed against the same packs (`--criteria`, default esca-gold): a programme agency applies
the same indicators to every cluster, so a file's own `criteria` is not read here. The packs are loaded
once, the files assessed in parallel (`portfolio_pool`), the statistics computed in the pure
`scoring.peers`, and the result rendered through the format registry.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from clusterkit.cli.common import parse_date
from clusterkit.cli.formats import produce
from clusterkit.cli.output import write_output
from clusterkit.cli.portfolio_pool import RunSpec, assess_all, default_jobs
from clusterkit.errors import ExitCode, UsageError
from clusterkit.render import RenderOptions

if TYPE_CHECKING:
    import datetime as dt

    from clusterkit.results.portfolio_result import PortfolioResult
    from clusterkit.results.portfolio_rows import ClusterRecord

EVIDENCE_NAME = "cluster.yaml"
EVIDENCE_SUFFIXES = (".yaml", ".yml")


def listed(path: Path) -> list[Path]:
    """The files a list file names, one a line, relative to the list; blank lines and # comments skipped."""
    from clusterkit.load.files import read_text

    lines = read_text(
        path, str(path), missing="the list file names one evidence file a line"
    ).splitlines()
    names = [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return [path.parent / name for name in names]


def discover(paths: list[Path]) -> list[Path]:
    """Evidence files from the arguments: files, folders (searched for cluster.yaml), list files.

    A path that does not exist stays in the list: it becomes a row with its error, like any bad file.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob(EVIDENCE_NAME) if p.is_file())
            if not inside:
                raise UsageError(f"no {EVIDENCE_NAME} in the folder {path} or below it")
            found.extend(inside)
        elif path.is_file() and path.suffix.lower() not in EVIDENCE_SUFFIXES:
            found.extend(listed(path))
        else:
            found.append(path)
    seen: set[Path] = set()
    unique = []
    for path in found:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(path)
    return unique


def check_group_by(path: str) -> None:
    """--group-by must lead to one plain value of the evidence (text, number, yes/no or date)."""
    from clusterkit.models.base import FieldError
    from clusterkit.models.evidence import Evidence
    from clusterkit.models.fieldpaths import resolve

    try:
        kind = resolve(Evidence, path).kind
    except FieldError as error:
        hint = f"; {error.hint}" if error.hint else ""
        raise UsageError(f"--group-by {path}: {error}{hint}") from None
    if kind not in ("text", "number", "bool", "date"):
        raise UsageError(f"--group-by {path}: a {kind} is not one value to group by; name a field")


@contextmanager
def progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr when it is a terminal (not piped, not under CI); else nothing."""
    if total < 2 or not sys.stderr.isatty() or os.environ.get("CI"):
        yield lambda: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress(
        "assessing",
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    )
    with bar:
        task = bar.add_task("assessing", total=total)
        yield lambda: bar.advance(task)


class PortfolioArgs(NamedTuple):
    """The command line of one portfolio run."""

    paths: list[Path]
    criteria: list[str]
    levels: list[str]
    today: str | None
    output_format: str
    output: Path | None
    jobs: int | None
    group_by: str
    anonymise: bool
    strict: bool
    benchmark_out: Path | None


def portfolio(args: PortfolioArgs) -> ExitCode:
    """Assess every file, compute the peer statistics, write the chosen format (and a benchmark file)."""
    from clusterkit.pipeline import DEFAULT_PACK, load_packs, targets
    from clusterkit.results.portfolio_rows import outline
    from clusterkit.scoring.peers import PeerOptions
    from clusterkit.scoring.peers import portfolio as build

    criteria = args.criteria or [DEFAULT_PACK]
    today = parse_date(args.today)
    jobs = args.jobs or default_jobs()
    if jobs < 1:
        raise UsageError("--jobs must be at least 1")
    check_group_by(args.group_by)
    files = discover(args.paths)
    packs = load_packs(criteria)
    # an unknown --level is one usage error now, not the same error in every row
    targets(packs.packs, packs.requested, args.levels)
    spec = RunSpec(tuple(criteria), None, tuple(args.levels), today, args.group_by)
    with progress(len(files)) as advance:
        records = assess_all([(path, str(path)) for path in files], spec, packs, jobs, advance)
    outlines = [outline(item.pack) for item in packs.loaded if item.pack.id in packs.requested]
    # The code key is a secret, so it comes from the environment, never from argv (shell history, ps).
    key = os.environ.get("CLUSTERKIT_CODE_KEY", "")
    result = build(records, outlines, PeerOptions(args.group_by, args.anonymise, key))
    rendered = produce("portfolio", args.output_format, result, RenderOptions(width=_width()))
    if isinstance(rendered, bytes) and args.output is None and sys.stdout.isatty():
        raise UsageError(f"{args.output_format} is a binary format; write it to a file with -o")
    protected = (*files, *(path for path in args.paths if path.is_file()))  # list files too
    if args.benchmark_out is not None:
        _write_benchmark(result, today, args.benchmark_out, protected)
    write_output(rendered, args.output, protected=protected)
    if args.output is not None:
        typer.echo(
            f"wrote the {args.output_format} portfolio of {len(records)} files to {args.output}",
            err=True,
        )
    return _exit_code(records, args.strict)


def _write_benchmark(
    result: PortfolioResult, today: dt.date | None, target: Path, protected: tuple[Path, ...]
) -> None:
    from clusterkit.render import render
    from clusterkit.scoring.benchmark import benchmark

    text = render(benchmark(result, today), "json", kind="benchmark")
    write_output(text, target, protected=protected)
    typer.echo(f"wrote the benchmark to {target}", err=True)


def _exit_code(records: list[ClusterRecord], strict: bool) -> ExitCode:
    """0, or 2 under --strict when a file could not be assessed; 3 when one hit a bug."""
    broken = [record for record in records if record.error_codes]
    for record in broken:
        typer.echo(f"{record.error}", err=True)
    if broken:
        typer.echo(
            f"{len(broken)} of {len(records)} files could not be assessed; their rows say why",
            err=True,
        )
    if any("internal" in record.error_codes for record in broken):
        return ExitCode.INTERNAL
    return ExitCode.INPUT_ERROR if broken and strict else ExitCode.OK


def _width() -> int:
    import shutil

    return max(60, min(160, shutil.get_terminal_size((120, 24)).columns))
