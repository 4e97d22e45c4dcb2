"""The evidence file (cluster.yaml): everything a cluster says about itself, validated.

Every optional field defaults to "not said" (None), which the scorer reports as unknown. An empty list is
a statement ("we have none"), not silence.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, computed_field, field_validator, model_validator

from clusterkit.models.base import (
    Count,
    DocumentPath,
    IndicatorId,
    Money,
    Ratio,
    Strict,
    Text,
    Year,
)
from clusterkit.models.organisation import ClusterProfile, Cooperation, Management, Participants
from clusterkit.models.strategy import Kpi, Service, Strategy
from clusterkit.models.vocab import Contribution, DeclaredStatus

EVIDENCE_SCHEMA_VERSION = 1


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
    cost_tracking_per_service: bool | None = Field(
        None, description="Costs are tracked per activity or service."
    )
    board_reports_per_year: Count | None = Field(
        None, description="Financial reports to the board in the last 12 months."
    )


class Financing(Strict):
    """How the cluster management is financed, and for how long."""

    secured_until: dt.date | None = Field(
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


class PressItem(Strict):
    """A mention of the cluster in the press, publications or media (indicator 5.1)."""

    date: dt.date = Field(description="Publication date.")
    title: Text = Field(description="Headline or title.")
    outlet: str | None = Field(None, description="Newspaper, magazine, broadcaster or journal.")
    url: str | None = Field(None, pattern=r"^https?://[^\s]+$", description="Link to the item.")


class SuccessStory(Strict):
    """A documented success of participants that the cluster made possible (indicator 5.2)."""

    title: Text = Field(description="Short title of the story.")
    date: dt.date | None = Field(None, description="When it was published or achieved.")
    participants: list[Text] | None = Field(None, description="Participants involved.")
    document: DocumentPath | None = Field(None, description="Where the story is written up.")


class Communication(Strict):
    """Communication and recognition of the cluster (indicators 4.6.1, 5.1, 5.2)."""

    plan: DocumentPath | None = Field(None, description="The communication plan or concept.")
    newsletters_per_year: Count | None = Field(
        None, description="Newsletters sent in the last 12 months."
    )
    events_per_year: Count | None = Field(
        None, description="Events the cluster organised in the last 12 months."
    )
    channels: list[Text] | None = Field(
        None, description="Channels used: newsletter, LinkedIn, website news, ..."
    )
    press: list[PressItem] | None = Field(None, description="Press and media mentions.")
    success_stories: list[SuccessStory] | None = Field(
        None, description="Documented success stories."
    )


class SatisfactionSurvey(Strict):
    """A survey of participants' satisfaction (indicator 5.3)."""

    date: dt.date = Field(description="When the survey closed.")
    invited: Count | None = Field(None, description="Participants invited to answer.")
    respondents: Count | None = Field(None, description="Participants who answered.")
    satisfied_share: Ratio | None = Field(
        None, description="Share of respondents satisfied overall (0 to 1)."
    )
    report: DocumentPath | None = Field(None, description="The survey's results report.")
    actions: list[Text] | None = Field(
        None, description="What the cluster management changed because of it."
    )

    @model_validator(mode="after")
    def _respondents_within_invited(self) -> SatisfactionSurvey:
        if (
            self.invited is not None
            and self.respondents is not None
            and self.respondents > self.invited
        ):
            raise ValueError(
                f"respondents ({self.respondents}) cannot exceed invited ({self.invited})"
            )
        return self

    @computed_field(description="Respondents as a share of those invited.")
    @property
    def response_rate(self) -> float | None:
        if self.invited is None or self.respondents is None or self.invited == 0:
            return None
        return self.respondents / self.invited


class Declaration(Strict):
    """A self-declared status of one indicator, with the justification an assessor would ask for."""

    status: DeclaredStatus = Field(description="met, partial, unmet or not_applicable.")
    justification: str | None = Field(
        None,
        description="Why: what exists and where. Required for met, partial and not_applicable.",
    )
    documents: list[DocumentPath] | None = Field(None, description="Documents that prove it.")
    expires: dt.date | None = Field(
        None, description="Date after which the declaration must be renewed; stale after it."
    )

    @model_validator(mode="after")
    def _justified(self) -> Declaration:
        if self.status != DeclaredStatus.UNMET and not (self.justification or "").strip():
            raise ValueError(f"a declaration of status {self.status.value} needs a justification")
        return self


class ImprovementArea(Strict):
    """A quality improvement since the last benchmarking (needed for Silver: three of them)."""

    indicator: IndicatorId = Field(
        description="The indicator the improvement is tied to, e.g. 4.1.6."
    )
    since: dt.date = Field(description="When the change started.")
    change: Text = Field(description="What was changed.")
    effect: Text = Field(description="The effect the change had, measured where possible.")
    documents: list[DocumentPath] | None = Field(
        None, description="Documents that show change and effect."
    )


class Evidence(Strict):
    """A cluster's evidence file: the input of every assessment."""

    schema_version: Literal[1] = Field(description="Version of this file format; 1.")
    criteria: list[str] | None = Field(
        None,
        description="Criteria packs to assess against: bundled ids (esca-gold) or paths to pack files. Default esca-gold.",
    )
    assessment_date: dt.date | None = Field(
        None, description="The 'today' of the assessment; recency and windows are measured from it."
    )
    cluster: ClusterProfile = Field(description="Who the cluster is.")
    participants: Participants = Field(description="The committed cluster participants.")
    management: Management | None = Field(
        None, description="The cluster management team and governance."
    )
    cooperation: Cooperation | None = Field(
        None, description="Cooperation within the cluster and beyond."
    )
    financing: Financing | None = Field(None, description="Financing of the cluster management.")
    strategy: Strategy | None = Field(
        None, description="The cluster strategy and implementation plan."
    )
    kpis: list[Kpi] | None = Field(
        None, description="KPIs of the cluster management with targets and values."
    )
    services: list[Service] | None = Field(
        None, description="The member services (the service portfolio)."
    )
    communication: Communication | None = Field(
        None, description="Communication, press, success stories."
    )
    satisfaction_surveys: list[SatisfactionSurvey] | None = Field(
        None, description="Participant satisfaction surveys."
    )
    declarations: dict[IndicatorId, Declaration] | None = Field(
        None,
        description="Self-declared indicator statuses with justification, keyed by indicator id (4.1.4).",
    )
    improvement_areas: list[ImprovementArea] | None = Field(
        None, description="Quality improvements tied to indicators (Silver needs three)."
    )

    @field_validator("criteria", mode="before")
    @classmethod
    def _criteria_as_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @computed_field(
        description="Share of the management's KPIs (scope management) with target and measured value that reach their target; 0 when the file says it has no KPIs."
    )
    @property
    def kpi_achievement(self) -> float | None:
        if self.kpis == []:
            return 0.0  # "we have no KPIs" is a statement: no target was reached
        management = [kpi for kpi in self.kpis or () if kpi.scope == "management"]
        measured = [kpi.achieved for kpi in management if kpi.achieved is not None]
        return sum(measured) / len(measured) if measured else None

    @computed_field(description="The most recent satisfaction survey.")
    @property
    def latest_survey(self) -> SatisfactionSurvey | None:
        surveys = self.satisfaction_surveys
        return max(surveys, key=lambda survey: survey.date) if surveys else None

    @computed_field(description="Share of services mapped to a strategic area.")
    @property
    def services_mapped(self) -> float | None:
        if self.services is None:
            return None
        if not self.services:
            return 0.0  # "we offer no services": nothing is mapped
        return sum(1 for service in self.services if service.area) / len(self.services)

    @computed_field(description="Strategic areas of the strategy served by at least one service.")
    @property
    def strategic_areas_served(self) -> float | None:
        if self.strategy is None or not self.strategy.strategic_areas or self.services is None:
            return None
        served = {service.area for service in self.services}
        areas = self.strategy.strategic_areas
        return sum(1 for area in areas if area in served) / len(areas)

    @computed_field(
        description="Services whose financial contribution includes earns (€+): the services members pay for."
    )
    @property
    def services_earning(self) -> int | None:
        # Unknown while services are listed but none has its contribution assessed; no services at all is 0.
        if self.services is None:
            return None
        assessed = [service for service in self.services if service.contribution]
        if self.services and not assessed:
            return None
        return sum(1 for service in assessed if Contribution.EARNS in (service.contribution or ()))
