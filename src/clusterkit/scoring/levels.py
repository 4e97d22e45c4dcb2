"""Level verdicts: minimum requirements, score, prerequisite levels (any pack) and further conditions."""

from __future__ import annotations

from fractions import Fraction

from clusterkit.models.pack import CriteriaPack, Level, LevelCondition
from clusterkit.results.assessment import CheckResult, IndicatorResult, LevelResult, PackAssessment
from clusterkit.results.numbers import fmt, fmt_score
from clusterkit.scoring.evaluation import Context, evaluate, result_of
from clusterkit.scoring.points import reaches, score_of


def condition_result(condition: LevelCondition, ctx: Context) -> CheckResult:
    """A level condition evaluated like a check, worth no points."""
    return result_of(
        evaluate(condition.rule, ctx),
        id=condition.id,
        title=condition.title,
        basis=condition.basis.value,
        source=condition.source,
        fix=condition.fix,
        points=0.0,
        possible=0.0,
    )


def required_indicators(level: Level, indicators: list[IndicatorResult]) -> list[IndicatorResult]:
    """The minimum requirements a level asks for: all of the pack's, or the ones it names."""
    wanted = level.requires.minimum_requirements
    if wanted == "all":
        return [item for item in indicators if item.minimum_requirement]
    return [item for item in indicators if item.id in (wanted or [])]


def assess_levels(
    pack: CriteriaPack,
    indicators: list[IndicatorResult],
    exact_points: tuple[Fraction, Fraction],
    ctx: Context,
    others: dict[str, PackAssessment],
) -> list[LevelResult]:
    """Every level of the pack, in pack order; prerequisites inside the pack are resolved on the way.

    ``exact_points`` (achieved, possible) decide the score threshold exactly; the rounded score is for text.
    """
    points, possible = exact_points
    score = score_of(points, possible)
    done: dict[str, LevelResult] = {}

    # No level needs itself: the prerequisite graph was checked when the packs were loaded
    # (clusterkit.packs.graph), so this recursion ends.
    def result(level: Level) -> LevelResult:
        if level.id in done:
            return done[level.id]
        reasons = [
            f"minimum requirement {item.id} {item.title} is {item.status.replace('_', ' ')}"
            for item in required_indicators(level, indicators)
            if item.status != "met"
        ]
        required = level.requires.score
        if required is not None and not reaches(points, possible, required):
            shown = "not computable" if score is None else fmt_score(score)
            reasons.append(f"excellence score {shown} is below {fmt(required, 'percent')}")
        for ref in level.requires.prerequisites:
            reached, title = _prerequisite(pack, ref.pack, ref.level, result, others)
            if not reached:
                reasons.append(f"prerequisite {title} is not reached")
        conditions = [condition_result(condition, ctx) for condition in level.requires.conditions]
        reasons.extend(c.reason for c in conditions if c.status != "met")
        done[level.id] = LevelResult.built(
            id=level.id,
            title=level.title,
            reached=not reasons,
            reasons=reasons,
            score_required=required,
            basis=level.basis.value,
            source=level.source,
            conditions=conditions,
        )
        return done[level.id]

    return [result(level) for level in pack.levels]


def _prerequisite(
    pack: CriteriaPack,
    pack_id: str | None,
    level_id: str,
    own: object,
    others: dict[str, PackAssessment],
) -> tuple[bool, str]:
    """Whether a prerequisite level is reached, and its name for reasons."""
    if pack_id in (None, pack.id):
        level = pack.level(level_id)
        if level is None:
            return False, f"`{level_id}` (unknown level)"
        outcome = own(level)  # type: ignore[operator]
        return bool(outcome.reached), f"{outcome.title}"
    other = others.get(pack_id or "")
    found = next((item for item in other.levels if item.id == level_id), None) if other else None
    if other is None or found is None:
        return False, f"{pack_id} {level_id} (not assessed)"
    return found.reached, f"{found.title} ({other.pack})"
