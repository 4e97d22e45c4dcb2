"""How numbers become text: the one place scores and values are formatted, so every output agrees."""

from __future__ import annotations

from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the rule models are not needed to format a number (validate never loads them)
    from clusterkit.models import rules


def fmt(value: float, display: rules.Display = "number") -> str:
    """A number as reports show it: 30 %, EUR 12,000, 0.5, 15."""
    if display == "percent":
        return f"{value * 100:.0f} %"
    if display == "money":
        return f"EUR {value:,.0f}"
    if value == int(value):
        return f"{int(value)}"
    return f"{value:.2f}".rstrip("0").rstrip(".")


def fmt_score(value: float | None) -> str:
    """A score as a percentage rounded down to one decimal: 79.96 % must never read as 80 %.

    The one place scores become text, so the terminal, reports, annotations and diffs agree.
    """
    if value is None:
        return "n/a"
    tenths = (Decimal(str(value)) * 1000).to_integral_value(rounding=ROUND_FLOOR)
    return f"{tenths / 10:.1f}".removesuffix(".0") + " %"


def counted(count: int, noun: str, plural: str = "") -> str:
    """``1 document``, ``2 documents``: a count with its noun in the right number."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
