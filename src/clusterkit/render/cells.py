"""Text for spreadsheet cells (CSV and XLSX): a value from an evidence file is never run as a formula.

An owner written as `=HYPERLINK("http://…","Jana")` or a service named `+cmd|…` would be a formula when
a CSV export is opened in a spreadsheet (CSV injection). Spreadsheets read a cell that starts with an
apostrophe as text and hide the apostrophe, so such text gets one; numbers are never touched, so a
negative number stays a number.
"""

from __future__ import annotations

# What makes a spreadsheet read a cell as a formula (tab and carriage return: some read past them).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """``value`` as a CSV cell that a spreadsheet shows as the text it is."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
