"""Shared model configuration and the constrained value types every input file uses."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, GetCoreSchemaHandler
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


Count = Annotated[int, Field(ge=0)]
Ratio = Annotated[float, Field(ge=0.0, le=1.0)]
Money = Annotated[float, Field(ge=0.0)]
Text = Annotated[str, Field(min_length=1)]
Year = Annotated[int, Field(ge=1900, le=2200)]
Fte = Annotated[float, Field(gt=0.0, le=1.0)]
Slug = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", min_length=1, max_length=64)]
IndicatorId = Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(\.[A-Za-z0-9]+)*$")]
LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]  # ISO 639-1, lower case
