"""Compare two assessments: indicators won and lost, score changes per area and pack, level verdicts.

Pure, like the scorer. An indicator is *won* when its status rises in the order unknown/unmet < partial <
met, *lost* when it falls, and *changed* otherwise (unknown to unmet, or to or from not applicable). A
*regression* is a verdict that drops (the overall pass, or any level of a pack assessed on both sides)
or a pack score that falls.
"""

from typing import Literal

from pydantic import Field

from clusterkit.results.assessment import (
    Assessment,
    IndicatorResult,
    PackAssessment,
    Result,
    Status,
)
from clusterkit.results.improvement import CheckChange
from clusterkit.results.numbers import fmt_score

__all__ = ["AssessmentDiff", "CheckChange", "IndicatorChange", "NewEvidence", "compare"]

DIFF_SCHEMA_VERSION = 1
EPSILON = 1e-9
RANK: dict[Status, int] = {"unknown": 0, "unmet": 0, "partial": 1, "met": 2}
Direction = Literal["won", "lost", "changed"]


class Side(Result):
    """One side of the comparison."""

    label: str = Field(description="The evidence file, or REVISION:path.")
    assessment_date: str
    passed: bool


class IndicatorChange(Result):
    """An indicator whose status differs between the two sides."""

    id: str
    title: str
    area: str
    minimum_requirement: bool
    direction: Direction
    old: Status
    new: Status
    points_old: float
    points_new: float
    checks: list[CheckChange] = Field(
        description="The checks behind the change: those whose status differs."
    )


class ScoreChange(Result):
    """A score on both sides (an area's or a pack's); null where not computable."""

    id: str
    title: str
    old: float | None
    new: float | None
    delta: float | None = Field(description="new - old, rounded to 4 decimals; null if either is.")


class LevelChange(Result):
    """A level whose verdict differs."""

    id: str
    title: str
    old: bool | None = Field(description="null when the level is not in the old assessment.")
    new: bool | None = Field(description="null when the level is not in the new assessment.")


class PackDiff(Result):
    """The changes within one pack."""

    pack: str
    title: str
    score: ScoreChange
    areas: list[ScoreChange] = Field(description="Areas whose score changed.")
    levels: list[LevelChange]
    won: list[IndicatorChange]
    lost: list[IndicatorChange]
    changed: list[IndicatorChange]


class AssessmentDiff(Result):
    """What changed from one assessment to another, and whether anything regressed."""

    schema_version: int = DIFF_SCHEMA_VERSION
    old: Side
    new: Side
    packs: list[PackDiff]
    added_packs: list[str]
    removed_packs: list[str]
    regressions: list[str] = Field(description="Verdicts and scores that dropped; empty if none.")


class NewEvidence(Result):
    """The evidence file does not exist on the old side of a range: nothing to compare, no regression."""

    schema_version: int = DIFF_SCHEMA_VERSION
    added: Literal[True] = True
    message: str = Field(
        description="Where the file is missing, e.g. `cluster.yaml` does not exist at `HEAD~1`."
    )
    new: Assessment = Field(description="The assessment of the new side.")


def direction(old: Status, new: Status) -> Direction:
    if old in RANK and new in RANK and RANK[old] != RANK[new]:
        return "won" if RANK[new] > RANK[old] else "lost"
    return "changed"


def _score(id_: str, title: str, old: float | None, new: float | None) -> ScoreChange:
    delta = round(new - old, 4) if old is not None and new is not None else None
    return ScoreChange(id=id_, title=title, old=old, new=new, delta=delta)


def _indicators(pack: PackAssessment) -> dict[str, IndicatorResult]:
    return {item.id: item for area in pack.areas for item in area.indicators}


def _changes(old: PackAssessment, new: PackAssessment) -> list[IndicatorChange]:
    before = _indicators(old)
    changes = []
    for item in _indicators(new).values():
        previous = before.get(item.id)
        if previous is None or previous.status == item.status:
            continue
        changes.append(
            IndicatorChange(
                id=item.id,
                title=item.title,
                area=item.area,
                minimum_requirement=item.minimum_requirement,
                direction=direction(previous.status, item.status),
                old=previous.status,
                new=item.status,
                points_old=previous.points,
                points_new=item.points,
                checks=check_changes(previous, item),
            )
        )
    return changes


def check_changes(old: IndicatorResult, new: IndicatorResult) -> list[CheckChange]:
    """The checks whose status moved (an indicator's status follows its checks' statuses)."""
    before = {check.id: check for check in old.checks}
    changes = []
    for check in new.checks:
        previous = before.get(check.id)
        if previous is not None and previous.status == check.status:
            continue
        changes.append(
            CheckChange(
                id=check.id,
                title=check.title,
                old=previous.status if previous else None,
                new=check.status,
                observed_old=previous.observed if previous else None,
                observed_new=check.observed,
                expected=check.expected,
            )
        )
    return changes


def _levels(old: PackAssessment, new: PackAssessment) -> list[LevelChange]:
    before = {level.id: level.reached for level in old.levels}
    after = {level.id: level.reached for level in new.levels}
    titles = {level.id: level.title for level in (*old.levels, *new.levels)}
    return [
        LevelChange(
            id=level_id, title=titles[level_id], old=before.get(level_id), new=after.get(level_id)
        )
        for level_id in titles
        if before.get(level_id) != after.get(level_id)
    ]


def compare_pack(old: PackAssessment, new: PackAssessment) -> PackDiff:
    """The changes of one pack assessed on both sides."""
    old_areas = {area.id: area for area in old.areas}
    areas = [
        _score(
            area.id,
            area.title,
            old_areas[area.id].score if area.id in old_areas else None,
            area.score,
        )
        for area in new.areas
    ]
    changes = _changes(old, new)
    return PackDiff(
        pack=new.pack,
        title=new.title,
        score=_score(new.pack, new.title, old.score, new.score),
        areas=[area for area in areas if area.old != area.new],
        levels=_levels(old, new),
        won=[c for c in changes if c.direction == "won"],
        lost=[c for c in changes if c.direction == "lost"],
        changed=[c for c in changes if c.direction == "changed"],
    )


def regressions(old: Assessment, new: Assessment, packs: list[PackDiff]) -> list[str]:
    """The verdicts and scores that dropped."""
    found = []
    if old.passed and not new.passed:
        found.append("the overall verdict dropped: a target level is no longer reached")
    for pack in packs:
        found += [
            f"{pack.pack}: {level.title} is no longer reached"
            for level in pack.levels
            if level.old and level.new is False
        ]
        score = pack.score
        if score.old is not None and score.new is not None and score.new + EPSILON < score.old:
            found.append(
                f"{pack.pack}: the score fell from {fmt_score(score.old)} to {fmt_score(score.new)}"
            )
    return found


def side(assessment: Assessment) -> Side:
    return Side(
        label=assessment.evidence_file,
        assessment_date=assessment.assessment_date.isoformat(),
        passed=assessment.passed,
    )


def compare(old: Assessment, new: Assessment) -> AssessmentDiff:
    """What changed from ``old`` to ``new``, pack by pack, in the new assessment's pack order."""
    before = {pack.pack: pack for pack in old.packs}
    after = {pack.pack: pack for pack in new.packs}
    packs = [compare_pack(before[pack.pack], pack) for pack in new.packs if pack.pack in before]
    return AssessmentDiff(
        old=side(old),
        new=side(new),
        packs=packs,
        added_packs=[pack_id for pack_id in after if pack_id not in before],
        removed_packs=[pack_id for pack_id in before if pack_id not in after],
        regressions=regressions(old, new, packs),
    )
