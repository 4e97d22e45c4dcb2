"""How `criteria show` lays out a pack and an indicator in the terminal."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from clusterkit.models.pack import Check, CriteriaPack, Indicator
from clusterkit.models.rules import Rule


def describe_rule(rule: Rule) -> str:
    """A rule in one line: its kind, what it reads, and its thresholds."""
    data = rule.model_dump(exclude_none=True, exclude={"kind"})
    if data.get("display") in ("number", "percent") and rule.kind in ("threshold", "ratio"):
        data.pop("display")
    if rule.kind == "declaration" and data.get("requires_documents") is True:
        data.pop("requires_documents")
    if rule.kind == "document" and rule.sections:
        # the section ids, which an evidence file's `sections:` maps; their names in nine languages are
        # in the pack
        data["sections"] = (
            "[" + ", ".join(s if isinstance(s, str) else s.id for s in rule.sections) + "]"
        )
    # What the rule reads first, then its numbers; 15.0 reads as 15.
    ordered: dict[str, Any] = {
        key: data.pop(key) for key in ("field", "numerator", "denominator") if key in data
    }
    ordered.update(data)
    details = ", ".join(
        f"{key}={value:g}" if isinstance(value, float) else f"{key}={value}"
        for key, value in ordered.items()
    )
    return f"{rule.kind}({details})"


def pack_view(console: Console, pack: CriteriaPack) -> None:
    console.print(f"{pack.title} ({pack.id} {pack.version})")
    if pack.description:
        console.print(pack.description.strip(), soft_wrap=True)
    for level in pack.levels:
        marker = " (default)" if level.id == pack.default_level else ""
        console.print(f"  level {level.id}{marker}: {level.title} [basis: {level.basis.value}]")
    table = Table(show_header=True, header_style="bold")
    for column in ("id", "indicator", "min. req.", "checks", "points", "basis"):
        table.add_column(column)
    for area in pack.areas:
        table.add_row(area.id, area.title, "", "", "", "", style="bold")
        for item in area.indicators:
            mark = "✓" if item.minimum_requirement else ""
            table.add_row(
                item.id,
                item.title,
                mark,
                str(len(item.checks)),
                f"{item.points:g}",
                item.basis.value,
            )
    console.print(table)


def _check_rows(checks: list[Check]) -> Table:
    table = Table(show_header=True, header_style="bold", show_lines=True)
    for column in ("check", "points", "rule", "basis / source", "fix"):
        table.add_column(column, overflow="fold")
    for check in checks:
        partial = f" (partial {check.partial_points:g})" if check.partial_points is not None else ""
        source = f"{check.basis.value}: {check.source}" if check.source else check.basis.value
        table.add_row(
            f"{check.id}\n{check.title}",
            f"{check.points:g}{partial}",
            describe_rule(check.rule),
            source,
            check.fix,
        )
    return table


def indicator_view(console: Console, pack: CriteriaPack, indicator: Indicator) -> None:
    mark = " ✓ minimum requirement" if indicator.minimum_requirement else ""
    console.print(f"{indicator.id} {indicator.title}{mark}  ({pack.id} {pack.version})")
    source = f" — {indicator.source}" if indicator.source else ""
    console.print(f"basis: {indicator.basis.value}{source}", soft_wrap=True)
    console.print(indicator.guidance.strip(), soft_wrap=True)
    if indicator.allow_not_applicable:
        console.print("may be declared not applicable, with a justification")
    console.print(_check_rows(indicator.checks))
