"""Read a member-survey export (CSV) and its mapping file (YAML): the I/O half of `survey import`.

The export is read as common survey tools and spreadsheets write it: UTF-8 with or without a byte-order
mark, `,` or `;` between fields, fields in double quotes that may hold the separator, quotes and line
breaks. The separator is the one that splits the header into more columns (a header of questions in
quotes splits the same way with either only when it has one column; then `csv.Sniffer` decides).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from clusterkit.errors import InputError, Problem
from clusterkit.load.limits import MAX_FILE_BYTES
from clusterkit.load.validation import validate
from clusterkit.load.yamlfile import YamlDocument, load_file
from clusterkit.models.survey_import import SurveyMapping, SurveyRow, SurveyTable

_UTF8_HINT = "export the survey as CSV in UTF-8 (most tools offer 'CSV UTF-8')"


def read_mapping(path: Path, display: str | None = None) -> tuple[SurveyMapping, YamlDocument]:
    """The mapping file, validated; errors at their line and column like every YAML input."""
    document = load_file(path, display)
    return validate(SurveyMapping, document), document


def read_table(path: Path, display: str | None = None) -> SurveyTable:
    """The export as a rectangular table; a row of the wrong width is an error at that row."""
    shown = str(path) if display is None else display
    text = _text(path, shown)
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    records: list[SurveyRow] = []
    start = 1
    try:
        for cells in reader:
            if any(cell.strip() for cell in cells):  # blank lines between records carry nothing
                records.append(SurveyRow(start, tuple(cells)))
            start = reader.line_num + 1
    except csv.Error as error:
        raise InputError.single(
            shown, f"the CSV cannot be read: {error}", "bad-csv", line=reader.line_num, column=1
        ) from None
    if not records:
        raise InputError.single(shown, "the file is empty: no header, no answers", "empty")
    header, *rows = records
    problems = [_width_problem(shown, row, len(header.cells)) for row in rows]
    found = [item for item in problems if item is not None]
    if found:
        raise InputError(found)
    return SurveyTable(
        shown, tuple(cell.strip() for cell in header.cells), header.line, tuple(rows)
    )


def _width_problem(path: str, row: SurveyRow, width: int) -> Problem | None:
    if len(row.cells) == width:
        return None
    column = min(len(row.cells), width) + 1
    message = f"this row has {len(row.cells)} fields, the header {width}"
    hint = "a field holding the separator or a line break must be in double quotes"
    return Problem(path, row.line, column, message, "wrong-width", hint=hint)


def _text(path: Path, shown: str) -> str:
    try:
        with path.open("rb") as handle:
            # One byte past the limit is enough to know the file is too large without reading it all.
            data = handle.read(MAX_FILE_BYTES + 1)
    except FileNotFoundError:
        raise InputError.single(
            shown, "the file does not exist", "file-not-found", hint="check the path and spelling"
        ) from None
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise InputError.single(shown, f"the file cannot be read: {reason}", "unreadable") from None
    if len(data) > MAX_FILE_BYTES:
        limit = MAX_FILE_BYTES // (1024 * 1024)
        raise InputError.single(shown, f"the file is larger than {limit} MiB", "too-large")
    if b"\0" in data:
        raise InputError.single(
            shown, "the file contains a NUL byte: it is not CSV text", "nul-byte", hint=_UTF8_HINT
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError.single(
            shown, "the file is not valid UTF-8", "not-utf8", line=line, hint=_UTF8_HINT
        ) from None


def _delimiter(text: str) -> str:
    """`,` or `;`: whichever splits the first record into more fields; the sniffer breaks a tie."""
    widths = {}
    for candidate in (",", ";"):
        first = next(csv.reader(io.StringIO(text, newline=""), delimiter=candidate), [])
        widths[candidate] = len(first)
    if widths[","] != widths[";"]:
        return max(widths, key=widths.__getitem__)
    try:
        return csv.Sniffer().sniff(text[:65536], delimiters=",;").delimiter
    except csv.Error:
        return ","
