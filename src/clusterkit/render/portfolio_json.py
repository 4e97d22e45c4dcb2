"""The portfolio and the benchmark file as JSON: the result models as they are, keys in declaration order."""

from __future__ import annotations

from clusterkit.render import RenderOptions
from clusterkit.results.portfolio_result import Benchmark, PortfolioResult


def render(result: PortfolioResult, options: RenderOptions) -> str:
    return result.model_dump_json(indent=2) + "\n"


def benchmark(result: Benchmark, options: RenderOptions) -> str:
    return result.model_dump_json(indent=2) + "\n"
