"""The portfolio as an Excel workbook (optional extra `xlsx`: openpyxl): a sheet per view, filters on.

Sheets: clusters (the wide CSV's rows), indicators (the long CSV's rows), peers (every distribution by
group), shared gaps, and the roll-up rules. Cells hold numbers as numbers (scores as fractions shown as
percentages), so filters and sorts work. The bytes are the same for the same input: the workbook's dates
are the latest assessment date of the portfolio and the zip entries carry a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from clusterkit.errors import UsageError
from clusterkit.render import RenderOptions
from clusterkit.render.portfolio_csv import Cell, long_table, wide_table
from clusterkit.results.portfolio_result import PortfolioResult

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip entry can carry
PERCENT = "0.0%"
INSTALL = "the xlsx format needs openpyxl: pip install 'clusterkit-esca[xlsx]'"


FRACTIONS = ("value", "minimum", "q1", "median", "q3", "maximum")


def _is_fraction(header: str) -> bool:
    """Columns holding a score (0 to 1) rather than a count, points or a percentile."""
    if "percentile" in header:
        return False
    return header.endswith("score") or "area " in header or header in FRACTIONS


def _sheet(book: Any, title: str, header: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    sheet = book.create_sheet(title)
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    head = []
    for name in header:
        cell = WriteOnlyCell(sheet, value=name)
        cell.font = bold
        head.append(cell)
    sheet.append(head)
    fractions = [_is_fraction(name) for name in header]
    for row in rows:
        cells = []
        for value, fraction in zip(row, fractions, strict=True):
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = (
                    "s"  # text from the evidence stays text, even when it starts with =
                )
            if fraction and isinstance(value, float):
                cell.number_format = PERCENT
            cells.append(cell)
        sheet.append(cells)
    if rows:
        from openpyxl.utils import get_column_letter

        sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{len(rows) + 1}"


def _peers(result: PortfolioResult) -> tuple[list[str], list[list[Cell]]]:
    header = [
        "pack",
        "measure",
        "group",
        "n",
        "suppressed",
        "minimum",
        "q1",
        "median",
        "q3",
        "maximum",
    ]
    rows: list[list[Cell]] = []
    for peers in result.peers:
        for measure, by_group in peers.measures.items():
            for group, item in by_group.items():
                numbers = [item.minimum, item.q1, item.median, item.q3, item.maximum]
                rows.append([peers.pack, measure, group, item.n, item.suppressed, *numbers])
    return header, rows


def _gaps(result: PortfolioResult) -> tuple[list[str], list[list[Cell]]]:
    header = ["pack", "indicator", "title", "blocking for", "not met by"]
    rows: list[list[Cell]] = [
        [peers.pack, gap.indicator, gap.title, gap.blocking, gap.not_met]
        for peers in result.peers
        for gap in peers.shared_gaps
    ]
    return header, rows


def _fixed_zip(data: bytes, replace: dict[str, bytes]) -> bytes:
    """The same archive with every entry's timestamp fixed, so the same input gives the same bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=ZIP_EPOCH)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, replace.get(entry.filename) or source.read(entry))
    return out.getvalue()


def render(result: PortfolioResult, options: RenderOptions) -> bytes:
    """The workbook's bytes; a usage error naming the extra when openpyxl is not installed."""
    try:
        from openpyxl import Workbook
    except ImportError:
        raise UsageError(INSTALL) from None
    book = Workbook(write_only=True)
    dates = [row.record.assessment_date for row in result.rows if row.record.assessment_date]
    stamp = dt.datetime.combine(max(dates, default=dt.date(2000, 1, 1)), dt.time())
    book.properties.created = book.properties.modified = stamp
    book.properties.creator = "clusterkit"
    _sheet(book, "clusters", *wide_table(result))
    _sheet(book, "indicators", *long_table(result))
    _sheet(book, "peers", *_peers(result))
    _sheet(book, "shared gaps", *_gaps(result))
    _sheet(book, "rules", ["rule"], [[rule] for rule in result.rules])
    buffer = io.BytesIO()
    book.save(buffer)
    # Saving stamps `modified` with the clock; write the core properties again with the input's date.
    from openpyxl.xml.functions import tostring

    book.properties.modified = stamp
    core = tostring(book.properties.to_tree())
    return _fixed_zip(buffer.getvalue(), {"docProps/core.xml": core})
