"""The benchmark file of a portfolio (pure): distributions by peer group, no cluster data, small groups out.

A benchmark file is meant to leave the agency, so it always withholds the statistics of groups smaller
than `MIN_GROUP`, anonymised run or not, and carries no names, codes or per-cluster values.
"""

from __future__ import annotations

import datetime as dt

from clusterkit.results.portfolio_result import (
    Benchmark,
    BenchmarkPack,
    Distribution,
    PortfolioResult,
)
from clusterkit.scoring.peers import MIN_GROUP


def _withheld(item: Distribution, min_group: int) -> Distribution:
    if item.suppressed or item.n >= min_group:
        return item
    return Distribution.built(
        n=item.n, suppressed=True, minimum=None, q1=None, median=None, q3=None, maximum=None
    )


def benchmark(
    result: PortfolioResult, created: dt.date | None, min_group: int = MIN_GROUP
) -> Benchmark:
    """The peer distributions of a portfolio, every group under ``min_group`` clusters withheld."""
    packs = []
    for outline, peers in zip(result.outlines, result.peers, strict=True):
        measures = {
            key: {group: _withheld(item, min_group) for group, item in by_group.items()}
            for key, by_group in peers.measures.items()
        }
        packs.append(
            BenchmarkPack.built(
                pack=outline.id,
                version=outline.version,
                areas={area.id: area.title for area in outline.areas},
                levels={level.id: level.score_required for level in outline.levels},
                measures=measures,
            )
        )
    return Benchmark.built(
        created=created,
        group_by=result.group_by,
        min_group=max(min_group, result.min_group),
        clusters=result.clusters,
        packs=packs,
    )
