"""The assessment over time: one point per revision or saved snapshot, and what changed between them.

Pure, like the comparison it reuses: a History is built from assessments already made, oldest first. Each
point keeps what a chart and a table of the path need (the verdict per level, the score per pack and per
area); each step between two consecutive points is the full comparison (indicators won and lost, with
the checks that moved them).
"""

import datetime as dt
from collections.abc import Sequence
from itertools import pairwise
from typing import Literal

from pydantic import Field

from clusterkit.results.assessment import (
    Assessment,
    LevelResult,
    PackAssessment,
    ProgressResult,
    Result,
)
from clusterkit.results.comparison import AssessmentDiff, compare

HISTORY_SCHEMA_VERSION = 1
PointKind = Literal["revision", "snapshot", "working-tree"]


class LevelPoint(Result):
    """A level's verdict at one point, with the score it needs (null: no score threshold)."""

    id: str
    title: str
    reached: bool
    score_required: float | None
    progress: Literal["baseline", "declaration", "none"] | None = Field(
        None,
        description="How the level's improvement condition counted at this point (baseline: measured against the point before); null: the level has none.",
    )
    improved: int | None = Field(
        None, description="Indicators improved since the point before; null unless measured."
    )


class AreaPoint(Result):
    """An area's score at one point."""

    id: str
    title: str
    score: float | None


class PackPoint(Result):
    """One pack at one point: its score, areas and level verdicts."""

    pack: str
    title: str
    requested: bool
    score: float | None
    target_level: str
    target_reached: bool
    levels: list[LevelPoint]
    areas: list[AreaPoint]


class HistoryPoint(Result):
    """One assessment on the path."""

    kind: PointKind = Field(description="A git revision, a saved assessment, or the working tree.")
    label: str = Field(description="The tag, the short commit id, or the snapshot's file name.")
    commit: str | None = Field(description="The full commit id; null for snapshots.")
    date: dt.date = Field(description="The commit date, or the snapshot's assessment date.")
    assessment_date: dt.date
    passed: bool
    packs: list[PackPoint]


class History(Result):
    """Every point, oldest first, and the comparison of each point with the one before."""

    schema_version: int = HISTORY_SCHEMA_VERSION
    evidence_file: str
    points: list[HistoryPoint]
    steps: list[AssessmentDiff] = Field(
        description="steps[i] compares points[i] with points[i + 1]."
    )


def pack_point(pack: PackAssessment) -> PackPoint:
    return PackPoint(
        pack=pack.pack,
        title=pack.title,
        requested=pack.requested,
        score=pack.score,
        target_level=pack.target_level,
        target_reached=pack.target_reached,
        levels=[level_point(level) for level in pack.levels],
        areas=[AreaPoint(id=area.id, title=area.title, score=area.score) for area in pack.areas],
    )


def level_point(level: LevelResult) -> LevelPoint:
    """A level at one point; with an improvement condition, how it counted (the first one's)."""
    found = next((c for c in level.conditions if isinstance(c, ProgressResult)), None)
    progress = found.progress if found else None
    measured = progress is not None and progress.measured == "baseline"
    return LevelPoint(
        id=level.id,
        title=level.title,
        reached=level.reached,
        score_required=level.score_required,
        progress=progress.measured if progress else None,
        improved=len(progress.improved) if progress and measured else None,
    )


def point(
    assessment: Assessment, *, kind: PointKind, label: str, commit: str | None, date: dt.date
) -> HistoryPoint:
    return HistoryPoint(
        kind=kind,
        label=label,
        commit=commit,
        date=date,
        assessment_date=assessment.assessment_date,
        passed=assessment.passed,
        packs=[pack_point(pack) for pack in assessment.packs],
    )


def build_history(
    evidence_file: str, assessed: Sequence[tuple[HistoryPoint, Assessment]]
) -> History:
    """The history of points already made, ordered by date (stable for points of the same day)."""
    ordered = sorted(assessed, key=lambda item: item[0].date)
    steps = [compare(old, new) for (_, old), (_, new) in pairwise(ordered)]
    return History(evidence_file=evidence_file, points=[item for item, _ in ordered], steps=steps)
