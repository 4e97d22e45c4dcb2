"""How the cluster organisation is financed: budget years, public and private funding, controlling."""

from pydantic import Field, computed_field, field_validator

from clusterkit.models.base import (
    AS_OF_DESCRIPTION,
    Count,
    Date,
    DocumentPath,
    Flag,
    Money,
    Strict,
    Year,
    window,
)


class PrivateFunding(Strict):
    """Private money of one year, by source."""

    membership_fees: Money | None = Field(None, description="Membership fees, in EUR.")
    service_fees: Money | None = Field(None, description="Fees paid for services, in EUR.")
    sponsoring: Money | None = Field(None, description="Sponsoring, in EUR.")
    other: Money | None = Field(None, description="Other private income, in EUR.")

    @computed_field(
        description="Sum of the private sources given, in EUR (a source left out adds nothing)."
    )
    @property
    def total(self) -> float:
        sources = (self.membership_fees, self.service_fees, self.sponsoring, self.other)
        return sum(value for value in sources if value is not None)


class FinancingYear(Strict):
    """The cluster organisation's income in one year."""

    year: Year = Field(description="The calendar year.")
    public: Money = Field(description="Public funding (programmes, grants), in EUR.")
    private: PrivateFunding = Field(description="Private income by source, in EUR.")
    budget: Money | None = Field(
        None, description="The year's planned budget of the cluster organisation, in EUR."
    )

    @computed_field(description="Public plus private income, in EUR.")
    @property
    def total(self) -> float:
        return self.public + self.private.total

    @computed_field(description="Private income as a share of the total (0 to 1).")
    @property
    def private_share(self) -> float | None:
        return self.private.total / self.total if self.total > 0 else None


class FinancialControlling(Strict):
    """Budget and cost control (indicator 4.1.4)."""

    budget: DocumentPath | None = Field(None, description="The current annual budget.")
    cost_tracking_per_service: Flag | None = Field(
        None, description="Costs are tracked per activity or service."
    )
    as_of: Date | None = Field(None, description=AS_OF_DESCRIPTION)
    board_reports_per_year: Count | None = Field(
        None,
        description="Financial reports to the board in the last 12 months.",
        json_schema_extra=window(12),
    )


class Financing(Strict):
    """How the cluster management is financed, and for how long."""

    secured_until: Date | None = Field(
        None, description="Date until which the financing is secured by contracts or decisions."
    )
    years: list[FinancingYear] | None = Field(
        None, description="Income per year, at least the last full year."
    )
    controlling: FinancialControlling | None = Field(
        None, description="Budget and financial controlling."
    )
    plan: DocumentPath | None = Field(
        None,
        description="Multi-year financing plan: expected income by source for the coming years (indicator 3.1).",
    )

    @field_validator("years")
    @classmethod
    def _years_unique(cls, years: list[FinancingYear] | None) -> list[FinancingYear] | None:
        if years is not None and len({item.year for item in years}) != len(years):
            raise ValueError("a year is listed twice")
        return years

    @computed_field(description="The most recent year of financing given.")
    @property
    def latest(self) -> FinancingYear | None:
        return max(self.years, key=lambda item: item.year) if self.years else None
