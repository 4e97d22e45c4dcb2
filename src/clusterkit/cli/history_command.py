"""Body of `clusterkit history`: assess the evidence at each selected revision, and saved snapshots."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import typer

from clusterkit.cli.common import parse_date
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, InputError, UsageError
from clusterkit.results.assessment import Assessment
from clusterkit.results.history import History, HistoryPoint, build_history, point


@dataclass(frozen=True)
class Selection:
    """Which points a history has: the commits to assess (all that changed the file, a range, the tags,
    every Nth) and the saved snapshots to add."""

    rev: str | None = None
    tags: bool = False
    every: int = 1
    snapshots: tuple[Path, ...] = ()


def history(
    file: Path,
    selection: Selection,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    output_format: str,
    output: Path | None,
) -> ExitCode:
    """Print the path of the assessment through the file's history; exit 0 (history is not a gate)."""
    from clusterkit.cli.formats import choices, produce

    result = gather(file, selection, criteria, levels, parse_date(today))
    name = choices("history")[output_format].default_file
    target = output or (file.parent / name if name else None)
    protected = (file, *selection.snapshots)
    write_output(produce("history", output_format, result), target, protected=protected)
    if target is not None:
        typer.echo(f"wrote {output_format} history to {target}", err=True)
    return ExitCode.OK


def gather(
    file: Path,
    selection: Selection,
    criteria: list[str],
    levels: list[str],
    date: dt.date | None,
    *,
    now: Assessment | None = None,
) -> History:
    """The history of ``file``: each selected commit assessed in a temporary worktree, each snapshot,
    and ``now`` (the working tree's assessment, for a report's trend) unless the newest commit says the
    same."""
    from clusterkit.cli.diff_command import assessment_at
    from clusterkit.facts.revisions import history_revisions, repository_top

    if selection.every < 1:
        raise UsageError("--every N needs N of 1 or more")
    top = repository_top(file)
    relative = file.resolve().relative_to(top).as_posix()
    revisions = history_revisions(
        top, relative, rev=selection.rev, tags=selection.tags, every=selection.every
    )
    if not revisions and not selection.snapshots:
        raise UsageError(f"git knows no commit of {relative} in that selection; commit it first")
    assessed: list[tuple[HistoryPoint, Assessment]] = []
    with _progress(len(revisions)) as advance:
        for revision in revisions:
            assessment = assessment_at(
                file,
                revision.commit,
                criteria,
                levels,
                date,
                shown=revision.label,
                clock=_fixed(revision.date),  # as of the commit, if the file has no date
            )
            at = point(
                assessment,
                kind="revision",
                label=revision.label,
                commit=revision.commit,
                date=revision.date,
            )
            assessed.append((at, assessment))
            advance()
    assessed += [_snapshot(path) for path in selection.snapshots]
    if now is not None:
        assessed = _with_now(assessed, now)
    return build_history(relative, assessed)


def _with_now(
    assessed: list[tuple[HistoryPoint, Assessment]], now: Assessment
) -> list[tuple[HistoryPoint, Assessment]]:
    """The points and the working tree's, as of its assessment date; not when the newest point has
    the same scores and verdicts (the file is as committed), which would only draw the same dot twice."""
    here = point(
        now, kind="working-tree", label="working tree", commit=None, date=now.assessment_date
    )
    newest = max(assessed, key=lambda item: item[0].date, default=None)
    if newest is not None and newest[0].packs == here.packs:
        return assessed
    return [*assessed, (here, now)]


def _fixed(day: dt.date) -> Callable[[], dt.date]:
    return lambda: day


SNAPSHOT_BYTES = 32 * 1024 * 1024
"""Largest saved assessment read: a real one is a few hundred kilobytes."""


def _snapshot(path: Path) -> tuple[HistoryPoint, Assessment]:
    """A saved assessment (`clusterkit assess --format json -o FILE`) as a point of the history."""
    from pydantic import ValidationError

    from clusterkit.load.files import read_regular

    # Through the one input reader: a FIFO given as a snapshot is refused instead of hanging, and the
    # snapshot counts as an input that no output may replace.
    data = read_regular(path, SNAPSHOT_BYTES, str(path))
    if len(data) > SNAPSHOT_BYTES:
        raise InputError.single(str(path), "the snapshot is larger than 32 MiB", "too-large")
    try:
        assessment = Assessment.model_validate_json(data)
    except ValidationError as error:
        raise InputError.single(
            str(path),
            f"not an assessment saved by clusterkit ({error.error_count()} problems)",
            "invalid-snapshot",
            hint="save one with `clusterkit assess --format json -o FILE`",
        ) from None
    label = path.name
    return point(
        assessment, kind="snapshot", label=label, commit=None, date=assessment.assessment_date
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
