"""A compact Markdown summary for CI step summaries and pull-request comments: verdicts, must-fix, next steps."""

from __future__ import annotations

from clusterkit.render import RenderOptions
from clusterkit.results.assessment import Assessment, PackAssessment, RoadmapItem
from clusterkit.results.numbers import fmt_score

MAX_ITEMS = 10
MARK = {True: "✅", False: "❌"}


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell or list item: no pipes, no HTML, one line."""
    return (
        " ".join(text.split())
        .replace("\\", "\\\\")
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _row(pack: PackAssessment) -> str:
    level = next(item for item in pack.levels if item.id == pack.target_level)
    counts = [str(pack.counts.get(status, 0)) for status in ("met", "partial", "unmet", "unknown")]
    role = "" if pack.requested else " (prerequisite)"
    verdict = f"{MARK[level.reached]} {'reached' if level.reached else 'not reached'}"
    cells = [f"{cell(pack.pack)} {cell(pack.version)}{role}", cell(level.title), verdict]
    return "| " + " | ".join([*cells, fmt_score(pack.score), *counts]) + " |"


def _items(heading: str, steps: list[RoadmapItem], *, gain: bool) -> list[str]:
    if not steps:
        return []
    lines = ["", f"**{heading}**", ""]
    for step in steps[:MAX_ITEMS]:
        tag = f"+{step.gain:g} pts · " if gain and step.gain else ""
        status = f"{step.status.replace('_', ' ')}, {step.kind}, {step.effort:g} d"
        advice = f"{step.action} {step.fix}" if step.action else step.fix
        if step.plan:
            late = ", **overdue**" if step.plan.overdue else ""
            status = f"{status}; owner {step.plan.owner}, due {step.plan.due}{late}"
        lines.append(f"- {tag}**{cell(step.title)}** ({status}): {cell(advice)}")
    if len(steps) > MAX_ITEMS:
        lines.append(f"- … and {len(steps) - MAX_ITEMS} more (`clusterkit assess` lists them all)")
    return lines


def _unique(steps: list[RoadmapItem]) -> list[RoadmapItem]:
    seen: set[tuple[str, str | None, str]] = set()
    unique = []
    for step in steps:
        key = (step.pack, step.indicator, step.check)
        if key not in seen:
            seen.add(key)
            unique.append(step)
    return unique


def render(assessment: Assessment, options: RenderOptions) -> str:
    """Heading, one table row per pack, the blocking gaps, the next steps for the score, warnings."""
    requested = [pack for pack in assessment.packs if pack.requested]
    verdict = "all target levels reached" if assessment.passed else "a target level is not reached"
    lines = [
        f"## {MARK[assessment.passed]} clusterkit: {cell(assessment.cluster.name)}",
        "",
        f"Assessed as of {assessment.assessment_date} from `{cell(assessment.evidence_file)}`: "
        f"**{verdict}**.",
        "",
        "| criteria | target level | verdict | score | met | partial | unmet | unknown |",
        "|---|---|---|---:|---:|---:|---:|---:|",
        *(_row(pack) for pack in assessment.packs),
    ]
    if assessment.overdue:
        lines += ["", "**Overdue in the improvement plan**", ""]
        lines += [f"- ⚠ {cell(item.describe())}" for item in assessment.overdue]
    steps = _unique([step for pack in requested for step in pack.roadmap.steps])
    lines += _items(
        "Must fix (blocks the target level)", [s for s in steps if s.blocking], gain=False
    )
    lines += _items("Next steps for the score", [s for s in steps if not s.blocking], gain=True)
    if assessment.warnings:
        lines += ["", "**Warnings**", "", *(f"- {cell(text)}" for text in assessment.warnings)]
    return "\n".join(lines) + "\n"
