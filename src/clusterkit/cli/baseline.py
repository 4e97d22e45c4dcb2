"""`--baseline REV|FILE`: the earlier assessment that improvement conditions measure progress against.

A path to an existing file is a saved assessment (`clusterkit assess --format json -o FILE`); anything
else is a git revision of the evidence file's repository, assessed as `diff --rev` does (in a temporary
worktree, with its documents at that revision) and as of its own date: the file's `assessment_date` at
that revision, else the commit date; never `--today`, which is the date of the assessment it is
compared with.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from clusterkit.errors import UsageError

if TYPE_CHECKING:
    from clusterkit.scoring.context import BaselineAssessment


def resolve_baseline(
    file: Path, spec: str | None, criteria: list[str], levels: list[str]
) -> BaselineAssessment | None:
    """The baseline ``spec`` names (None without one), assessed with the same packs and levels."""
    if spec is None:
        return None
    from clusterkit.scoring.context import BaselineAssessment

    if Path(spec).is_file():
        from clusterkit.load.snapshot import read_snapshot

        return BaselineAssessment(label=Path(spec).name, assessment=read_snapshot(Path(spec)))
    if spec.startswith("-") or not spec.strip():
        raise UsageError(f"--baseline {spec!r}: give a saved assessment (JSON) or a git revision")
    from clusterkit.cli.diff_command import NotAtRevision, assessment_at
    from clusterkit.facts.revisions import commit_date, repository_top

    try:
        top = repository_top(file)
    except UsageError:
        raise UsageError(
            f"--baseline {spec}: no such file, and no git repository around {file} to read a revision from"
        ) from None
    try:
        day = commit_date(top, spec)
    except UsageError as error:
        raise UsageError(f"--baseline {spec}: no such file, and {error}") from None
    try:
        # as of the commit when the file at that revision has no assessment_date
        assessment = assessment_at(file, spec, criteria, levels, None, clock=lambda: day)
    except NotAtRevision as absent:
        raise UsageError(
            f"--baseline {spec}: {absent}; give a revision that has it, or a saved assessment"
        ) from None
    return BaselineAssessment(label=spec, assessment=assessment)
