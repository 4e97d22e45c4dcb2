"""A criteria pack: areas, indicators, checks with points and rules, levels, and the basis of every number."""

from collections.abc import Iterator
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from clusterkit.models.base import FieldError, Ratio, Slug, Strict, Text
from clusterkit.models.basis import SOURCED_BASES, Basis, Sourced
from clusterkit.models.effort import (
    DEFAULT_EFFORTS,
    EFFORT_DESCRIPTION,
    KIND_DESCRIPTION,
    Efforts,
    FixKind,
)
from clusterkit.models.portfolio import Portfolio
from clusterkit.models.rule_paths import check_rule_paths
from clusterkit.models.rules import ImprovementRule, Rule
from clusterkit.models.vocab import StrategicArea

PACK_SCHEMA_VERSION = 1
__all__ = [
    "SOURCED_BASES",
    "Basis",
    "CriteriaPack",
    "Efforts",
    "FixKind",
    "Portfolio",
    "Sourced",
]

PackItemId = Annotated[
    str, Field(pattern=r"^[A-Za-z0-9]+([.][A-Za-z0-9]+)*$", description="Indicator id, e.g. 4.1.5.")
]


class Check(Sourced):
    """One thing an assessor verifies, worth points, with the fix that closes the gap."""

    id: Slug = Field(description="Unique within its indicator, e.g. strategy-reviewed.")
    title: Text = Field(description="What is checked, in a few words.")
    points: float = Field(gt=0, description="Points this check is worth when met.")
    partial_points: float | None = Field(
        None,
        ge=0,
        description="Points when partial; default: the pack's partial_credit share of points.",
    )
    rule: Rule = Field(description="How the check is evaluated.")
    fix: Text = Field(description="What to add or do when the check is not met, in one sentence.")
    kind: FixKind = Field(FixKind.DO, description=KIND_DESCRIPTION)
    effort: float = Field(1.0, gt=0, le=1000, description=EFFORT_DESCRIPTION)

    @model_validator(mode="after")
    def _valid(self) -> "Check":
        if self.partial_points is not None and self.partial_points >= self.points:
            raise ValueError("partial_points must be below points")
        only_for_levels(self.rule)
        check_rule_paths(self.rule)
        return self


def only_for_levels(rule: Rule) -> None:
    """An improvement rule compares the pack's indicator results with a baseline's: only a level
    condition sees them all, so a check or a plausibility question may not use it."""
    if isinstance(rule, ImprovementRule):
        raise FieldError(
            "rule kind `improvement` compares indicators with a baseline; only a level condition may use it",
            ("rule", "kind"),
            "move it into a level's requires.conditions",
        )


class Indicator(Sourced):
    """An indicator of the criteria, with its checks; the basis is that of its name and number."""

    id: PackItemId
    title: Text = Field(description="The indicator's name.")
    minimum_requirement: bool = Field(
        False, description="A minimum requirement (✓): must be met for the level."
    )
    guidance: Text = Field(description="What an assessor looks for and which documents prove it.")
    allow_not_applicable: bool = Field(
        False, description="Whether a cluster may declare it not applicable (with a justification)."
    )
    checks: list[Check] = Field(
        min_length=1, description="The checks; points add up to the indicator's weight."
    )

    @field_validator("checks")
    @classmethod
    def _unique_checks(cls, checks: list[Check]) -> list[Check]:
        seen: set[str] = set()
        for check in checks:
            if check.id in seen:
                raise ValueError(f"check id `{check.id}` is used twice")
            seen.add(check.id)
        return checks

    @property
    def points(self) -> float:
        return sum(check.points for check in self.checks)


class Area(Strict):
    """A group of indicators, e.g. '4 Strategy, objectives, services'."""

    id: str = Field(min_length=1, description="Area number or id, e.g. 4.")
    title: Text = Field(description="Area title.")
    indicators: list[Indicator] = Field(min_length=1, description="The indicators of the area.")


class LevelRef(Strict):
    """A level that must be reached first, in this pack or another."""

    pack: Slug | None = Field(None, description="The pack id; empty for this pack.")
    level: Slug = Field(description="The level id in that pack.")


class LevelCondition(Sourced):
    """A further rule a level needs, beyond minimum requirements and score."""

    id: Slug = Field(description="Unique within the level.")
    title: Text = Field(description="What the condition asks, in a few words.")
    rule: Rule = Field(description="How the condition is evaluated.")
    fix: Text = Field(description="What to do when it does not hold.")
    kind: FixKind = Field(FixKind.DO, description=KIND_DESCRIPTION)
    effort: float = Field(1.0, gt=0, le=1000, description=EFFORT_DESCRIPTION)

    @model_validator(mode="after")
    def _paths(self) -> "LevelCondition":
        check_rule_paths(self.rule)
        return self


class PlausibilityCheck(Sourced):
    """A question an assessor would ask when numbers do not fit together (a warning, never a verdict)."""

    id: Slug = Field(description="Unique within the pack.")
    question: Text = Field(
        description="What an assessor would ask, e.g. How does the team run this many events?"
    )
    unit: Text = Field(
        description="What the rule's value counts, e.g. events a year per full-time person."
    )
    rule: Rule = Field(description="Plausible while the rule holds; a question when it does not.")

    @model_validator(mode="after")
    def _paths(self) -> "PlausibilityCheck":
        only_for_levels(self.rule)
        check_rule_paths(self.rule)
        return self


class LevelRequirements(Strict):
    """What a level takes; every part given must hold."""

    minimum_requirements: Literal["all"] | list[PackItemId] | None = Field(
        None, description="all (every minimum requirement of the pack) or a list of indicator ids."
    )
    score: Ratio | None = Field(
        None, description="The least excellence score, 0 to 1 (0.8 for 80 %)."
    )
    prerequisites: list[LevelRef] = Field(
        default_factory=list, description="Levels to reach first."
    )
    conditions: list[LevelCondition] = Field(default_factory=list, description="Further rules.")


class Level(Sourced):
    """A verdict the pack can give, e.g. gold."""

    id: Slug = Field(description="Level id, e.g. gold.")
    title: Text = Field(description="Level name as reports show it.")
    description: str | None = Field(None, description="What reaching the level means.")
    requires: LevelRequirements = Field(description="What the level takes.")


class StrategicAreaInfo(Strict):
    """One of the nine strategic areas, with the seed's examples."""

    id: StrategicArea = Field(description="The area id used in evidence files.")
    title: Text = Field(description="The area's title.")
    examples: list[Text] = Field(
        default_factory=list, description="Example services or activities."
    )


class CriteriaPack(Strict):
    """A criteria pack: the complete, self-describing criteria an assessment scores against."""

    schema_version: Literal[1] = Field(description="Version of the pack format; 1.")
    id: Slug = Field(description="Pack id, e.g. esca-gold.")
    title: Text = Field(description="Pack title.")
    version: str = Field(min_length=1, description="Version of the criteria content, e.g. 2026.1.")
    description: str | None = Field(None, description="What the pack is for and what it is not.")
    partial_credit: Ratio = Field(
        0.5,
        description="Share of a check's points earned when it is partial and it sets no partial_points.",
    )
    default_level: Slug = Field(description="The target level when --level is not given.")
    efforts: Efforts = Field(
        DEFAULT_EFFORTS,
        description="The basis and meaning of the checks' `effort` numbers (default: assumption).",
    )
    levels: list[Level] = Field(min_length=1, description="The levels, lowest first.")
    areas: list[Area] = Field(default_factory=list, description="The areas with their indicators.")
    portfolio: Portfolio | None = Field(None, description="Service portfolio classes.")
    plausibility: list[PlausibilityCheck] = Field(
        default_factory=list,
        description="Numbers an assessor would question when they do not fit together (warnings).",
    )
    strategic_areas: list[StrategicAreaInfo] | None = Field(
        None, description="The strategic areas."
    )

    def indicators(self) -> Iterator[Indicator]:
        """Every indicator, in pack order."""
        for area in self.areas:
            yield from area.indicators

    def indicator(self, indicator_id: str) -> Indicator | None:
        return next((item for item in self.indicators() if item.id == indicator_id), None)

    def level(self, level_id: str) -> Level | None:
        return next((item for item in self.levels if item.id == level_id), None)

    def level_named(self, name: str) -> Level | None:
        """A level by its id or by its short name, the first word of its id (`silver` for
        `silver-readiness`) when no other level of the pack starts with that word: what people type."""
        exact = self.level(name)
        if exact is not None:
            return exact
        short = [item for item in self.levels if item.id.split("-", 1)[0] == name]
        return short[0] if len(short) == 1 else None


KeyPath = tuple[str | int, ...]


def reference_problems(pack: CriteriaPack) -> list[tuple[KeyPath, str, str]]:
    """Cross-references a single field cannot check: (where, message, code) for each broken one."""
    problems: list[tuple[KeyPath, str, str]] = []
    seen: dict[str, KeyPath] = {}
    for a, area in enumerate(pack.areas):
        for i, indicator in enumerate(area.indicators):
            where: KeyPath = ("areas", a, "indicators", i, "id")
            if indicator.id in seen:
                first = ".".join(str(part) for part in seen[indicator.id][:-1])
                problems.append(
                    (
                        where,
                        f"indicator id `{indicator.id}` is already used at {first}",
                        "duplicate-id",
                    )
                )
            seen.setdefault(indicator.id, where)
    level_ids = [level.id for level in pack.levels]
    for n, level in enumerate(pack.levels):
        if level.id in level_ids[:n]:
            problems.append(
                (("levels", n, "id"), f"level id `{level.id}` is used twice", "duplicate-id")
            )
        named = level.requires.minimum_requirements
        for k, indicator_id in enumerate(named if isinstance(named, list) else ()):
            if indicator_id not in seen:
                where = ("levels", n, "requires", "minimum_requirements", k)
                problems.append(
                    (
                        where,
                        f"level `{level.id}` names unknown indicator `{indicator_id}`",
                        "unknown-ref",
                    )
                )
        for k, ref in enumerate(level.requires.prerequisites):
            if ref.pack in (None, pack.id) and ref.level not in level_ids:
                where = ("levels", n, "requires", "prerequisites", k, "level")
                problems.append(
                    (where, f"level `{level.id}` needs unknown level `{ref.level}`", "unknown-ref")
                )
    if pack.default_level not in level_ids:
        message = f"`{pack.default_level}` is not one of the levels ({', '.join(level_ids)})"
        problems.append((("default_level",), message, "unknown-ref"))
    return problems
