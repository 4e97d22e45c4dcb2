"""Who runs the cluster: the management team, its staff, the governance bodies and working groups."""

from collections.abc import Mapping
from typing import Any

from pydantic import Field, computed_field

from clusterkit.models.base import (
    AS_OF_DESCRIPTION,
    Amount,
    Consistent,
    Count,
    Date,
    DocumentPath,
    FieldError,
    Flag,
    Fte,
    Money,
    Ratio,
    Strict,
    Text,
    exceeding,
    window,
)


class StaffMember(Strict):
    """One person in the cluster management team."""

    role: Text = Field(description="Role in the team, e.g. cluster manager, project manager.")
    name: str | None = Field(None, description="Name (optional; reports show roles, not names).")
    fte: Fte = Field(
        description="Full-time equivalent in the cluster management, above 0 and at most 1."
    )
    since: Date | None = Field(None, description="Date the person joined the cluster management.")
    qualification: str | None = Field(
        None, description="Highest degree or professional qualification."
    )
    experience_years: Amount | None = Field(
        None,
        ge=0,
        description="Years of professional experience in the cluster's field or in cluster management.",
    )
    training_days_last_year: Amount | None = Field(
        None,
        ge=0,
        description="Days of training or upskilling the person had in the last 12 months.",
        json_schema_extra=window(12),
    )


class Governance(Consistent):
    """How decisions are made: the board and the involvement of stakeholders (indicator 2.4)."""

    board_members: Count | None = Field(None, description="Members of the governing body (board).")
    companies_on_board: Count | None = Field(
        None, description="Board members who represent companies."
    )
    board_meetings_per_year: Count | None = Field(
        None, description="Board meetings in the last 12 months.", json_schema_extra=window(12)
    )
    statutes: DocumentPath | None = Field(
        None, description="The statutes or articles of association."
    )
    roles_document: DocumentPath | None = Field(
        None, description="Rules of procedure or a document that sets out who decides what."
    )

    @classmethod
    def contradictions(cls, values: Mapping[str, Any]) -> list[FieldError]:
        return exceeding(values, "companies_on_board", "board_members")


class WorkingGroup(Strict):
    """A working group of participants on one topic (indicator 4.5)."""

    name: Text = Field(description="Name or topic of the working group.")
    meetings_per_year: Count | None = Field(
        None, description="Meetings in the last 12 months.", json_schema_extra=window(12)
    )
    participants: Count | None = Field(None, description="Participants taking part.")
    led_by_participant: Flag | None = Field(
        None, description="Whether a participant (not the cluster management) chairs the group."
    )


class Management(Strict):
    """The cluster management team and how it works with the participants."""

    as_of: Date | None = Field(None, description=AS_OF_DESCRIPTION)
    staff: list[StaffMember] | None = Field(None, description="The cluster management team.")
    staff_departures_last_2_years: Count | None = Field(
        None,
        description="People who left the cluster management team in the last 24 months (indicator 2.2.4).",
        json_schema_extra=window(24),
    )
    upskilling_plan: DocumentPath | None = Field(
        None, description="The team's training or upskilling plan (indicator 2.2.3)."
    )
    governance: Governance | None = Field(
        None, description="The governing body and decision making."
    )
    working_groups: list[WorkingGroup] | None = Field(
        None, description="Working groups of participants."
    )
    member_contacts_per_year: Count | None = Field(
        None,
        description="Direct contacts (visits, meetings, calls) between the team and individual participants in 12 months.",
        json_schema_extra=window(12),
    )
    participants_contacted_share: Ratio | None = Field(
        None,
        description="Share of participants the team met individually in the last 12 months (0 to 1).",
        json_schema_extra=window(12),
    )
    day_rate: Money | None = Field(
        None,
        description="What one staff day of the team costs, salary and overheads, in EUR; prices the services' staff_days.",
    )

    @computed_field(description="Full-time equivalents of the team (sum of staff fte).")
    @property
    def fte(self) -> float | None:
        if self.staff is None:
            return None
        return round(sum(member.fte for member in self.staff), 3)

    @computed_field(
        description="Share of the team (by person) with a university degree or equivalent qualification."
    )
    @property
    def qualified_share(self) -> float | None:
        if not self.staff or any(member.qualification is None for member in self.staff):
            return None
        return sum(1 for member in self.staff if member.qualification) / len(self.staff)

    @computed_field(
        description="Average training days per team member in the last 12 months (indicator 2.2.3).",
        json_schema_extra=window(12),
    )
    @property
    def training_days_per_person(self) -> float | None:
        if not self.staff or any(member.training_days_last_year is None for member in self.staff):
            return None
        days = [member.training_days_last_year or 0.0 for member in self.staff]
        return round(sum(days) / len(days), 2)
