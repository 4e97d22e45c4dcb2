"""A report with what one assessment alone does not hold: its peers (`report --benchmark`, from a benchmark
file) and its trend (`report --history`, from the assessments at earlier commits).

The trend is a short section: per requested pack, the score and the target level's verdict at each point,
and in HTML a small chart of the score with the score the target level needs. The full path, area by area
and with the indicators won and lost, is `clusterkit history`'s.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, NamedTuple

from clusterkit.results.assessment import Assessment

# The peers' and the trend's views, charts and models only for a report that has them: a plain report
# imported the radar charts and the benchmark and history models (about 20 ms) for nothing.
if TYPE_CHECKING:
    from markupsafe import Markup

    from clusterkit.render.benchmark_view import PeerView
    from clusterkit.results.history import History, HistoryPoint
    from clusterkit.results.portfolio_result import Benchmark


class Extended(NamedTuple):
    """The input of an extended report: the assessment, and a benchmark or a history (or both)."""

    assessment: Assessment
    benchmark: Benchmark | None = None
    history: History | None = None

    def peers(self) -> list[PeerView] | None:
        if self.benchmark is None:
            return None
        from clusterkit.render.benchmark_view import peer_views

        return peer_views(self.assessment, self.benchmark)

    def trend(self) -> list[TrendView] | None:
        if self.history is None:
            return None
        return trend_views(self.assessment, self.history)


class TrendRow(NamedTuple):
    """One point of a pack's trend."""

    date: dt.date
    label: str
    kind: str  # revision, snapshot or working-tree
    score: float | None
    reached: bool | None  # the target level at that point; None: the pack or level was not there


class TrendView(NamedTuple):
    """A requested pack's score through the history, with its target level."""

    pack: str
    title: str
    level: str  # the target level's title, as the report names it now
    required: float | None  # the score that level needs, if it has a score threshold
    rows: list[TrendRow]
    points: list[HistoryPoint]

    def chart(self) -> Markup | None:
        """The score over time with the target's threshold, when there are two points to join."""
        if len(self.rows) < 2:
            return None
        from clusterkit.render.trend import Series, trend_chart

        series = [Series("Score", tuple(row.score for row in self.rows), total=True)]
        thresholds = [(self.level, self.required)] if self.required is not None else []
        return trend_chart(
            self.points,
            series,
            thresholds,
            title=f"{self.title}: score over time",
            chart_id=f"report-trend-{self.pack}",
        )


def trend_views(assessment: Assessment, history: History) -> list[TrendView]:
    """A view per requested pack of the assessment, over every point of the history."""
    views = []
    for result in assessment.packs:
        if not result.requested:
            continue
        level = next((lv for lv in result.levels if lv.id == result.target_level), None)
        rows = []
        for point in history.points:
            found = next((p for p in point.packs if p.pack == result.pack), None)
            at = (
                next((lv for lv in found.levels if lv.id == result.target_level), None)
                if found
                else None
            )
            rows.append(
                TrendRow(
                    point.date,
                    point.label,
                    point.kind,
                    found.score if found else None,
                    at.reached if at else None,
                )
            )
        views.append(
            TrendView(
                result.pack,
                result.title,
                level.title if level else result.target_level,
                level.score_required if level else None,
                rows,
                list(history.points),
            )
        )
    return views
