"""What `clusterkit portfolio` produces: rows with peer positions, distributions per peer group, shared gaps.

Also the benchmark file (`--benchmark-out`): the distributions alone, with no cluster data, which `report
--benchmark` reads to draw one cluster against its peers. Both are plain results: scoring fills them,
renderers read them.
"""

import datetime as dt
from typing import Literal, NamedTuple

from pydantic import Field

from clusterkit.results.assessment import Result
from clusterkit.results.history import HistoryPoint
from clusterkit.results.portfolio_rows import ClusterRecord, PackOutline

PORTFOLIO_SCHEMA_VERSION = 1
BENCHMARK_SCHEMA_VERSION = 1
ALL = "all"  # the group label of the whole portfolio in distributions


class Distribution(Result):
    """How a measure (a score, an area score, an indicator's share of points) spreads over clusters."""

    n: int = Field(description="Clusters with a value.")
    suppressed: bool = Field(
        description="true when the group is smaller than min_group and its statistics are withheld."
    )
    minimum: float | None
    q1: float | None = Field(description="First quartile (inclusive method).")
    median: float | None
    q3: float | None = Field(description="Third quartile (inclusive method).")
    maximum: float | None


class Position(NamedTuple):
    """Where one cluster stands on one measure; in JSON the array [value, portfolio, group].

    A named tuple, not a model: a portfolio of 10,000 files holds some 370,000 of them.
    """

    value: float | None  # the cluster's value (a score, 0 to 1)
    portfolio: float | None  # percentile in the whole portfolio, 0 to 100
    group: float | None  # percentile in its peer group; null without a group or when it is withheld


class PortfolioRow(Result):
    """One input file: its record, its code, and its positions per pack and measure."""

    code: str = Field(description="A stable code for the cluster (a hash of its name).")
    latest: bool = Field(
        description="false for an earlier assessment of a cluster that appears again with a later date; peer statistics use the latest only."
    )
    record: ClusterRecord
    positions: dict[str, dict[str, Position]] = Field(
        description="pack id -> measure (`score`, `area ID`, `indicator ID`) -> [value, percentile in the portfolio, percentile in the group]."
    )


class SharedGap(Result):
    """An indicator many clusters miss: where a support programme reaches the most clusters."""

    indicator: str
    title: str
    blocking: int = Field(
        description="Clusters for which it is a must-fix gap of the target level."
    )
    not_met: int = Field(description="Clusters for which it is unmet, partial or unknown.")


class PackPeers(Result):
    """The portfolio's statistics for one pack."""

    pack: str
    tiers: dict[str, int] = Field(
        description="Highest level reached -> clusters (`none`: no level reached)."
    )
    measures: dict[str, dict[str, Distribution]] = Field(
        description="measure -> group (`all`: the whole portfolio) -> distribution."
    )
    shared_gaps: list[SharedGap]


class ClusterProgress(Result):
    """A cluster that appears with several assessment dates: its path, oldest first."""

    code: str
    name: str | None = Field(description="null when anonymised.")
    points: list[HistoryPoint] = Field(
        description="One point per assessment, in the history's shape."
    )
    score_change: dict[str, float | None] = Field(
        description="pack id -> latest score minus the earliest (null when either is unknown)."
    )


class PortfolioResult(Result):
    """Everything a portfolio run found: the input of every portfolio renderer."""

    schema_version: int = PORTFOLIO_SCHEMA_VERSION
    group_by: str = Field(description="The evidence field whose value is a cluster's peer group.")
    anonymised: bool
    min_group: int = Field(description="Smallest group whose statistics are shown.")
    rules: list[str] = Field(description="How indicator points roll up to areas and the portfolio.")
    outlines: list[PackOutline]
    rows: list[PortfolioRow]
    peers: list[PackPeers]
    progress: list[ClusterProgress] = Field(
        description="Clusters assessed more than once (by name), with their points oldest first."
    )

    @property
    def clusters(self) -> int:
        """Clusters in the peer statistics (latest assessments that loaded)."""
        return sum(1 for row in self.rows if row.latest and not row.record.error_codes)

    @property
    def errors(self) -> int:
        return sum(1 for row in self.rows if row.record.error_codes)


class BenchmarkPack(Result):
    pack: str
    version: str
    areas: dict[str, str] = Field(description="area id -> title.")
    levels: dict[str, float | None] = Field(description="level id -> score threshold.")
    measures: dict[str, dict[str, Distribution]]


class Benchmark(Result):
    """Peer distributions without cluster data, for one cluster's report (`report --benchmark`)."""

    kind: Literal["clusterkit-benchmark"] = "clusterkit-benchmark"
    schema_version: int = BENCHMARK_SCHEMA_VERSION
    created: dt.date | None = Field(description="The --today of the run that wrote it, if given.")
    group_by: str
    min_group: int
    clusters: int
    packs: list[BenchmarkPack]
