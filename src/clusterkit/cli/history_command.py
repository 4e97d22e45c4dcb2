"""Body of `clusterkit history`: assess the evidence at each selected revision, and saved snapshots."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

import typer

from clusterkit.cli.common import parse_date
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, UsageError
from clusterkit.results.assessment import Assessment
from clusterkit.results.history import History, HistoryPoint, build_history, point

if TYPE_CHECKING:
    from clusterkit.facts.revisions import Revision


class Selection(NamedTuple):
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
    saved = [_snapshot(path) for path in selection.snapshots]
    assessed = _assess_in_order(file, revisions, saved, criteria, levels, date)
    if now is not None:
        assessed = _with_now(assessed, now)
    return build_history(relative, assessed)


def _with_now(
    assessed: list[tuple[HistoryPoint, Assessment]], now: Assessment
) -> list[tuple[HistoryPoint, Assessment]]:
    """The points and the working tree's, as of its assessment date; not when the newest point has
    the same scores (the file is as committed), which would only draw the same dot twice."""
    here = point(
        now, kind="working-tree", label="working tree", commit=None, date=now.assessment_date
    )
    newest = max(assessed, key=lambda item: item[0].date, default=None)
    if newest is not None and _scores(newest[0]) == _scores(here):
        return assessed
    return [*assessed, (here, now)]


def _scores(at: HistoryPoint) -> list[tuple[str, float | None, list[float | None]]]:
    # Scores only: a level's verdict may differ with the same evidence when the newest revision was
    # measured against the point before it and the report against no baseline.
    return [(pack.pack, pack.score, [area.score for area in pack.areas]) for pack in at.packs]


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
