"""The terminal summary of an assessment (the `table` format): verdicts, area bars, minimums, next steps.

What is drawn is said once, against `terminal.Writer`; without colour the summary is written by hand as
rich would draw it (`PlainWriter`, about 20 ms less than rich's layout), with colour, or where the plain
writer is not sure to match rich, by rich itself.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from clusterkit.cli import terminal
from clusterkit.cli.terminal import Column, NeedsRich, Part, PlainWriter, RichWriter, Row, Writer
from clusterkit.render import RenderOptions
from clusterkit.results.assessment import Assessment, LevelResult, PackAssessment, ProgressResult
from clusterkit.results.numbers import fmt_score

if TYPE_CHECKING:
    from rich.console import Console

# Words first, icons second, colour last: the status must read without colour.
STATUS_LABEL = {
    "met": ("✔ met", "green"),
    "partial": ("◐ partial", "yellow"),
    "unmet": ("✘ unmet", "red"),
    "unknown": ("? unknown", "magenta"),
    "not_applicable": ("– n/a", "dim"),
}
MAX_STEPS = 8


def _percent(value: float | None) -> str:
    return "n/a" if value is None else fmt_score(value)


def _bar(value: float | None, width: int = 20) -> str:
    filled = round((value or 0.0) * width)
    return "█" * filled + "░" * (width - filled)


def _plain(text: str) -> Part:
    return (text, "")


def _levels(out: Writer, result: PackAssessment) -> None:
    for level in result.levels:
        verdict = ("REACHED", "bold green") if level.reached else ("NOT REACHED", "bold red")
        target = "  ← target" if level.id == result.target_level else ""
        out.line(_plain(f"  {level.title}: "), verdict, _plain(target))
        for reason in level.reasons:
            out.line(_plain(f"      – {reason}"), wrap=False)
        if level.reached:
            for line in _progress_lines(level):
                out.line(_plain(f"      – {line}"), wrap=False)


def _progress_lines(level: LevelResult) -> list[str]:
    """A reached level's improvement areas: which indicators improved, or that they are declared
    (a level not reached says so in its reasons already)."""
    lines = []
    for condition in level.conditions:
        if not isinstance(condition, ProgressResult):
            continue
        progress = condition.progress
        if progress.measured == "baseline" and progress.baseline is not None:
            named = ", ".join(f"{item.indicator} {item.title}" for item in progress.improved)
            lines.append(f"improved since {progress.baseline.label}: {named}")
        elif progress.measured == "declaration":
            lines.append(f"{condition.title}: {condition.observed} (no --baseline given)")
    return lines


def _areas(out: Writer, result: PackAssessment) -> None:
    columns = [Column("area"), Column("score", "right"), Column(""), Column("points", "right")]
    rows = [
        Row(
            [
                _plain(f"{area.id} {area.title}"),
                _plain(_percent(area.score)),
                _plain(_bar(area.score)),
                _plain(f"{area.points:g}/{area.possible:g}"),
            ]
        )
        for area in result.areas
    ]
    total = [_percent(result.score), _bar(result.score), f"{result.points:g}/{result.possible:g}"]
    rows.append(Row([_plain(text) for text in ["Excellence score", *total]], style="bold"))
    out.table("Score per area", columns, rows)


def _minimums(out: Writer, result: PackAssessment) -> None:
    indicators = {item.id: item for area in result.areas for item in area.indicators}
    if not result.minimum_requirements:
        return
    rows = []
    for indicator_id in result.minimum_requirements:
        item = indicators[indicator_id]
        rows.append(Row([_plain(f"{item.id} {item.title}"), STATUS_LABEL[item.status]]))
    out.table("Minimum requirements", [Column("indicator"), Column("status")], rows)


def _roadmap(out: Writer, result: PackAssessment) -> None:
    roadmap = result.roadmap
    out.line(("Next steps", "bold"))
    out.line(_plain(f"  {roadmap.summary}"), wrap=False)
    for n, step in enumerate(roadmap.steps[:MAX_STEPS], start=1):
        tag = "must" if step.blocking else f"+{step.gain:g} pts"
        out.line(_plain(f"  {n}. [{tag}] {step.title}"), wrap=False)
        out.line(_plain(f"     {step.fix}"), wrap=False)
        if step.plan:
            late = ", OVERDUE" if step.plan.overdue else ""
            plan = f"plan: {step.plan.owner}, due {step.plan.due}, {step.plan.status}{late}"
            out.line(_plain(f"     {plan.replace('_', ' ')}"), wrap=False)
    hidden = len(roadmap.steps) - MAX_STEPS
    if hidden > 0:
        out.line(_plain(f"  … and {hidden} more steps in the full report (clusterkit report)"))


def _unknowns(out: Writer, result: PackAssessment) -> None:
    if not result.unknown:
        return
    count = len(result.unknown)
    out.line(
        _plain(
            f"{count} indicator{'s' if count > 1 else ''} could not be assessed (no evidence given): "
            + ", ".join(result.unknown)
        ),
        wrap=False,
    )


def text_console(options: RenderOptions) -> tuple[io.StringIO, Console]:
    """A rich console that draws into a string, as the options ask (the plan and portfolio tables)."""
    return terminal.text_console(options.width, options.color)


def render(assessment: Assessment, options: RenderOptions) -> str:
    """The summary as text; ANSI colour only when the options ask for it."""
    if not options.color:
        try:
            return draw(assessment, PlainWriter(options.width))
        except NeedsRich:
            pass
    return draw(assessment, RichWriter(options.width, options.color))


def draw(assessment: Assessment, out: Writer) -> str:
    """The summary, drawn by ``out``."""
    cluster = assessment.cluster
    place = f" ({cluster.country})" if cluster.country else ""
    out.line((f"{cluster.name}{place}", "bold"))
    out.line(
        _plain(
            f"Assessment date {assessment.assessment_date} · evidence {assessment.evidence_file}"
        )
    )
    for result in assessment.packs:
        out.rule(f"{result.title} · {result.pack} {result.version}")
        _levels(out, result)
        if result.possible > 0:
            _areas(out, result)
        _minimums(out, result)
        _roadmap(out, result)
        _unknowns(out, result)
    for q in assessment.questions:
        line = (
            f"an assessor would ask: {q.question} {q.observed}; plausible: {q.expected} [{q.basis}]"
        )
        out.line(_plain(line), wrap=False)
    for warning in assessment.warnings:
        out.line(_plain(f"warning: {warning}"), wrap=False)
    for item in assessment.overdue:
        out.line((f"overdue: {item.describe()}", "bold red"), wrap=False)
    verdict = "all target levels reached" if assessment.passed else "a target level is not reached"
    out.line((f"Verdict: {verdict}", "bold"))
    return out.text()
