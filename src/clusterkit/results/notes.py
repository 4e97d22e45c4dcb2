"""Notes beside the verdict: what an assessor would ask, and what we don't know yet."""

from pydantic import Field

from clusterkit.results.base import Result


class AssessorQuestion(Result):
    """A plausibility warning: numbers that do not fit together, as an assessor would ask about them."""

    pack: str
    id: str
    question: str
    observed: str = Field(description="The value seen, with its unit.")
    expected: str = Field(description="What the pack finds plausible.")
    basis: str
    source: str | None
    reads: list[str]


class UnknownField(Result):
    """A field the evidence file does not give, and the indicators that cannot be judged without it."""

    field: str = Field(description="Dotted path of the field, as in `reads`.")
    checks: list[str] = Field(description="`pack indicator` of every unknown check that reads it.")
    stale: str | None = Field(
        None,
        description="Why a given value no longer counts (too old), or null when it is not given.",
    )


class UnknownSection(Result):
    """The unknown fields of one section of the evidence file."""

    section: str = Field(description="The top-level section of the evidence file to fill in.")
    fields: list[UnknownField]
