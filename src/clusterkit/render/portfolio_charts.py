"""Inline SVG charts of a portfolio and of a benchmarked report: tiers, box plots, heat map, radar.

Drawn from the numbers alone, like `charts`: no script, no outside resource, every chart with a title and
its figures also in a table beside it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import NamedTuple

from markupsafe import Markup, escape

from clusterkit.render.charts import _clip, _n, _svg, _text
from clusterkit.results.numbers import fmt_score
from clusterkit.results.portfolio_result import Distribution

PLOT = 480  # width of the 0..100 % scale
LABEL = 200  # room for labels left of a scale
ROW = 30
STATUS_CLASS = {
    "met": "hm-met",
    "partial": "hm-partial",
    "unmet": "hm-unmet",
    "unknown": "hm-unknown",
    "not_applicable": "hm-na",
}
HEAT_CELL = 14


def tier_bars(tiers: Sequence[tuple[str, int]], *, title: str, chart_id: str) -> Markup:
    """A horizontal bar per tier (highest level reached), its length the share of clusters."""
    total = sum(count for _, count in tiers) or 1
    body: list[str] = []
    for index, (label, count) in enumerate(tiers):
        y = 8 + ROW * index
        width = PLOT * count / total
        body.append(_text(LABEL - 10, y + 15, _clip(label, 26), "bar-label", "end"))
        body.append(
            f'<rect class="track" x="{LABEL}" y="{y + 4}" width="{PLOT}" height="16" rx="3"/>'
        )
        body.append(
            f'<rect class="bar reached" x="{LABEL}" y="{y + 4}" width="{_n(width)}" height="16" rx="3"/>'
        )
        body.append(_text(LABEL + PLOT + 8, y + 17, str(count), "bar-label"))
    return _svg(chart_id, LABEL + PLOT + 48, 16 + ROW * len(tiers), title, body)


def _x(value: float) -> float:
    return LABEL + PLOT * min(max(value, 0.0), 1.0)


def box_plots(
    rows: Sequence[tuple[str, Distribution]],
    threshold: float | None,
    *,
    title: str,
    threshold_label: str,
    chart_id: str,
) -> Markup:
    """A box per measure: quartiles as the box, the median as a bar, minimum and maximum as whiskers."""
    top = 24
    body: list[str] = []
    for index, (label, item) in enumerate(rows):
        y = top + ROW * index
        body.append(_text(LABEL - 10, y + 16, _clip(label, 24), "bar-label", "end"))
        body.append(
            f'<rect class="track" x="{LABEL}" y="{y + 9}" width="{PLOT}" height="6" rx="3"/>'
        )
        if item.median is None or item.minimum is None or item.maximum is None:
            note = "withheld: fewer clusters than the minimum" if item.suppressed else "no values"
            body.append(_text(LABEL + 6, y + 16, note, "bar-label muted"))
            continue
        q1, q3 = item.q1 or item.median, item.q3 or item.median
        mid = y + 12
        body.append(
            f'<line class="whisker" x1="{_n(_x(item.minimum))}" x2="{_n(_x(item.maximum))}" y1="{mid}" y2="{mid}"/>'
        )
        body.append(
            f'<rect class="box" x="{_n(_x(q1))}" y="{y + 3}" width="{_n(max(_x(q3) - _x(q1), 1))}" height="18"/>'
        )
        body.append(
            f'<line class="median" x1="{_n(_x(item.median))}" x2="{_n(_x(item.median))}" y1="{y + 1}" y2="{y + 23}"/>'
        )
    height = top + ROW * len(rows) + 6
    if threshold is not None:
        x = _x(threshold)
        body.append(f'<line class="threshold" x1="{_n(x)}" x2="{_n(x)}" y1="16" y2="{height}"/>')
        body.append(_text(x, 12, threshold_label, "threshold-label", "middle"))
    return _svg(chart_id, LABEL + PLOT + 20, height, title, body)


class HeatRow(NamedTuple):
    label: str
    statuses: Sequence[str | None]  # per indicator, None when the file has no value (an error row)


def heat_map(
    rows: Sequence[HeatRow], columns: Sequence[str], *, title: str, chart_id: str
) -> Markup:
    """Clusters (rows) against indicators (columns), each cell coloured by status, named in its title."""
    left, top = 150, 46
    body: list[str] = []
    for column, name in enumerate(columns):
        x = left + HEAT_CELL * column + HEAT_CELL / 2
        body.append(
            f'<text class="hm-head" text-anchor="start" transform="translate({_n(x + 3)} {top - 4}) rotate(-60)">'
            f"{escape(name)}</text>"
        )
    for index, row in enumerate(rows):
        y = top + HEAT_CELL * index
        body.append(_text(left - 6, y + HEAT_CELL - 3, _clip(row.label, 24), "hm-label", "end"))
        for column, status in enumerate(row.statuses):
            css = STATUS_CLASS.get(status or "", "hm-none")
            body.append(
                f'<rect class="{css}" x="{left + HEAT_CELL * column}" y="{y}" width="{HEAT_CELL - 1}" '
                f'height="{HEAT_CELL - 1}"><title>{escape(row.label)} · {escape(columns[column])}: '
                f"{escape((status or 'no value').replace('_', ' '))}</title></rect>"
            )
    width = left + HEAT_CELL * len(columns) + 8
    return _svg(chart_id, width, top + HEAT_CELL * len(rows) + 4, title, body)


RADAR_RADIUS = 150.0
RADAR_SIDE = 180.0  # room for the area labels left and right of the circle
RADAR_TOP = 36.0


def _polar(index: int, count: int, value: float, scale: float = 1.0) -> tuple[float, float]:
    """Point of axis ``index`` (of ``count``, the first straight up) at ``value`` of the radius."""
    angle = 2 * math.pi * index / count - math.pi / 2
    length = RADAR_RADIUS * scale * min(max(value, 0.0), 1.0)
    centre_x, centre_y = RADAR_SIDE + RADAR_RADIUS, RADAR_TOP + RADAR_RADIUS
    return centre_x + length * math.cos(angle), centre_y + length * math.sin(angle)


def _polygon(values: Sequence[float], css: str) -> str:
    corners = (_polar(i, len(values), v) for i, v in enumerate(values))
    points = " ".join(f"{_n(x)},{_n(y)}" for x, y in corners)
    return f'<polygon class="{css}" points="{points}"/>'


def radar(
    labels: Sequence[str],
    cluster: Sequence[float],
    peers: Sequence[float],
    line: float | None,
    *,
    title: str,
    chart_id: str,
) -> Markup:
    """A spider chart: the cluster's area scores against the peer median and a level's score line."""
    count = len(labels)
    centre_x, centre_y = RADAR_SIDE + RADAR_RADIUS, RADAR_TOP + RADAR_RADIUS
    body = [_polygon([ring] * count, "radar-ring") for ring in (0.25, 0.5, 0.75, 1.0)]
    for index, label in enumerate(labels):
        x, y = _polar(index, count, 1.0)
        body.append(
            f'<line class="radar-axis" x1="{_n(centre_x)}" y1="{_n(centre_y)}" x2="{_n(x)}" y2="{_n(y)}"/>'
        )
        lx, ly = _polar(index, count, 1.0, 1.08)
        anchor = "middle" if abs(lx - centre_x) < 10 else "start" if lx > centre_x else "end"
        dy = -6 if ly < centre_y - RADAR_RADIUS * 0.9 else 14 if ly > centre_y + 10 else 4
        body.append(_text(lx, ly + dy, _clip(label, 22), "radar-label", anchor))
    if line is not None:
        body.append(_polygon([line] * count, "radar-line"))
    body.append(_polygon(peers, "radar-peers"))
    body.append(_polygon(cluster, "radar-cluster"))
    for index, value in enumerate(cluster):
        x, y = _polar(index, count, value)
        body.append(
            f'<circle class="radar-dot" cx="{_n(x)}" cy="{_n(y)}" r="4"><title>{escape(labels[index])}: '
            f"{escape(fmt_score(value))}</title></circle>"
        )
    width = 2 * (RADAR_SIDE + RADAR_RADIUS)
    return _svg(chart_id, width, 2 * (RADAR_TOP + RADAR_RADIUS), title, body)
