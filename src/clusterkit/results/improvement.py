"""Progress since a baseline assessment, as a level condition of kind `improvement` found it.

An improvement is measured: an indicator that was a gap in the baseline and is better now, named with
the checks that moved it and the values seen then and now. Without a baseline, the pack may fall back
to a hand-written list (`improvement_areas`): that is declared, not measured, and says so.
"""

import datetime as dt
from typing import Literal

from pydantic import Field

from clusterkit.results.base import Result, Status


class CheckChange(Result):
    """A check of a changed indicator whose status differs: what moved it, with what was seen."""

    id: str
    title: str
    old: Status | None = Field(description="null when the check is not in the old assessment.")
    new: Status
    observed_old: str | None = Field(description="The value seen before, formatted; null if none.")
    observed_new: str | None = Field(description="The value seen now, formatted; null if none.")
    expected: str = Field(description="What the check expects (now), formatted.")


class Improvement(Result):
    """An indicator that was a gap in the baseline and improved since."""

    indicator: str
    title: str
    old: Status = Field(description="Its status in the baseline.")
    new: Status = Field(description="Its status now.")
    points_old: float
    points_new: float
    checks: list[CheckChange] = Field(
        description="The checks that moved it, with the values seen then and now (the effect)."
    )


class DeclaredImprovement(Result):
    """An improvement written by hand in the evidence (`improvement_areas`): declared, not measured."""

    indicator: str | None
    change: str | None
    effect: str | None


class Baseline(Result):
    """The assessment progress is measured against."""

    label: str = Field(description="The revision (REV:path) or the snapshot file it came from.")
    assessment_date: dt.date


class Progress(Result):
    """How an improvement condition counted: measured against a baseline, declared, or neither."""

    measured: Literal["baseline", "declaration", "none"] = Field(
        description="baseline: measured against a baseline assessment; declaration: no baseline, the hand-written list counted instead; none: neither."
    )
    baseline: Baseline | None = Field(description="The baseline; null without one.")
    counts_as_improved: str = Field(
        description="What counted as an improved indicator, in words (the pack's assumption or rule)."
    )
    counts_as_improved_basis: str = Field(description="The basis of that reading.")
    improved: list[Improvement] = Field(
        description="Indicators improved since the baseline, in pack order; empty without one."
    )
    declared: list[DeclaredImprovement] = Field(
        description="The hand-written improvements counted without a baseline; empty with one."
    )
