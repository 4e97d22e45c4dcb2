"""Service economics: what a member service costs to deliver and what it earns, per year, in EUR.

The numbers behind the seed's hand marks (€-, €0, €+). The contribution class is worked out from them by
the scorer, with the neutral band of the criteria pack; these models only hold and check the figures.
"""

from pydantic import Field, computed_field, model_validator

from clusterkit.models.base import Money, Strict

StaffDays = Money  # a non-negative amount, like money; issue-10's upper bounds apply to both


class ServiceCost(Strict):
    """What delivering a service costs in a year: money paid out, and the team's own time."""

    external: Money | None = Field(
        None,
        description="External costs per year in EUR: venues, travel, catering, fees paid to others.",
    )
    staff_days: StaffDays | None = Field(
        None,
        description="Days per year the cluster management spends on it; priced at management.day_rate.",
    )

    @model_validator(mode="after")
    def _something_given(self) -> "ServiceCost":
        if self.external is None and self.staff_days is None:
            raise ValueError("give external (EUR), staff_days, or both; or leave cost out")
        return self


class ServiceIncome(Strict):
    """What a service earns in a year, by source, in EUR."""

    fees: Money | None = Field(
        None, description="Fees and tickets paid by members and others, in EUR."
    )
    sponsors: Money | None = Field(None, description="Sponsoring for this service, in EUR.")
    public_projects: Money | None = Field(
        None, description="Public project money that pays for this service, in EUR."
    )

    @model_validator(mode="after")
    def _something_given(self) -> "ServiceIncome":
        if self.fees is None and self.sponsors is None and self.public_projects is None:
            raise ValueError(
                "give fees, sponsors or public_projects (0 says it earns nothing); or leave income out"
            )
        return self

    @computed_field(
        description="Sum of the sources given, in EUR (a source left out adds nothing)."
    )
    @property
    def total(self) -> float:
        sources = (self.fees, self.sponsors, self.public_projects)
        return sum(value for value in sources if value is not None)


def cost_per_year(cost: ServiceCost, day_rate: float | None) -> float | None:
    """External costs plus staff days at the day rate; None when days are given but no rate is."""
    if cost.staff_days is not None and day_rate is None:
        return None
    staff = (cost.staff_days or 0.0) * (day_rate or 0.0)
    return (cost.external or 0.0) + staff
