"""Progress per cluster in a portfolio (pure): the clusters that appear with several assessment dates.

Each assessment of such a cluster becomes a point of the history's shape (`results.history.HistoryPoint`,
kind `snapshot`), oldest first, so a portfolio's progress reads like `clusterkit history` of one cluster.
The step-by-step comparison of `history` (indicators won and lost) needs whole Assessments, which the
portfolio's workers do not send back; the change of each requested pack's score is given instead.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from clusterkit.results.history import AreaPoint, HistoryPoint, LevelPoint, PackPoint
from clusterkit.results.portfolio_result import ClusterProgress, PortfolioRow
from clusterkit.results.portfolio_rows import PackOutline, PackRecord


def _pack_point(record: PackRecord, outline: PackOutline) -> PackPoint:
    areas = {area.id: area.title for area in outline.areas}
    reached = set(record.reached)
    return PackPoint(
        pack=record.pack,
        title=outline.title,
        requested=True,
        score=record.score,
        target_level=record.target_level,
        target_reached=record.target_reached,
        levels=[
            LevelPoint(
                id=level.id,
                title=level.title,
                reached=level.id in reached,
                score_required=level.score_required,
            )
            for level in outline.levels
        ],
        areas=[
            AreaPoint(id=a.id, title=areas.get(a.id, a.id), score=a.score) for a in record.areas
        ],
    )


def _point(row: PortfolioRow, outlines: dict[str, PackOutline], label: str) -> HistoryPoint:
    record = row.record
    assert record.assessment_date is not None
    return HistoryPoint.built(
        kind="snapshot",
        label=label,
        commit=None,
        date=record.assessment_date,
        assessment_date=record.assessment_date,
        passed=all(pack.target_reached for pack in record.packs),
        packs=[_pack_point(pack, outlines[pack.pack]) for pack in record.packs],
    )


def _date(row: PortfolioRow) -> dt.date:
    assert row.record.assessment_date is not None  # every assessed record has its date
    return row.record.assessment_date


def _cluster(
    code: str, rows: Sequence[PortfolioRow], outlines: Sequence[PackOutline], anonymised: bool
) -> ClusterProgress:
    known = {outline.id: outline for outline in outlines}
    ordered = sorted(rows, key=_date)
    points = [_point(row, known, code if anonymised else row.record.file) for row in ordered]
    change: dict[str, float | None] = {}
    for outline in outlines:
        scores = [p.score for point in points for p in point.packs if p.pack == outline.id]
        first, last = (scores[0], scores[-1]) if scores else (None, None)
        if first is None or last is None:
            change[outline.id] = None
        else:
            change[outline.id] = round(last - first, 4)
    name = None if anonymised else ordered[-1].record.name
    return ClusterProgress.built(code=code, name=name, points=points, score_change=change)


def progress(
    rows: Sequence[PortfolioRow], outlines: Sequence[PackOutline], anonymised: bool
) -> list[ClusterProgress]:
    """Every cluster assessed on more than one date, in order of first appearance."""
    by_code: dict[str, list[PortfolioRow]] = {}
    for row in rows:
        if not row.record.error_codes:
            by_code.setdefault(row.code, []).append(row)
    return [
        _cluster(code, group, outlines, anonymised)
        for code, group in by_code.items()
        if len({_date(row) for row in group}) > 1
    ]
