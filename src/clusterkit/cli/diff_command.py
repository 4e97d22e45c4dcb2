"""Body of `clusterkit diff`: assess two evidence files (or one at two git revisions) and compare them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from clusterkit.cli.common import parse_date
from clusterkit.cli.options import DEFAULT_FILE
from clusterkit.cli.output import write_output
from clusterkit.errors import ExitCode, UsageError
from clusterkit.results.assessment import Assessment

if TYPE_CHECKING:
    from clusterkit.scoring.context import BaselineAssessment


def _assess(
    file: Path,
    display: str,
    criteria: list[str],
    levels: list[str],
    today: dt.date | None,
    clock: Callable[[], dt.date] = dt.date.today,
    baseline: BaselineAssessment | None = None,
) -> Assessment:
    from clusterkit.pipeline import load_evidence, run

    loaded = load_evidence(file, display)
    return run(
        loaded, criteria=criteria, levels=levels, today=today, clock=clock, baseline=baseline
    )


class NotAtRevision(Exception):
    """The evidence file does not exist at a revision (it was added later)."""

    def __init__(self, path: str, revision: str) -> None:
        super().__init__(f"{path} does not exist at {revision}")
        self.path, self.revision = path, revision


def assessment_at(
    file: Path,
    revision: str,
    criteria: list[str],
    levels: list[str],
    today: dt.date | None,
    *,
    shown: str | None = None,
    clock: Callable[[], dt.date] = dt.date.today,
    baseline: BaselineAssessment | None = None,
) -> Assessment:
    """The assessment of ``file`` as it was at a git revision (with its documents at that revision).

    ``shown`` names the revision in messages and in the assessment (default: ``revision``); ``clock``
    gives the date when neither --today nor the file's assessment_date does; ``baseline`` is the
    earlier assessment its improvement conditions measure progress against (history: the point before).
    """
    from clusterkit.facts.revisions import checkout, repository_top

    top = repository_top(file)
    relative = file.resolve().relative_to(top)
    with checkout(top, revision) as tree:
        if not (tree / relative).is_file():
            raise NotAtRevision(relative.as_posix(), revision)
        label = f"{shown or revision}:{relative.as_posix()}"
        return _assess(tree / relative, label, criteria, levels, today, clock, baseline)


class AddedFile(Exception):
    """The evidence file is new in the range: there is only the new side to show."""

    def __init__(self, absent: NotAtRevision, new: Assessment) -> None:
        super().__init__(str(absent))
        self.absent, self.new = absent, new


def _pair(
    files: list[Path],
    rev: str | None,
    criteria: list[str],
    levels: list[str],
    today: dt.date | None,
) -> tuple[Assessment, Assessment]:
    if rev is None:
        if len(files) != 2:
            raise UsageError("give two evidence files (OLD NEW), or one file with --rev A..B")
        old, new = files
        return (
            _assess(old, str(old), criteria, levels, today),
            _assess(new, str(new), criteria, levels, today),
        )
    if len(files) > 1:
        raise UsageError("with --rev, give at most one evidence file")
    from clusterkit.facts.revisions import split_range

    file = files[0] if files else DEFAULT_FILE
    old_rev, new_rev = split_range(rev)
    if new_rev is None:
        new_assessment = _assess(file, str(file), criteria, levels, today)
    else:
        new_assessment = assessment_at(file, new_rev, criteria, levels, today)
    try:
        old_assessment = assessment_at(file, old_rev, criteria, levels, today)
    except NotAtRevision as absent:
        raise AddedFile(absent, new_assessment) from None
    return old_assessment, new_assessment


def diff(
    files: list[Path],
    rev: str | None,
    criteria: list[str],
    levels: list[str],
    today: str | None,
    output_format: str,
    output: Path | None,
    fail_on_regression: bool,
) -> ExitCode:
    """Print what changed; exit 1 with --fail-on-regression when a verdict or a score dropped."""
    from clusterkit.cli.formats import produce
    from clusterkit.results.comparison import NewEvidence, compare

    # With --rev both sides may come from git checkouts, so the working tree's file is never read; it is
    # still the file the user named (or the default), and no output may replace it.
    protected = tuple(files) or (DEFAULT_FILE,)
    try:
        old, new = _pair(files, rev, criteria, levels, parse_date(today))
    except AddedFile as added:
        # A pull request that adds cluster.yaml has nothing to compare with; that is no regression.
        where = f"`{added.absent.path}` does not exist at `{added.absent.revision}`"
        text = produce("diff", output_format, NewEvidence(message=where, new=added.new))
        write_output(text, output, protected=protected)
        return ExitCode.OK
    result = compare(old, new)
    write_output(produce("diff", output_format, result), output, protected=protected)
    if fail_on_regression and result.regressions:
        return ExitCode.CHECK_FAILED
    return ExitCode.OK
