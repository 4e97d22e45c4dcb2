"""Score evidence against criteria packs: pure, deterministic, no I/O and no clock.

Semantics (docs/scoring.md): a check is met, partial, unmet, unknown or not applicable; unknown stays in
the denominator at 0 points; a minimum requirement counts only when met; a level holds when its minimum
requirements, score, prerequisites and conditions all hold.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from fractions import Fraction
from typing import NamedTuple

from clusterkit.models.evidence import Evidence
from clusterkit.models.facts import Facts
from clusterkit.models.pack import Check, CriteriaPack, Indicator
from clusterkit.models.vocab import DeclaredStatus
from clusterkit.results.assessment import (
    AreaResult,
    Assessment,
    CheckResult,
    DateSource,
    IndicatorResult,
    PackAssessment,
    Status,
)
from clusterkit.scoring.context import BaselineAssessment
from clusterkit.scoring.economics import decided_evidence
from clusterkit.scoring.evaluation import Context, evaluate, result_of
from clusterkit.scoring.followup import progress, with_plan
from clusterkit.scoring.levels import assess_levels
from clusterkit.scoring.plausibility import questions
from clusterkit.scoring.points import check_points, exact, score_of, stored, total
from clusterkit.scoring.portfolio import analyse_portfolio
from clusterkit.scoring.profile import summarise
from clusterkit.scoring.roadmap import build_roadmap
from clusterkit.scoring.unknowns import what_we_do_not_know
from clusterkit.scoring.warnings import assessment_warnings


class Tally(NamedTuple):
    """Exact points achieved and possible, summed up the pack: the verdict's numbers."""

    points: Fraction = Fraction(0)
    possible: Fraction = Fraction(0)


def tally(items: Sequence[Tally]) -> Tally:
    return Tally(total(item.points for item in items), total(item.possible for item in items))


def indicator_status(statuses: Sequence[Status]) -> Status:
    """All met: met; all unknown: unknown; any met or partial: partial; otherwise unmet."""
    if all(status == "met" for status in statuses):
        return "met"
    if all(status == "unknown" for status in statuses):
        return "unknown"
    if any(status in ("met", "partial") for status in statuses):
        return "partial"
    return "unmet"


def check_result(check: Check, ctx: Context, partial_credit: float) -> tuple[CheckResult, Tally]:
    """One check's result, with the points its status earns (exactly, beside the result)."""
    outcome = evaluate(check.rule, ctx)
    earned = check_points(check, outcome.status, partial_credit)
    result = result_of(
        outcome,
        id=check.id,
        title=check.title,
        basis=check.basis.value,
        source=check.source,
        fix=check.fix,
        points=stored(earned),
        possible=check.points,
    )
    return result, Tally(earned, exact(check.points))


def _not_applicable(check: Check, justification: str) -> CheckResult:
    return CheckResult.built(
        id=check.id,
        title=check.title,
        status="not_applicable",
        points=0.0,
        possible=0.0,
        observed=None,
        expected="",
        reason=f"{check.title}: not applicable ({justification})",
        basis=check.basis.value,
        source=check.source,
        fix=None,
        reads=[],
    )


def indicator_result(
    indicator: Indicator, area: str, pack: CriteriaPack, ctx: Context
) -> tuple[IndicatorResult, Tally]:
    declared = (ctx.evidence.declarations or {}).get(indicator.id)
    justification = None
    if (
        indicator.allow_not_applicable
        and declared
        and declared.status == DeclaredStatus.NOT_APPLICABLE
    ):
        justification = declared.justification or ""
        checks = [_not_applicable(check, justification) for check in indicator.checks]
        status: Status = "not_applicable"
        sums = Tally()
    else:
        pairs = [check_result(check, ctx, pack.partial_credit) for check in indicator.checks]
        checks = [check for check, _ in pairs]
        sums = tally([part for _, part in pairs])
        status = indicator_status([check.status for check in checks])
    result = IndicatorResult.built(
        id=indicator.id,
        title=indicator.title,
        area=area,
        minimum_requirement=indicator.minimum_requirement,
        status=status,
        points=stored(sums.points),
        possible=stored(sums.possible),
        guidance=indicator.guidance,
        basis=indicator.basis.value,
        source=indicator.source,
        justification=justification,
        checks=checks,
    )
    return result, sums


def score_areas(
    pack: CriteriaPack, evidence: Evidence, facts: Facts, today: dt.date
) -> tuple[list[AreaResult], Tally]:
    """Every area's result, and the pack's exact points and points possible."""
    areas, sums = [], Tally()
    for area in pack.areas:
        pairs = [
            indicator_result(item, area.id, pack, Context(evidence, facts, today, item.id))
            for item in area.indicators
        ]
        part = tally([exact_part for _, exact_part in pairs])
        sums = tally([sums, part])
        areas.append(
            AreaResult.built(
                id=area.id,
                title=area.title,
                points=stored(part.points),
                possible=stored(part.possible),
                score=score_of(part.points, part.possible),
                indicators=[result for result, _ in pairs],
            )
        )
    return areas, sums


def assess_pack(
    pack: CriteriaPack,
    evidence: Evidence,
    facts: Facts,
    today: dt.date,
    *,
    target: str,
    requested: bool,
    others: dict[str, PackAssessment],
    baseline: BaselineAssessment | None = None,
    points_plan: bool = True,
) -> PackAssessment:
    """Assess one pack; ``others`` holds the already assessed packs its levels may need, ``baseline``
    the earlier assessment an improvement condition measures progress against (`build_roadmap`:
    ``points_plan``)."""
    areas, sums = score_areas(pack, evidence, facts, today)
    indicators = [item for area in areas for item in area.indicators]
    points, possible = stored(sums.points), stored(sums.possible)
    score = score_of(sums.points, sums.possible)
    ctx = Context(evidence, facts, today, "", pack.id, tuple(indicators), baseline)
    levels = assess_levels(pack, indicators, (sums.points, sums.possible), ctx, others)
    level = next(item for item in levels if item.id == target)
    return PackAssessment.built(
        pack=pack.id,
        title=pack.title,
        version=pack.version,
        description=pack.description,
        requested=requested,
        target_level=target,
        target_reached=level.reached,
        score=score,
        points=points,
        possible=possible,
        counts=dict(sorted(Counter(item.status for item in indicators).items())),
        areas=areas,
        levels=levels,
        minimum_requirements=[item.id for item in indicators if item.minimum_requirement],
        unknown=[item.id for item in indicators if item.status == "unknown"],
        roadmap=build_roadmap(
            pack, target, indicators, levels, (sums.points, sums.possible), others, points_plan
        ),
    )


def assess(
    packs: Sequence[CriteriaPack],
    evidence: Evidence,
    facts: Facts,
    today: dt.date,
    *,
    evidence_file: str,
    date_source: DateSource,
    requested: Sequence[str],
    targets: dict[str, str] | None = None,
    portfolio: CriteriaPack | None = None,
    baseline: BaselineAssessment | None = None,
    points_plan: bool = True,
    details: bool = True,
) -> Assessment:
    """Assess the evidence against every pack (prerequisite packs first) and analyse the portfolio.

    ``requested`` are the pack ids the user asked for (others are prerequisites); ``targets`` maps a pack
    id to its target level (default: the pack's default level); ``portfolio`` is the pack whose
    portfolio classes place the services (none: no portfolio analysis); ``baseline`` is the earlier
    assessment that improvement conditions measure progress against (none: their declared fallback).
    Without ``details`` the service portfolio, questions, unknowns and warnings are left out (a
    portfolio's row reads none of them): such an assessment is for a row, never for a report.
    """
    # The checks read the contribution and appreciation the figures and the survey decide, as the
    # portfolio shows them; the portfolio itself reads the file's own marks to show them beside.
    decided = decided_evidence(evidence, portfolio.portfolio if portfolio else None)
    done: dict[str, PackAssessment] = {}
    ordered = order_by_prerequisites(packs)
    for pack in ordered:
        target = (targets or {}).get(pack.id, pack.default_level)
        done[pack.id] = assess_pack(
            *(pack, decided, facts, today),
            target=target,
            requested=pack.id in requested,
            others=done,
            baseline=baseline,
            points_plan=points_plan,
        )
    results = [done[pack.id] for pack in packs]
    followed = progress(results, evidence.plan or (), today)
    return Assessment.built(
        evidence_file=evidence_file,
        assessment_date=today,
        date_source=date_source,
        cluster=summarise(evidence),
        passed=all(item.target_reached for item in results if item.requested),
        packs=[with_plan(pack, followed) for pack in results],
        plan=followed,
        portfolio=analyse_portfolio(evidence, portfolio) if portfolio and details else None,
        questions=questions(packs, evidence, facts, today) if details else [],
        unknowns=what_we_do_not_know(evidence, [done[p.id] for p in ordered], today)
        if details
        else [],
        warnings=assessment_warnings(evidence, facts, packs, today, portfolio is not None)
        if details
        else [],
    )


def order_by_prerequisites(packs: Sequence[CriteriaPack]) -> list[CriteriaPack]:
    """Packs ordered so that every pack comes after the packs its levels need.

    The packs need each other's levels one way only: the graph was checked when they were loaded
    (clusterkit.packs.graph), so this walk ends.
    """
    by_id = {pack.id: pack for pack in packs}
    ordered: list[CriteriaPack] = []

    def visit(pack: CriteriaPack) -> None:
        if pack in ordered:
            return
        for level in pack.levels:
            for ref in level.requires.prerequisites:
                if ref.pack and ref.pack in by_id and ref.pack != pack.id:
                    visit(by_id[ref.pack])
        ordered.append(pack)

    for pack in packs:
        visit(pack)
    return ordered
