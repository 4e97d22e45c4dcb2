"""Line charts of scores over time, inline SVG: one line per area and the pack, level thresholds dashed.

Drawn from the numbers alone, like the report's other charts: no script, no outside resource. Points are
spaced by date (a year between two assessments reads as a year), lines break where a score is not
computable, and every point is also a row of the table beside the chart.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import NamedTuple

from markupsafe import Markup, escape

from clusterkit.render.charts import PALETTE, _n, _svg, _text
from clusterkit.results.history import HistoryPoint
from clusterkit.results.numbers import fmt_score

WIDTH, HEIGHT = 560, 280
LEFT, RIGHT, TOP, BOTTOM = 56, 24, 16, 40
LABEL_WIDTH = 80  # about the width of a date label (YYYY-MM-DD) on the x axis


class Series(NamedTuple):
    """One line: its label and a score per point (None where not computable)."""

    label: str
    values: tuple[float | None, ...]
    total: bool = False


def pack_series(points: Sequence[HistoryPoint], pack: str) -> list[Series]:
    """A line per area of the pack (in the newest point's order), then the pack's score."""
    newest = next(p for p in reversed(points) for item in p.packs if item.pack == pack)
    areas = next(item for item in newest.packs if item.pack == pack).areas
    lines = []
    for area in areas:
        values = []
        for point in points:
            found = next((item for item in point.packs if item.pack == pack), None)
            score = next((a.score for a in found.areas if a.id == area.id), None) if found else None
            values.append(score)
        lines.append(Series(f"{area.id} {area.title}", tuple(values)))
    total = tuple(
        next((item.score for item in point.packs if item.pack == pack), None) for point in points
    )
    return [*lines, Series("Score", total, total=True)]


def _x(dates: Sequence[dt.date], index: int) -> float:
    span = (dates[-1] - dates[0]).days
    plot = WIDTH - LEFT - RIGHT
    if span == 0:
        return LEFT + plot * (index / max(len(dates) - 1, 1))
    return LEFT + plot * (dates[index] - dates[0]).days / span


def _y(score: float) -> float:
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - min(max(score, 0.0), 1.0))


def _axes(dates: Sequence[dt.date]) -> list[str]:
    body = []
    for tick in (0, 0.25, 0.5, 0.75, 1.0):
        y = _y(tick)
        body.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_n(y)}" y2="{_n(y)}"/>'
        )
        body.append(_text(LEFT - 6, y + 4, fmt_score(tick), "axis-label", "end"))
    last = len(dates) - 1
    newest_left = _x(dates, last) - LABEL_WIDTH  # the newest date is always labelled, right-aligned
    right_edge = -math.inf
    for index, day in enumerate(dates):
        x = _x(dates, index)
        anchor = "start" if index == 0 else "end" if index == last else "middle"
        left = x - {"start": 0, "middle": LABEL_WIDTH / 2, "end": LABEL_WIDTH}[anchor]
        right = left + LABEL_WIDTH
        if index != last and (left < right_edge + 8 or right > newest_left - 8):
            continue  # no room for its label: every point is a row of the table below anyway
        right_edge = right
        body.append(_text(x, HEIGHT - BOTTOM + 18, day.isoformat(), "axis-label", anchor))
    return body


def _line(series: Series, dates: Sequence[dt.date], colour: str) -> list[str]:
    css = "trend total" if series.total else "trend"
    body, run = [], []
    for index, value in enumerate([*series.values, None]):
        if value is not None:
            run.append(f"{_n(_x(dates, index))},{_n(_y(value))}")
            continue
        if len(run) > 1:
            body.append(f'<polyline class="{css}" stroke="{colour}" points="{" ".join(run)}"/>')
        run = []
    for index, value in enumerate(series.values):
        if value is not None:
            x, y = _n(_x(dates, index)), _n(_y(value))
            body.append(
                f'<circle class="dot" cx="{x}" cy="{y}" r="3.5" fill="{colour}">'
                f"<title>{escape(series.label)}: {escape(fmt_score(value))}</title></circle>"
            )
    return body


def colour(series: Sequence[Series], index: int) -> str:
    """The colour of a line: the palette in order, the total in ink; the legend uses the same."""
    return "#1d2733" if series[index].total else PALETTE[index % len(PALETTE)]


def trend_chart(
    points: Sequence[HistoryPoint],
    series: Sequence[Series],
    thresholds: Sequence[tuple[str, float]],
    *,
    title: str,
    chart_id: str,
) -> Markup:
    """Scores over time, 0 to 100 %, level thresholds as dashed lines; the legend is the page's."""
    dates = [point.date for point in points]
    body = _axes(dates)
    for label, score in thresholds:
        level_y = _n(_y(score))
        body.append(
            f'<line class="threshold" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{level_y}" y2="{level_y}"/>'
        )
        label_y = _y(score) - 4
        body.append(_text(LEFT + 4, label_y, f"{label} {fmt_score(score)}", "threshold-label"))
    for index, line in enumerate(series):
        body += _line(line, dates, colour(series, index))
    return _svg(chart_id, WIDTH, HEIGHT, title, body)
