"""GitHub Actions workflow commands: an annotation at the evidence line behind every gap, and the verdict.

Blocking gaps (minimum requirements, level conditions, prerequisite levels) are ``::error``, every other
gap (partial, unmet or unknown) a ``::warning``, each at the line of the first evidence field its check
reads; an overdue item of the improvement plan is an ``::error`` at its line in the plan; the verdict of each requested pack and the assessment's warnings are ``::notice`` and
``::warning`` lines without a position. Values are escaped as the Actions toolkit does.
"""

from __future__ import annotations

from collections.abc import Iterator

from clusterkit.render import RenderOptions
from clusterkit.results.assessment import (
    FILE_START,
    Assessment,
    CheckResult,
    PackAssessment,
    RoadmapItem,
)
from clusterkit.results.numbers import fmt_score


def escape_data(text: str) -> str:
    """A command's message: %, CR and LF are percent-encoded."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A command's property value: as data, plus ':' and ','."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int) -> str:
    """One workflow command line, e.g. ``::error file=cluster.yaml,line=3,col=1,title=T::message``."""
    props = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items())
    return (
        f"::{kind} {props}::{escape_data(message)}"
        if props
        else f"::{kind}::{escape_data(message)}"
    )


def find_check(assessment: Assessment, step: RoadmapItem) -> CheckResult | None:
    """The check (or level condition) a roadmap step stands for."""
    pack = next((item for item in assessment.packs if item.pack == step.pack), None)
    if pack is None:
        return None
    if step.indicator is None:
        conditions = (c for level in pack.levels for c in level.conditions)
        return next((c for c in conditions if c.id == step.check), None)
    for area in pack.areas:
        for indicator in area.indicators:
            if indicator.id == step.indicator:
                return next((c for c in indicator.checks if c.id == step.check), None)
    return None


def annotation(assessment: Assessment, kind: str, step: RoadmapItem) -> str:
    """One gap as an annotation at the line of the field its check reads."""
    check = find_check(assessment, step)
    reads = check.reads if check else []
    where = assessment.positions.get(reads[0], FILE_START) if reads else FILE_START
    reason = check.reason if check else step.title
    title = f"{step.pack} {step.indicator or 'level'}: {step.status.replace('_', ' ')}"
    return command(
        kind,
        f"{reason}\nFix: {step.fix}",
        file=assessment.evidence_file,
        line=where.line,
        col=where.column,
        title=title,
    )


def verdict(pack: PackAssessment) -> str:
    """The verdict of one requested pack, as a notice."""
    level = next(item for item in pack.levels if item.id == pack.target_level)
    score = fmt_score(pack.score)
    state = "reached" if level.reached else "NOT reached"
    text = f"{pack.title} ({pack.pack} {pack.version}): {level.title} {state}; score {score}."
    if level.reasons:
        text += "\n" + "\n".join(f"- {reason}" for reason in level.reasons)
    return command("notice", text, title=f"clusterkit: {pack.pack} {level.title} {state}")


def gaps(assessment: Assessment) -> Iterator[tuple[str, RoadmapItem]]:
    """Every gap of the requested packs once: blocking ones first, as errors, then the rest."""
    requested = [pack for pack in assessment.packs if pack.requested]
    blocking = [step for pack in requested for step in pack.roadmap.steps if step.blocking]
    other = [
        step
        for pack in requested
        for step in (*pack.roadmap.steps, *pack.roadmap.further)
        if not step.blocking
    ]
    seen: set[tuple[str, str | None, str]] = set()
    for kind, step in [*(("error", s) for s in blocking), *(("warning", s) for s in other)]:
        key = (step.pack, step.indicator, step.check)
        if key not in seen:
            seen.add(key)
            yield kind, step


def overdue(assessment: Assessment) -> list[str]:
    """An error at the line of each overdue plan item, naming the item and its owner."""
    lines = []
    for item in assessment.overdue:
        # load.positions keeps where each plan item's `fixes` is written
        where = assessment.positions.get(f"plan.{item.item - 1}.fixes", FILE_START)
        status = (item.check_status or "unknown").replace("_", " ")
        message = f"{item.describe()} is overdue: still {status} as of {assessment.assessment_date}"
        if item.note:
            message += f"\nNote: {item.note}"
        title = f"clusterkit: overdue plan item {item.item} ({item.owner})"
        file = assessment.evidence_file
        lines.append(
            command("error", message, file=file, line=where.line, col=where.column, title=title)
        )
    return lines


def render(assessment: Assessment, options: RenderOptions) -> str:
    """Verdicts, then errors, then warnings: Actions shows only the first few of each kind per step."""
    lines = [verdict(pack) for pack in assessment.packs if pack.requested]
    lines += overdue(assessment)
    lines += [annotation(assessment, kind, step) for kind, step in gaps(assessment)]
    lines += [command("warning", text, title="clusterkit") for text in assessment.warnings]
    return "".join(line + "\n" for line in lines)
