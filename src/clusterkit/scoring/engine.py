"""Score evidence against criteria packs: pure, deterministic, no I/O and no clock.

Semantics (docs/scoring.md): a check is met, partial, unmet, unknown or not applicable; unknown stays in
the denominator at 0 points; a minimum requirement counts only when met; a level holds when its minimum
requirements, score, prerequisites and conditions all hold.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence

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
from clusterkit.scoring.evaluation import Context, evaluate, result_of
from clusterkit.scoring.levels import assess_levels
from clusterkit.scoring.portfolio import analyse_portfolio
from clusterkit.scoring.profile import summarise
from clusterkit.scoring.roadmap import build_roadmap
from clusterkit.scoring.sections import document_rules, unknown_sections

EPSILON = 1e-9


def points_for(check: Check, status: Status, partial_credit: float) -> float:
    """Points a check earns with a status."""
    if status == "met":
        return check.points
    if status == "partial":
        return (
            check.partial_points
            if check.partial_points is not None
            else check.points * partial_credit
        )
    return 0.0


def indicator_status(statuses: Sequence[Status]) -> Status:
    """All met: met; all unknown: unknown; any met or partial: partial; otherwise unmet."""
    if all(status == "met" for status in statuses):
        return "met"
    if all(status == "unknown" for status in statuses):
        return "unknown"
    if any(status in ("met", "partial") for status in statuses):
        return "partial"
    return "unmet"


def check_result(check: Check, ctx: Context, partial_credit: float) -> CheckResult:
    """One check's result, with the points its status earns."""
    outcome = evaluate(check.rule, ctx)
    return result_of(
        outcome,
        id=check.id,
        title=check.title,
        basis=check.basis.value,
        source=check.source,
        fix=check.fix,
        points=round(points_for(check, outcome.status, partial_credit), 6),
        possible=check.points,
    )


def _not_applicable(check: Check, justification: str) -> CheckResult:
    return CheckResult(
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
) -> IndicatorResult:
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
    else:
        checks = [check_result(check, ctx, pack.partial_credit) for check in indicator.checks]
        status = indicator_status([check.status for check in checks])
    return IndicatorResult(
        id=indicator.id,
        title=indicator.title,
        area=area,
        minimum_requirement=indicator.minimum_requirement,
        status=status,
        points=round(sum(c.points for c in checks), 6),
        possible=round(sum(c.possible for c in checks), 6),
        guidance=indicator.guidance,
        basis=indicator.basis.value,
        source=indicator.source,
        justification=justification,
        checks=checks,
    )


def score_areas(
    pack: CriteriaPack, evidence: Evidence, facts: Facts, today: dt.date
) -> list[AreaResult]:
    areas = []
    for area in pack.areas:
        results = [
            indicator_result(item, area.id, pack, Context(evidence, facts, today, item.id))
            for item in area.indicators
        ]
        points = round(sum(r.points for r in results), 6)
        possible = round(sum(r.possible for r in results), 6)
        score = round(points / possible, 4) if possible > 0 else None
        areas.append(
            AreaResult(
                id=area.id,
                title=area.title,
                points=points,
                possible=possible,
                score=score,
                indicators=results,
            )
        )
    return areas


def assess_pack(
    pack: CriteriaPack,
    evidence: Evidence,
    facts: Facts,
    today: dt.date,
    *,
    target: str,
    requested: bool,
    others: dict[str, PackAssessment],
) -> PackAssessment:
    """Assess one pack; ``others`` holds the already assessed packs its levels may need."""
    areas = score_areas(pack, evidence, facts, today)
    indicators = [item for area in areas for item in area.indicators]
    points = round(sum(a.points for a in areas), 6)
    possible = round(sum(a.possible for a in areas), 6)
    score = round(points / possible, 4) if possible > 0 else None
    levels = assess_levels(pack, indicators, score, Context(evidence, facts, today, ""), others)
    level = next(item for item in levels if item.id == target)
    return PackAssessment(
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
        roadmap=build_roadmap(pack, target, indicators, levels, points, possible, others),
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
) -> Assessment:
    """Assess the evidence against every pack (prerequisite packs first) and analyse the portfolio.

    ``requested`` are the pack ids the user asked for (others are prerequisites); ``targets`` maps a pack
    id to its target level (default: the pack's default level); ``portfolio`` is the pack whose
    portfolio classes place the services (none: no portfolio analysis).
    """
    done: dict[str, PackAssessment] = {}
    for pack in order_by_prerequisites(packs):
        target = (targets or {}).get(pack.id, pack.default_level)
        done[pack.id] = assess_pack(
            pack, evidence, facts, today, target=target, requested=pack.id in requested, others=done
        )
    results = [done[pack.id] for pack in packs]
    return Assessment(
        evidence_file=evidence_file,
        assessment_date=today,
        date_source=date_source,
        cluster=summarise(evidence),
        passed=all(item.target_reached for item in results if item.requested),
        packs=results,
        portfolio=analyse_portfolio(evidence, portfolio) if portfolio else None,
        warnings=[
            *facts.document_warnings,
            *(facts.date_warnings if reads_document_dates(packs) else ()),
            *stale_declarations(evidence, today),
            *refused_not_applicable(evidence, packs),
            *unknown_sections(evidence, packs),
        ],
    )


def stale_declarations(evidence: Evidence, today: dt.date) -> list[str]:
    """One warning per declaration whose ``expires`` date lies before the assessment date."""
    return [
        f"declaration {key} expired on {declared.expires}: it counts as unknown until renewed"
        for key, declared in sorted((evidence.declarations or {}).items())
        if declared.expires is not None and declared.expires < today
    ]


def refused_not_applicable(evidence: Evidence, packs: Sequence[CriteriaPack]) -> list[str]:
    """One warning per `not_applicable` declaration of an indicator whose pack does not allow it."""
    declared = {
        key
        for key, item in (evidence.declarations or {}).items()
        if item.status == DeclaredStatus.NOT_APPLICABLE
    }
    return [
        f"declaration {item.id} says not applicable, which {pack.id} does not allow for this "
        "indicator: it is scored like any other"
        for pack in packs
        for item in pack.indicators()
        if item.id in declared and not item.allow_not_applicable
    ]


def reads_document_dates(packs: Sequence[CriteriaPack]) -> bool:
    """Whether any check or level condition judges a document by when it last changed."""
    return any(rule.max_age_months for rule in document_rules(packs))


def reads_document_contents(packs: Sequence[CriteriaPack]) -> frozenset[str]:
    """The fields whose documents a check or level condition reads: their sections or their length."""
    return frozenset(
        rule.field for rule in document_rules(packs) if rule.sections or rule.min_words
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
