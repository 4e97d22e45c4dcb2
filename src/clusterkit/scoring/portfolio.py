"""The service portfolio: each service placed by financial contribution against member appreciation.

Each service is classed by the values ``scoring.economics`` decides: its figures and the latest survey
where it has them, else its hand marks. A service with two values in a column is classed by its worst
value in each (the cautious reading: a service that sometimes costs money is treated as costing money
until shown otherwise) and drawn at the mean of its values.
"""

from __future__ import annotations

from collections.abc import Sequence
from math import fsum

from clusterkit.models.evidence import Evidence
from clusterkit.models.pack import CriteriaPack, Portfolio
from clusterkit.models.portfolio import PortfolioClass
from clusterkit.models.strategy import Service
from clusterkit.models.surveys import SatisfactionSurvey
from clusterkit.models.vocab import (
    APPRECIATION_VALUE,
    CONTRIBUTION_VALUE,
    Appreciation,
    Contribution,
)
from clusterkit.results.assessment import (
    AreaCoverage,
    PortfolioAnalysis,
    PortfolioClassSummary,
    ServicePlacement,
)
from clusterkit.results.portfolio import PortfolioRules
from clusterkit.scoring.economics import day_rate, judge


def place(
    service: Service,
    portfolio: Portfolio,
    rate: float | None = None,
    latest: SatisfactionSurvey | None = None,
) -> ServicePlacement:
    """Where one service sits in the matrix, and its class; blank cells mean not assessed.

    ``rate`` (the management's day rate) prices staff days; ``latest`` is the latest survey.
    """
    verdict = judge(service, portfolio, rate, latest)
    contribution, appreciation = verdict.contribution, verdict.appreciation
    chosen = _class_of(contribution, appreciation, portfolio)
    return ServicePlacement.built(
        name=service.name,
        area=service.area.value if service.area else None,
        applied=service.applied.value if service.applied else None,
        times_per_year=service.times_per_year,
        members_reached=service.members_reached,
        contribution=_values(contribution),
        appreciation=_values(appreciation),
        contribution_by=verdict.contribution_by,
        appreciation_by=verdict.appreciation_by,
        contribution_mark=_values(service.contribution),
        appreciation_mark=_values(service.appreciation),
        disagreements=verdict.disagreements,
        marks_win_because=service.marks_win_because,
        money=verdict.money,
        survey=verdict.survey,
        assessed=bool(contribution and appreciation),
        x=_mean([CONTRIBUTION_VALUE[v] for v in contribution]) if contribution else None,
        y=_mean([APPRECIATION_VALUE[v] for v in appreciation]) if appreciation else None,
        class_id=chosen.id if chosen else None,
        class_title=chosen.title if chosen else None,
    )


def _mean(values: Sequence[float]) -> float:
    """The mean as statistics.fmean gives it (fsum over the count), without importing statistics."""
    return fsum(values) / len(values)


def _class_of(
    contribution: Sequence[Contribution] | None,
    appreciation: Sequence[Appreciation] | None,
    portfolio: Portfolio,
) -> PortfolioClass | None:
    """The class of the cell of the worst contribution and the worst appreciation; None if one is blank."""
    if not (contribution and appreciation):
        return None
    classes = {cell: item for item in portfolio.classes for cell in item.cells}
    worst = (
        min(contribution, key=CONTRIBUTION_VALUE.__getitem__),
        min(appreciation, key=APPRECIATION_VALUE.__getitem__),
    )
    return classes[worst]


def _values(values: Sequence[object] | None) -> list[str] | None:
    return [str(value) for value in values] if values else None


def _money(
    placements: Sequence[ServicePlacement],
) -> tuple[float | None, float | None, float | None]:
    """Cost, income and net of the services with figures; all None when none has them."""
    figures = [p.money for p in placements if p.money is not None]
    if not figures:
        return None, None, None
    cost, income = sum(m.cost for m in figures), sum(m.income for m in figures)
    return cost, income, income - cost


def _rules(portfolio: Portfolio) -> PortfolioRules:
    band, scale = portfolio.neutral_band, portfolio.survey_scale
    return PortfolioRules.built(
        neutral_band=band.share_of_cost if band else None,
        neutral_band_basis=band.basis.value if band else None,
        satisfied_from=scale.satisfied_from if scale else None,
        positive_from=scale.positive_from if scale else None,
        negative_below=scale.negative_below if scale else None,
        min_answers=scale.min_answers if scale else None,
        survey_scale_basis=scale.basis.value if scale else None,
    )


def _coverage(
    evidence: Evidence, pack: CriteriaPack, placements: Sequence[ServicePlacement]
) -> list[AreaCoverage]:
    in_strategy = set(evidence.strategy.strategic_areas or ()) if evidence.strategy else set()
    coverage = []
    for area in pack.strategic_areas or ():
        serving = [p for p in placements if p.area == area.id.value]
        cost, income, net = _money(serving)
        coverage.append(
            AreaCoverage.built(
                id=area.id.value,
                title=area.title,
                in_strategy=area.id in in_strategy,
                services=[p.name for p in serving],
                cost=cost,
                income=income,
                net=net,
                with_figures=sum(1 for p in serving if p.money is not None),
            )
        )
    return coverage


def analyse_portfolio(evidence: Evidence, pack: CriteriaPack) -> PortfolioAnalysis | None:
    """Place every service by the pack's portfolio classes, group them, map the areas they serve.

    None when the pack defines no portfolio.
    """
    portfolio = pack.portfolio
    if portfolio is None:
        return None
    rate, latest = day_rate(evidence), evidence.latest_survey
    placements = [place(service, portfolio, rate, latest) for service in evidence.services or ()]
    cost, income, net = _money(placements)
    return PortfolioAnalysis.built(
        pack=pack.id,
        basis=portfolio.basis.value,
        rules=_rules(portfolio),
        services=placements,
        classes=[
            PortfolioClassSummary.built(
                id=item.id,
                title=item.title,
                advice=item.advice,
                cells=[
                    (contribution.value, appreciation.value)
                    for contribution, appreciation in item.cells
                ],
                services=[p.name for p in placements if p.class_id == item.id],
            )
            for item in portfolio.classes
        ],
        not_assessed=[p.name for p in placements if not p.assessed],
        coverage=_coverage(evidence, pack, placements),
        cost=cost,
        income=income,
        net=net,
    )
