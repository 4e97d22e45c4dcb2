"""Render a comparison: Markdown for a pull-request comment, or JSON; pure functions to str.

Each renderer takes an AssessmentDiff, or a NewEvidence when the file is new in the range.
"""

from __future__ import annotations

import json

from clusterkit.render import RenderOptions, render
from clusterkit.render.summary import cell
from clusterkit.results.comparison import (
    AssessmentDiff,
    IndicatorChange,
    NewEvidence,
    PackDiff,
    ScoreChange,
)
from clusterkit.results.numbers import fmt_score

VERDICT = {True: "✅", False: "❌", None: "–"}
ARROW = {"won": "⬆️", "lost": "⬇️", "changed": "↔️"}


MINUS = "\u2212"  # a real minus sign: a hyphen reads as a dash next to a number


def signed(value: float, unit: str) -> str:
    """A signed number with its unit: +5 points, −1 point, −0.4 %-points, ±0 points."""
    text = f"{abs(value):.1f}".removesuffix(".0")
    if text == "1":
        unit = unit.removesuffix("s")
    if text == "0":
        return f"±0 {unit}"
    return f"{'+' if value > 0 else MINUS}{text} {unit}"


def delta(change: ScoreChange) -> str:
    """The change of a score in percentage points, signed, with its unit; empty when not computable."""
    if change.delta is None:
        return ""
    return signed(change.delta * 100, "%-points")


def _observed(value: str | None) -> str:
    return cell(value) if value is not None else "not given"


def _check_lines(change: IndicatorChange) -> list[str]:
    lines = []
    for check in change.checks:
        before = check.old.replace("_", " ") if check.old else "new"
        lines.append(
            f"  - `{cell(check.id)}` {cell(check.title)}: {before} → {check.new.replace('_', ' ')}; "
            f"seen {_observed(check.observed_old)} → {_observed(check.observed_new)} "
            f"(expects {cell(check.expected)})"
        )
    return lines


def _levels(pack: PackDiff) -> str:
    changed = [f"{cell(lv.title)}: {VERDICT[lv.old]} → {VERDICT[lv.new]}" for lv in pack.levels]
    return "; ".join(changed) or "no change"


def changes_lines(heading: str, changes: list[IndicatorChange]) -> list[str]:
    """A bold heading with a count, then a line per indicator change and its checks."""
    if not changes:
        return []
    lines = ["", f"**{heading} ({len(changes)})**", ""]
    for change in changes:
        minimum = " (minimum requirement)" if change.minimum_requirement else ""
        points = signed(change.points_new - change.points_old, "points")
        lines.append(
            f"- {ARROW[change.direction]} **{cell(change.id)}** {cell(change.title)}{minimum}: "
            f"{change.old.replace('_', ' ')} → {change.new.replace('_', ' ')} "
            f"({change.points_old:g} → {change.points_new:g} points, {points})"
        )
        lines += _check_lines(change)
    return lines


def _pack(pack: PackDiff) -> list[str]:
    lines = ["", f"### {cell(pack.pack)}: {cell(pack.title)}"]
    lines += changes_lines("Won", pack.won) + changes_lines("Lost", pack.lost)
    lines += changes_lines("Changed", pack.changed)
    if not (pack.won or pack.lost or pack.changed):
        lines += ["", "No indicator changed status."]
    if pack.areas:
        lines += ["", "| area | before | after | change |", "|---|---:|---:|---:|"]
        lines += [
            f"| {cell(a.id)} {cell(a.title)} | {fmt_score(a.old)} | {fmt_score(a.new)} | {delta(a)} |"
            for a in pack.areas
        ]
    return lines


def markdown(diff: AssessmentDiff | NewEvidence, options: RenderOptions) -> str:
    """A pull-request comment: regressions first, a table per pack, then each pack's changes."""
    if isinstance(diff, NewEvidence):
        summary = render(diff.new, "summary")
        return f"{diff.message}, so there is nothing to compare: the file is new.\n\n{summary}"
    old, new = diff.old, diff.new
    lines = [
        f"## clusterkit diff: `{cell(old.label)}` → `{cell(new.label)}`",
        "",
        f"Assessed as of {old.assessment_date} → {new.assessment_date}; "
        f"all target levels reached: {VERDICT[old.passed]} → {VERDICT[new.passed]}.",
        "",
    ]
    if diff.regressions:
        lines += ["**⚠️ Regressions**", "", *(f"- {cell(text)}" for text in diff.regressions)]
    else:
        lines.append("No regression: no verdict and no score dropped.")
    lines += [
        "",
        "| criteria | score before | after | change | levels |",
        "|---|---:|---:|---:|---|",
    ]
    lines += [
        f"| {cell(p.pack)} | {fmt_score(p.score.old)} | {fmt_score(p.score.new)} | {delta(p.score)} "
        f"| {_levels(p)} |"
        for p in diff.packs
    ]
    for label, ids in (("Added", diff.added_packs), ("Removed", diff.removed_packs)):
        if ids:
            lines += ["", f"{label} criteria packs: {', '.join(cell(i) for i in ids)}."]
    for pack in diff.packs:
        lines += _pack(pack)
    return "\n".join(lines) + "\n"


def json_text(diff: AssessmentDiff | NewEvidence, options: RenderOptions) -> str:
    """Indented JSON in model order, ending in a newline; a new file nests the Assessment's own JSON."""
    if isinstance(diff, NewEvidence):
        document = {
            "schema_version": diff.schema_version,
            "added": True,
            "message": f"{diff.message}: nothing to compare",
            "new": json.loads(render(diff.new, "json")),
        }
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return diff.model_dump_json(indent=2) + "\n"
