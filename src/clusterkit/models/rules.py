"""The closed set of rule kinds a check may use: data only, each evaluated by one pure function.

A rule reads one or two evidence fields by their dotted path (``financing.latest.private_share``). Paths are
checked against the evidence model when a pack is loaded, so a typo in a pack is a positioned error.
"""

from typing import Annotated, Literal

from pydantic import Field, model_validator

from clusterkit.models.base import IndicatorId, LanguageCode, Slug, Strict, Text
from clusterkit.models.basis import Sourced

FieldPath = Annotated[
    str,
    Field(
        pattern=r"^[a-z_][a-z0-9_]*(\.[a-z_][a-z0-9_]*)*$",
        description="Dotted path of an evidence field, e.g. financing.latest.private_share.",
    ),
]
Display = Literal["number", "percent", "money"]


class _Bounds(Strict):
    """Lower and upper bounds with optional, looser bounds that still earn partial credit."""

    min: float | None = Field(None, description="Met at or above this value.")
    max: float | None = Field(None, description="Met at or below this value.")
    partial_min: float | None = Field(
        None, description="Partial at or above this value (below min)."
    )
    partial_max: float | None = Field(
        None, description="Partial at or below this value (above max)."
    )

    @model_validator(mode="after")
    def _coherent(self) -> "_Bounds":
        if self.min is None and self.max is None:
            raise ValueError("give min, max or both")
        if self.partial_min is not None and (self.min is None or self.partial_min >= self.min):
            raise ValueError("partial_min must be below min")
        if self.partial_max is not None and (self.max is None or self.partial_max <= self.max):
            raise ValueError("partial_max must be above max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError("min must not exceed max")
        return self


class ThresholdRule(_Bounds):
    """A number (or a derived ratio) must lie within bounds."""

    kind: Literal["threshold"] = Field(description="threshold")
    field: FieldPath
    display: Display = Field(
        "number", description="How reports show the value: number, percent or money."
    )


class RatioRule(_Bounds):
    """numerator / denominator must lie within bounds; unknown if either is missing or the denominator is 0."""

    kind: Literal["ratio"] = Field(description="ratio")
    numerator: FieldPath
    denominator: FieldPath
    display: Display = Field("percent", description="How reports show the ratio.")
    unit: Text | None = Field(
        None,
        description="Words after the number in reports, e.g. `per participant` (EUR 778 per participant) or `participants per FTE`.",
    )


class CountRule(_Bounds):
    """The number of items of a list, optionally only items dated within a window, or complete items."""

    kind: Literal["count"] = Field(description="count")
    field: FieldPath
    within_months: int | None = Field(
        None,
        gt=0,
        description="Count only items whose date_field is within this many months before the assessment date.",
    )
    date_field: str | None = Field(
        None, description="The item field holding its date (with within_months)."
    )
    require: list[str] | None = Field(
        None, description="Count only items where all these item fields are given."
    )
    where: dict[str, str | bool | float] | None = Field(
        None,
        description="Count only items whose fields have these values, e.g. {scope: management}.",
    )

    @model_validator(mode="after")
    def _window(self) -> "CountRule":
        if (self.within_months is None) != (self.date_field is None):
            raise ValueError("within_months and date_field go together")
        return self


class RecencyRule(Strict):
    """A past date must be at most N months before the assessment date."""

    kind: Literal["recency"] = Field(description="recency")
    field: FieldPath
    max_age_months: int = Field(
        gt=0, description="Met when the date is at most this many months old."
    )
    partial_max_age_months: int | None = Field(None, gt=0, description="Partial up to this age.")

    @model_validator(mode="after")
    def _partial_longer(self) -> "RecencyRule":
        if (
            self.partial_max_age_months is not None
            and self.partial_max_age_months <= self.max_age_months
        ):
            raise ValueError("partial_max_age_months must be longer than max_age_months")
        return self


class HorizonRule(Strict):
    """A future date must be at least N months after the assessment date (e.g. financing secured until)."""

    kind: Literal["horizon"] = Field(description="horizon")
    field: FieldPath
    min_ahead_months: int = Field(
        gt=0, description="Met when the date is at least this many months ahead."
    )
    partial_min_ahead_months: int | None = Field(
        None, ge=0, description="Partial from this many months ahead."
    )

    @model_validator(mode="after")
    def _partial_shorter(self) -> "HorizonRule":
        if (
            self.partial_min_ahead_months is not None
            and self.partial_min_ahead_months >= self.min_ahead_months
        ):
            raise ValueError("partial_min_ahead_months must be shorter than min_ahead_months")
        return self


class AgeRule(Strict):
    """A date (or a year, read as its last day) must lie at least N months before the assessment date."""

    kind: Literal["age"] = Field(description="age")
    field: FieldPath
    min_age_months: int = Field(
        gt=0, description="Met when the date is at least this many months old."
    )
    partial_min_age_months: int | None = Field(None, gt=0, description="Partial from this age.")

    @model_validator(mode="after")
    def _partial_younger(self) -> "AgeRule":
        if (
            self.partial_min_age_months is not None
            and self.partial_min_age_months >= self.min_age_months
        ):
            raise ValueError("partial_min_age_months must be shorter than min_age_months")
        return self


class PresentRule(Strict):
    """A field must be given and not empty."""

    kind: Literal["present"] = Field(description="present")
    field: FieldPath


class FlagRule(Strict):
    """A yes/no field must have the expected value."""

    kind: Literal["flag"] = Field(description="flag")
    field: FieldPath
    expected: bool = Field(True, description="The value that meets the check.")


class Section(Strict):
    """A section a document must have, with the headings that name it in each language."""

    id: Slug = Field(
        description="Section id, the key an evidence file's `sections:` maps to its own heading."
    )
    names: dict[LanguageCode, list[Text]] = Field(
        min_length=1,
        description="Headings that name this section, by ISO 639-1 language code (en, de, fr, no...).",
    )

    def all_names(self) -> list[str]:
        return [name for names in self.names.values() for name in names]

    def shown_name(self, language: str | None) -> str:
        """The name to show: the first in ``language``, else the first in English, else the first."""
        own = self.names.get(language or "") or self.names.get("en")
        return (own or self.all_names())[0]


class DocumentRule(Strict):
    """A document named by the evidence must exist, optionally with headings, substance and recent changes."""

    kind: Literal["document"] = Field(description="document")
    field: FieldPath
    sections: list[Text | Section] | None = Field(
        None,
        description="Sections the document must have: a heading (any language), or a section with its names per language. Case, numbering and punctuation are ignored.",
    )
    min_words: int | None = Field(
        None,
        gt=0,
        description="Fewer words than this make the document partial: too little for what it claims.",
    )
    max_age_months: int | None = Field(
        None,
        gt=0,
        description="The document must have changed within this many months (git or file date).",
    )


class DeclarationRule(Strict):
    """A self-declared status with a justification, for what numbers cannot show."""

    kind: Literal["declaration"] = Field(description="declaration")
    indicator: IndicatorId | None = Field(
        None, description="The declarations key to read; defaults to the check's own indicator id."
    )
    requires_documents: bool = Field(
        True, description="A met declaration without documents counts as partial."
    )


GapStatus = Literal["unmet", "partial", "unknown"]


class ImprovedMeasure(Sourced):
    """What counts as an improved indicator: a pack's own reading of "improvement", with its basis."""

    by: Literal["status", "points", "met"] = Field(
        "status",
        description="status: its status rose (unmet to partial, unmet or partial to met); points: its points rose; met: it is met now.",
    )
    gaps: list[GapStatus] = Field(
        default_factory=lambda: list[GapStatus](("unmet", "partial")),
        min_length=1,
        description="The baseline statuses that make an indicator a gap (unmet, partial, unknown).",
    )

    def words(self) -> str:
        """The measure in words, for reasons: a reader must see what was counted."""
        rose = {
            "status": "whose status rose",
            "points": "whose points rose",
            "met": "that is met now",
        }[self.by]
        return f"an indicator {' or '.join(self.gaps)} in the baseline {rose}"


class ImprovementRule(Strict):
    """Indicators that were gaps in a baseline assessment and improved since (level conditions only).

    Without a baseline, the ``declared`` count rule (a hand-written list) is the fallback, labelled as
    declared, not measured.
    """

    kind: Literal["improvement"] = Field(description="improvement")
    min: int = Field(gt=0, description="Met with at least this many improved indicators.")
    improved: ImprovedMeasure = Field(
        description="What counts as improved, with its basis (and source where the basis claims one)."
    )
    declared: CountRule | None = Field(
        None,
        description="Without a baseline: this count rule over a hand-written list (e.g. improvement_areas), shown as declared, not measured. None: unknown without a baseline.",
    )


Rule = Annotated[
    ThresholdRule
    | RatioRule
    | CountRule
    | RecencyRule
    | HorizonRule
    | AgeRule
    | PresentRule
    | FlagRule
    | DocumentRule
    | DeclarationRule
    | ImprovementRule,
    Field(discriminator="kind"),
]
