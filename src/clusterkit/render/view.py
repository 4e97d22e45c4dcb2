"""What the report templates read beside the Assessment: orderings, lookups and numbering, all derived."""

from __future__ import annotations

from typing import NamedTuple

from clusterkit.results.assessment import (
    AreaCoverage,
    Assessment,
    CheckResult,
    IndicatorResult,
    LevelResult,
    PackAssessment,
    ProgressResult,
    RoadmapItem,
    ServicePlacement,
)
from clusterkit.results.numbers import fmt, fmt_score

# The order statuses are counted and listed in: vocabulary, not wording (the words are in the templates).
STATUS_ORDER = ("met", "partial", "unmet", "unknown", "not_applicable")
GAP_STATUSES = frozenset({"partial", "unmet", "unknown"})
# A board reads three steps; the full report lists them all.
TOP_STEPS = 3


class NumberedService(NamedTuple):
    """A service with the number its marker carries in the portfolio matrix."""

    number: int
    service: ServicePlacement


class UnknownIndicator(NamedTuple):
    """An indicator that could not be assessed, with the checks that lacked evidence."""

    indicator: IndicatorResult
    checks: list[CheckResult]


class ReportView(NamedTuple):
    """Derived, deterministic lookups over one Assessment."""

    assessment: Assessment
    packs: list[PackAssessment]
    sources: list[str]

    def source_number(self, text: str | None) -> int | None:
        """The number of a source in the report's list of sources (1-based), or None."""
        return None if text is None else self.sources.index(text) + 1

    def target(self, pack: PackAssessment) -> LevelResult | None:
        return next((level for level in pack.levels if level.id == pack.target_level), None)

    def threshold(self, pack: PackAssessment) -> float | None:
        """The score the target level requires, else the highest any level requires."""
        target = self.target(pack)
        if target is not None and target.score_required is not None:
            return target.score_required
        required = [lv.score_required for lv in pack.levels if lv.score_required is not None]
        return max(required, default=None)

    def indicator(self, pack: PackAssessment, indicator_id: str) -> IndicatorResult:
        return next(
            item for area in pack.areas for item in area.indicators if item.id == indicator_id
        )

    def counts(self, pack: PackAssessment) -> list[tuple[str, int]]:
        """Indicators per status, in a fixed order, without the zeros."""
        return [(status, pack.counts[status]) for status in STATUS_ORDER if pack.counts.get(status)]

    def unknowns(self, pack: PackAssessment) -> list[UnknownIndicator]:
        return [
            UnknownIndicator(
                self.indicator(pack, indicator_id),
                [c for c in self.indicator(pack, indicator_id).checks if c.status == "unknown"],
            )
            for indicator_id in pack.unknown
        ]

    def requested(self) -> list[PackAssessment]:
        return [pack for pack in self.packs if pack.requested]

    def prerequisites(self) -> list[PackAssessment]:
        return [pack for pack in self.packs if not pack.requested]

    def minimums_met(self, pack: PackAssessment) -> int:
        """How many of the pack's minimum requirements are met."""
        return sum(
            self.indicator(pack, indicator_id).status == "met"
            for indicator_id in pack.minimum_requirements
        )

    def top_steps(self, pack: PackAssessment) -> list[RoadmapItem]:
        """The steps that matter most: the roadmap's order (blocking first, then by points), then the
        further gaps when the target needs fewer than three."""
        return [*pack.roadmap.steps, *pack.roadmap.further][:TOP_STEPS]

    def shared_reasons(self, pack: PackAssessment) -> list[tuple[LevelResult, list[str]]]:
        """Each level's reasons for not being reached, without those an earlier level already gave:
        a reason shared by Silver and Gold is shown once, at the first level it stops."""
        seen: set[str] = set()
        result = []
        for level in pack.levels:
            fresh = [reason for reason in level.reasons if reason not in seen]
            seen.update(level.reasons)
            result.append((level, fresh))
        return result

    def progress(self, pack: PackAssessment) -> list[tuple[LevelResult, ProgressResult]]:
        """Each level's improvement conditions: measured progress since a baseline, or the declaration."""
        return [
            (level, condition)
            for level in pack.levels
            for condition in level.conditions
            if isinstance(condition, ProgressResult)
        ]

    def gaps(self, indicator: IndicatorResult) -> list[CheckResult]:
        """The checks of an indicator that are not met and say how to fix them."""
        return [c for c in indicator.checks if c.status in GAP_STATUSES and c.fix]

    def services(self) -> list[NumberedService]:
        """The assessed services, numbered in evidence order (the matrix markers and the list agree)."""
        portfolio = self.assessment.portfolio
        assessed = [s for s in portfolio.services if s.assessed] if portfolio else []
        return [NumberedService(n, s) for n, s in enumerate(assessed, start=1)]

    def not_assessed(self) -> list[ServicePlacement]:
        portfolio = self.assessment.portfolio
        return [s for s in portfolio.services if not s.assessed] if portfolio else []

    def disagreeing(self) -> list[ServicePlacement]:
        """Services whose hand mark and figures (or survey) say different things, in evidence order."""
        portfolio = self.assessment.portfolio
        return [s for s in portfolio.services if s.disagreements] if portfolio else []

    def money(self, value: float | None) -> str | None:
        """EUR 12,000, or None (shown as a dash) when there are no figures."""
        return None if value is None else fmt(value, "money")

    def share(self, value: float | None) -> str | None:
        """A share as a percentage, rounded down like every score; None when not known."""
        return None if value is None else fmt_score(value)

    def area_title(self, area_id: str | None) -> str | None:
        """The title of a strategic area id (innovation -> Improving innovation capabilities)."""
        portfolio = self.assessment.portfolio
        titles = {item.id: item.title for item in portfolio.coverage} if portfolio else {}
        return None if area_id is None else titles.get(area_id, area_id)

    def coverage_state(self, area: AreaCoverage) -> str:
        """served, unserved (a priority without a service), unlisted (services, not a priority) or none."""
        if area.in_strategy:
            return "served" if area.services else "unserved"
        return "unlisted" if area.services else "none"


def _sources(packs: list[PackAssessment]) -> list[str]:
    """Every distinct source, in the order the report first cites it (levels, then indicators, checks)."""
    cited: list[str | None] = []
    for pack in packs:
        cited += [level.source for level in pack.levels]
        cited += [c.source for level in pack.levels for c in level.conditions]
        for area in pack.areas:
            for indicator in area.indicators:
                cited += [indicator.source] + [c.source for c in indicator.checks]
    return list(dict.fromkeys(text for text in cited if text is not None))


def report_view(assessment: Assessment) -> ReportView:
    """The view of an assessment: requested packs first (in the order given), then prerequisites."""
    packs = sorted(assessment.packs, key=lambda pack: not pack.requested)
    return ReportView(assessment, packs, _sources(packs))
