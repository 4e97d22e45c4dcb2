"""Body of `clusterkit history`: assess the evidence at each selected revision, and saved snapshots."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from clusterkit.cli.common import parse_date
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, UsageError
from clusterkit.results.assessment import Assessment
from clusterkit.results.history import HistoryPoint, build_history, point

if TYPE_CHECKING:
    from clusterkit.facts.revisions import Revision


def history(
    file: Path,
    rev: str | None,
    tags: bool,
    every: int,
    snapshots: list[Path],
    criteria: list[str],
    levels: list[str],
    today: str | None,
    output_format: str,
    output: Path | None,
) -> ExitCode:
    """Print the path of the assessment through the file's history; exit 0 (history is not a gate)."""
    from clusterkit.cli.formats import choices, produce
    from clusterkit.facts.revisions import history_revisions, repository_top

    if every < 1:
        raise UsageError("--every N needs N of 1 or more")
    top = repository_top(file)
    relative = file.resolve().relative_to(top).as_posix()
    revisions = history_revisions(top, relative, rev=rev, tags=tags, every=every)
    if not revisions and not snapshots:
        raise UsageError(f"git knows no commit of {relative} in that selection; commit it first")
    date = parse_date(today)
    saved = [_snapshot(path) for path in snapshots]
    assessed = _assess_in_order(file, revisions, saved, criteria, levels, date)
    result = build_history(relative, assessed)
    name = choices("history")[output_format].default_file
    target = output or (file.parent / name if name else None)
    write_output(produce("history", output_format, result), target, protected=(file, *snapshots))
    if target is not None:
        typer.echo(f"wrote {output_format} history to {target}", err=True)
    return ExitCode.OK


def _assess_in_order(
    file: Path,
    revisions: list[Revision],
    saved: list[tuple[HistoryPoint, Assessment]],
    criteria: list[str],
    levels: list[str],
    date: dt.date | None,
) -> list[tuple[HistoryPoint, Assessment]]:
    """Every point in date order (revisions before snapshots of the same day, as build_history orders
    them), each revision assessed with the point before it as the baseline of its improvement conditions."""
    from clusterkit.cli.diff_command import assessment_at
    from clusterkit.facts.revisions import Revision
    from clusterkit.scoring.context import BaselineAssessment

    order: list[Revision | tuple[HistoryPoint, Assessment]] = [*revisions, *saved]
    order.sort(key=lambda item: item.date if isinstance(item, Revision) else item[0].date)
    assessed: list[tuple[HistoryPoint, Assessment]] = []
    with _progress(len(revisions)) as advance:
        for item in order:
            if not isinstance(item, Revision):
                assessed.append(item)
                continue
            before = assessed[-1] if assessed else None
            assessment = assessment_at(
                file,
                item.commit,
                criteria,
                levels,
                date,
                shown=item.label,
                clock=_fixed(item.date),  # as of the commit, if the file has no date
                baseline=BaselineAssessment(before[0].label, before[1]) if before else None,
            )
            made = point(
                assessment, kind="revision", label=item.label, commit=item.commit, date=item.date
            )
            assessed.append((made, assessment))
            advance()
    return assessed


def _fixed(day: dt.date) -> Callable[[], dt.date]:
    return lambda: day


def _snapshot(path: Path) -> tuple[HistoryPoint, Assessment]:
    """A saved assessment (`clusterkit assess --format json -o FILE`) as a point of the history."""
    from clusterkit.load.snapshot import read_snapshot

    assessment = read_snapshot(path)
    return point(
        assessment, kind="snapshot", label=path.name, commit=None, date=assessment.assessment_date
    ), assessment


@contextmanager
def _progress(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on a terminal (stderr), none when piped or under CI."""
    if total < 2 or not sys.stderr.isatty() or os.environ.get("CI"):
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task("assessing revisions", total=total)
        yield lambda: bar.advance(task)
