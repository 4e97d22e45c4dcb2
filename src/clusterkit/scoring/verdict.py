"""Whether an assessment passes `clusterkit check`, under each ``--fail-on`` mode: pure, from the Assessment.

- ``minimum``: fails when the roadmap of a requested pack has a blocking gap: a minimum requirement of
  the target level (or of a prerequisite level, from another pack) that is not met, or an unmet level
  condition. Score thresholds are ignored.
- ``level`` (the default): fails when a requested pack's target level is not reached.
- ``unknown``: fails like ``level``, and also when any check of any assessed pack is unknown (a field it
  reads is not given, or a declaration has expired): the strict mode for "the file says everything".
- ``overdue``: fails when an item of the evidence file's improvement plan is overdue (past its due date,
  what it fixes still not met, not dropped: scoring/followup.py), naming the item and its owner. Levels
  are not judged: the plan's follow-up is its own gate, as ``minimum`` is.
"""

from __future__ import annotations

from typing import Literal

from clusterkit.results.assessment import Assessment, PackAssessment

FailOn = Literal["minimum", "level", "unknown", "overdue"]
FAIL_ON_MODES: tuple[FailOn, ...] = ("minimum", "level", "unknown", "overdue")


def fail_on_mode(value: str) -> FailOn:
    """A --fail-on value as a mode; ValueError for anything else."""
    for mode in FAIL_ON_MODES:
        if value == mode:
            return mode
    raise ValueError(f"unknown --fail-on mode {value!r}; one of {', '.join(FAIL_ON_MODES)}")


def failures(assessment: Assessment, mode: FailOn) -> list[str]:
    """Why the check fails under ``mode``, one line per reason; empty when it passes."""
    requested = [pack for pack in assessment.packs if pack.requested]
    if mode == "minimum":
        return [line for pack in requested for line in blocking_gaps(pack)]
    if mode == "overdue":
        return overdue_items(assessment)
    reasons = [line for pack in requested for line in unreached(pack)]
    if mode == "unknown":
        reasons += [line for pack in assessment.packs for line in unknown_checks(pack)]
    return reasons


def blocking_gaps(pack: PackAssessment) -> list[str]:
    """The gaps that block the target level whatever the score."""
    return [
        f"{pack.pack}: {step.title} is {step.status.replace('_', ' ')} (blocks {pack.target_level})"
        for step in pack.roadmap.steps
        if step.blocking
    ]


def unreached(pack: PackAssessment) -> list[str]:
    """The target level when it is not reached, with its reasons."""
    if pack.target_reached:
        return []
    level = next(item for item in pack.levels if item.id == pack.target_level)
    return [f"{pack.pack}: {level.title} is not reached: {'; '.join(level.reasons)}"]


def unknown_checks(pack: PackAssessment) -> list[str]:
    """One line per indicator with a check that could not be assessed."""
    lines = []
    for area in pack.areas:
        for indicator in area.indicators:
            unknown = [check.title for check in indicator.checks if check.status == "unknown"]
            if unknown:
                lines.append(
                    f"{pack.pack}: {indicator.id} {indicator.title}: unknown ({', '.join(unknown)})"
                )
    return lines


def overdue_items(assessment: Assessment) -> list[str]:
    """One line per overdue plan item: what it fixes, its owner and due date, and the check's status."""
    return [
        f"{item.describe()} is overdue: still {(item.check_status or 'unknown').replace('_', ' ')}"
        f" as of {assessment.assessment_date}"
        for item in assessment.overdue
    ]
