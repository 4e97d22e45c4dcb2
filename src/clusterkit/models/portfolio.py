"""The service portfolio part of a pack: its classes, the neutral band of the money, the survey scale."""

from typing import Annotated

from pydantic import Field, model_validator

from clusterkit.models.base import Count, Ratio, Slug, Strict, Text
from clusterkit.models.basis import Sourced
from clusterkit.models.vocab import Appreciation, Contribution


class PortfolioClass(Strict):
    """A portfolio class: which positions (contribution x appreciation) it covers and what to do."""

    id: Slug = Field(description="Class id, e.g. scale-up.")
    title: Text = Field(description="Class name, e.g. Scale up.")
    advice: Text = Field(description="What to do with services of this class.")
    cells: list[tuple[Contribution, Appreciation]] = Field(
        min_length=1,
        description="The [contribution, appreciation] cells of the grid this class covers.",
    )


class NeutralBand(Sourced):
    """When a service's figures say it neither costs nor earns money: the net within a share of its cost."""

    share_of_cost: Ratio = Field(
        description="A net (income minus cost) within plus or minus this share of the cost is neutral (€0); 0.1 for 10 %."
    )


LikertAnswer = Annotated[int, Field(ge=1, le=5)]
LikertMean = Annotated[float, Field(ge=1.0, le=5.0)]


class SurveyScale(Sourced):
    """How answers on the 1 to 5 scale of a member survey become the portfolio's three faces."""

    satisfied_from: LikertAnswer = Field(
        description="An answer at or above this counts as satisfied, willing to pay or recommending (4: the top two boxes)."
    )
    positive_from: LikertMean = Field(
        description="A service whose mean answer is at or above this is appreciated (😊)."
    )
    negative_below: LikertMean = Field(
        description="A service whose mean answer is below this is disliked (😞); between the two: neutral (😐)."
    )
    min_answers: Count = Field(
        description="Fewer answers than this about a service say nothing about it: it keeps its hand mark."
    )

    @model_validator(mode="after")
    def _ordered(self) -> "SurveyScale":
        if self.negative_below > self.positive_from:
            raise ValueError("negative_below must not be above positive_from")
        return self


class Portfolio(Sourced):
    """The service portfolio classes: every cell of the 3 x 3 grid belongs to exactly one class."""

    classes: list[PortfolioClass] = Field(min_length=1, description="The classes.")
    neutral_band: NeutralBand | None = Field(
        None,
        description="When a service's cost and income make it neutral; without it, figures do not class services.",
    )
    survey_scale: SurveyScale | None = Field(
        None,
        description="How survey answers class services and count satisfied members; without it, surveys do not class services.",
    )

    @model_validator(mode="after")
    def _grid_covered_once(self) -> "Portfolio":
        cells = [cell for item in self.classes for cell in item.cells]
        grid = {(c, a) for c in Contribution for a in Appreciation}
        if len(cells) != len(set(cells)) or set(cells) != grid:
            raise ValueError(
                "every [contribution, appreciation] cell must belong to exactly one class"
            )
        return self
