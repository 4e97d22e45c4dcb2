"""The improvement plan as an assessment reads it: each item's state, and the plan beside a roadmap step."""

import datetime as dt
from typing import Literal

from pydantic import Field

from clusterkit.results.base import Result, Status

# met: what it fixes is met; overdue: past its due date and not met (and not dropped); open: not met,
# not due yet; dropped: given up, not met; unassessed: no pack of this run has what it fixes.
PlanState = Literal["met", "open", "overdue", "dropped", "unassessed"]
PLAN_STATES: tuple[PlanState, ...] = ("overdue", "open", "met", "dropped", "unassessed")


class PlanNote(Result):
    """The plan item a roadmap step has: who does it, by when, how far."""

    item: int = Field(description="The item's number in the evidence file's plan (1-based).")
    owner: str
    due: dt.date
    status: str = Field(
        description="planned, in_progress, done or dropped, as the owner reports it."
    )
    overdue: bool = Field(description="Past its due date and still not met (and not dropped).")


class PlanProgress(Result):
    """One item of the evidence file's plan, with what the assessment says about it."""

    item: int = Field(description="Its number in the evidence file's plan (1-based, file order).")
    fixes: str = Field(description="The indicator, check or level-condition id it names.")
    title: str = Field(
        description="What that id is, as the roadmap titles it; the id when unassessed."
    )
    owner: str
    due: dt.date
    status: str = Field(
        description="planned, in_progress, done or dropped, as the owner reports it."
    )
    note: str | None
    check_status: Status | None = Field(
        description="Status of what it fixes (the first not met when it names several); null when unassessed."
    )
    state: PlanState = Field(
        description="met, open (not due yet), overdue (past due, not met, not dropped), dropped, or unassessed (no pack of this run has the id)."
    )

    def describe(self) -> str:
        """The item in words, for CI logs and annotations: number, what it fixes, owner, due date."""
        status = self.status.replace("_", " ")
        return f"plan item {self.item} ({self.title}; owner {self.owner}, due {self.due}, {status})"
