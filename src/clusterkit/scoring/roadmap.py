"""The roadmap: the gaps ordered by what they unlock, and how many points close the distance to a level."""

from __future__ import annotations

from clusterkit.models.pack import CriteriaPack, Level
from clusterkit.results.assessment import (
    IndicatorResult,
    LevelResult,
    PackAssessment,
    Roadmap,
    RoadmapItem,
)
from clusterkit.results.numbers import fmt
from clusterkit.scoring.levels import required_indicators

EPSILON = 1e-9


def gaps(
    pack_id: str, indicators: list[IndicatorResult], blocking_ids: set[str]
) -> list[RoadmapItem]:
    """Every check that is not met, in pack order, with the points fixing it would add."""
    items = []
    for indicator in indicators:
        for check in indicator.checks:
            if check.status in ("met", "not_applicable") or check.fix is None:
                continue
            items.append(
                RoadmapItem(
                    indicator=indicator.id,
                    check=check.id,
                    title=f"{indicator.id} {indicator.title}: {check.title}",
                    status=check.status,
                    fix=check.fix,
                    gain=round(check.possible - check.points, 6),
                    blocking=indicator.id in blocking_ids,
                    pack=pack_id,
                )
            )
    return items


def _condition_gaps(pack_id: str, level: LevelResult) -> list[RoadmapItem]:
    return [
        RoadmapItem(
            indicator=None,
            check=condition.id,
            title=f"{level.title}: {condition.title}",
            status=condition.status,
            fix=condition.fix or "",
            gain=0.0,
            blocking=True,
            pack=pack_id,
        )
        for condition in level.conditions
        if condition.status != "met"
    ]


def _prerequisite_gaps(level: Level, others: dict[str, PackAssessment]) -> list[RoadmapItem]:
    """The blocking steps of other packs' levels this level needs and does not have."""
    items: list[RoadmapItem] = []
    for ref in level.requires.prerequisites:
        other = others.get(ref.pack or "")
        if other is None:
            continue
        found = next((item for item in other.levels if item.id == ref.level), None)
        if found is not None and not found.reached:
            items.extend(step for step in other.roadmap.steps if step.blocking)
    return items


def build_roadmap(
    pack: CriteriaPack,
    target: str,
    indicators: list[IndicatorResult],
    levels: list[LevelResult],
    points: float,
    possible: float,
    others: dict[str, PackAssessment],
) -> Roadmap:
    """Blocking gaps first (minimum requirements, conditions, prerequisite packs), then by points."""
    level = pack.level(target)
    result = next((item for item in levels if item.id == target), None)
    if level is None or result is None:
        raise ValueError(f"unknown target level {target!r}")
    missing = {item.id for item in required_indicators(level, indicators) if item.status != "met"}
    all_gaps = gaps(pack.id, indicators, missing)
    blocking = [item for item in all_gaps if item.blocking]
    blocking += _condition_gaps(pack.id, result) + _prerequisite_gaps(level, others)
    optional = sorted((item for item in all_gaps if not item.blocking), key=lambda item: -item.gain)
    required_score = level.requires.score
    needed = max(0.0, round(required_score * possible - points, 6)) if required_score else 0.0
    steps, gained = list(blocking), sum(item.gain for item in blocking if item.pack == pack.id)
    further = []
    for item in optional:
        if gained + EPSILON < needed:
            steps.append(item)
            gained += item.gain
        else:
            further.append(item)
    return Roadmap(
        target_level=target,
        reached=result.reached,
        points_needed=needed,
        summary=_summary(
            level.title,
            result.reached,
            needed,
            steps,
            gained,
            len(missing),
            required_score is not None,
        ),
        steps=steps,
        further=further,
    )


def _summary(
    title: str,
    reached: bool,
    needed: float,
    steps: list[RoadmapItem],
    gained: float,
    missing: int,
    scored: bool,
) -> str:
    if reached:
        return f"{title} is reached. The gaps below would raise the score further."
    parts = []
    if missing:
        parts.append(
            f"{missing} minimum requirement{'s are' if missing > 1 else ' is'} not met: fix those first"
        )
    if needed > EPSILON:
        parts.append(
            f"you need {fmt(round(needed, 2))} more points for {title}; "
            f"these {len(steps)} fixes give {fmt(round(gained, 2))}"
        )
    elif steps:
        gaps = f"{len(steps)} blocking gap{'s remain' if len(steps) > 1 else ' remains'}"
        parts.append(f"the score is enough; {gaps}" if scored else gaps)
    text = "; ".join(parts) or f"{title} is not reached"
    return text[0].upper() + text[1:] + "."
