"""Who takes part in the cluster: committed participants by type, and their history by year."""

from collections.abc import Mapping
from typing import Any

from pydantic import Field, computed_field

from clusterkit.models.base import (
    Consistent,
    Count,
    FieldError,
    Strict,
    Year,
    exceeding,
)


class ParticipantsByType(Consistent):
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

    @classmethod
    def contradictions(cls, values: Mapping[str, Any]) -> list[FieldError]:
        return exceeding(values, "smes", "companies")

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


class Participants(Consistent):
    """The cluster participants (members) that committed to the cluster."""

    committed: Count | None = Field(
        None,
        description="Participants clearly committed to the cluster (signed membership, fee or agreement).",
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

    @classmethod
    def contradictions(cls, values: Mapping[str, Any]) -> list[FieldError]:
        return [
            *exceeding(values, "formally_committed", "committed"),
            *exceeding(values, "in_region", "committed"),
        ]

    @computed_field(description="Share of committed participants that are companies.")
    @property
    def company_share(self) -> float | None:
        if self.by_type is None or self.by_type.companies is None or not self.committed:
            return None
        return self.by_type.companies / self.committed

    @computed_field(description="Share of committed participants whose commitment is written down.")
    @property
    def formal_commitment_share(self) -> float | None:
        if self.formally_committed is None or not self.committed:
            return None
        return self.formally_committed / self.committed

    @computed_field(description="Share of committed participants located in the home region.")
    @property
    def regional_share(self) -> float | None:
        if self.in_region is None or not self.committed:
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
