"""The evidence file (cluster.yaml): everything a cluster says about itself, validated.

Every optional field defaults to "not said" (None), which the scorer reports as unknown. An empty list is
a statement ("we have none"), not silence.
"""

from typing import Literal

from pydantic import Field, computed_field, field_validator, model_validator

from clusterkit.models.base import (
    Date,
    DocumentPath,
    IndicatorId,
    PackReference,
    Strict,
    Text,
)
from clusterkit.models.cluster import ClusterProfile, Cooperation
from clusterkit.models.communication import Communication
from clusterkit.models.financing import Financing
from clusterkit.models.management import Management
from clusterkit.models.participants import Participants
from clusterkit.models.plan import PlanItem
from clusterkit.models.strategy import Kpi, Service, Strategy
from clusterkit.models.surveys import SatisfactionSurvey
from clusterkit.models.vocab import Contribution, DeclaredStatus

EVIDENCE_SCHEMA_VERSION = 1


class Declaration(Strict):
    """A self-declared status of one indicator, with the justification an assessor would ask for."""

    status: DeclaredStatus = Field(description="met, partial, unmet or not_applicable.")
    justification: str | None = Field(
        None,
        description="Why: what exists and where. Required for met, partial and not_applicable.",
    )
    documents: list[DocumentPath] | None = Field(None, description="Documents that prove it.")
    expires: Date | None = Field(
        None, description="Date after which the declaration must be renewed; stale after it."
    )

    @model_validator(mode="after")
    def _justified(self) -> "Declaration":
        if self.status != DeclaredStatus.UNMET and not (self.justification or "").strip():
            raise ValueError(f"a declaration of status {self.status.value} needs a justification")
        return self


class ImprovementArea(Strict):
    """A quality improvement since the last benchmarking (needed for Silver: three of them)."""

    indicator: IndicatorId = Field(
        description="The indicator the improvement is tied to, e.g. 4.1.6."
    )
    since: Date = Field(description="When the change started.")
    change: Text = Field(description="What was changed.")
    effect: Text = Field(description="The effect the change had, measured where possible.")
    documents: list[DocumentPath] | None = Field(
        None, description="Documents that show change and effect."
    )


class Evidence(Strict):
    """A cluster's evidence file: the input of every assessment."""

    schema_version: Literal[1] = Field(description="Version of this file format; 1.")
    criteria: list[PackReference] | None = Field(
        None,
        description="Criteria packs to assess against: bundled ids (esca-gold) or paths to pack files. Default esca-gold.",
    )
    assessment_date: Date | None = Field(
        None, description="The 'today' of the assessment; recency and windows are measured from it."
    )
    cluster: ClusterProfile = Field(description="Who the cluster is.")
    participants: Participants | None = Field(
        None, description="The committed cluster participants."
    )
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
        None,
        description="Quality improvements tied to indicators, written by hand (Silver needs three). They count only without a baseline (--baseline REV|FILE measures the improvements), and reports show them as declared, not measured.",
    )
    plan: list[PlanItem] | None = Field(
        None,
        description="The improvement plan: items that fix a check or an indicator, each with an owner, a due date and a status.",
    )
    sections: dict[Text, Text | list[Text]] | None = Field(
        None,
        description="Your own headings for sections a pack requires, keyed by the section's id (vision: Wohin wir wollen), for names no pack lists; a value is one heading or a list of them.",
    )

    # json_schema_input_type: the exported schema must accept what the model accepts (one id, or a list).
    @field_validator("criteria", mode="before", json_schema_input_type=str | list[str] | None)
    @classmethod
    def _criteria_as_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("schema_version", mode="before")
    @classmethod
    def _version_is_a_whole_number(cls, value: object) -> object:
        # `true` and `1.0` equal 1 in Python, so the literal alone would take them for version 1.
        if type(value) is not int:
            raise ValueError(f"schema_version must be the whole number 1, got `{value}`")
        return value

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

    @computed_field(description="How many services the file lists.")
    @property
    def services_listed(self) -> int | None:
        return None if self.services is None else len(self.services)

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
