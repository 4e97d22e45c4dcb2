"""What the members say: satisfaction surveys and their results."""

from collections.abc import Mapping
from typing import Annotated, Any

from pydantic import Field, computed_field

from clusterkit.models.base import (
    Consistent,
    Count,
    Date,
    DocumentPath,
    FieldError,
    Ratio,
    Strict,
    Text,
    exceeding,
)


class SurveySource(Strict):
    """Where an imported survey summary comes from: the export it was computed from."""

    file: Text = Field(description="File name of the survey export (without its folder).")
    imported: Date = Field(description="When it was imported.")
    rows: Count = Field(description="Respondent rows read from the export (n).")
    satisfied_from: Annotated[int, Field(ge=1, le=5)] = Field(
        description="The answer (1 to 5) from which a respondent counted as satisfied, willing or recommending: the pack's survey scale at import."
    )


class ServiceRating(Strict):
    """What the respondents of one survey said about one service (answers on a 1 to 5 scale)."""

    service: Text = Field(description="The service's name, as in services[].name.")
    answers: Count = Field(description="Respondents who rated it (n).")
    mean: Annotated[float, Field(ge=1.0, le=5.0)] | None = Field(
        None, description="Mean rating, 1 to 5; empty when nobody rated it."
    )
    pay_answers: Count | None = Field(
        None, description="Respondents who said whether they would pay for it."
    )
    willing_to_pay_share: Ratio | None = Field(
        None, description="Share of those who would pay for it (0 to 1)."
    )


class SatisfactionSurvey(Consistent):
    """A survey of participants' satisfaction (indicator 5.3)."""

    date: Date = Field(description="When the survey closed.")
    invited: Count | None = Field(None, description="Participants invited to answer.")
    respondents: Count | None = Field(None, description="Participants who answered.")
    satisfied_share: Ratio | None = Field(
        None, description="Share of respondents satisfied overall (0 to 1)."
    )
    willing_to_pay_share: Ratio | None = Field(
        None,
        description="Share of respondents willing to pay for the services they value (0 to 1).",
    )
    recommend_share: Ratio | None = Field(
        None, description="Share of respondents who would recommend the cluster (0 to 1)."
    )
    services: list[ServiceRating] | None = Field(
        None, description="Ratings of the services, one entry per service asked about."
    )
    source: SurveySource | None = Field(
        None,
        description="The export the figures were computed from, when `clusterkit survey import` wrote them.",
    )
    report: DocumentPath | None = Field(None, description="The survey's results report.")
    actions: list[Text] | None = Field(
        None, description="What the cluster management changed because of it."
    )

    @classmethod
    def contradictions(cls, values: Mapping[str, Any]) -> list[FieldError]:
        return exceeding(values, "respondents", "invited")

    @computed_field(description="Respondents as a share of those invited.")
    @property
    def response_rate(self) -> float | None:
        if self.invited is None or self.respondents is None or self.invited == 0:
            return None
        return self.respondents / self.invited
