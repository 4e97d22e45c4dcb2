"""`plan list`: the improvement plan as a table for the terminal, each item with its state."""

from __future__ import annotations

from rich.table import Table

from clusterkit.cli.common import use_color
from clusterkit.cli.table import text_console
from clusterkit.render import RenderOptions
from clusterkit.results.assessment import Assessment

STATE_STYLE = {
    "overdue": "bold red",
    "open": "",
    "met": "green",
    "dropped": "dim",
    "unassessed": "dim",
}


def render(assessment: Assessment, options: RenderOptions | None = None) -> str:
    """One row per item in file order; a line when there is no plan."""
    buffer, console = text_console(options or RenderOptions(color=use_color()))
    if not assessment.plan:
        console.print(
            f"{assessment.evidence_file} has no plan items (clusterkit plan add adds one)"
        )
        return buffer.getvalue()
    table = Table(
        title=f"Improvement plan as of {assessment.assessment_date}", title_justify="left"
    )
    for column in ("#", "fixes", "owner", "due", "status", "state"):
        table.add_column(column, overflow="fold")
    for item in assessment.plan:
        state = item.state + (
            f" ({item.check_status.replace('_', ' ')})" if item.check_status else ""
        )
        table.add_row(
            str(item.item),
            item.title,
            item.owner,
            item.due.isoformat(),
            item.status.replace("_", " "),
            state,
            style=STATE_STYLE[item.state] or None,
        )
    console.print(table)
    overdue = len(assessment.overdue)
    console.print(f"{overdue} overdue of {len(assessment.plan)} items")
    return buffer.getvalue()
