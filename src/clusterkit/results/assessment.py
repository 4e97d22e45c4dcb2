"""The result of an assessment: one JSON shape for every output format and every tool downstream."""

import datetime as dt
from typing import Any, Literal

from pydantic import Field

from clusterkit.results.base import Result, Status
from clusterkit.results.improvement import Progress
from clusterkit.results.notes import AssessorQuestion, UnknownField, UnknownSection
from clusterkit.results.plan import PlanNote, PlanProgress
from clusterkit.results.portfolio import (
    AreaCoverage,
    PortfolioAnalysis,
    PortfolioClassSummary,
    ServiceMoney,
    ServicePlacement,
    ServiceSurvey,
)

# Every result model is importable from here, also those that now live in base, notes and portfolio.
__all__ = [
    "ASSESSMENT_SCHEMA_VERSION",
    "FILE_START",
    "AreaCoverage",
    "AreaResult",
    "Assessment",
    "AssessorQuestion",
    "CheckResult",
    "ClusterSummary",
    "DateSource",
    "FixKind",
    "Gate",
    "IndicatorResult",
    "LevelResult",
    "MovedCheck",
    "PackAssessment",
    "PlanNote",
    "PlanProgress",
    "PortfolioAnalysis",
    "PortfolioClassSummary",
    "Progress",
    "ProgressResult",
    "Result",
    "Roadmap",
    "RoadmapItem",
    "ServiceMoney",
    "ServicePlacement",
    "ServiceSurvey",
    "SourcePosition",
    "Status",
    "UnknownField",
    "UnknownSection",
]

ASSESSMENT_SCHEMA_VERSION = 1

DateSource = Literal["option", "evidence", "clock"]


# Functions, not the builtins list and dict: pydantic inspects a default factory's signature, and for a
# builtin that compiles the standard tokenizer's patterns (about 3 ms of each command).
def none_yet() -> list[Any]:
    return []


def nothing_placed() -> dict[str, Any]:
    return {}


class CheckResult(Result):
    """How one check (or one level condition) came out, and why."""

    id: str = Field(description="Check id, unique within its indicator.")
    title: str = Field(description="What is checked.")
    status: Status = Field(description="met, partial, unmet, unknown or not_applicable.")
    points: float = Field(description="Points achieved.")
    possible: float = Field(description="Points possible (0 when not applicable).")
    observed: str | None = Field(
        description="The value seen in the evidence, formatted; null when none."
    )
    expected: str = Field(description="What the check expects, formatted.")
    reason: str = Field(description="The outcome in one sentence, with the basis of the threshold.")
    basis: str = Field(
        description="Basis of the threshold: seed, verified, reported, public-description, assumption."
    )
    source: str | None = Field(description="Source of the threshold, where the basis claims one.")
    fix: str | None = Field(description="What to do; null when met or not applicable.")
    reads: list[str] = Field(description="Evidence fields the check read (dotted paths).")


class ProgressResult(CheckResult):
    """A level condition of kind improvement: its result, and the improvements it counted."""

    progress: Progress = Field(
        description="Measured against a baseline (the indicators improved), or the declaration counted."
    )


class IndicatorResult(Result):
    """One indicator: status from its checks, points, and the checks themselves."""

    id: str
    title: str
    area: str
    minimum_requirement: bool
    status: Status
    points: float
    possible: float
    guidance: str
    basis: str
    source: str | None
    justification: str | None = Field(description="The declared justification when not applicable.")
    checks: list[CheckResult]


class AreaResult(Result):
    """One area: points and score over its applicable indicators."""

    id: str
    title: str
    points: float
    possible: float
    score: float | None
    indicators: list[IndicatorResult]


class LevelResult(Result):
    """A level's verdict, with every reason it is not reached."""

    id: str
    title: str
    reached: bool
    reasons: list[str] = Field(description="Why the level is not reached; empty when it is.")
    score_required: float | None
    basis: str
    source: str | None
    # A plain condition or an improvement condition; extra="forbid" tells the two apart when read back.
    conditions: list[ProgressResult | CheckResult]


FixKind = Literal["record", "do", "cannot"]
Gate = Literal["prerequisite", "minimum", "points"]


class MovedCheck(Result):
    """Another check (in any pack) that the same fix moves."""

    pack: str
    indicator: str | None = Field(description="Indicator id, or null for a level condition.")
    check: str
    title: str
    gain: float = Field(description="Points it adds in its own pack.")


class RoadmapItem(Result):
    """One step: one underlying fix, the first check it moves, and every other check it moves too."""

    indicator: str | None = Field(description="Indicator id, or null for a level condition.")
    check: str
    title: str
    status: Status
    fix: str = Field(description="The pack's advice on how to close the gap.")
    action: str | None = Field(
        description="What to change when the value is recorded and falls short (raise X from A to B); null when the value is not known yet."
    )
    kind: FixKind = Field(
        description="record (not known yet: write it down if it exists), do (work to do) or cannot (time-bound: never counted as a fix)."
    )
    effort: float = Field(
        description="Person-days of the team, from the pack (the pack's `efforts` give the basis)."
    )
    gain: float = Field(
        description="Points closing this gap adds in its pack (partial credit already earned excluded)."
    )
    blocking: bool = Field(description="Must be fixed for the target level whatever the score.")
    gate: Gate = Field(
        description="Why the step is needed: a prerequisite pack's level, a minimum requirement or level condition, or points."
    )
    pack: str = Field(
        description="The pack the gap belongs to (a prerequisite pack's gaps block too)."
    )
    also: list[MovedCheck] = Field(
        default_factory=none_yet, description="Other checks this fix moves, in any pack."
    )
    plan: PlanNote | None = Field(
        None, description="The evidence file's plan item for this step; null when it has none."
    )


class Roadmap(Result):
    """The plan toward the target level: gates first, then the least-effort set of fixes for the points."""

    target_level: str
    reached: bool
    points_needed: float = Field(description="Points still missing to the level's score threshold.")
    points_planned: float = Field(
        description="Points the steps add in this pack (time-bound gaps excluded)."
    )
    effort: float = Field(description="Total effort of the steps, in the pack's effort unit.")
    effort_basis: str = Field(description="Basis of the pack's effort estimates.")
    summary: str
    steps: list[RoadmapItem] = Field(
        description="The plan: prerequisite gates, then minimum requirements and level conditions, then the least-effort fixes that close the points gap."
    )
    further: list[RoadmapItem] = Field(description="Other gaps, not needed for the target level.")
    cannot: list[RoadmapItem] = Field(
        default_factory=none_yet,
        description="Time-bound gaps (kind cannot): shown, never counted as a fix or in the totals.",
    )


class PackAssessment(Result):
    """The assessment against one criteria pack."""

    pack: str
    title: str
    version: str
    description: str | None
    requested: bool = Field(
        description="false for a pack assessed only as another pack's prerequisite."
    )
    target_level: str
    target_reached: bool
    score: float | None
    points: float
    possible: float
    counts: dict[str, int] = Field(description="Indicators per status.")
    areas: list[AreaResult]
    levels: list[LevelResult]
    minimum_requirements: list[str] = Field(
        description="Ids of the minimum requirements, in pack order."
    )
    unknown: list[str] = Field(description="Ids of indicators that could not be assessed.")
    roadmap: Roadmap


class ClusterSummary(Result):
    """The cluster's profile as reports show it."""

    name: str
    country: str | None
    region: str | None
    field: str | None
    founded: int | None
    website: str | None
    participants: int | None
    fte: float | None
    services: int | None


class SourcePosition(Result):
    """Where an evidence field is written in the evidence file, both 1-based."""

    line: int
    column: int


# Where an annotation points when the field it is about is written nowhere in the file.
FILE_START = SourcePosition.built(line=1, column=1)


class Assessment(Result):
    """Everything an assessment found: the input of every renderer."""

    schema_version: int = ASSESSMENT_SCHEMA_VERSION
    evidence_file: str
    assessment_date: dt.date
    date_source: DateSource
    cluster: ClusterSummary
    passed: bool = Field(description="Every requested pack reached its target level.")
    packs: list[PackAssessment]
    portfolio: PortfolioAnalysis | None
    warnings: list[str]
    questions: list[AssessorQuestion] = Field(
        default_factory=none_yet,
        description="An assessor would ask: numbers that do not fit together (plausibility warnings, not verdicts).",
    )
    unknowns: list[UnknownSection] = Field(
        default_factory=none_yet,
        description="What we don't know yet: the fields no check could read, by evidence section, in file order; record them first.",
    )
    plan: list[PlanProgress] = Field(
        default_factory=none_yet,
        description="The evidence file's improvement plan, item by item in file order, each with its state (overdue, open, met, dropped, unassessed).",
    )
    positions: dict[str, SourcePosition] = Field(
        default_factory=nothing_placed,
        description="Where each evidence field a check read (its dotted path, as in `reads`) is written in the evidence file: the field's key, else its nearest written parent's, else line 1. Sorted by path.",
    )

    @property
    def overdue(self) -> list[PlanProgress]:
        """The plan items past their due date whose check is still not met."""
        return [item for item in self.plan if item.state == "overdue"]
