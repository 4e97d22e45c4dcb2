"""What closing a gap takes: the kind of fix and its effort, which the roadmap plans with."""

from enum import StrEnum
from typing import Literal

from pydantic import Field

from clusterkit.models.base import Text
from clusterkit.models.basis import Basis, Sourced


class FixKind(StrEnum):
    """What closing a gap takes once its value is known: the roadmap plans only what can be done."""

    RECORD = "record"  # the fact may well exist: write it down
    DO = "do"  # work to do
    CANNOT = "cannot"  # time-bound (the organisation's age): shown, never counted as a fix


EFFORT_DESCRIPTION = (
    "Person-days of the cluster management team to close the gap once (a rough estimate, "
    "the pack's `efforts` say its basis); the roadmap proposes the least total effort. Default 1."
)
KIND_DESCRIPTION = (
    "record (the fact may exist: write it down), do (work to do) or cannot (time-bound, like the "
    "organisation's age: shown, never counted as a fix). Default do. An unknown value is always a "
    "record step first."
)


class Efforts(Sourced):
    """Where the pack's effort estimates come from, and what one unit means."""

    unit: Literal["person-days"] = Field(
        "person-days", description="The unit of every `effort`: person-days of the team."
    )
    meaning: Text = Field(
        "Person-days of the cluster management team to close a gap once; a rough estimate.",
        description="What an effort number means, as reports show it.",
    )
    record: float = Field(
        0.25,
        gt=0,
        le=1000,
        description="Effort of writing down a value the file does not give yet (a record step), whatever the check's own effort: the fact may well exist.",
    )


# Built from the model's own defaults without validating them: validating would build the model's
# validator when the module is imported, on every start, though a cached pack never validates.
DEFAULT_EFFORTS = Efforts.model_construct(basis=Basis.ASSUMPTION)
