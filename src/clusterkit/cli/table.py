"""The terminal summary of an assessment (the `table` format): verdicts, area bars, minimums, next steps."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from rich.text import Text

from clusterkit.render import RenderOptions
from clusterkit.results.assessment import Assessment, LevelResult, PackAssessment, ProgressResult
from clusterkit.results.numbers import fmt_score

# Words first, icons second, colour last: the status must read without colour.
STATUS_LABEL = {
    "met": ("✔ met", "green"),
    "partial": ("◐ partial", "yellow"),
    "unmet": ("✘ unmet", "red"),
    "unknown": ("? unknown", "magenta"),
    "not_applicable": ("– n/a", "dim"),
}
MAX_STEPS = 8


def _status(status: str) -> Text:
    label, style = STATUS_LABEL[status]
    return Text(label, style=style)


def _percent(value: float | None) -> str:
    return "n/a" if value is None else fmt_score(value)


def _bar(value: float | None, width: int = 20) -> str:
    filled = round((value or 0.0) * width)
    return "█" * filled + "░" * (width - filled)


def _levels(console: Console, result: PackAssessment) -> None:
    for level in result.levels:
        verdict = (
            Text("REACHED", style="bold green")
            if level.reached
            else Text("NOT REACHED", style="bold red")
        )
        target = "  ← target" if level.id == result.target_level else ""
        console.print(Text.assemble(f"  {level.title}: ", verdict, target))
        for reason in level.reasons:
            console.print(f"      – {reason}", soft_wrap=True)
        if level.reached:
            for line in _progress_lines(level):
                console.print(f"      – {line}", soft_wrap=True)


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


def _areas(console: Console, result: PackAssessment) -> None:
    table = Table(title="Score per area", title_justify="left", show_edge=False)
    for column in ("area", "score", "", "points"):
        table.add_column(column, justify="right" if column in ("score", "points") else "left")
    for area in result.areas:
        table.add_row(
            f"{area.id} {area.title}",
            _percent(area.score),
            _bar(area.score),
            f"{area.points:g}/{area.possible:g}",
        )
    table.add_row(
        "Excellence score",
        _percent(result.score),
        _bar(result.score),
        f"{result.points:g}/{result.possible:g}",
        style="bold",
    )
    console.print(table)


def _minimums(console: Console, result: PackAssessment) -> None:
    indicators = {item.id: item for area in result.areas for item in area.indicators}
    if not result.minimum_requirements:
        return
    table = Table(title="Minimum requirements", title_justify="left", show_edge=False)
    table.add_column("indicator")
    table.add_column("status")
    for indicator_id in result.minimum_requirements:
        item = indicators[indicator_id]
        table.add_row(f"{item.id} {item.title}", _status(item.status))
    console.print(table)


def _roadmap(console: Console, result: PackAssessment) -> None:
    roadmap = result.roadmap
    console.print(Text("Next steps", style="bold"))
    console.print(f"  {roadmap.summary}", soft_wrap=True)
    for n, step in enumerate(roadmap.steps[:MAX_STEPS], start=1):
        tag = "must" if step.blocking else f"+{step.gain:g} pts"
        console.print(f"  {n}. [{tag}] {step.title}", markup=False, soft_wrap=True)
        console.print(f"     {step.fix}", markup=False, soft_wrap=True)
        if step.plan:
            late = ", OVERDUE" if step.plan.overdue else ""
            plan = f"plan: {step.plan.owner}, due {step.plan.due}, {step.plan.status}{late}"
            console.print(f"     {plan.replace('_', ' ')}", markup=False, soft_wrap=True)
    hidden = len(roadmap.steps) - MAX_STEPS
    if hidden > 0:
        console.print(f"  … and {hidden} more steps in the full report (clusterkit report)")


def _unknowns(console: Console, result: PackAssessment) -> None:
    if not result.unknown:
        return
    count = len(result.unknown)
    console.print(
        f"{count} indicator{'s' if count > 1 else ''} could not be assessed (no evidence given): "
        + ", ".join(result.unknown),
        soft_wrap=True,
    )


def text_console(options: RenderOptions) -> tuple[io.StringIO, Console]:
    """A console that draws into a string: plain text, ANSI colour only when the options ask for it."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        markup=False,
        width=options.width,
        force_terminal=options.color,
        no_color=not options.color,
        color_system="standard" if options.color else None,
        highlight=False,
        emoji=False,
    )
    return buffer, console


def render(assessment: Assessment, options: RenderOptions) -> str:
    """The summary as text; ANSI colour only when the options ask for it."""
    buffer, console = text_console(options)
    cluster = assessment.cluster
    place = f" ({cluster.country})" if cluster.country else ""
    console.print(Text(f"{cluster.name}{place}", style="bold"))
    console.print(
        f"Assessment date {assessment.assessment_date} · evidence {assessment.evidence_file}"
    )
    for result in assessment.packs:
        console.rule(f"{result.title} · {result.pack} {result.version}")
        _levels(console, result)
        if result.possible > 0:
            _areas(console, result)
        _minimums(console, result)
        _roadmap(console, result)
        _unknowns(console, result)
    for q in assessment.questions:
        line = (
            f"an assessor would ask: {q.question} {q.observed}; plausible: {q.expected} [{q.basis}]"
        )
        console.print(line, markup=False, soft_wrap=True)
    for warning in assessment.warnings:
        console.print(f"warning: {warning}", soft_wrap=True)
    for item in assessment.overdue:
        console.print(Text(f"overdue: {item.describe()}", style="bold red"), soft_wrap=True)
    verdict = "all target levels reached" if assessment.passed else "a target level is not reached"
    console.print(Text(f"Verdict: {verdict}", style="bold"))
    return buffer.getvalue()
