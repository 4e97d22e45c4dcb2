"""Peer statistics of a portfolio (pure): positions, distributions by peer group, tiers and shared gaps.

The roll-up rules are in `RULES`, written into every portfolio output and docs/portfolio.md. Percentiles
are mid-rank percentiles: the share of clusters below plus half the share equal, so the same value always
gets the same percentile and a lone cluster sits at 50.
"""

from __future__ import annotations

import hashlib
import hmac
import statistics
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from clusterkit.results.portfolio_result import (
    ALL,
    Distribution,
    PackPeers,
    PortfolioResult,
    PortfolioRow,
    Position,
    SharedGap,
)
from clusterkit.results.portfolio_rows import ClusterRecord, PackOutline, PackRecord
from clusterkit.scoring.progress import progress

MIN_GROUP = 5  # under --anonymise (and always in benchmark files) smaller groups show no statistics
SHARED_GAPS = 10
RULES = [
    "A check earns its points when met, its partial points when partial, nothing when unmet or unknown; not applicable checks and indicators leave the possible points.",
    "An area's score is the points of its applicable indicators over their possible points; a pack's score is the same over all its areas (points are added, scores are never averaged).",
    "A cluster's tier is the highest level of the pack it reaches.",
    "An indicator's value in peer statistics is its points over its possible points; indicators not applicable to a cluster have no value for it.",
    "Portfolio and peer-group figures are distributions over clusters (minimum, quartiles by the inclusive method, median, maximum), never sums: every cluster counts once, by its latest assessment.",
    "A percentile is the share of clusters with a lower value plus half the share with an equal value, 0 to 100.",
    "A cluster's peer group is the value of the group-by field in its evidence; clusters without it are in no group.",
]
ANONYMISED_RULE = "Anonymised: clusters and groups are codes, no free text of the evidence is shown, and groups of fewer than {n} clusters show no statistics."


class PeerOptions(NamedTuple):
    group_by: str = "cluster.field"
    anonymise: bool = False
    key: str = (
        ""  # the secret of the cluster codes; empty: anyone who knows a name can compute its code
    )
    min_group: int = MIN_GROUP


def code(key: str, text: str, prefix: str = "C") -> str:
    """A stable short code for a name: the same name and key give the same code in every run."""
    digest = hmac.new(key.encode(), text.encode(), hashlib.sha256).hexdigest()
    return f"{prefix}-{digest[:8]}"


def percentile(ordered: Sequence[float], value: float) -> float:
    """Mid-rank percentile of ``value`` among ``ordered`` (sorted), 0 to 100, one decimal."""
    below = bisect_left(ordered, value)
    equal = bisect_right(ordered, value) - below
    return round(100 * (below + equal / 2) / len(ordered), 1)


def distribution(values: Sequence[float], suppressed: bool) -> Distribution:
    """Minimum, quartiles, median and maximum; nothing but the count when suppressed or empty."""
    if suppressed or not values:
        return Distribution.built(
            n=len(values),
            suppressed=suppressed,
            minimum=None,
            q1=None,
            median=None,
            q3=None,
            maximum=None,
        )
    ordered = sorted(values)
    q1, median, q3 = (
        statistics.quantiles(ordered, n=4, method="inclusive")
        if len(ordered) > 1
        else [ordered[0]] * 3
    )
    return Distribution.built(
        n=len(ordered),
        suppressed=False,
        minimum=ordered[0],
        q1=round(q1, 4),
        median=round(median, 4),
        q3=round(q3, 4),
        maximum=ordered[-1],
    )


def measures(record: PackRecord) -> dict[str, float | None]:
    """A pack record's measures: its score, each area's score, each indicator's share of points."""
    values: dict[str, float | None] = {"score": record.score}
    values.update({f"area {area.id}": area.score for area in record.areas})
    values.update(
        {
            f"indicator {item.id}": item.points / item.possible if item.possible else None
            for item in record.indicators
        }
    )
    return values


def latest_flags(records: Sequence[ClusterRecord]) -> list[bool]:
    """Which records are the latest assessment of their cluster (by name, then input order).

    The seam for progress per cluster: the records flagged false are the earlier assessments of a cluster
    that appears again, in the order a history computation would read them.
    """
    latest: dict[str, tuple[object, int]] = {}
    for index, record in enumerate(records):
        if record.error is None and record.name is not None:
            stamp = (record.assessment_date, index)
            if record.name not in latest or stamp >= latest[record.name]:
                latest[record.name] = stamp
    chosen = {index for _, index in latest.values()}
    return [record.error is not None or index in chosen for index, record in enumerate(records)]


def _tier(record: PackRecord) -> str:
    return record.reached[-1] if record.reached else "none"


@dataclass
class _Population:
    """The values of one pack over the latest rows: measure -> group -> sorted values."""

    values: dict[str, dict[str, list[float]]]

    @classmethod
    def of(cls, rows: Iterable[tuple[str | None, PackRecord]]) -> _Population:
        values: dict[str, dict[str, list[float]]] = {}
        for group, record in rows:
            for key, value in measures(record).items():
                if value is None:
                    continue
                by_group = values.setdefault(key, {})
                by_group.setdefault(ALL, []).append(value)
                if group is not None:
                    by_group.setdefault(group, []).append(value)
        for by_group in values.values():
            for numbers in by_group.values():
                numbers.sort()
        return cls(values)


def _groups_shown(population: _Population, options: PeerOptions) -> set[str]:
    """Groups whose statistics may be shown: all of them, or under --anonymise the large enough ones."""
    sizes: Counter[str] = Counter()
    for by_group in population.values.values():
        for group, numbers in by_group.items():
            sizes[group] = max(sizes[group], len(numbers))
    return {g for g, n in sizes.items() if not options.anonymise or n >= options.min_group}


def _positions(
    record: PackRecord, group: str | None, population: _Population, shown: set[str]
) -> dict[str, Position]:
    positions = {}
    for key, value in measures(record).items():
        by_group = population.values.get(key, {})
        if value is None:
            positions[key] = Position(value=None, portfolio=None, group=None)
            continue
        everyone = percentile(by_group[ALL], value) if ALL in shown else None
        peers = by_group.get(group) if group is not None and group in shown else None
        positions[key] = Position(
            value=value,
            portfolio=everyone,
            group=percentile(peers, value) if peers else None,
        )
    return positions


def _shared_gaps(outline: PackOutline, records: Sequence[PackRecord]) -> list[SharedGap]:
    blocking: Counter[str] = Counter(key for record in records for key in record.blocking)
    not_met: Counter[str] = Counter(
        item.id
        for record in records
        for item in record.indicators
        if item.status in ("unmet", "partial", "unknown")
    )
    titles = {item.id: item.title for item in outline.indicators}
    ranked = sorted(
        titles, key=lambda key: (-blocking[key], -not_met[key], list(titles).index(key))
    )
    return [
        SharedGap.built(
            indicator=key, title=titles[key], blocking=blocking[key], not_met=not_met[key]
        )
        for key in ranked[:SHARED_GAPS]
        if blocking[key] or not_met[key]
    ]


def pack_peers(
    outline: PackOutline, latest: Sequence[tuple[str | None, PackRecord]], options: PeerOptions
) -> tuple[PackPeers, _Population, set[str]]:
    population = _Population.of(latest)
    shown = _groups_shown(population, options)
    distributions = {
        key: {
            group: distribution(numbers, group not in shown) for group, numbers in by_group.items()
        }
        for key, by_group in population.values.items()
    }
    order = [level.id for level in outline.levels] + ["none"]
    counts = Counter(_tier(record) for _, record in latest)
    tiers = {level: counts[level] for level in order if counts[level]}
    gaps = _shared_gaps(outline, [record for _, record in latest])
    return (
        PackPeers.built(pack=outline.id, tiers=tiers, measures=distributions, shared_gaps=gaps),
        population,
        shown,
    )


def _anonymised(record: ClusterRecord, cluster_code: str, options: PeerOptions) -> ClusterRecord:
    group = code(options.key, record.group, "G") if record.group is not None else None
    return record.model_copy(
        update={"file": cluster_code, "name": None, "group": group, "error": None}
    )


def portfolio(
    records: Sequence[ClusterRecord], outlines: Sequence[PackOutline], options: PeerOptions
) -> PortfolioResult:
    """The portfolio of these records: positions for every row, statistics over the latest ones."""
    flags = latest_flags(records)
    if options.anonymise:
        records = [_anonymised(r, code(options.key, r.name or r.file), options) for r in records]
    peers, populations = [], {}
    for outline in outlines:
        latest = [
            (record.group, pack)
            for record, flag in zip(records, flags, strict=True)
            if flag and record.error_codes == []
            for pack in record.packs
            if pack.pack == outline.id
        ]
        found, population, shown = pack_peers(outline, latest, options)
        peers.append(found)
        populations[outline.id] = (population, shown)
    rows = []
    for record, flag in zip(records, flags, strict=True):
        positions = {
            pack.pack: _positions(pack, record.group, *populations[pack.pack])
            for pack in record.packs
        }
        row_code = (
            record.file if options.anonymise else code(options.key, record.name or record.file)
        )
        rows.append(
            PortfolioRow.built(code=row_code, latest=flag, record=record, positions=positions)
        )
    rules = [*RULES, ANONYMISED_RULE.format(n=options.min_group)] if options.anonymise else RULES
    return PortfolioResult.built(
        progress=progress(rows, outlines, options.anonymise),
        group_by=options.group_by,
        anonymised=options.anonymise,
        min_group=options.min_group if options.anonymise else 1,
        rules=rules,
        outlines=list(outlines),
        rows=rows,
        peers=peers,
    )
