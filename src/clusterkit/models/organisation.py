"""Evidence about the cluster organisation itself: profile, participants, management team, cooperation."""

from __future__ import annotations

from datetime import date

from pydantic import Field, computed_field, model_validator

from clusterkit.models.base import Count, DocumentPath, Fte, Ratio, Strict, Text, Year


class ClusterProfile(Strict):
    """Who the cluster is: shown at the top of every report."""

    name: Text = Field(
        description="The cluster organisation's name as it should appear in reports."
    )
    country: str = Field(
        pattern=r"^[A-Z]{2}$",
        description="ISO 3166-1 alpha-2 country code, upper case (NO, DE, DK). `NO` is read as Norway, not false.",
    )
    region: str | None = Field(
        None, description="Region, ideally its NUTS code (NO0A2) or its name."
    )
    field: str | None = Field(
        None, description="The industry or technology field, e.g. maritime technology."
    )
    founded: Year | None = Field(None, description="Year the cluster organisation was founded.")
    legal_form: str | None = Field(
        None, description="Legal form, e.g. association, limited company."
    )
    website: str | None = Field(
        None,
        pattern=r"^https?://[^\s]+$",
        description="The cluster organisation's website, starting with https:// or http://.",
    )
    website_languages: list[str] | None = Field(
        None,
        description="ISO 639-1 codes of the website's languages, e.g. [no, en]; ECCP wants an English version.",
    )
    website_updated: date | None = Field(
        None, description="Date of the latest news item or activity visible on the website."
    )
    eccp_profile: str | None = Field(
        None,
        pattern=r"^https?://[^\s]+$",
        description="URL of the cluster's profile on the European Cluster Collaboration Platform, if listed.",
    )
    description: str | None = Field(
        None, description="One or two sentences on what the cluster does."
    )

    @computed_field(
        description="Whether the website has an English version (derived from website_languages)."
    )
    @property
    def website_in_english(self) -> bool | None:
        if self.website_languages is None:
            return None
        return "en" in {language.lower() for language in self.website_languages}


class ParticipantsByType(Strict):
    """Committed participants broken down by type (the triple helix and beyond)."""

    companies: Count | None = Field(None, description="Companies of any size (SMEs included).")
    smes: Count | None = Field(
        None, description="Small and medium-sized enterprises, a subset of companies."
    )
    research: Count | None = Field(
        None, description="Research organisations and universities doing research."
    )
    education: Count | None = Field(None, description="Education and training organisations.")
    public: Count | None = Field(
        None, description="Public bodies: municipalities, agencies, ministries."
    )
    other: Count | None = Field(
        None, description="Other participants: associations, financiers, NGOs."
    )

    @model_validator(mode="after")
    def _smes_within_companies(self) -> ParticipantsByType:
        if self.smes is not None and self.companies is not None and self.smes > self.companies:
            raise ValueError(f"smes ({self.smes}) cannot exceed companies ({self.companies})")
        return self

    @computed_field(
        description="How many participant types (companies, research, education, public, other) are present."
    )
    @property
    def types_present(self) -> int:
        counts = (self.companies, self.research, self.education, self.public, self.other)
        return sum(1 for count in counts if count)


class ParticipantYear(Strict):
    """Participation in one past year, for the stability of participation (indicator 2.3)."""

    year: Year = Field(description="The calendar year.")
    committed: Count | None = Field(
        None, description="Committed participants at the end of the year."
    )
    companies: Count | None = Field(
        None, description="Companies among them at the end of the year."
    )
    companies_joined: Count | None = Field(
        None, description="Companies that joined during the year."
    )
    companies_left: Count | None = Field(None, description="Companies that left during the year.")


class Participants(Strict):
    """The cluster participants (members) that committed to the cluster."""

    committed: Count = Field(
        description="Participants clearly committed to the cluster (signed membership, fee or agreement)."
    )
    formally_committed: Count | None = Field(
        None,
        description="Participants whose commitment is written down: a signed membership agreement or a paid fee.",
    )
    by_type: ParticipantsByType | None = Field(None, description="Committed participants by type.")
    in_region: Count | None = Field(
        None, description="Committed participants located in the cluster's home region."
    )
    history: list[ParticipantYear] | None = Field(
        None, description="Participation in past years, newest or oldest first."
    )

    @model_validator(mode="after")
    def _parts_within_whole(self) -> Participants:
        for name in ("formally_committed", "in_region"):
            value = getattr(self, name)
            if value is not None and value > self.committed:
                raise ValueError(f"{name} ({value}) cannot exceed committed ({self.committed})")
        return self

    @computed_field(description="Share of committed participants that are companies.")
    @property
    def company_share(self) -> float | None:
        if self.by_type is None or self.by_type.companies is None or self.committed == 0:
            return None
        return self.by_type.companies / self.committed

    @computed_field(description="Share of committed participants whose commitment is written down.")
    @property
    def formal_commitment_share(self) -> float | None:
        if self.formally_committed is None or self.committed == 0:
            return None
        return self.formally_committed / self.committed

    @computed_field(description="Share of committed participants located in the home region.")
    @property
    def regional_share(self) -> float | None:
        if self.in_region is None or self.committed == 0:
            return None
        return self.in_region / self.committed

    @computed_field(description="Share of companies that stayed during the latest year of history.")
    @property
    def company_retention(self) -> float | None:
        if not self.history:
            return None
        latest = max(self.history, key=lambda item: item.year)
        if latest.companies is None or latest.companies_left is None:
            return None
        at_start = latest.companies - (latest.companies_joined or 0) + latest.companies_left
        if at_start <= 0:
            return None
        return max(0.0, 1.0 - latest.companies_left / at_start)


class StaffMember(Strict):
    """One person in the cluster management team."""

    role: Text = Field(description="Role in the team, e.g. cluster manager, project manager.")
    name: str | None = Field(None, description="Name (optional; reports show roles, not names).")
    fte: Fte = Field(
        description="Full-time equivalent in the cluster management, above 0 and at most 1."
    )
    since: date | None = Field(None, description="Date the person joined the cluster management.")
    qualification: str | None = Field(
        None, description="Highest degree or professional qualification."
    )
    experience_years: float | None = Field(
        None,
        ge=0,
        description="Years of professional experience in the cluster's field or in cluster management.",
    )
    training_days_last_year: float | None = Field(
        None,
        ge=0,
        description="Days of training or upskilling the person had in the last 12 months.",
    )


class Governance(Strict):
    """How decisions are made: the board and the involvement of stakeholders (indicator 2.4)."""

    board_members: Count | None = Field(None, description="Members of the governing body (board).")
    companies_on_board: Count | None = Field(
        None, description="Board members who represent companies."
    )
    board_meetings_per_year: Count | None = Field(
        None, description="Board meetings in the last 12 months."
    )
    statutes: DocumentPath | None = Field(
        None, description="The statutes or articles of association."
    )
    roles_document: DocumentPath | None = Field(
        None, description="Rules of procedure or a document that sets out who decides what."
    )

    @model_validator(mode="after")
    def _board_parts(self) -> Governance:
        if (
            self.companies_on_board is not None
            and self.board_members is not None
            and self.companies_on_board > self.board_members
        ):
            raise ValueError("companies_on_board cannot exceed board_members")
        return self


class WorkingGroup(Strict):
    """A working group of participants on one topic (indicator 4.5)."""

    name: Text = Field(description="Name or topic of the working group.")
    meetings_per_year: Count | None = Field(None, description="Meetings in the last 12 months.")
    participants: Count | None = Field(None, description="Participants taking part.")
    led_by_participant: bool | None = Field(
        None, description="Whether a participant (not the cluster management) chairs the group."
    )


class Management(Strict):
    """The cluster management team and how it works with the participants."""

    staff: list[StaffMember] | None = Field(None, description="The cluster management team.")
    staff_departures_last_2_years: Count | None = Field(
        None,
        description="People who left the cluster management team in the last 24 months (indicator 2.2.4).",
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
    )
    participants_contacted_share: Ratio | None = Field(
        None,
        description="Share of participants the team met individually in the last 12 months (0 to 1).",
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
        description="Average training days per team member in the last 12 months (indicator 2.2.3)."
    )
    @property
    def training_days_per_person(self) -> float | None:
        if not self.staff or any(member.training_days_last_year is None for member in self.staff):
            return None
        days = [member.training_days_last_year or 0.0 for member in self.staff]
        return round(sum(days) / len(days), 2)


class Cooperation(Strict):
    """Cooperation among participants and with the innovation system (indicators 2.6, 2.7)."""

    joint_projects: Count | None = Field(
        None, description="Collaborative projects among participants running in the last 24 months."
    )
    participants_in_joint_projects: Count | None = Field(
        None, description="Participants taking part in at least one of those projects."
    )
    innovation_partners: list[Text] | None = Field(
        None,
        description="Named partners in the innovation system: universities, agencies, funders, other clusters.",
    )
    international_partnerships: list[Text] | None = Field(
        None, description="Cooperation agreements with clusters or networks abroad."
    )
