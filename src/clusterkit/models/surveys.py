"""What the members say: satisfaction surveys and their results."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, computed_field, model_validator

from clusterkit.models.base import (
    Count,
    DocumentPath,
    Ratio,
    Strict,
    Text,
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
