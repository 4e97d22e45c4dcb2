"""The portfolio as one self-contained HTML overview: tiers, box plots per area, a heat map of indicator
statuses, the gaps most clusters share, every cluster's row, and the roll-up rules. No script, no request.
"""

from __future__ import annotations

from typing import NamedTuple

from clusterkit.render import RenderOptions
from clusterkit.render.portfolio_charts import HeatRow, box_plots, heat_map, tier_bars
from clusterkit.render.templating import environment
from clusterkit.results.portfolio_result import (
    ALL,
    Distribution,
    PackPeers,
    PortfolioResult,
    PortfolioRow,
)
from clusterkit.results.portfolio_rows import PackOutline, PackRecord

# A heat map row per cluster is 14 px; past this many it stops being read, and the CSV has every row.
HEAT_LIMIT = 300


class ClusterLine(NamedTuple):
    label: str
    group: str | None
    latest: bool
    error: str | None
    record: PackRecord | None
    row: PortfolioRow


class PackView(NamedTuple):
    outline: PackOutline
    peers: PackPeers
    tiers: list[tuple[str, int]]
    boxes: list[tuple[str, Distribution]]
    line: (
        tuple[str, float] | None
    )  # the highest score threshold among the levels, for the box plots
    groups: list[tuple[str, dict[str, Distribution]]]  # group -> measure -> distribution
    heat: list[HeatRow]
    heat_total: int
    clusters: list[ClusterLine]


def _label(result: PortfolioResult, row: PortfolioRow) -> str:
    if result.anonymised:
        return row.code
    return row.record.name or row.record.file


def _line(outline: PackOutline) -> tuple[str, float] | None:
    scored = [level for level in outline.levels if level.score_required is not None]
    if not scored:
        return None
    level = scored[-1]
    assert level.score_required is not None
    return level.title, level.score_required


def _groups(peers: PackPeers) -> list[tuple[str, dict[str, Distribution]]]:
    names = sorted({g for by_group in peers.measures.values() for g in by_group if g != ALL})
    return [
        (
            name,
            {key: by_group[name] for key, by_group in peers.measures.items() if name in by_group},
        )
        for name in names
    ]


def pack_view(result: PortfolioResult, outline: PackOutline, peers: PackPeers) -> PackView:
    titles = {level.id: level.title for level in outline.levels}
    tiers = [(titles.get(level, "no level reached"), count) for level, count in peers.tiers.items()]
    measures = peers.measures
    boxes = [("Excellence score", measures["score"][ALL])] if "score" in measures else []
    boxes += [
        (f"{area.id} {area.title}", measures[f"area {area.id}"][ALL])
        for area in outline.areas
        if f"area {area.id}" in measures
    ]
    lines = []
    for row in result.rows:
        record = next((p for p in row.record.packs if p.pack == outline.id), None)
        error = " ".join(row.record.error_codes) if result.anonymised else row.record.error
        lines.append(
            ClusterLine(_label(result, row), row.record.group, row.latest, error, record, row)
        )
    ranked = sorted(
        (line for line in lines if line.record is not None and line.latest),
        key=lambda line: -(line.record.score or 0.0) if line.record else 0.0,
    )
    heat = [
        HeatRow(line.label, [item.status for item in line.record.indicators])
        for line in ranked[:HEAT_LIMIT]
        if line.record is not None
    ]
    return PackView(
        outline, peers, tiers, boxes, _line(outline), _groups(peers), heat, len(ranked), lines
    )


def render(result: PortfolioResult, options: RenderOptions) -> str:
    """The overview as HTML, autoescaped, for a browser or print."""
    template = environment("html").get_template("portfolio.html.j2")
    return template.render(
        r=result,
        packs=[pack_view(result, o, p) for o, p in zip(result.outlines, result.peers, strict=True)],
        tier_bars=tier_bars,
        box_plots=box_plots,
        heat_map=heat_map,
        heat_limit=HEAT_LIMIT,
    )
