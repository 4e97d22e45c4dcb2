"""The service portfolio: each service placed by financial contribution against member appreciation.

A service with two values in a column is classed by its worst value in each (the cautious reading: a
service that sometimes costs money is treated as costing money until shown otherwise) and drawn at the
mean of its values.
"""

from __future__ import annotations

from statistics import fmean

from clusterkit.models.evidence import Evidence
from clusterkit.models.pack import CriteriaPack, Portfolio
from clusterkit.models.strategy import Service
from clusterkit.models.vocab import APPRECIATION_VALUE, CONTRIBUTION_VALUE
from clusterkit.results.assessment import (
    AreaCoverage,
    PortfolioAnalysis,
    PortfolioClassSummary,
    ServicePlacement,
)


def place(service: Service, portfolio: Portfolio) -> ServicePlacement:
    """Where one service sits in the matrix, and its class; blank cells mean not assessed."""
    classes = {cell: item for item in portfolio.classes for cell in item.cells}
    contribution, appreciation = service.contribution, service.appreciation
    assessed = bool(contribution and appreciation)
    chosen = None
    if contribution and appreciation:
        worst = (
            min(contribution, key=CONTRIBUTION_VALUE.__getitem__),
            min(appreciation, key=APPRECIATION_VALUE.__getitem__),
        )
        chosen = classes[worst]
    return ServicePlacement(
        name=service.name,
        area=service.area.value if service.area else None,
        applied=service.applied.value if service.applied else None,
        contribution=[value.value for value in contribution] if contribution else None,
        appreciation=[value.value for value in appreciation] if appreciation else None,
        assessed=assessed,
        x=fmean(CONTRIBUTION_VALUE[v] for v in contribution) if contribution else None,
        y=fmean(APPRECIATION_VALUE[v] for v in appreciation) if appreciation else None,
        class_id=chosen.id if chosen else None,
        class_title=chosen.title if chosen else None,
    )


def analyse_portfolio(evidence: Evidence, pack: CriteriaPack) -> PortfolioAnalysis | None:
    """Place every service by the pack's portfolio classes, group them, map the areas they serve.

    None when the pack defines no portfolio.
    """
    portfolio, areas, pack_id = pack.portfolio, pack.strategic_areas or [], pack.id
    if portfolio is None:
        return None
    placements = [place(service, portfolio) for service in evidence.services or ()]
    in_strategy = set(evidence.strategy.strategic_areas or ()) if evidence.strategy else set()
    return PortfolioAnalysis(
        pack=pack_id,
        basis=portfolio.basis.value,
        services=placements,
        classes=[
            PortfolioClassSummary(
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
        coverage=[
            AreaCoverage(
                id=area.id.value,
                title=area.title,
                in_strategy=area.id in in_strategy,
                services=[p.name for p in placements if p.area == area.id.value],
            )
            for area in areas
        ],
    )
