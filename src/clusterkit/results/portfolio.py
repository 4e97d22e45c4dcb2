"""The service portfolio as the core produces it: each service with its money, survey and class."""

import datetime as dt
from typing import Literal

from pydantic import Field

from clusterkit.results.base import Result


class ServiceMoney(Result):
    """A service's figures for a year, in EUR, and the contribution class they give."""

    cost: float = Field(description="External costs plus staff days at the day rate.")
    income: float = Field(description="Fees, sponsors and public project money.")
    net: float = Field(description="Income minus cost.")
    contribution: Literal["costs", "neutral", "earns"] | None = Field(
        description="The class the figures give with the pack's neutral band; null when the pack sets no band."
    )


class ServiceSurvey(Result):
    """What the latest survey said about a service."""

    survey_date: dt.date = Field(description="The survey the ratings come from.")
    answers: int = Field(description="Respondents who rated the service (n).")
    mean: float | None = Field(description="Mean rating, 1 to 5.")
    appreciation: Literal["positive", "neutral", "negative"] | None = Field(
        description="The face the mean gives on the pack's survey scale; null with too few answers."
    )
    willing_to_pay_share: float | None = Field(
        description="Share of respondents who would pay for it."
    )
    pay_answers: int | None = Field(description="Respondents who answered the pay question.")


Decider = Literal["figures", "survey", "mark"]


class ServicePlacement(Result):
    """One service in the portfolio matrix, classed by its figures and survey where it has them."""

    name: str
    area: str | None
    applied: str | None
    times_per_year: int | None = Field(description="Times it ran in the last 12 months.")
    members_reached: int | None = Field(description="Members who used it in the last 12 months.")
    contribution: list[str] | None = Field(
        description="The contribution it is classed by: from its figures, else its hand mark."
    )
    appreciation: list[str] | None = Field(
        description="The appreciation it is classed by: from the survey, else its hand mark."
    )
    contribution_by: Decider | None = Field(description="figures or mark; null when blank.")
    appreciation_by: Decider | None = Field(description="survey or mark; null when blank.")
    contribution_mark: list[str] | None = Field(description="The hand mark in the evidence.")
    appreciation_mark: list[str] | None = Field(description="The hand mark in the evidence.")
    disagreements: list[Literal["contribution", "appreciation"]] = Field(
        description="Where the hand mark and the figures (or the survey) say different things."
    )
    marks_win_because: str | None = Field(
        description="Why the hand marks win over figures and survey, as the evidence says."
    )
    money: ServiceMoney | None = Field(
        description="Its figures; null when cost or income is blank."
    )
    survey: ServiceSurvey | None = Field(description="The latest survey's ratings of it.")
    assessed: bool = Field(description="false when contribution or appreciation is blank.")
    x: float | None = Field(description="Mean contribution, -1 costs .. +1 earns.")
    y: float | None = Field(description="Mean appreciation, -1 negative .. +1 positive.")
    class_id: str | None
    class_title: str | None


class PortfolioClassSummary(Result):
    """A portfolio class with its advice and the services in it."""

    id: str
    title: str
    advice: str
    cells: list[tuple[str, str]] = Field(
        description="The [contribution, appreciation] cells of the grid it covers."
    )
    services: list[str]


class AreaCoverage(Result):
    """One strategic area: whether the strategy names it, the services serving it and their money."""

    id: str
    title: str
    in_strategy: bool
    services: list[str]
    cost: float | None = Field(description="Cost of its services with figures, in EUR.")
    income: float | None = Field(description="Income of its services with figures, in EUR.")
    net: float | None = Field(description="Income minus cost; null when no service has figures.")
    with_figures: int = Field(description="How many of its services have figures.")


class PortfolioRules(Result):
    """The pack's numbers that turned figures and survey answers into classes, with their basis."""

    neutral_band: float | None = Field(description="Net within this share of the cost: neutral.")
    neutral_band_basis: str | None
    satisfied_from: int | None = Field(description="An answer at or above this: satisfied.")
    positive_from: float | None = Field(description="A mean at or above this: positive.")
    negative_below: float | None = Field(description="A mean below this: negative.")
    min_answers: int | None = Field(description="Fewer answers: the survey does not class.")
    survey_scale_basis: str | None


class PortfolioAnalysis(Result):
    """The service portfolio: placement, classes, and strategic-area coverage."""

    pack: str = Field(description="The pack whose classes were used.")
    basis: str
    rules: PortfolioRules
    services: list[ServicePlacement]
    classes: list[PortfolioClassSummary]
    not_assessed: list[str]
    coverage: list[AreaCoverage]
    cost: float | None = Field(description="Cost of all services with figures, in EUR.")
    income: float | None = Field(description="Income of all services with figures, in EUR.")
    net: float | None = Field(description="Income minus cost; null when no service has figures.")
