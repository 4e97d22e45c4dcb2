"""Shared model configuration and the constrained value types every input file uses."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetCoreSchemaHandler,
    JsonValue,
)
from pydantic_core import CoreSchema, core_schema


class Strict(BaseModel):
    """Base of every input model: immutable, no unknown keys, no NaN or infinity.

    ``coerce_numbers_to_str``: the loader reads ``1234`` as a number, but a postcode or a region code is text;
    a cluster manager should not have to quote it.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        allow_inf_nan=False,
        coerce_numbers_to_str=True,
        validate_default=False,
        use_attribute_docstrings=False,
        defer_build=True,
    )


class FieldError(ValueError):
    """A model validator's error about one of the model's own fields, reported at that field.

    pydantic places a model validator's error at the whole mapping; ``at`` (a key path inside it, e.g.
    ``("rule", "field")``) lets ``validation`` point at the offending line instead. ``hint`` says what to do.
    """

    def __init__(self, message: str, at: tuple[str | int, ...] = (), hint: str = "") -> None:
        super().__init__(message)
        self.at = at
        self.hint = hint


class DocumentPath(str):
    """A path to a document in the evidence file's repository, relative to the evidence file.

    A ``str`` subclass, so ``evidence.collect`` can find every document an evidence file names by walking the
    validated model, without a list of field names that could drift from the models.
    """

    __slots__ = ()

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        return core_schema.no_info_after_validator_function(
            cls, core_schema.str_schema(min_length=1, strip_whitespace=True)
        )


class WrittenFloat(float):
    """A float that remembers how it was written: the loader keeps `250.000` apart from `250.0`.

    Only the strict loader makes these; a value built in Python is a plain float and skips the text checks.
    """

    __slots__ = ("written",)
    written: str

    def __new__(cls, written: str) -> WrittenFloat:
        value = super().__new__(cls, written)
        value.written = written
        return value

    def __reduce__(self) -> tuple[type[WrittenFloat], tuple[str]]:
        return (WrittenFloat, (self.written,))


# Exactly three decimals after one to three digits: what a European thousands separator looks like.
THOUSANDS = re.compile(r"[+]?[0-9]{1,3}(\.[0-9]{3})+")
# A share written as a percentage: `30%`, `30 %`, `12.5%`.
PERCENT_TEXT = re.compile(r"\s*([0-9]+(?:[.,][0-9]+)?)\s*%\s*")


def _money(value: Any) -> Any:
    """Refuse `250.000`: in a European file it means 250,000 euros, read as a float it is 250."""
    if isinstance(value, WrittenFloat) and THOUSANDS.fullmatch(value.written):
        whole = value.written.lstrip("+").replace(".", "")
        raise FieldError(
            f"`{value.written}` looks like a thousands separator",
            hint=f"write {int(whole)} (the full amount, no separator), "
            f"or {float(value):.1f} if you mean {float(value):g} euros",
        )
    return value


def _share(value: Any) -> Any:
    """Refuse a share written with a percent sign (`30%`): shares are 0 to 1.

    A bare `30` fails the share's upper bound, whose message (load.messages) gives the same hint.
    """
    if isinstance(value, str) and (match := PERCENT_TEXT.fullmatch(value)):
        percent = float(match.group(1).replace(",", "."))
        raise FieldError(
            f"`{value.strip()}` is a percentage; a share is a number from 0 to 1",
            hint=f"write {percent / 100:.2f}",
        )
    return value


def window(months: int) -> dict[str, JsonValue]:
    """Schema note for a count over a recent period ("in the last 12 months"): it ages.

    The scorer reads a value so marked as unknown once the `as_of` date of its section (else the file's
    assessment_date) lies more than this many months before the assessment date.
    """
    return {"window_months": months}


AS_OF_DESCRIPTION = (
    "The date the counts of this section were taken (the end of their 12 or 24 months). Default: the "
    "file's assessment_date. Counts older than their window before the assessment date read as unknown."
)


Count = Annotated[int, Field(ge=0)]
# The before-validators come last so they wrap the bounds: they see the value as written, first.
Ratio = Annotated[float, Field(ge=0.0, le=1.0), BeforeValidator(_share)]
Money = Annotated[float, Field(ge=0.0), BeforeValidator(_money)]
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Fte = Annotated[float, Field(gt=0.0, le=1.0)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=64)]
IndicatorId = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]  # ISO 639-1, lower case
