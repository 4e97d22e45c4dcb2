"""Inline SVG charts for the HTML report, drawn from the numbers alone: no script, no outside resource."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import NamedTuple

from markupsafe import Markup, escape

from clusterkit.models.vocab import APPRECIATION_VALUE, CONTRIBUTION_VALUE
from clusterkit.render.view import NumberedService
from clusterkit.results.assessment import PackAssessment, PortfolioAnalysis
from clusterkit.results.numbers import fmt_score

# Calm, print-safe colours, handed to portfolio classes in pack order; every class is also named in text.
PALETTE = ("#2f7d5b", "#2b6a9e", "#a8741a", "#b4572e", "#9b2f3a", "#5f4b8b", "#4b6b73")
# The charts scale with their width. Their coordinate systems are about as wide as a 375 px phone shows
# them (about 310 px), so text of 13 units stays above 11 px there; on a wide screen the CSS caps them.
BAR_WIDTH = 340
BAR_LABEL_CHARS = 42
ROW = 46
CELL = 92
CELL_LABEL_CHARS = 11
MATRIX_LEFT = 64
MATRIX_TOP = 10
MARKER = 11
# Matrix axes in vocabulary order: columns costs -> earns, rows positive (top) -> negative.
COLUMNS = tuple(
    str(value) for value in sorted(CONTRIBUTION_VALUE, key=CONTRIBUTION_VALUE.__getitem__)
)
ROWS = tuple(
    str(value) for value in sorted(APPRECIATION_VALUE, key=APPRECIATION_VALUE.__getitem__)
)[::-1]


class Bar(NamedTuple):
    """One row of the score chart."""

    label: str
    score: float | None
    total: bool = False


# How a chart writes a score (the report's language decides: 61.2 % or 61,2 %).
ScoreFormat = Callable[[float | None], str]


def area_bars(pack: PackAssessment, total_label: str) -> list[Bar]:
    """One bar per area, then the pack's excellence score."""
    rows = [Bar(f"{area.id} {area.title}", area.score) for area in pack.areas]
    return [*rows, Bar(total_label, pack.score, total=True)]


def _n(value: float) -> str:
    """A coordinate with at most one decimal: short, stable SVG."""
    return f"{round(value, 1):g}"


def _svg(chart_id: str, width: float, height: float, title: str, body: list[str]) -> Markup:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'viewBox="0 0 {_n(width)} {_n(height)}" aria-labelledby="{escape(chart_id)}-title" '
        f'aria-label="{escape(title)}" {FONT}><title id="{escape(chart_id)}-title">{escape(title)}</title>'
    )
    return Markup(head + "".join(body) + "</svg>")


# Presentation attributes, not only the page's CSS: a PDF engine draws SVG with its own renderer, which
# does not see the page's stylesheet. Sizes are in chart units (see BAR_WIDTH).
TEXT_STYLE = {
    "bar-label": 'font-size="13" fill="#1c2430"',
    "bar-label total": 'font-size="13" font-weight="700" fill="#1c2430"',
    "threshold-label": 'font-size="12.5" font-weight="600" fill="#1c2430"',
    "tick": 'font-size="12.5" fill="#5a6473"',
    "axis-label": 'font-size="12.5" font-weight="600" fill="#1c2430"',
    "marker-label": 'font-size="12.5" font-weight="700" fill="#1c2430"',
}
FONT = 'font-family="system-ui, -apple-system, Segoe UI, Roboto, DejaVu Sans, sans-serif"'


def _text(x: float, y: float, text: str, css: str, anchor: str = "start") -> str:
    """A text element; the report's classes also carry their style as attributes (WeasyPrint reads
    those, not CSS), other charts' classes (the portfolio overview, history) are styled by their page."""
    style = f" {TEXT_STYLE[css]}" if css in TEXT_STYLE else ""
    return (
        f'<text x="{_n(x)}" y="{_n(y)}" class="{css}"{style} text-anchor="{anchor}">'
        f"{escape(text)}</text>"
    )


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def score_bars(
    bars: Sequence[Bar],
    threshold: float | None,
    *,
    title: str,
    threshold_label: str,
    chart_id: str,
    percent: ScoreFormat = fmt_score,
) -> Markup:
    """Horizontal bars per area, 0 to 100 %, with the level's threshold as a dashed line."""
    top = 26
    height = top + ROW * len(bars) + 4
    body: list[str] = []
    for index, bar in enumerate(bars):
        y = top + ROW * index
        css = "bar-label total" if bar.total else "bar-label"
        body.append(_text(0, y + 13, _clip(bar.label, BAR_LABEL_CHARS), css))
        body.append(_text(BAR_WIDTH, y + 13, percent(bar.score), css, "end"))
        body.append(
            f'<rect class="track" fill="#edf0f3" x="0" y="{y + 20}" width="{BAR_WIDTH}" height="14" rx="3"/>'
        )
        if bar.score:
            reached = threshold is None or bar.score >= threshold
            css, fill = ("bar reached", "#2f6f9f") if reached else ("bar short", "#c58b2a")
            width = _n(BAR_WIDTH * min(bar.score, 1.0))
            body.append(
                f'<rect class="{css}" fill="{fill}" x="0" y="{y + 20}" width="{width}" height="14" rx="3"/>'
            )
    if threshold is not None:
        x = BAR_WIDTH * threshold
        body.append(
            f'<line class="threshold" stroke="#1c2430" stroke-width="1.5" stroke-dasharray="4 3" '
            f'x1="{_n(x)}" x2="{_n(x)}" y1="18" y2="{_n(height)}"/>'
        )
        # Keep the label inside the chart when the threshold sits near either end.
        anchor = "start" if x < 70 else "end" if x > BAR_WIDTH - 70 else "middle"
        body.append(_text(x, 12, threshold_label, "threshold-label", anchor))
    return _svg(chart_id, BAR_WIDTH, height, title, body)


def class_colours(portfolio: PortfolioAnalysis) -> dict[str, str]:
    """Class id -> colour, in pack order: the matrix, its list and the class cards agree."""
    return {item.id: PALETTE[i % len(PALETTE)] for i, item in enumerate(portfolio.classes)}


def cell_classes(portfolio: PortfolioAnalysis) -> dict[tuple[str, str], str]:
    """(contribution, appreciation) cell -> class id, from the classes the pack defines."""
    return {cell: item.id for item in portfolio.classes for cell in item.cells}


def _wrap(text: str, width: int) -> list[str]:
    """Words into lines of at most ``width`` characters (SVG text does not wrap by itself)."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _cell(column: int, row: int, title: str | None, colour: str | None) -> str:
    x, y = MATRIX_LEFT + CELL * column, MATRIX_TOP + CELL * row
    fill = f'fill="{colour}" fill-opacity="0.1"' if colour else 'fill="#ffffff"'
    parts = [
        f'<rect class="cell{" classed" if colour else ""}" {fill} stroke="#c9d0d8" stroke-width="1" '
        f'x="{x}" y="{y}" width="{CELL}" height="{CELL}"/>'
    ]
    for index, line in enumerate(_wrap(title or "", CELL_LABEL_CHARS)[:3]):
        parts.append(
            f'<text x="{x + 6}" y="{y + 17 + 15 * index}" class="cell-label" font-size="12.5" '
            f'font-weight="700" fill="{colour or "#1c2430"}">{escape(line)}</text>'
        )
    return "".join(parts)


def _offsets(count: int) -> list[tuple[float, float]]:
    """Marker offsets for services at the same point: a ring around it, first at the top."""
    if count == 1:
        return [(0.0, 0.0)]
    radius = max(13.0, (MARKER + 1.5) * count / math.pi)
    return [
        (radius * math.sin(2 * math.pi * i / count), -radius * math.cos(2 * math.pi * i / count))
        for i in range(count)
    ]


def _markers(services: Sequence[NumberedService], colours: dict[str, str]) -> list[str]:
    groups: dict[tuple[float, float], list[NumberedService]] = {}
    for item in services:
        if item.service.x is not None and item.service.y is not None:
            groups.setdefault((item.service.x, item.service.y), []).append(item)
    parts: list[str] = []
    for (x, y), members in groups.items():
        cx = MATRIX_LEFT + CELL * (1.5 + x)
        cy = MATRIX_TOP + CELL * (1.5 - y)
        for (dx, dy), item in zip(_offsets(len(members)), members, strict=True):
            label = f"{item.number}. {item.service.name} ({item.service.class_title or ''})"
            colour = colours.get(item.service.class_id or "", "#4a5563")
            parts.append(
                f'<g class="marker"><title>{escape(label)}</title>'
                f'<circle cx="{_n(cx + dx)}" cy="{_n(cy + dy)}" r="{MARKER}" fill="#ffffff" '
                f'stroke="{colour}" stroke-width="2.5"/>'
                f"{_text(cx + dx, cy + dy + 4.5, str(item.number), 'marker-label', 'middle')}</g>"
            )
    return parts


def portfolio_matrix(
    portfolio: PortfolioAnalysis,
    services: Sequence[NumberedService],
    *,
    title: str,
    x_label: str,
    y_label: str,
    chart_id: str,
    ticks: Mapping[str, str] | None = None,
) -> Markup:
    """The 3x3 portfolio matrix: contribution (costs to earns) against appreciation, services numbered."""
    words = ticks or {}
    colours = class_colours(portfolio)
    titles = {item.id: item.title for item in portfolio.classes}
    cells = cell_classes(portfolio)
    body: list[str] = []
    for row, appreciation in enumerate(ROWS):
        for column, contribution in enumerate(COLUMNS):
            class_id = cells.get((contribution, appreciation))
            body.append(_cell(column, row, titles.get(class_id or ""), colours.get(class_id or "")))
        body.append(
            _text(
                MATRIX_LEFT - 6,
                MATRIX_TOP + CELL * row + CELL / 2 + 5,
                words.get(appreciation, appreciation),
                "tick",
                "end",
            )
        )
    bottom = MATRIX_TOP + 3 * CELL
    for column, contribution in enumerate(COLUMNS):
        body.append(
            _text(
                MATRIX_LEFT + CELL * (column + 0.5),
                bottom + 18,
                words.get(contribution, contribution),
                "tick",
                "middle",
            )
        )
    body.append(_text(MATRIX_LEFT + 1.5 * CELL, bottom + 40, x_label, "axis-label", "middle"))
    middle = MATRIX_TOP + 1.5 * CELL
    body.append(
        f'<text class="axis-label" {TEXT_STYLE["axis-label"]} text-anchor="middle" transform="translate(13 {_n(middle)}) rotate(-90)">'
        f"{escape(y_label)}</text>"
    )
    body += _markers(services, colours)
    return _svg(chart_id, MATRIX_LEFT + 3 * CELL + 8, bottom + 50, title, body)
