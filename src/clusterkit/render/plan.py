"""The improvement plan out of clusterkit: a checklist for a board paper (Markdown), rows for an issue tracker (CSV).

Both read the Assessment's ``plan`` (each item with the state the assessment gave it), so an exported
plan says what the evidence says as of the assessment date, not only what the owners report. Items are
listed overdue first, then open, met, dropped and unassessed; within a state by due date, then by their
number in the file. English, like the other CI and terminal formats.
"""

from __future__ import annotations

import csv
import io

from clusterkit.render import RenderOptions
from clusterkit.render.cells import spreadsheet_text
from clusterkit.render.summary import cell
from clusterkit.results.assessment import Assessment
from clusterkit.results.plan import PLAN_STATES, PlanProgress

CSV_COLUMNS = (
    "item",
    "title",
    "fixes",
    "owner",
    "due",
    "status",
    "state",
    "check_status",
    "note",
    "assessment_date",
)


def ordered(plan: list[PlanProgress]) -> list[PlanProgress]:
    """Overdue first, then open, met, dropped, unassessed; by due date, then file order."""
    return sorted(plan, key=lambda item: (PLAN_STATES.index(item.state), item.due, item.item))


def _words(value: str | None) -> str:
    return (value or "unknown").replace("_", " ")


def _line(item: PlanProgress) -> str:
    box = "x" if item.state == "met" else " "
    state = "⚠ **overdue**" if item.state == "overdue" else _words(item.state)
    checked = f" (the check: {_words(item.check_status)})" if item.check_status else ""
    text = (
        f"- [{box}] **{cell(item.title)}**: owner {cell(item.owner)}, due {item.due}, "
        f"{_words(item.status)} · {state}{checked}"
    )
    return text + (f". {cell(item.note)}" if item.note else "")


def markdown(assessment: Assessment, options: RenderOptions) -> str:
    """A checklist: one box per item, ticked when what it fixes is met."""
    plan = assessment.plan
    counts = {state: sum(item.state == state for item in plan) for state in PLAN_STATES}
    tally = ", ".join(f"{count} {_words(state)}" for state, count in counts.items() if count)
    lines = [
        f"## Improvement plan: {cell(assessment.cluster.name)}",
        "",
        f"As of {assessment.assessment_date}, from `{cell(assessment.evidence_file)}`: "
        + (f"{len(plan)} items ({tally})." if plan else "no plan items."),
        "",
        *(_line(item) for item in ordered(plan)),
    ]
    return "\n".join(lines).rstrip("\n") + "\n"


def csv_text(assessment: Assessment, options: RenderOptions) -> str:
    """One row per item, with a header row: what an issue tracker's CSV import maps to its fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for item in ordered(assessment.plan):
        row = [
            item.item,
            item.title,
            item.fixes,
            item.owner,
            item.due.isoformat(),
            item.status,
            item.state,
            item.check_status or "",
            item.note or "",
            assessment.assessment_date.isoformat(),
        ]
        writer.writerow(
            [spreadsheet_text(value) if isinstance(value, str) else value for value in row]
        )
    return buffer.getvalue()
