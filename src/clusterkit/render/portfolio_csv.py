"""The portfolio as CSV: one row per file (wide), or one row per file and indicator (long).

The cells are the numbers of the assessment, unchanged: a score is the fraction (0.4766, not 47 %), so a
spreadsheet or a script reading the CSV gets what `assess --format json` says. Percentiles are 0 to 100.
Empty cells are values not known; booleans are `true`/`false`. The XLSX workbook shows the same rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from clusterkit.render import RenderOptions
from clusterkit.render.cells import spreadsheet_text
from clusterkit.results.portfolio_result import PortfolioResult, PortfolioRow, Position
from clusterkit.results.portfolio_rows import PackRecord

Cell = str | float | int | bool | None
Table = tuple[list[str], list[list[Cell]]]


def _identity(result: PortfolioResult) -> list[str]:
    if result.anonymised:
        return ["code", "group", "assessment_date", "latest", "error"]
    return ["file", "code", "name", "group", "assessment_date", "latest", "error"]


def _identity_cells(result: PortfolioResult, row: PortfolioRow) -> list[Cell]:
    record = row.record
    error = " ".join(record.error_codes) if result.anonymised else record.error
    date = record.assessment_date.isoformat() if record.assessment_date else None
    if result.anonymised:
        return [row.code, record.group, date, row.latest, error]
    return [record.file, row.code, record.name, record.group, date, row.latest, error]


def _prefix(result: PortfolioResult, pack: str) -> str:
    return f"{pack} " if len(result.outlines) > 1 else ""


def _pack_columns(result: PortfolioResult) -> list[str]:
    columns = []
    for outline in result.outlines:
        p = _prefix(result, outline.id)
        columns += [f"{p}target_level", f"{p}target_reached", f"{p}reached_levels", f"{p}tier"]
        columns += [f"{p}score", f"{p}score percentile", f"{p}score group percentile"]
        for area in outline.areas:
            columns += [f"{p}area {area.id}", f"{p}area {area.id} percentile"]
            columns.append(f"{p}area {area.id} group percentile")
        columns += [f"{p}minimum_met", f"{p}minimum_total", f"{p}unknown", f"{p}blocking_gaps"]
    return columns


def _position_cells(position: Position | None) -> list[Cell]:
    if position is None:
        return [None, None, None]
    return [position.value, position.portfolio, position.group]


def _pack_cells(result: PortfolioResult, row: PortfolioRow) -> list[Cell]:
    cells: list[Cell] = []
    by_pack = {pack.pack: pack for pack in row.record.packs}
    for outline in result.outlines:
        pack: PackRecord | None = by_pack.get(outline.id)
        positions = row.positions.get(outline.id, {})
        if pack is None:
            cells += [None] * (4 + 3 * (1 + len(outline.areas)) + 4)
            continue
        tier = pack.reached[-1] if pack.reached else "none"
        cells += [pack.target_level, pack.target_reached, " ".join(pack.reached), tier]
        cells += _position_cells(positions.get("score"))
        for area in outline.areas:
            cells += _position_cells(positions.get(f"area {area.id}"))
        cells += [pack.minimum_met, pack.minimum_total, pack.unknown, " ".join(pack.blocking)]
    return cells


def wide_table(result: PortfolioResult) -> Table:
    """One row per input file, in input order."""
    header = _identity(result) + _pack_columns(result)
    rows = [_identity_cells(result, row) + _pack_cells(result, row) for row in result.rows]
    return header, rows


def long_table(result: PortfolioResult) -> Table:
    """One row per input file and indicator of each requested pack (files that failed: one row)."""
    header = [*_identity(result), "pack", "area", "indicator", "status", "points", "possible"]
    header += ["value", "percentile", "group percentile"]
    areas = {(o.id, i.id): i.area for o in result.outlines for i in o.indicators}
    rows: list[list[Cell]] = []
    for row in result.rows:
        identity = _identity_cells(result, row)
        if not row.record.packs:
            rows.append(identity + [None] * 9)
        for pack in row.record.packs:
            positions = row.positions.get(pack.pack, {})
            for item in pack.indicators:
                position = positions.get(f"indicator {item.id}")
                area = areas.get((pack.pack, item.id))
                cells = [pack.pack, area, item.id, item.status, item.points, item.possible]
                rows.append([*identity, *cells, *_position_cells(position)])
    return header, rows


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, str):
        return spreadsheet_text(cell)
    return str(cell)  # floats as repr: the shortest text that reads back as the same number


def _csv(header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows([_text(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def wide(result: PortfolioResult, options: RenderOptions) -> str:
    return _csv(*wide_table(result))


def long(result: PortfolioResult, options: RenderOptions) -> str:
    return _csv(*long_table(result))
