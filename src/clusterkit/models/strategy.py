"""Evidence about the cluster strategy, its implementation, KPIs and the member services."""

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any

from pydantic import Field, computed_field, field_validator, model_validator

from clusterkit.models.base import (
    Consistent,
    Count,
    Date,
    DocumentPath,
    FieldError,
    Flag,
    Number,
    Strict,
    Text,
    day,
)
from clusterkit.models.economics import ServiceCost, ServiceIncome
from clusterkit.models.vocab import (
    Appreciation,
    Contribution,
    Frequency,
    StrategicArea,
    StrategyLevel,
)


class StrategyProcess(Strict):
    """How the strategy was built: the seed's questions on the strategy-building process (indicator 4.1.1)."""

    companies_involved: Count | None = Field(
        None, description="Companies that took part in strategy workshops, interviews or surveys."
    )
    market_analysis: DocumentPath | None = Field(
        None,
        description="Industry and market challenges; attractiveness of current and new strategic segments.",
    )
    value_chain_analysis: DocumentPath | None = Field(
        None,
        description="Value chains and business models, and what moving to a more attractive segment needs.",
    )
    new_business_models: DocumentPath | None = Field(
        None,
        description="Trend monitoring that proactively proposes new business models or segments.",
    )
    external_knowledge: list[Text] | None = Field(
        None,
        description="Knowledge from outside the cluster used: studies, experts, international references.",
    )
    swot: DocumentPath | None = Field(
        None, description="The SWOT analysis (or a similar planning tool)."
    )
    participant_feedback: DocumentPath | None = Field(
        None,
        description="Participants' feedback (survey, workshop) and how the strategy took it into account.",
    )


class RelatedStrategy(Strict):
    """Another strategy the cluster strategy is aligned with, and how they help each other."""

    level: StrategyLevel = Field(description="european, national, regional, sector or societal.")
    name: Text = Field(
        description="Name of the strategy, e.g. the regional smart specialisation strategy."
    )
    link: Text = Field(
        description="How the cluster strategy helps deliver that strategy, and how that strategy helps the cluster."
    )


class ImplementationPlan(Strict):
    """The implementation plan derived from the strategy (indicator 4.1.3)."""

    document: DocumentPath | None = Field(None, description="The implementation plan.")
    actions: Count | None = Field(None, description="Number of actions in the plan.")
    with_owners: Flag | None = Field(None, description="Every action has a responsible person.")
    with_timeline: Flag | None = Field(None, description="Every action has a timeline or deadline.")
    with_budget: Flag | None = Field(None, description="Actions have a budget.")
    with_kpis: Flag | None = Field(None, description="Actions have measurable goals or KPIs.")
    progress_report: DocumentPath | None = Field(
        None,
        description="The latest report on the plan's progress: actions done, KPI values, lessons (indicator 4.4).",
    )


class Strategy(Consistent):
    """The cluster strategy: document, adoption, reviews, process and strategic areas."""

    document: DocumentPath | None = Field(None, description="The written cluster strategy.")
    adopted: Date | None = Field(None, description="Date the governing body adopted the strategy.")
    adopted_by: str | None = Field(None, description="The body that adopted it, e.g. the board.")
    last_review: Date | None = Field(
        None, description="Date of the last documented review of strategy and implementation plan."
    )
    review_record: DocumentPath | None = Field(
        None, description="Minutes or a report of the last review."
    )
    implementation_plan: ImplementationPlan | None = Field(
        None, description="The implementation plan."
    )
    process: StrategyProcess | None = Field(None, description="How the strategy was built.")
    strategic_areas: list[StrategicArea] | None = Field(
        None, description="The strategic priority areas the strategy addresses (of the nine)."
    )
    related_strategies: list[RelatedStrategy] | None = Field(
        None,
        description="European, national, regional, sector or societal strategies it is linked to.",
    )

    @field_validator("strategic_areas")
    @classmethod
    def _areas_unique(cls, areas: list[StrategicArea] | None) -> list[StrategicArea] | None:
        if areas is not None and len(set(areas)) != len(areas):
            raise ValueError("a strategic area is listed twice")
        return areas

    @classmethod
    def contradictions(cls, values: Mapping[str, Any]) -> list[FieldError]:
        adopted, reviewed = day(values.get("adopted")), day(values.get("last_review"))
        if adopted and reviewed and reviewed < adopted:
            message = (
                f"last_review ({reviewed}) is before adopted ({adopted}): a review follows adoption"
            )
            return [FieldError(message, ("last_review",))]
        return []


class Kpi(Strict):
    """A key performance indicator with its target and measured value (indicators 4.1.6 and 4.4)."""

    name: Text = Field(description="What is measured, e.g. new joint projects per year.")
    scope: str = Field(
        "management",
        pattern=r"^(management|cluster)$",
        description="management (the team's own performance) or cluster (the cluster's development).",
    )
    unit: str | None = Field(None, description="Unit of target and actual, e.g. projects, EUR, %.")
    target: Number | None = Field(None, description="The target value.")
    actual: Number | None = Field(None, description="The measured value.")
    measured: Date | None = Field(None, description="Date of the measurement.")
    higher_is_better: Flag = Field(
        True, description="false when the target is a ceiling (e.g. cost per event)."
    )

    @computed_field(
        description="Whether the measured value reaches the target; empty when either is missing."
    )
    @property
    def achieved(self) -> bool | None:
        if self.target is None or self.actual is None:
            return None
        return self.actual >= self.target if self.higher_is_better else self.actual <= self.target


def _one_or_two_distinct(values: Sequence[StrEnum] | None, what: str) -> None:
    if values is None:
        return
    if not 1 <= len(values) <= 2 or len(set(values)) != len(values):
        raise ValueError(
            f"give one or two different {what} values (a service may span two), or leave it out"
        )


class Service(Strict):
    """A member service, with the seed's three questions: how often, what it earns, how members like it."""

    name: Text = Field(description="Name of the service, e.g. Organisation of trade fair missions.")
    area: StrategicArea | None = Field(None, description="The strategic area the service serves.")
    applied: Frequency | None = Field(
        None,
        description="How often the cluster management applies it: rare, usual or often. Leave out if not assessed.",
    )
    contribution: list[Contribution] | None = Field(
        None,
        description="Financial contribution: one or two of costs (€-), neutral (€0), earns (€+). Leave out if not assessed.",
    )
    appreciation: list[Appreciation] | None = Field(
        None,
        description="Members' appreciation: one or two of positive, neutral, negative. Leave out if not assessed.",
    )
    cost: ServiceCost | None = Field(
        None, description="What delivering it costs per year: external costs and staff days."
    )
    income: ServiceIncome | None = Field(
        None, description="What it earns per year, by source: fees, sponsors, public projects."
    )
    times_per_year: Count | None = Field(
        None, description="How many times it ran in the last 12 months (events, missions, issues)."
    )
    members_reached: Count | None = Field(
        None, description="Members who used it in the last 12 months."
    )
    marks_win_because: Text | None = Field(
        None,
        description="Why the hand marks (contribution, appreciation) win over the figures and the survey, e.g. sponsoring in kind the figures leave out. Without it, figures and survey win.",
    )
    note: str | None = Field(
        None, description="Free text, e.g. the raw cell the row was taken from."
    )

    @field_validator("contribution")
    @classmethod
    def _contribution_span(cls, values: list[Contribution] | None) -> list[Contribution] | None:
        _one_or_two_distinct(values, "contribution")
        return values

    @field_validator("appreciation")
    @classmethod
    def _appreciation_span(cls, values: list[Appreciation] | None) -> list[Appreciation] | None:
        _one_or_two_distinct(values, "appreciation")
        return values

    @model_validator(mode="after")
    def _marks_to_keep(self) -> "Service":
        if self.marks_win_because and not (self.contribution or self.appreciation):
            raise ValueError(
                "marks_win_because keeps the hand marks, but contribution and appreciation are blank"
            )
        return self
